import type { Payload } from 'payload'

import { now as clockNow } from '@/lib/clock'
import { envMs, msOf, releaseJob, staleProcessingJobs } from '@/lib/jobs'

import { BATCHES_SLUG, BATCH_TASK } from '../constants'

/** A running bulk run writes at least this often (progress after each block, and a heartbeat while a model writes). */
export const batchHeartbeatMs = (): number => envMs('AI_BATCH_HEARTBEAT_MS', 30_000)

/** A bulk run (and its job) not written for this long belongs to a worker that died: several missed heartbeats. */
export const batchStaleAfterMs = (): number => envMs('AI_BATCH_STALE_AFTER_MS', Math.max(10 * 60_000, batchHeartbeatMs() * 4))

export const ABANDONED_MESSAGE =
  'The worker running this stopped before it finished. Pages completed before that were saved as drafts; ' +
  'start "Generate" again to fill the rest (blocks that already have content are skipped).'

/**
 * Payload leaves a job at `processing: true` for ever when the worker running
 * it dies (payloadcms/payload#17645). A bulk run is not started again by
 * itself (a forced run would pay twice for what it already generated): an
 * abandoned one ends failed with what to do, keeping its per-block results,
 * and its job is released so the queue moves on. Returns how many were
 * reclaimed.
 */
export const reclaimStaleBatches = async (payload: Payload): Promise<number> => {
  const now = clockNow()
  const staleAfter = batchStaleAfterMs()
  let reclaimed = 0
  for (const job of await staleProcessingJobs(payload, BATCH_TASK, staleAfter)) {
    const batchId = (job.input as { batchId?: string } | null)?.batchId
    const batch = batchId
      ? ((await payload.findByID({ collection: BATCHES_SLUG as 'ai-batches', id: batchId, depth: 0, overrideAccess: true, disableErrors: true })) as {
          id: number
          status: string
          updatedAt: string
        } | null)
      : null
    if (batch && now - msOf(batch.updatedAt) < staleAfter) continue
    if (batch && (batch.status === 'running' || batch.status === 'queued')) {
      await payload.update({
        collection: BATCHES_SLUG as 'ai-batches',
        id: batch.id,
        data: { status: 'failed', error: ABANDONED_MESSAGE, finishedAt: new Date().toISOString() } as never,
        overrideAccess: true,
        depth: 0,
      })
      payload.logger.warn({ msg: `Reclaimed ${BATCH_TASK} job ${job.id}: bulk run ${batch.id} had no sign of life for ${Math.round(staleAfter / 1000)} s` })
    }
    // released: the next run finds the bulk run no longer queued and completes the job at once
    await releaseJob(payload, job.id)
    reclaimed++
  }
  return reclaimed
}
