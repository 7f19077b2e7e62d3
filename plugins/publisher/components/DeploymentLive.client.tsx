'use client'
import { Banner, Button, ConfirmationModal, Pill, toast, useAuth, useConfig, useDocumentInfo, useDocumentTitle, useFormFields, useModal } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useRef, useState } from 'react'

import { errorMessage, PILL_STYLES, RUNNING, statusLabel } from './status'
import { DeploymentSummary, type SummaryData } from './DeploymentSummary.client'

type Live = SummaryData & {
  id: number
  title?: string | null
  status: string
  trigger?: string
  target?: string | null
  url?: string | null
  error?: string | null
  log?: string | null
  progress?: { phase?: string; done?: number; total?: number; message?: string } | null
  cancelRequestedAt?: string | null
  warningCount?: number | null
  warnings?: string | null
}

const POLL_MS = 1_500
const FIELDS = [
  'title',
  'status',
  'site',
  'trigger',
  'target',
  'url',
  'error',
  'log',
  'progress',
  'cancelRequestedAt',
  'metrics',
  'warningCount',
  'warnings',
  'startedAt',
  'finishedAt',
  'requestedBy',
  'rollbackOf',
  'redeployOf',
  'createdAt',
]
// related documents: only what the summary names (an editor's colleague stays an id: users read only themselves)
const POPULATE = ['populate[sites][domain]=true', 'populate[users][name]=true', 'populate[users][email]=true', 'populate[deployments][title]=true']
const ROLLBACK_MODAL = 'publisher-rollback'

/**
 * A deployment's page: status, summary, progress and log, refreshed while
 * it runs (polling the REST API with only the fields shown), and the actions
 * the caller may take: Cancel while it runs; Roll back to this and Redeploy
 * once it has succeeded. Everything a reader sees about the run comes from
 * this one poll (the form's own copies are not shown), and once the run has
 * ended the page is refreshed, so the title and the admins' internals
 * (loaded with the page, perhaps mid-run) agree with it.
 */
