'use client'

import { Banner, Button, CheckboxInput, useConfig, useDocumentInfo, useForm } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import { apiUrl, errorMessage } from './aiClient'

type Result = { pageTitle: string; blockIndex: number; blockType: string; status: string; message: string }
type Batch = {
  id: number | string
  status: 'queued' | 'running' | 'done' | 'failed'
  progress?: { total?: number; done?: number; generated?: number; skipped?: number; failed?: number; tokens?: number }
  results?: Result[] | null
  error?: string | null
}

const POLL_MS = 2000

/**
 * Sidebar of a page: "Generate page" and "Generate site" queue a bulk run
 * (a job); the panel polls its progress and lists what happened per block.
 */
export const BulkGenerate = () => {
  const { config } = useConfig()
  const { id } = useDocumentInfo()
  const { getData } = useForm()
  const [force, setForce] = useState(false)
  const [batch, setBatch] = useState<Batch | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const start = useCallback(
    async (scope: 'page' | 'site') => {
      setError(null)
      setBusy(true)
      const data = getData() as Record<string, any>
      const site = data.site && typeof data.site === 'object' ? data.site.id : data.site
      try {
        const response = await fetch(apiUrl(config, '/ai/bulk'), {
          method: 'POST',
          credentials: 'include',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(scope === 'page' ? { scope, page: id, force } : { scope, site, force }),
        })
        if (!response.ok) setError(await errorMessage(response))
        else setBatch(((await response.json()) as { doc: Batch }).doc)
      } catch (err) {
        setError(`Could not reach the server: ${(err as Error).message}`)
      } finally {
        setBusy(false)
      }
    },
    [config, force, getData, id],
  )

  const batchId = batch?.id
  const isActive = batch?.status === 'queued' || batch?.status === 'running'
  useEffect(() => {
    if (!batchId || !isActive) return
    const timer = setInterval(async () => {
      const response = await fetch(apiUrl(config, `/ai-batches/${batchId}?depth=0`), { credentials: 'include' }).catch(() => null)
      if (response?.ok) setBatch((await response.json()) as Batch)
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [batchId, config, isActive])

  const progress = batch?.progress
  return (
    <div className="ai-bulk" style={{ marginBottom: 'var(--base)' }}>
      <div style={{ fontWeight: 600, marginBottom: 'calc(var(--base) * 0.5)' }}>AI generation</div>
      <div style={{ display: 'flex', gap: 'calc(var(--base) * 0.5)', flexWrap: 'wrap' }}>
        <Button buttonStyle="secondary" size="small" margin={false} disabled={!id || busy || isActive} onClick={() => void start('page')}>
          Generate page
        </Button>
        <Button buttonStyle="secondary" size="small" margin={false} disabled={busy || isActive} onClick={() => void start('site')}>
          Generate site
        </Button>
      </div>
      <div style={{ marginTop: 'calc(var(--base) * 0.5)' }}>
        <CheckboxInput checked={force} label="Also rewrite blocks that have content" onToggle={() => setForce(!force)} />
      </div>
      {!id && <p style={{ fontSize: '0.8rem' }}>Save the page first to generate it.</p>}
      {error && <Banner type="error">{error}</Banner>}
      {batch && (
        <div className="ai-bulk__progress" style={{ fontSize: '0.85rem', marginTop: 'calc(var(--base) * 0.5)' }}>
          <div>
            {batch.status === 'queued' && 'Queued…'}
            {batch.status === 'running' && `Generating: ${progress?.done ?? 0} of ${progress?.total ?? 0} blocks`}
            {batch.status === 'done' &&
              `Done: ${progress?.generated ?? 0} generated, ${progress?.skipped ?? 0} skipped, ${progress?.failed ?? 0} failed (${progress?.tokens ?? 0} tokens). Saved as a draft: reload to review.`}
            {batch.status === 'failed' && `Failed: ${batch.error ?? 'see the AI bulk runs'}`}
          </div>
          {progress?.total ? <progress max={progress.total} value={progress.done ?? 0} style={{ width: '100%' }} /> : null}
          <ul style={{ paddingLeft: '1rem', margin: 0 }}>
            {(batch.results ?? []).map((r) => (
              <li key={`${r.pageTitle}-${r.blockIndex}`}>
                {r.pageTitle} · #{r.blockIndex + 1} {r.blockType}: <strong>{r.status}</strong> — {r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
