import pg from 'pg'
import type { Payload } from 'payload'

import { postgresOf } from './jobSignal'

/** The advisory lock that makes claiming jobs one at a time (any constant no other lock of this database uses). */
const CLAIM_LOCK = 0x50414a /* "PAJ" */

const installed = new WeakSet<object>()

type UpdateJobs = Payload['db']['updateJobs']

/**
 * Payload claims jobs by reading the due ones and then marking them `processing`, in two statements
 * (drizzle's updateJobs): two runs that look at the same moment claim the same job and both run it. A NOTIFY
 * (lib/jobSignal.ts) wakes every worker at once, so with two workers this is the common case, not a rare one;
 * the second run's completion then writes the job's log after the first has finished (and deleted) it, fails on
 * the foreign key and leaves its connection idle in an aborted transaction, until the pool is empty and the
 * worker hangs (seen with two workers and thirty deployments). Wraps the adapter's updateJobs, once per
 * adapter: a claim (`processing: true` by a query, not by id) runs alone, in this process (a promise chain) and,
 * on PostgreSQL, across processes (a session advisory lock on a connection of its own, freed by the database if
 * the process dies). A claim is two short statements; nothing else waits on the lock.
 */
export const installJobClaimLock = (payload: Payload): void => {
  const db = payload.db
  if (installed.has(db)) return
  installed.add(db)
  const postgres = postgresOf(payload)
  const original: UpdateJobs = db.updateJobs.bind(db)
  let chain: Promise<unknown> = Promise.resolve()
  let client: pg.Client | null = null

  const lockClient = async (): Promise<pg.Client> => {
    if (client) return client
    const next = new pg.Client(postgres!.poolOptions)
    next.on('error', () => {
      if (client === next) client = null
      void next.end().catch(() => undefined)
    })
    await next.connect()
    client = next
    return next
  }

  const claimAlone = async (args: Parameters<UpdateJobs>[0]) => {
    if (!postgres) return original(args)
    const locked = await lockClient()
    await locked.query('SELECT pg_advisory_lock($1)', [CLAIM_LOCK])
    try {
      return await original(args)
    } finally {
      await locked.query('SELECT pg_advisory_unlock($1)', [CLAIM_LOCK]).catch(() => {
        // a broken connection has lost its lock with its session: start a new one next time
        if (client === locked) client = null
        void locked.end().catch(() => undefined)
      })
    }
  }

  db.updateJobs = ((args: Parameters<UpdateJobs>[0]) => {
    const isClaim = (args.data as { processing?: unknown } | undefined)?.processing === true && args.id === undefined
    if (!isClaim) return original(args)
    const run = chain.then(() => claimAlone(args))
    chain = run.catch(() => undefined)
    return run
  }) as UpdateJobs

  const destroy = db.destroy?.bind(db)
  if (destroy) {
    db.destroy = async () => {
      await client?.end().catch(() => undefined)
      client = null
      await destroy()
    }
  }
}
