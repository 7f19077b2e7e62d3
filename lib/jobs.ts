import type { JobsConfig, Payload } from 'payload'

import { now as clockNow } from './clock'

/** A duration from the environment in ms (a positive number), or the fallback. */
export const envMs = (name: string, fallback: number): number => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

/** A stored timestamp in ms (0 when there is none). */
export const msOf = (value: string | null | undefined): number => (value ? new Date(value).getTime() : 0)

/**
 * Jobs of `taskSlug` that Payload still marks `processing` but that nothing has
 * written for `staleAfter` ms: Payload leaves a job so for ever when the worker
 * running it dies (payloadcms/payload#17645). Whether its work is truly
 * abandoned is the caller's to decide (its own record may still be fresh).
 */
export const staleProcessingJobs = async (payload: Payload, taskSlug: string, staleAfter: number) => {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    where: { and: [{ processing: { equals: true } }, { taskSlug: { equals: taskSlug } }] },
    depth: 0,
    limit: 100,
    pagination: false,
    overrideAccess: true,
  })
  const now = clockNow()
  return docs.filter((job) => now - msOf(job.updatedAt) >= staleAfter)
}

/** Lets the next run pick a stuck job up again. */
export const releaseJob = (payload: Payload, id: number | string) =>
  payload.update({ collection: 'payload-jobs', id, data: { processing: false }, overrideAccess: true, depth: 0 })

type ProcessingOrder = NonNullable<JobsConfig['processingOrder']>

/**
 * Payload has no hook before a run picks its jobs; processingOrder is called
 * at exactly that point (by `payload jobs:run`, autoRun and jobs.run alike).
 * Wraps the configured order so `reclaim` runs first whenever `queue` (or
 * every queue) is about to be worked, then the configured order applies.
 * Plugins chain: each wraps what the config had before it.
 */
export const reclaimBeforeRun =
  (previous: JobsConfig['processingOrder'], queue: string, what: string, reclaim: (payload: Payload) => Promise<number>): ProcessingOrder =>
  async (args) => {
    if (args.allQueues || (args.queue ?? 'default') === queue) {
      await reclaim(args.req.payload).catch((err: unknown) => args.req.payload.logger.error({ msg: `Could not reclaim stale ${what}`, err }))
    }
    if (typeof previous === 'function') return previous(args)
    if (typeof previous === 'string' || Array.isArray(previous)) return previous
    if (previous) return (!args.allQueues && args.queue && previous.queues?.[args.queue]) || previous.default || 'createdAt'
    return 'createdAt'
  }
