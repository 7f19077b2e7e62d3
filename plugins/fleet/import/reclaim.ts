import type { CollectionSlug, Payload } from 'payload'

import { envMs, msOf, releaseJob, staleProcessingJobs } from '@/lib/jobs'

import { IMPORTS_SLUG, IMPORT_TASK } from './constants'

/**
 * A running import writes its record after every row; a clone inside a row writes its own record at least
 * every phase and chunk, so the import is silent at most as long as a clone (CLONE_STALE_AFTER_MS, 10 min).
 */
export const importStaleAfterMs = (): number => envMs('IMPORT_STALE_AFTER_MS', 15 * 60_000)

/**
 * Payload leaves a job at `processing: true` for ever when its worker dies (payloadcms/payload#17645): an
 * abandoned import is queued again and its job released, so the next run resumes it. Rows are transactions,
 * so each is made or not; rows with a result are kept, and the row that was running is checked again (its
 * site, if made, is then "exists": skipped). Returns how many were reclaimed.
 */
export const reclaimStaleImports = async (payload: Payload): Promise<number> => {
  const staleAfter = importStaleAfterMs()
  let reclaimed = 0
  for (const job of await staleProcessingJobs(payload, IMPORT_TASK, staleAfter)) {
    const importId = (job.input as { importId?: string } | null)?.importId
    const record = importId
      ? ((await payload.findByID({ collection: IMPORTS_SLUG as CollectionSlug, id: importId, depth: 0, overrideAccess: true, disableErrors: true })) as {
          id: number
          status: string
          updatedAt: string
        } | null)
      : null
    if (record && Date.now() - msOf(record.updatedAt) < staleAfter) continue
    if (record?.status === 'running') {
      await payload.update({ collection: IMPORTS_SLUG as CollectionSlug, id: record.id, data: { status: 'queued' } as never, overrideAccess: true, depth: 0 })
      payload.logger.warn({ msg: `Reclaimed ${IMPORT_TASK} job ${job.id}: import ${record.id} had no sign of life for ${Math.round(staleAfter / 1000)} s; it resumes` })
    }
    await releaseJob(payload, job.id)
    reclaimed++
  }
  return reclaimed
}
