/**
 * `npm run worker`: runs Payload's job queues (deploys, AI bulk runs, analytics rollups) every 5 seconds, handling
 * scheduled jobs too — what `payload jobs:run --cron '*\/5 * * * * *' --all-queues --handle-schedules` does, in one
 * process through the Local API.
 *
 * Why not that CLI: it starts its work in a promise nothing awaits, so when Node 20 stalls while loading Payload's
 * module graph (payloadcms/payload#17757; exit 13 for our own entry points, which scripts/launch.mjs restarts), the
 * CLI exits 0 having run nothing — a worker that silently never works (seen in CI: two passes in three). Started
 * through launch.mjs, this one is restarted instead.
 *
 *   npm run worker                                  every queue, every 5 s, until SIGINT/SIGTERM (ends the pass first)
 *   npm run worker -- --once --queue deploy         one pass of one queue, then exit (tests, cron jobs)
 *   WORKER_INTERVAL_MS=2000 npm run worker          another interval
 *
 * Every queue includes "default", where Payload's scheduled publishes of pages wait (their waitUntil is the chosen
 * time; a pass runs only what is due), and "schedule", where the drip queue's job is scheduled each minute
 * (plugins/fleet/schedule). A worker started with --queue runs only that queue: keep one on all queues.
 *
 * A queued job wakes it at once (lib/jobSignal.ts: PostgreSQL LISTEN/NOTIFY); the interval is the fallback and the
 * pace of scheduled work. Deployments run in DEPLOY_CONCURRENCY lanes, each taking the next deploy job while a
 * deploy slot is free (the deploy pool below); the other queues run in passes of `--limit` jobs, one pass after
 * another while they find work.
 */
import { createLocalReq, getPayload } from 'payload'

import { deployConcurrency, lendSlot, takeDeploySlot, type DeploySlot } from '../lib/deploySlots'
import { listenForJobs } from '../lib/jobSignal'
import { DEPLOY_QUEUE } from '../plugins/publisher/jobs/constants'
import config from '../payload.config'

const args = process.argv.slice(2)
const valueOf = (name: string): string | undefined => {
  const at = args.indexOf(name)
  return at === -1 ? undefined : args[at + 1]
}
const isOnce = args.includes('--once')
const queue = valueOf('--queue')
const limit = Number(valueOf('--limit') ?? 10)
const interval = Number(process.env.WORKER_INTERVAL_MS) > 0 ? Number(process.env.WORKER_INTERVAL_MS) : 5_000
const which = queue ? { queue } : { allQueues: true }

const payload = await getPayload({ config })

/** Deployments run in the deploy pool below (not in --once mode); a pass runs every other queue this worker serves. */
const hasDeployPool = !isOnce && (!queue || queue === DEPLOY_QUEUE)
const passWhere = hasDeployPool ? { queue: { not_equals: DEPLOY_QUEUE } } : undefined

/** One pass: queue what schedules ask for (not in --once mode), then run what is due. True when it ran jobs. */
const pass = async (): Promise<boolean> => {
  if (!isOnce) await payload.jobs.handleSchedules(which)
  if (hasDeployPool && queue === DEPLOY_QUEUE) return false
  const result = await payload.jobs.run({ ...which, limit, where: passWhere })
  return !result.noJobsRemaining
}

if (isOnce) {
  await pass()
  await payload.destroy()
  process.exit(0)
}

let isStopping = false
let wake: (() => void) | null = null
/** A job was announced while a pass ran: run another pass right after it. */
let isAnnounced = false

/**
 * The deploy pool: DEPLOY_CONCURRENCY lanes, each taking one deploy job at a time while a deploy slot is free and
 * there is a job due, and otherwise waiting for a wake-up. A pass of Payload's runner ends only when all of its jobs
 * have: run as passes, a fleet's deployments went in waves, idling through each wave's tail and then through the
 * poll interval; and a worker that took jobs without a free slot only queued them again to wait (two workers
 * deployed 100 sites no faster than one: 1.4 deployments running on average with 4 slots;
 * bench/fleet/deploy-all.ts). So a lane takes a deploy slot first (lib/deploySlots.ts, the global limit) and then
 * one job, lending the slot to it. Wake-ups: a queued deployment and a freed slot (NOTIFY), and every interval.
 */