export const DeploymentLive = () => {
  const { id } = useDocumentInfo()
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const { openModal } = useModal()
  const { user } = useAuth()
  const { setDocumentTitle } = useDocumentTitle()
  // the status the page was rendered with; refreshed (router.refresh) once the live one has moved past it to an end
  const formStatus = useFormFields(([fields]) => fields?.status?.value as string | undefined)
  const refreshedFor = useRef<string | null>(null)
  const router = useRouter()
  const [live, setLive] = useState<Live | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const logRef = useRef<HTMLPreElement>(null)
  const base = `${serverURL}${api}/deployments/${id}`

  const load = useCallback(async () => {
    const query = FIELDS.map((field) => `select[${field}]=true`).join('&')
    const res = await fetch(`${base}?depth=1&${query}&${POPULATE.join('&')}`, { credentials: 'include' })
    if (!res.ok) throw new Error(await errorMessage(res, `HTTP ${res.status}`))
    return (await res.json()) as Live
  }, [base])

  useEffect(() => {
    if (!id) return
    let timer: ReturnType<typeof setTimeout> | undefined
    let isStopped = false
    const tick = async () => {
      try {
        const doc = await load()
        if (isStopped) return
        setLive(doc)
        setLoadError(null)
        if (!RUNNING.has(doc.status)) return
      } catch (err) {
        if (isStopped) return
        setLoadError(`Could not refresh this deployment: ${(err as Error).message}`)
      }
      timer = setTimeout(() => void tick(), POLL_MS)
    }
    void tick()
    return () => {
      isStopped = true
      if (timer) clearTimeout(timer)
    }
  }, [id, load])

  useEffect(() => {
    if (live?.title) setDocumentTitle(live.title)
  }, [live?.title, setDocumentTitle])

  useEffect(() => {
    if (!live || RUNNING.has(live.status) || live.status === formStatus || refreshedFor.current === live.status) return
    refreshedFor.current = live.status
    router.refresh()
  }, [live, formStatus, router])

  useEffect(() => {
    const pre = logRef.current
    if (pre) pre.scrollTop = pre.scrollHeight
  }, [live?.log])

  const act = async (action: 'cancel' | 'rollback' | 'redeploy') => {
    setIsBusy(true)
    try {
      const res = await fetch(`${base}/${action}`, { method: 'POST', credentials: 'include' })
      if (!res.ok) {
        toast.error(await errorMessage(res, `Could not ${action} (HTTP ${res.status}).`))
        return
      }
      const body = (await res.json()) as { message?: string; doc?: { id: number } }
      toast.success(body.message ?? 'Done.')
      if (action === 'cancel') setLive(await load())
      else if (body.doc) router.push(`${admin}/collections/deployments/${body.doc.id}`)
    } catch {
      toast.error('Could not reach the server. Check your connection and try again.')
    } finally {
      setIsBusy(false)
    }
  }

  if (!id) return null
  if (!live) return loadError ? <Banner type="error">{loadError}</Banner> : <p>Loading deployment…</p>

  const isRunning = RUNNING.has(live.status)
  const { done = 0, total = 0, phase, message } = live.progress ?? {}
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null

  return (
    <div className="field-type deployment-live" style={{ marginBottom: 'calc(var(--base) * 1.5)' }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 'calc(var(--base) / 2)', flexWrap: 'wrap' }}>
        <Pill pillStyle={PILL_STYLES[live.status] ?? 'light'}>{statusLabel(live.status)}</Pill>
        {live.url ? (
          <a href={live.url} target="_blank" rel="noopener noreferrer">
            {live.url}
          </a>
        ) : null}
        <span style={{ flex: 1 }} />
        {isRunning ? (
          <Button buttonStyle="secondary" size="small" margin={false} disabled={isBusy || Boolean(live.cancelRequestedAt)} onClick={() => void act('cancel')}>
            {live.cancelRequestedAt ? 'Cancelling…' : 'Cancel'}
          </Button>
        ) : null}
        {live.status === 'success' ? (
          <>
            <Button buttonStyle="secondary" size="small" margin={false} disabled={isBusy} onClick={() => openModal(ROLLBACK_MODAL)}>
              Roll back to this
            </Button>
            <Button buttonStyle="secondary" size="small" margin={false} disabled={isBusy} onClick={() => void act('redeploy')}>
              Redeploy
            </Button>
          </>
        ) : null}
      </div>
      <DeploymentSummary live={live} userId={user?.id} adminRoute={admin} />
      {isRunning ? (
        <div style={{ marginTop: 'calc(var(--base) / 2)' }} aria-live="polite">
          <div style={{ height: 6, borderRadius: 3, background: 'var(--theme-elevation-100)', overflow: 'hidden' }}>
            <div
              role="progressbar"
              aria-label="Deployment progress"
              aria-valuenow={percent ?? undefined}
              aria-valuemin={0}
              aria-valuemax={100}
              style={{ height: '100%', width: `${percent ?? 5}%`, background: 'var(--theme-success-500)', transition: 'width 0.4s' }}
            />
          </div>
          <small>
            {phase ? statusLabel(phase) : statusLabel(live.status)}
            {total > 0 ? ` ${done} / ${total}` : ''}
            {message ? ` — ${message}` : ''}
          </small>
        </div>
      ) : null}
      {live.error && live.status !== 'success' ? (
        <Banner type={live.status === 'cancelled' ? 'info' : 'error'}>{live.error}</Banner>
      ) : null}
      {loadError ? <Banner type="error">{loadError}</Banner> : null}
      {live.warningCount ? (
        <Banner type="info">
          <strong>
            Published with {live.warningCount} warning{live.warningCount === 1 ? '' : 's'}
          </strong>{' '}
          (links to pages the site does not have; fix them in the pages named):
          <ul style={{ margin: 'calc(var(--base) / 4) 0 0', paddingLeft: 'calc(var(--base) * 1.2)' }}>
            {(live.warnings ?? '')
              .split('\n')
              .filter(Boolean)
              .slice(0, 50)
              .map((line) => (
                <li key={line}>{line}</li>
              ))}
          </ul>
        </Banner>
      ) : null}
      <pre
        ref={logRef}
        style={{
          maxHeight: 320,
          overflow: 'auto',
          padding: 'calc(var(--base) / 2)',
          background: 'var(--theme-elevation-50)',
          border: '1px solid var(--theme-elevation-150)',
          borderRadius: 'var(--style-radius-s)',
          fontSize: 12,
          whiteSpace: 'pre-wrap',
        }}
      >
        {live.log || 'No log yet.'}
      </pre>
      <ConfirmationModal
        modalSlug={ROLLBACK_MODAL}
        heading="Roll back to this deployment?"
        body="Its version becomes the live site again. Later deployments stay in the history and can be rolled back to as well."
        confirmLabel="Roll back"
        onConfirm={() => act('rollback')}
      />
    </div>
  )
}
