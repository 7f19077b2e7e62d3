'use client'

import { useConfig } from '@payloadcms/ui'
import React, { useCallback, useEffect, useId, useRef, useState } from 'react'

import { Sparkline } from '@/plugins/analytics/components/Sparkline.client'
import type { Overview, OverviewRow } from '../overview'
import { type ActionResult, deploySites, generateForSites, tagSites } from './actions'
import './fleet.css'

const number = new Intl.NumberFormat('en')
const STATUS_LABELS: Record<string, string> = {
  queued: 'Queued',
  building: 'Building',
  uploading: 'Uploading',
  success: 'Success',
  failed: 'Failed',
  cancelled: 'Cancelled',
  never: 'Never deployed',
}

type Filters = { status: string; template: string; tag: string; page: number }

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '')

/** The health problems of a site as short phrases ("2 broken links"), none when it is healthy. */
export const healthLines = (h: OverviewRow['health'], maxPageKb: number): string[] => {
  const lines: string[] = []
  const count = (n: number, one: string, many: string) => n > 0 && lines.push(`${number.format(n)} ${n === 1 ? one : many}`)
  count(h.brokenLinks, 'broken link', 'broken links')
  if (h.missingHomePage) lines.push('No published home page')
  count(h.pagesWithoutDescription, 'page without a meta description', 'pages without a meta description')
  count(h.pagesWithoutH1, 'page without its own h1', 'pages without their own h1')
  count(h.imagesWithoutAlt, 'image without alt text', 'images without alt text')
  count(h.oversizedPages, `page over ${maxPageKb} KB`, `pages over ${maxPageKb} KB`)
  return lines
}

