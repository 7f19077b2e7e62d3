import type { Payload } from 'payload'

import { now as clockNow } from '@/lib/clock'
import { msOf, releaseJob, staleProcessingJobs } from '@/lib/jobs'

import { staleAfterMs } from '../watch'

/** A deployment whose worker died this many times is failed instead of tried again (a crash loop). */
export const MAX_ATTEMPTS = 3

/**
 * Payload leaves a job at `processing: true` for ever when the worker running
 * it dies (payloadcms/payload#17645), and nothing runs it again. A running
 * deployment writes at least every heartbeat, so a deploySite job whose
 * deployment (and job) went unwritten for staleAfterMs() belongs to a dead
 * worker: the deployment goes back to queued (or ends failed after
 * MAX_ATTEMPTS, or cancelled if that was asked for) and the job is released
 * so the next run picks it up. Returns how many jobs were reclaimed.
 */
export const reclaimStaleDeployJobs = async (payload: Payload): Promise<number> => {
  const now = clockNow()
  let reclaimed = 0
  for (const job of await staleProcessingJobs(payload, 'deploySite', staleAfterMs())) {
    const deploymentId = (job.input as { deploymentId?: string } | null)?.deploymentId
    const deployment = deploymentId
      ? await payload.findByID({ collection: 'deployments', id: deploymentId, depth: 0, overrideAccess: true, disableErrors: true })
      : null
    if (deployment && now - Math.max(msOf(deployment.updatedAt), msOf(deployment.heartbeatAt)) < staleAfterMs()) continue

    if (deployment && (deployment.status === 'building' || deployment.status === 'uploading')) {
      const attempts = (deployment.attempts ?? 0) + 1
      const stamp = new Date().toISOString()
      const line = `${stamp} The worker running this deployment stopped (no sign of life for ${Math.round(staleAfterMs() / 1000)} s)`
      const log = [deployment.log, line].filter(Boolean).join('\n')
      const data = deployment.cancelRequestedAt
        ? { status: 'cancelled' as const, error: 'Cancelled; the worker stopped before finishing and the live site was not changed.', finishedAt: stamp }
        : attempts >= MAX_ATTEMPTS
          ? { status: 'failed' as const, error: `The worker running this deployment stopped ${attempts} times; deploy again, and check the worker's logs if it keeps happening.`, finishedAt: stamp }
          : { status: 'queued' as const, progress: null }
      await payload.update({
        collection: 'deployments',
        id: deployment.id,
        data: { ...data, attempts, log: data.status === 'queued' ? `${log}; trying again` : log },
        overrideAccess: true,
        depth: 0,
      })
      payload.logger.warn({ msg: `Reclaimed deploySite job ${job.id}: deployment ${deployment.id} is now ${data.status}` })
    }
    // released: the next run runs it again (a deployment that is no longer queued returns at once)
    await releaseJob(payload, job.id)
    reclaimed++
  }
  return reclaimed
}
