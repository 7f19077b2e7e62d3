'use client'
import type { ReactNode } from 'react'

type Ref<T> = number | (T & { id: number }) | null | undefined

export type SummaryData = {
  site?: Ref<{ domain?: string }>
  trigger?: string | null
  target?: string | null
  requestedBy?: Ref<{ name?: string | null; email?: string }>
  rollbackOf?: Ref<{ title?: string | null }>
  redeployOf?: Ref<{ title?: string | null }>
  startedAt?: string | null
  finishedAt?: string | null
  createdAt?: string | null
  warningCount?: number | null
  metrics?: {
    buildMs?: number | null
    gateMs?: number | null
    uploadMs?: number | null
    files?: number | null
    bytes?: number | null
    filesUploaded?: number | null
    bytesUploaded?: number | null
    pagesRendered?: number | null
    pagesSkipped?: number | null
  } | null
}

const TRIGGERS: Record<string, string> = { manual: 'Deploy now', auto: 'Automatic, after a save', api: 'API', rollback: 'Rollback' }
const TARGETS: Record<string, string> = { filesystem: 'Local folder', 'cloudflare-pages': 'Cloudflare Pages' }

const idOf = <T,>(ref: Ref<T>): number | null => (ref === null || ref === undefined ? null : typeof ref === 'object' ? ref.id : ref)
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

export const formatDuration = (ms: number): string => {
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`
  const seconds = ms / 1_000
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes} min ${Math.round(seconds - minutes * 60)} s`
}

export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

const when = (iso: string | null | undefined): string | null => (iso ? new Date(iso).toLocaleString() : null)

/**
 * What a deployment did, in words anyone can read: the site, what started
 * it and who, when and how long, files, pages rendered or reused, warnings.
 * Rendered from the live poll, so it never disagrees with the status above.
 */
export const DeploymentSummary = ({ live, userId, adminRoute }: { live: SummaryData; userId?: number | string; adminRoute: string }) => {
  const siteId = idOf(live.site)
  const domain = typeof live.site === 'object' && live.site ? live.site.domain : null
  const requester = live.requestedBy
  const requesterId = idOf(requester)
  const who =
    requesterId === null
      ? live.trigger === 'auto'
        ? 'Panel (autoDeploy)'
        : null
      : String(requesterId) === String(userId)
        ? 'You'
        : typeof requester === 'object' && requester
          ? requester.name || requester.email || `User ${requesterId}`
          : 'Another user'
  const m = live.metrics ?? {}
  const started = live.startedAt ? Date.parse(live.startedAt) : null
  const ended = live.finishedAt ? Date.parse(live.finishedAt) : null
  const deploymentLink = (ref: SummaryData['rollbackOf']): ReactNode => {
    const id = idOf(ref)
    if (id === null) return null
    const title = typeof ref === 'object' && ref?.title ? ref.title : `deployment ${id}`
    return <a href={`${adminRoute}/collections/deployments/${id}`}>{title}</a>
  }

  const rows: [string, ReactNode][] = []
  rows.push(['Site', siteId === null ? 'Deleted' : <a href={`${adminRoute}/collections/sites/${siteId}`}>{domain ?? `Site ${siteId}`}</a>])
  if (live.trigger) rows.push(['Started by', [TRIGGERS[live.trigger] ?? live.trigger, who].filter(Boolean).join(' — ')])
  if (live.rollbackOf) rows.push(['Rolls back to', deploymentLink(live.rollbackOf)])
  if (live.redeployOf) rows.push(['Publishes again', deploymentLink(live.redeployOf)])
  if (live.target) rows.push(['Published to', TARGETS[live.target] ?? live.target])
  rows.push(['Queued', when(live.createdAt) ?? '—'])
  rows.push(['Started', when(live.startedAt) ?? 'Not yet'])
  rows.push(['Finished', when(live.finishedAt) ?? 'Not yet'])
  if (started !== null) rows.push(['Duration', `${formatDuration((ended ?? Date.now()) - started)}${ended === null ? ' so far' : ''}`])
  if (isNumber(m.files)) {
    const uploaded = isNumber(m.filesUploaded) ? `, ${m.filesUploaded} new or changed` : ''
    rows.push(['Files', `${m.files}${isNumber(m.bytes) ? ` (${formatBytes(m.bytes)})` : ''}${uploaded}`])
  }
  if (isNumber(m.pagesRendered) || isNumber(m.pagesSkipped)) rows.push(['Pages', `${m.pagesRendered ?? 0} rendered, ${m.pagesSkipped ?? 0} reused unchanged`])
  const steps = [
    isNumber(m.buildMs) ? `build ${formatDuration(m.buildMs)}` : null,
    isNumber(m.gateMs) ? `link check ${formatDuration(m.gateMs)}` : null,
    isNumber(m.uploadMs) ? `upload ${formatDuration(m.uploadMs)}` : null,
  ].filter(Boolean)
  if (steps.length > 0) rows.push(['Steps', steps.join(', ')])
  if (live.finishedAt || isNumber(live.warningCount)) rows.push(['Warnings', live.warningCount ? String(live.warningCount) : 'None'])

  return (
    <dl
      className="deployment-summary"
      style={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 'var(--base)',
        rowGap: 'calc(var(--base) / 4)',
        margin: 'calc(var(--base) / 2) 0',
      }}
    >
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: 'contents' }}>
          <dt style={{ fontWeight: 600 }}>{label}</dt>
          <dd style={{ margin: 0 }}>{value}</dd>
        </div>
      ))}
    </dl>
  )
}
