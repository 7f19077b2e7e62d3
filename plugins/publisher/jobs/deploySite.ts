import type { TaskConfig } from 'payload'

import { runDeployment } from '../deploy'
import { runReplay } from '../replay'
import { staleAfterMs } from '../watch'
import { DEPLOY_QUEUE } from './constants'
/** How long a deployment waits before looking again at a busy site. */
export const BUSY_RETRY_MS = 5_000

/**
 * Runs one queued deployment. One deployment at a time per site: while
 * another is building or uploading, the job queues itself again a little
 * later instead of running.
 */
export const deploySiteTask: TaskConfig<'deploySite'> = {
  slug: 'deploySite',
  label: 'Deploy a site',
  inputSchema: [{ name: 'deploymentId', type: 'text', required: true }],
  outputSchema: [{ name: 'status', type: 'text' }],
  retries: 2,
  handler: async ({ input, req }) => {
    const { payload } = req
    const deployment = await payload.findByID({ collection: 'deployments', id: input.deploymentId, depth: 0, overrideAccess: true })
    if (deployment.status !== 'queued') return { output: { status: deployment.status } }
    const site = typeof deployment.site === 'object' ? deployment.site.id : deployment.site
    const busy = await payload.find({
      collection: 'deployments',
      where: { and: [{ site: { equals: site } }, { status: { in: ['building', 'uploading'] } }] },
      depth: 0,
      pagination: false,
      overrideAccess: true,
    })
    let isBusy = false
    for (const other of busy.docs) {
      // a running deployment writes at least every heartbeat: this one's worker is gone
      if (Date.now() - new Date(other.updatedAt).getTime() > staleAfterMs()) {
        await payload.update({
          collection: 'deployments',
          id: other.id,
          data: { status: 'failed', error: 'Abandoned: the worker running this deployment stopped. Deploy again.', finishedAt: new Date().toISOString() },
          overrideAccess: true,
          depth: 0,
        })
      } else isBusy = true
    }
    if (isBusy) {
      await payload.jobs.queue({
        task: 'deploySite',
        input: { deploymentId: String(deployment.id) },
        queue: DEPLOY_QUEUE,
        waitUntil: new Date(Date.now() + BUSY_RETRY_MS),
      })
      return { output: { status: 'waiting' } }
    }
    const isReplay = Boolean(deployment.rollbackOf || deployment.redeployOf)
    const done = await (isReplay ? runReplay : runDeployment)({ payload, deploymentId: deployment.id })
    return { output: { status: done.status } }
  },
}
