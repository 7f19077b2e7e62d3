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
 * pace of scheduled work.
 */
import { getPayload } from 'payload'

import { deployConcurrency } from '../lib/deploySlots'
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

/** One pass: queue what schedules ask for (not in --once mode), then run what is due. */
const pass = async () => {
  if (!isOnce) await payload.jobs.handleSchedules(which)
  await payload.jobs.run({ ...which, limit })
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
let isInPass = false
/**
 * A pass ends only when all of its jobs have. A deploy slot freed (and its waiting deployment woken) while this
 * worker's pass still runs other deployments would stay idle until then: a deploy announced meanwhile gets a pass
 * of its own beside the running one (one job, at most DEPLOY_CONCURRENCY of them).
 */
const sidePasses = new Set<Promise<unknown>>()
const runSidePass = () => {
  if (sidePasses.size >= deployConcurrency()) return
  const side = payload.jobs
    .run({ queue: DEPLOY_QUEUE, limit: 1 })
    .catch((err: unknown) => payload.logger.error({ msg: 'A deploy pass failed; the next pass tries again', err }))
    .finally(() => sidePasses.delete(side))
  sidePasses.add(side)
}
const stop = (signal: string) => () => {
  if (isStopping) return
  isStopping = true
  payload.logger.info(`${signal}: the worker stops after the current pass`)
  wake?.()
}
process.on('SIGINT', stop('SIGINT'))
process.on('SIGTERM', stop('SIGTERM'))
const listener = listenForJobs(payload, (announced) => {
  if (queue && announced !== queue) return
  isAnnounced = true
  wake?.()
  if (isInPass && !isStopping && announced === DEPLOY_QUEUE && (!queue || queue === DEPLOY_QUEUE)) runSidePass()
})
await listener.ready.catch((err: unknown) => payload.logger.warn({ msg: 'Not listening for queued jobs; polling only', err }))
payload.logger.info(`Worker running ${queue ? `the "${queue}" queue` : 'every queue'}: when a job is queued, and every ${interval / 1000} s`)

while (!isStopping) {
  const started = Date.now()
  isAnnounced = false
  isInPass = true
  try {
    await pass()
  } catch (err) {
    // a database hiccup: the next pass tries again
    payload.logger.error({ msg: 'A worker pass failed; trying again at the next one', err })
  } finally {
    isInPass = false
  }
  if (isAnnounced || isStopping) continue
  const wait = Math.max(0, interval - (Date.now() - started))
  await new Promise<void>((resolve) => {
    wake = resolve
    setTimeout(resolve, wait)
  })
  wake = null
}
await listener.close()
await Promise.all(sidePasses)
await payload.destroy()
process.exit(0)
