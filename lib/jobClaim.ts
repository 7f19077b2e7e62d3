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
 * the process dies), committed before the lock is let go: Payload runs every job update in a transaction of its
 * own and commits it after the adapter returns, and a claim not yet committed is invisible to the next claimer.
 * A claim is two short statements; nothing else waits on the lock.
 *
 * Also: Payload's job update begins that transaction and never rolls it back when the statement fails (a job
 * deleted meanwhile, say), leaving its connection idle in an aborted transaction for good; a few of those empty
 * the pool. A failed update's transaction is rolled back here.
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

  const transactionOf = async (args: Parameters<UpdateJobs>[0]) => {
    const id = (args.req as { transactionID?: number | string | Promise<number | string> } | undefined)?.transactionID
    return id instanceof Promise ? await id : id
  }

  /** The update, with its transaction rolled back if it fails. */
  const update = async (args: Parameters<UpdateJobs>[0]) => {
    try {
      return await original(args)
    } catch (err) {
      const id = await transactionOf(args)
      if (id !== undefined) await db.rollbackTransaction(id).catch(() => undefined)
      throw err
    }
  }

  const claimAlone = async (args: Parameters<UpdateJobs>[0]) => {
    if (!postgres) return update(args)
    const locked = await lockClient()
    await locked.query('SELECT pg_advisory_lock($1)', [CLAIM_LOCK])
    try {
      const claimed = await update(args)
      // visible to the next claimer before it may look (Payload's own commit, after this returns, finds nothing left to do)
      const id = await transactionOf(args)
      if (id !== undefined) await db.commitTransaction(id)
      return claimed
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
    if (!isClaim) return update(args)
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
