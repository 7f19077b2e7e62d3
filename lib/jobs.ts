import type { JobsConfig, Payload } from 'payload'

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
