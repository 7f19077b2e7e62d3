'use client'
import { Button, Pill, toast, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import { PILL_STYLES, statusLabel } from '@/plugins/publisher/components/status'
import type { FleetProgress as Progress } from '../progress'
import { postFleet } from './post'

const POLL_MS = 2_000

/** The fleet deployment's page: counts and one row per site, polled until every deployment has ended; Retry failed. */
export const FleetProgress = () => {
  const { id } = useDocumentInfo()
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const [progress, setProgress] = useState<Progress | null>(null)
  const [isBusy, setIsBusy] = useState(false)

  const load = useCallback(async () => {
    const res = await fetch(`${serverURL}${api}/fleet-deployments/${id}?depth=0`, { credentials: 'include' })
    if (!res.ok) return null
    const doc = (await res.json()) as { progress?: Progress }
    setProgress(doc.progress ?? null)
    return doc.progress ?? null
  }, [api, id, serverURL])

  useEffect(() => {
    if (!id) return
    let timer: ReturnType<typeof setTimeout> | undefined
    let isCurrent = true
    const tick = async () => {
      const next = await load().catch(() => null)
      if (isCurrent && !next?.isDone) timer = setTimeout(() => void tick(), POLL_MS)
    }
    void tick()
    return () => {
      isCurrent = false
      clearTimeout(timer)
    }
  }, [id, load])

  if (!id || !progress) return <p>Loading the sites…</p>
  const retry = async () => {
    setIsBusy(true)
    try {
      const result = await postFleet(`${serverURL}${api}/fleet-deployments/${id}/retry`)
      if ('error' in result) toast.error(result.error)
      else {
        toast.success('Failed sites queued again.')
        // polling stopped once everything had ended: the page starts it again
        window.location.reload()
      }
    } finally {
      setIsBusy(false)
    }
  }
  const summary = [
    `${progress.success} of ${progress.total} deployed`,
    progress.running ? `${progress.running} running` : '',
    progress.queued ? `${progress.queued} waiting` : '',
    progress.failed ? `${progress.failed} failed` : '',
    progress.cancelled ? `${progress.cancelled} cancelled` : '',
  ].filter(Boolean)
  return (
    <div className="fleet-progress" style={{ marginBottom: '2rem' }}>
      <div style={{ display: 'flex', gap: '1rem', alignItems: 'center', marginBottom: '1rem' }}>
        <strong id="fleet-progress-summary">{summary.join(' · ')}</strong>
        {progress.failed > 0 ? (
          <Button buttonStyle="secondary" size="small" margin={false} id="fleet-retry-failed" disabled={isBusy} onClick={() => void retry()}>
            Retry failed
          </Button>
        ) : null}
      </div>
      <table className="table" style={{ width: '100%' }}>
        <thead>
          <tr>
            <th>Site</th>
            <th>Status</th>
            <th>Started</th>
            <th>Finished</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {progress.sites.map((row) => (
            <tr key={`${row.site}-${row.deployment}`} data-status={row.status}>
              <td>{row.site === null ? 'Deleted site' : <a href={`${admin}/collections/sites/${row.site}`}>{row.domain ?? row.site}</a>}</td>
              <td>
                {row.deployment === null ? (
                  statusLabel(row.status)
                ) : (
                  <a href={`${admin}/collections/deployments/${row.deployment}`}>
                    <Pill pillStyle={PILL_STYLES[row.status] ?? 'light'} size="small">
                      {statusLabel(row.status)}
                    </Pill>
                  </a>
                )}
                {row.attempts > 1 ? ` (attempt ${row.attempts})` : ''}
              </td>
              <td>{row.startedAt ? new Date(row.startedAt).toLocaleTimeString() : ''}</td>
              <td>{row.finishedAt ? new Date(row.finishedAt).toLocaleTimeString() : ''}</td>
              <td>{row.status === 'success' && row.url ? <a href={row.url}>{row.url}</a> : (row.error ?? '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
