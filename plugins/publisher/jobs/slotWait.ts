import type { Payload, PayloadRequest } from 'payload'

import { deployConcurrency } from '@/lib/deploySlots'
import { announceJob } from '@/lib/jobSignal'
import { envMs } from '@/lib/jobs'
import type { Deployment } from '@/payload-types'

import { DEPLOY_QUEUE } from './constants'

/**
 * A deployment that finds every deploy slot taken is queued again, due only
 * after `DEPLOY_SLOT_RETRY_MS` (default 60 s): no worker looks at it meanwhile.
 * What wakes it is a slot coming free: the deployment that releases one makes
 * the oldest waiting deployment due now and signals the workers
 * (lib/jobSignal.ts), so a free slot is taken within a worker's reaction time.
 * The long fallback covers only a lost wake-up (a worker that died mid-run
 * frees its slot without waking anyone).
 */
export const slotRetryMs = () => envMs('DEPLOY_SLOT_RETRY_MS', 60_000)

const SLOT = 'slot'

/** The line a deployment's log gets while it waits for a slot (once per wait in a row). */
export const SLOT_WAIT_LINE = 'Waiting for a deploy slot'

/**
 * Queues the deployment's job again, waiting for a deploy slot, and says so in its log (the deployment page shows
 * why it is still queued).
 */
export const waitForSlot = async (payload: Payload, deployment: Pick<Deployment, 'id' | 'log'>) => {
  const last = (deployment.log ?? '').split('\n').at(-1) ?? ''
  if (!last.includes(SLOT_WAIT_LINE)) {
    const line = `${new Date().toISOString()} ${SLOT_WAIT_LINE}: ${deployConcurrency(payload)} deployments are running (DEPLOY_CONCURRENCY)`
    await payload.db.updateOne({ collection: 'deployments', id: deployment.id, data: { log: [deployment.log, line].filter(Boolean).join('\n') }, returning: false })
  }
  await payload.jobs.queue({
    task: 'deploySite',
    input: { deploymentId: String(deployment.id), waitingFor: SLOT },
    queue: DEPLOY_QUEUE,
    waitUntil: new Date(Date.now() + slotRetryMs()),
  })
  return { output: { status: 'waiting' } }
}

/**
 * Makes the oldest deployment waiting for a slot due now and wakes the
 * workers. Oldest by deployment id, not by job: a deployment that lost a race
 * for a slot and was queued again keeps its place in line. The workers are
 * woken even when nobody waited: a worker takes a deploy job only while a slot
 * is free (scripts/worker.ts), so a freed slot is what it waits for.
 */
export const wakeSlotWaiter = async (payload: Payload): Promise<void> => {
  await makeSlotWaiterDue(payload)
  await announceJob({ payload } as PayloadRequest, DEPLOY_QUEUE).catch((err: unknown) =>
    // the workers still look at their next interval
    payload.logger.warn({ msg: 'Could not announce a freed deploy slot', err }),
  )
}

const makeSlotWaiterDue = async (payload: Payload): Promise<void> => {
  try {
    const { docs } = await payload.find({
      collection: 'payload-jobs',
      where: {
        and: [
          { taskSlug: { equals: 'deploySite' } },
          { queue: { equals: DEPLOY_QUEUE } },
          { processing: { equals: false } },
          { completedAt: { exists: false } },
          { waitUntil: { greater_than: new Date().toISOString() } },
        ],
      },
      depth: 0,
      limit: 500,
      overrideAccess: true,
    })
    const waiting = docs
      .map((job) => ({ job, input: (job.input ?? {}) as { deploymentId?: string; waitingFor?: string } }))
      .filter(({ input }) => input.waitingFor === SLOT)
      .sort((a, b) => Number(a.input.deploymentId) - Number(b.input.deploymentId) || String(a.input.deploymentId).localeCompare(String(b.input.deploymentId)))
    if (waiting.length === 0) return
    // a deployment cancelled or superseded while it waited would take the wake-up and leave the slot idle
    const queued = await payload.find({
      collection: 'deployments',
      where: { and: [{ id: { in: waiting.map(({ input }) => input.deploymentId) } }, { status: { equals: 'queued' } }] },
      depth: 0,
      limit: 500,
      select: { status: true },
      overrideAccess: true,
    })
    const isQueued = new Set(queued.docs.map((doc) => String(doc.id)))
    const next = waiting.find(({ input }) => isQueued.has(String(input.deploymentId)))
    if (!next) return
    // waitUntil alone, through the adapter: a Payload update writes the whole job back as read (processing, log), so
    // one racing a worker's claim would release a running job (run twice) or re-insert the log of a job just deleted
    await payload.db.updateJobs({ id: next.job.id, data: { waitUntil: new Date().toISOString() }, returning: false } as Parameters<typeof payload.db.updateJobs>[0])
  } catch (err) {
    // the waiting deployment still runs at its fallback time
    payload.logger.warn({ msg: 'Could not wake a deployment waiting for a deploy slot', err })
  }
}
