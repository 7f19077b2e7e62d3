import pg from 'pg'
import type { Payload } from 'payload'

import { postgresOf } from './jobSignal'

/** The advisory lock namespace of the deploy slots (the site locks use 0x50414e). */
const SLOT_LOCK = 0x504153 /* "PAS" */
const DEFAULT_CONCURRENCY = 4

/**
 * How many deployments may run at once, in every worker process together: `DEPLOY_CONCURRENCY`; by default 4 on
 * PostgreSQL and 1 on SQLite, which has one writer: deployments run side by side there only wait on each other's
 * writes (and past its busy timeout fail with SQLITE_BUSY), while their rendering shares one process anyway.
 */
export const deployConcurrency = (payload?: Payload): number => {
  const value = Number(process.env.DEPLOY_CONCURRENCY)
  if (Number.isInteger(value) && value > 0) return value
  return payload && !postgresOf(payload) ? 1 : DEFAULT_CONCURRENCY
}

export type DeploySlot = { index: number; release: () => Promise<void> }

/**
 * Takes one of the `DEPLOY_CONCURRENCY` deploy slots, or answers null when
 * all are taken. PostgreSQL: slot i is the session advisory lock (SLOT_LOCK, i)
 * on a connection of its own, held while the deployment runs and freed by the
 * database when the holder's process dies, so the limit holds across worker
 * processes and a crashed worker never keeps a slot. A counter of running
 * deployments would need cleaning after a crash; the locks need nothing.
 * SQLite has one process that deploys: an in-process semaphore.
 */
export const takeDeploySlot = async (payload: Payload, concurrency = deployConcurrency(payload)): Promise<DeploySlot | null> => {
  const db = postgresOf(payload)
  if (!db) return takeInProcess(concurrency)
  const client = new pg.Client(db.poolOptions)
  client.on('error', () => undefined)
  await client.connect()
  try {
    // one round trip: the first free slot, locked; the others are left alone
    const { rows } = await client.query<{ index: number | null }>(
      `SELECT (SELECT i FROM generate_series(0, $2::int - 1) AS i WHERE pg_try_advisory_lock($1::int, i) LIMIT 1) AS index`,
      [SLOT_LOCK, concurrency],
    )
    const index = rows[0]?.index
    if (index === null || index === undefined) {
      await client.end()
      return null
    }
    return { index, release: () => client.end().catch(() => undefined) }
  } catch (err) {
    await client.end().catch(() => undefined)
    throw err
  }
}

/**
 * A slot a worker's deploy lane took before taking a job (scripts/worker.ts), lent to that job through its request
 * context: the deployment that runs takes it (and releases it when it ends); a job that does not run (its site is
 * busy, it was run meanwhile) leaves it with the lane. Taking the slot first means a worker never takes a job it
 * would only queue again to wait for a slot.
 */
export type LentSlot = { take: () => DeploySlot | null; isTaken: () => boolean }

const LENT_SLOT = 'panelLentDeploySlot'

export const lendSlot = (slot: DeploySlot): { context: Record<string, unknown>; lent: LentSlot } => {
  let isTaken = false
  const lent: LentSlot = {
    take: () => {
      if (isTaken) return null
      isTaken = true
      return slot
    },
    isTaken: () => isTaken,
  }
  return { context: { [LENT_SLOT]: lent }, lent }
}

export const lentSlotOf = (context: Record<string, unknown> | undefined): LentSlot | undefined => context?.[LENT_SLOT] as LentSlot | undefined

const heldHere = new Set<number>()

const takeInProcess = async (concurrency: number): Promise<DeploySlot | null> => {
  for (let index = 0; index < concurrency; index++) {
    if (heldHere.has(index)) continue
    heldHere.add(index)
    let isReleased = false
    return {
      index,
      release: async () => {
        if (isReleased) return
        isReleased = true
        heldHere.delete(index)
      },
    }
  }
  return null
}
