'use client'
import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

import type { ScheduleOverview } from '../overview'

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—')

/**
 * The site's schedule in its edit view (Schedule tab): scheduled publishes of its pages, then the drip queue in
 * the order it publishes, with the date each page is expected. Read from GET /api/sites/:id/schedule.
 */
export const ScheduleList = () => {
  const { id, lastUpdateTime } = useDocumentInfo()
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const [data, setData] = useState<ScheduleOverview | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!id) return
    let isCurrent = true
    fetch(`${serverURL}${api}/sites/${id}/schedule`, { credentials: 'include' })
      .then(async (res) => {
        const body = await res.json().catch(() => null)
        if (!isCurrent) return
        if (!res.ok) setError(body?.errors?.[0]?.message ?? `The schedule could not be loaded (HTTP ${res.status}).`)
        else setData(body as ScheduleOverview)
      })
      .catch(() => isCurrent && setError('The schedule could not be loaded.'))
    return () => {
      isCurrent = false
    }
  }, [id, api, serverURL, lastUpdateTime])

  if (!id) return <p>Save the site to see its schedule.</p>
  if (error) return <p role="alert">{error}</p>
  if (!data) return <p>Loading the schedule…</p>
  const pageLink = (pageId: number, title: string) => <a href={`${serverURL}${admin}/collections/pages/${pageId}`}>{title}</a>
  return (
    <div className="fleet-schedule" style={{ marginBottom: 'var(--base)' }}>
      <h3>Scheduled publishing</h3>
      {data.scheduled.length === 0 ? (
        <p>Nothing scheduled. Open a page and choose Schedule publish beside Publish.</p>
      ) : (
        <table>
          <thead>
            <tr><th>When</th><th>Page</th><th>Action</th></tr>
          </thead>
          <tbody>
            {data.scheduled.map((row) => (
              <tr key={String(row.jobId)}>
                <td>{when(row.at)}</td>
                <td>{pageLink(row.pageId, row.title)}</td>
                <td>{row.type === 'publish' ? 'Publish' : 'Unpublish'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Drip queue</h3>
      {!data.drip.enabled ? (
        <p>The drip queue is off. Switch it on above to publish one queued draft every {data.drip.everyDays} day(s).</p>
      ) : (
        <p>
          One page every {data.drip.everyDays} day(s) at {data.drip.time} UTC; next on {when(data.drip.nextAt)}.
        </p>
      )}
      {data.drip.queue.length === 0 ? (
        <p>No drafts queued. Tick “Publish with the drip queue” on a draft page to queue it.</p>
      ) : (
        <table>
          <thead>
            <tr><th>#</th><th>Page</th><th>Expected</th></tr>
          </thead>
          <tbody>
            {data.drip.queue.map((row, i) => (
              <tr key={row.pageId}>
                <td>{i + 1}</td>
                <td>{pageLink(row.pageId, row.title)}</td>
                <td>{data.drip.enabled ? when(row.expectedAt) : 'When the drip is on'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