let deployWakes = 0
let laneWaiters: (() => void)[] = []
const wakeDeploys = () => {
  deployWakes++
  const waiting = laneWaiters
  laneWaiters = []
  for (const resume of waiting) resume()
}
/** Whether a deploy job is due (what Payload's runner would take): a look before taking a slot for it. */
const isDeployJobDue = async (): Promise<boolean> => {
  const { totalDocs } = await payload.count({
    collection: 'payload-jobs',
    where: {
      and: [
        { queue: { equals: DEPLOY_QUEUE } },
        { completedAt: { exists: false } },
        { hasError: { not_equals: true } },
        { processing: { equals: false } },
        { or: [{ waitUntil: { exists: false } }, { waitUntil: { less_than: new Date().toISOString() } }] },
      ],
    },
    overrideAccess: true,
  })
  return totalDocs > 0
}

const deployLane = async () => {
  // the slot this lane holds for the job it is about to take
  let slot: DeploySlot | null = null
  while (!isStopping) {
    const wakesAtStart = deployWakes
    let hasRun = false
    try {
      if (slot || (await isDeployJobDue())) {
        slot ??= await takeDeploySlot(payload)
        if (slot) {
          const { context, lent } = lendSlot(slot)
          const req = await createLocalReq({ context }, payload)
          const result = (await payload.jobs.run({ queue: DEPLOY_QUEUE, limit: 1, req })) as { noJobsRemaining?: boolean }
          hasRun = !result.noJobsRemaining
          // the deployment that ran released it; a job that did not run left it for the next job
          if (lent.isTaken()) slot = null
        }
      }
    } catch (err) {
      // a database hiccup: this lane waits for the next wake-up or interval rather than spin
      payload.logger.error({ msg: 'A deploy lane failed; trying again at the next wake-up', err })
    }
    if (hasRun) continue
    // nothing due, or no slot free: give the slot back (quietly: a wake-up here would wake every lane of every
    // worker to find nothing) and wait, unless a wake-up came while it looked
    if (slot) await slot.release()
    slot = null
    if (deployWakes === wakesAtStart && !isStopping) await new Promise<void>((resume) => laneWaiters.push(resume))
  }
  if (slot) await slot.release()
}
const lanes = hasDeployPool ? Array.from({ length: deployConcurrency(payload) }, () => deployLane()) : []

const stop = (signal: string) => () => {
  if (isStopping) return
  isStopping = true
  payload.logger.info(`${signal}: the worker stops after the current pass and the deployments running`)
  wake?.()
  wakeDeploys()
}
process.on('SIGINT', stop('SIGINT'))
process.on('SIGTERM', stop('SIGTERM'))
const listener = listenForJobs(payload, (announced) => {
  if (queue && announced !== queue) return
  if (announced === DEPLOY_QUEUE && hasDeployPool) return wakeDeploys()
  isAnnounced = true
  wake?.()
})
await listener.ready.catch((err: unknown) => payload.logger.warn({ msg: 'Not listening for queued jobs; polling only', err }))
payload.logger.info(`Worker running ${queue ? `the "${queue}" queue` : 'every queue'}: when a job is queued, and every ${interval / 1000} s`)

while (!isStopping) {
  const started = Date.now()
  isAnnounced = false
  // what is due without a wake-up (a wait that ended, a lost NOTIFY, a worker that polls only)
  wakeDeploys()
  let hasRun = false
  try {
    hasRun = await pass()
  } catch (err) {
    // a database hiccup: the next pass tries again
    payload.logger.error({ msg: 'A worker pass failed; trying again at the next one', err })
  }
  // a pass that ran jobs may have left more due (it takes `limit` at a time): the next one starts at once
  if (hasRun || isAnnounced || isStopping) continue
  const wait = Math.max(0, interval - (Date.now() - started))
  await new Promise<void>((resolve) => {
    wake = resolve
    setTimeout(resolve, wait)
  })
  wake = null
}
await listener.close()
await Promise.all(lanes)
await payload.destroy()
process.exit(0)
