import type { CollectionSlug, Payload } from 'payload'

import { envMs, msOf, releaseJob, staleProcessingJobs } from '@/lib/jobs'

import { CLONES_SLUG, CLONE_TASK } from './constants'

/** A running clone writes its record at least after every chunk of pages and every phase; one silent this long was abandoned. */
export const cloneStaleAfterMs = (): number => envMs('CLONE_STALE_AFTER_MS', 10 * 60_000)

export const ABANDONED_MESSAGE =
  'The worker running this clone stopped before it finished. The new site keeps what was copied; clone again ' +
  '(Retry: POST /api/site-clones/<id>/retry starts over, removing the partial copy first) or move the new site to the trash.'

/**
 * Payload leaves a job at `processing: true` for ever when its worker dies (payloadcms/payload#17645): an
 * abandoned clone ends failed with what to do, and its job is released so the queue moves on (run again, it
 * finds the clone no longer queued and ends at once). Returns how many were reclaimed.
 */
export const reclaimStaleClones = async (payload: Payload): Promise<number> => {
  const now = Date.now()
  const staleAfter = cloneStaleAfterMs()
  let reclaimed = 0
  for (const job of await staleProcessingJobs(payload, CLONE_TASK, staleAfter)) {
    const cloneId = (job.input as { cloneId?: string } | null)?.cloneId
    const clone = cloneId
      ? ((await payload.findByID({ collection: CLONES_SLUG as CollectionSlug, id: cloneId, depth: 0, overrideAccess: true, disableErrors: true })) as {
          id: number
          status: string
          updatedAt: string
        } | null)
      : null
    if (clone && now - msOf(clone.updatedAt) < staleAfter) continue
    if (clone && (clone.status === 'running' || clone.status === 'queued')) {
      await payload.update({
        collection: CLONES_SLUG as CollectionSlug,
        id: clone.id,
        data: { status: 'failed', error: ABANDONED_MESSAGE, finishedAt: new Date().toISOString() } as never,
        overrideAccess: true,
        depth: 0,
      })
      payload.logger.warn({ msg: `Reclaimed ${CLONE_TASK} job ${job.id}: clone ${clone.id} had no sign of life for ${Math.round(staleAfter / 1000)} s` })
    }
    await releaseJob(payload, job.id)
    reclaimed++
  }
  return reclaimed
}
