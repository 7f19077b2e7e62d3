import type { Payload, TaskConfig } from 'payload'

import { now as clockNow } from '@/lib/clock'
import { lentSlotOf, takeDeploySlot, type LentSlot } from '@/lib/deploySlots'
import { lockSite } from '@/lib/siteLock'
import type { Deployment } from '@/payload-types'

import { RUNNING } from '../components/status'
import { runDeployment } from '../deploy'
import { runReplay } from '../replay'
import { staleAfterMs } from '../watch'
import { DEPLOY_QUEUE } from './constants'
import { waitForSlot, wakeSlotWaiter } from './slotWait'
/** How long a deployment waits before looking again at a busy site. */
export const BUSY_RETRY_MS = 5_000
/** Attempts after the first when something around the deployment fails (the deployment's own failures are recorded, not retried). */
export const DEPLOY_RETRIES = 2

/**
 * Runs one queued deployment. One deployment at a time per site: while
 * another is building or uploading, the job queues itself again a little
 * later instead of running.
 */
export const deploySiteTask: TaskConfig<'deploySite'> = {
  slug: 'deploySite',
  label: 'Deploy a site',
  // waitingFor: 'slot' on a job queued again because every deploy slot was taken (slotWait.ts)
  inputSchema: [
    { name: 'deploymentId', type: 'text', required: true },
    { name: 'waitingFor', type: 'text' },
  ],
  outputSchema: [{ name: 'status', type: 'text' }],
  retries: DEPLOY_RETRIES,
  handler: async ({ input, job, req }) => {
    try {
      return await runDeployJob(req.payload, input.deploymentId, { lent: lentSlotOf(req.context) })
    } catch (err) {
      // runDeployment records its own failures; this is what went wrong around it (the database, say). The job is
      // tried again; after its last attempt the deployment must not stay queued for ever
      if ((job.totalTried ?? 0) >= DEPLOY_RETRIES) await giveUp(req.payload, input.deploymentId, err)
      throw err
    }
  },
}

/** Ends a deployment that its job could not run (after the last attempt) as failed, with the reason. */
const giveUp = async (payload: Payload, deploymentId: string, err: unknown) => {
  try {
    const deployment = await payload.findByID({ collection: 'deployments', id: deploymentId, depth: 0, overrideAccess: true, disableErrors: true })
    if (!deployment || !RUNNING.has(deployment.status)) return
    const message = `The deployment could not be run after ${DEPLOY_RETRIES + 1} attempts: ${err instanceof Error ? err.message : String(err)}`
    const stamp = new Date().toISOString()
    await payload.update({
      collection: 'deployments',
      id: deployment.id,
      data: { status: 'failed', error: message, finishedAt: stamp, log: [deployment.log, `${stamp} ${message}`].filter(Boolean).join('\n') },
      overrideAccess: true,
      depth: 0,
    })
  } catch (recordErr) {
    payload.logger.error({ msg: `Could not record that deployment ${deploymentId} failed`, err: recordErr })
  }
}

/** Queues the deployment's job again a little later: its site is busy. */
const waitForSite = async (payload: Payload, deploymentId: Deployment['id']) => {
  await payload.jobs.queue({
    task: 'deploySite',
    input: { deploymentId: String(deploymentId) },
    queue: DEPLOY_QUEUE,
    waitUntil: new Date(Date.now() + BUSY_RETRY_MS),
  })
  return { output: { status: 'waiting' } }
}

/** One attempt: runs the queued deployment, or queues itself again a little later while the site is busy. */
export const runDeployJob = async (payload: Payload, deploymentId: string, { lent }: { lent?: LentSlot } = {}) => {
  const queued = await payload.findByID({ collection: 'deployments', id: deploymentId, depth: 0, overrideAccess: true })
  if (queued.status !== 'queued') return { output: { status: queued.status } }
  const site = queued.site && typeof queued.site === 'object' ? queued.site.id : queued.site
  // one deployment of a site at a time, across every worker process
  const lock = site == null ? { release: async () => undefined } : await lockSite(payload, site)
  if (!lock) return waitForSite(payload, queued.id)
  try {
    // read again under the lock: another worker may have run it meanwhile
    const deployment = await payload.findByID({ collection: 'deployments', id: deploymentId, depth: 0, overrideAccess: true })
    if (deployment.status !== 'queued') return { output: { status: deployment.status } }
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
      if (clockNow() - new Date(other.updatedAt).getTime() > staleAfterMs()) {
        await payload.update({
          collection: 'deployments',
          id: other.id,
          data: { status: 'failed', error: 'Abandoned: the worker running this deployment stopped. Deploy again.', finishedAt: new Date().toISOString() },
          overrideAccess: true,
          depth: 0,
        })
      } else isBusy = true
    }
    if (isBusy) return waitForSite(payload, deployment.id)
    // at most DEPLOY_CONCURRENCY deployments at once across every worker: without a slot it waits, still queued
    // a worker's deploy lane takes a slot before it takes a job and lends it here (scripts/worker.ts)
    const slot = lent?.take() ?? (await takeDeploySlot(payload))
    if (!slot) return waitForSlot(payload, deployment)
    try {
      const isReplay = Boolean(deployment.rollbackOf || deployment.redeployOf)
      const done = await (isReplay ? runReplay : runDeployment)({ payload, deploymentId: deployment.id })
      return { output: { status: done.status } }
    } finally {
      await slot.release()
      await wakeSlotWaiter(payload)
    }
  } finally {
    await lock.release()
  }
}