const Select = ({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: { value: string; label: string }[] }) => {
  const id = useId()
  return (
    <div className="fleet__filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

const describe = (done: string, result: ActionResult): string => {
  const ok = result.ok.length ? `${done} ${result.ok.length} site${result.ok.length === 1 ? '' : 's'}.` : ''
  const failed = result.failed.map((f) => `${f.domain}: ${f.reason}`).join('; ')
  return [ok, failed && `Not done for ${failed}`].filter(Boolean).join(' ')
}

/**
 * The admin home: every site the user may see (editors: theirs), a row each, from GET /api/fleet/overview,
 * with filters and bulk actions on the selected rows.
 */
export const FleetDashboard = ({ initial = null }: { initial?: Overview | null }) => {
  const {
    config: {
      routes: { admin, api: apiRoute },
      serverURL,
    },
  } = useConfig()
  const api = `${serverURL}${apiRoute}`
  const [filters, setFilters] = useState<Filters>({ status: '', template: '', tag: '', page: 1 })
  const [data, setData] = useState<Overview | null>(initial)
  const [error, setError] = useState<string | null>(null)
  const [isLoading, setIsLoading] = useState(!initial)
  // the server's first page stands until a filter or page changes
  const hasInitial = useRef(Boolean(initial))
  const [selected, setSelected] = useState<Set<number>>(new Set())
  const [tagText, setTagText] = useState('')
  const [isBusy, setIsBusy] = useState(false)
  const [message, setMessage] = useState('')
  // a bulk deploy's progress view (the fleet deployment), linked under the message
  const [watch, setWatch] = useState<string | undefined>()
  const tagInputId = useId()

  const load = useCallback(async () => {
    setIsLoading(true)
    const query = new URLSearchParams({ page: String(filters.page) })
    for (const key of ['status', 'template', 'tag'] as const) if (filters[key]) query.set(key, filters[key])
    try {
      const res = await fetch(`${api}/fleet/overview?${query}`, { credentials: 'include' })
      const body = await res.json()
      if (!res.ok) throw new Error(body?.errors?.[0]?.message ?? `HTTP ${res.status}`)
      setData(body as Overview)
      setError(null)
    } catch (err) {
      setError(`Could not load the sites: ${(err as Error).message}`)
    } finally {
      setIsLoading(false)
    }
  }, [api, filters])

  useEffect(() => {
    if (hasInitial.current) {
      hasInitial.current = false
      return
    }
    void load()
  }, [load])

  const rows = data?.rows ?? []
  const chosen = rows.filter((r) => selected.has(r.id)).map((r) => ({ id: r.id, domain: r.domain }))
  const setFilter = (key: 'status' | 'template' | 'tag') => (value: string) => {
    setSelected(new Set())
    setFilters((f) => ({ ...f, [key]: value, page: 1 }))
  }
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  const isAllSelected = rows.length > 0 && rows.every((r) => selected.has(r.id))

  const run = async ({ doing, done }: { doing: string; done: string }, action: () => Promise<ActionResult & { watch?: string }>) => {
    setIsBusy(true)
    setMessage(`${doing}…`)
    setWatch(undefined)
    try {
      const result = await action()
      setMessage(describe(done, result))
      setWatch(result.watch)
      await load()
    } finally {
      setIsBusy(false)
    }
  }
  const tag = tagText.trim()
  const maxPageKb = Math.round((data?.maxPageBytes ?? 0) / 1024)

  return (
    <section className="fleet" aria-labelledby="fleet-title" data-testid="fleet-dashboard">
      <div className="fleet__head">
        <h2 id="fleet-title">Sites</h2>
        <p className="fleet__summary">
          {data ? `${number.format(data.totalDocs)} site${data.totalDocs === 1 ? '' : 's'}` : ''}
          {data ? ` · visitors ${data.range.from} to ${data.range.to} · AI tokens in ${data.month}` : ''}
        </p>
        <a href={`${admin}/analytics`}>Open analytics</a>
      </div>

      <div className="fleet__filters" role="group" aria-label="Filter sites">
        <Select label="Last deployment" value={filters.status} onChange={setFilter('status')} options={(data?.filters.statuses ?? []).map((s) => ({ value: s, label: STATUS_LABELS[s] ?? s }))} />
        <Select label="Template" value={filters.template} onChange={setFilter('template')} options={(data?.filters.templates ?? []).map((t) => ({ value: String(t.id), label: t.name }))} />
        <Select label="Tag" value={filters.tag} onChange={setFilter('tag')} options={(data?.filters.tags ?? []).map((t) => ({ value: t, label: t }))} />
      </div>

      <div className="fleet__actions" role="group" aria-label="Actions on the selected sites">
        <span className="fleet__count">{chosen.length} selected</span>
        <button type="button" className="fleet__button" disabled={isBusy || chosen.length === 0} onClick={() => run({ doing: 'Queueing deployments', done: 'Deployment queued for' }, () => deploySites(api, admin, chosen))}>
          Deploy
        </button>
        <button type="button" className="fleet__button" disabled={isBusy || chosen.length === 0} onClick={() => run({ doing: 'Queueing AI generation', done: 'AI generation queued for' }, () => generateForSites(api, chosen))}>
          Generate with AI
        </button>
        <label htmlFor={tagInputId} className="fleet__tag-label">
          Tag to add or remove
        </label>
        <input id={tagInputId} className="fleet__tag-input" value={tagText} maxLength={40} onChange={(e) => setTagText(e.target.value)} />
        <button type="button" className="fleet__button" disabled={isBusy || chosen.length === 0 || !tag} onClick={() => run({ doing: 'Adding the tag', done: 'Tag added to' }, () => tagSites(api, chosen, { add: [tag] }))}>
          Add tag
        </button>
        <button type="button" className="fleet__button" disabled={isBusy || chosen.length === 0 || !tag} onClick={() => run({ doing: 'Removing the tag', done: 'Tag removed from' }, () => tagSites(api, chosen, { remove: [tag] }))}>
          Remove tag
        </button>
      </div>
      <p className="fleet__message" role="status" aria-live="polite" data-testid="fleet-message">
        {message}
        {watch ? (
          <>
            {' '}
            <a href={watch}>Follow the deployments</a>
          </>
        ) : null}
      </p>
      {error ? (
        <p className="fleet__error" role="alert">
          {error}
        </p>
      ) : null}

      <div className="fleet__scroll">
        <table className="fleet__table" aria-busy={isLoading} aria-describedby="fleet-title">
          <thead>
            <tr>
              <th scope="col" className="fleet__check">
                <input
                  type="checkbox"
                  aria-label="Select every site on this page"
                  checked={isAllSelected}
                  onChange={() => setSelected(isAllSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                />
              </th>
              <th scope="col">Site</th>
              <th scope="col">Last deployment</th>
              <th scope="col">Pages</th>
              <th scope="col">Health</th>
              <th scope="col">Visitors, 30 days</th>
              <th scope="col">AI tokens this month</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && !isLoading ? (
              <tr>
                <td colSpan={7} className="fleet__empty">
                  No sites match these filters.
                </td>
              </tr>
            ) : null}
            {rows.map((row) => {
              const health = healthLines(row.health, maxPageKb)
              const status = row.deployment?.status ?? 'never'
              return (
                <tr key={row.id} data-testid={`fleet-row-${row.id}`} data-site={row.id}>
                  <td className="fleet__check">
                    <input type="checkbox" aria-label={`Select ${row.domain}`} checked={selected.has(row.id)} onChange={() => toggle(row.id)} />
                  </td>
                  <th scope="row" className="fleet__site">
                    <a href={`${admin}/collections/sites/${row.id}`}>{row.domain}</a>
                    <span className="fleet__muted">{row.template?.name ?? 'No template'}</span>
                    {row.tags.length ? (
                      <ul className="fleet__tags" aria-label={`Tags of ${row.domain}`} data-figure="tags">
                        {row.tags.map((t) => (
                          <li key={t}>{t}</li>
                        ))}
                      </ul>
                    ) : null}
                  </th>
                  <td data-figure="deployment" data-status={status}>
                    <span className={`fleet__status fleet__status--${status}`}>
                      {row.deployment ? (
                        <a href={`${admin}/collections/deployments/${row.deployment.id}`}>{STATUS_LABELS[status] ?? status}</a>
                      ) : (
                        STATUS_LABELS.never
                      )}
                    </span>
                    {row.deployment?.at ? <span className="fleet__muted">{when(row.deployment.at)}</span> : null}
                    {row.deployment?.url ? (
                      <a href={row.deployment.url} target="_blank" rel="noopener noreferrer" aria-label={`Live site of ${row.domain} (opens in a new tab)`}>
                        Live site
                      </a>
                    ) : null}
                  </td>
                  <td>
                    <dl className="fleet__pages">
                      <dt>Published</dt>
                      <dd data-figure="published">{number.format(row.pages.published)}</dd>
                      <dt>Draft</dt>
                      <dd data-figure="draft">{number.format(row.pages.draft)}</dd>
                      <dt>Scheduled</dt>
                      <dd data-figure="scheduled">{number.format(row.pages.scheduled)}</dd>
                    </dl>
                  </td>
                  <td data-figure="health" data-count={row.health.total}>
                    {health.length === 0 ? (
                      <span>No problems found</span>
                    ) : (
                      <ul className="fleet__health">
                        {health.map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="fleet__visitors">
                    <Sparkline days={row.visitors.days} label={`${row.domain}: ${row.visitors.total} visitors in the last 30 days`} />
                    <a href={`${admin}/analytics?site=${row.id}`} data-figure="visitors" data-count={row.visitors.total}>
                      {number.format(row.visitors.total)} visitors
                    </a>
                  </td>
                  <td data-figure="tokens" data-used={row.ai.used}>
                    {number.format(row.ai.used)}
                    {row.ai.budget !== null ? (
                      <>
                        {' '}
                        of {number.format(row.ai.budget)}
                        <meter className="fleet__meter" min={0} max={row.ai.budget || 1} value={Math.min(row.ai.used, row.ai.budget)} aria-label={`AI tokens of ${row.domain} used this month`} />
                      </>
                    ) : (
                      <span className="fleet__muted">no budget</span>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>

      {data && data.totalPages > 1 ? (
        <nav className="fleet__pager" aria-label="Pages of sites">
          <button type="button" className="fleet__button" disabled={filters.page <= 1} onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}>
            Previous page
          </button>
          <span>
            Page {data.page} of {data.totalPages}
          </span>
          <button type="button" className="fleet__button" disabled={filters.page >= data.totalPages} onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}>
            Next page
          </button>
        </nav>
      ) : null}
    </section>
  )
}
