import { afterAll } from 'vitest'

type Sessions = Record<string, unknown>
type Cached = {
  payload?: {
    db?: {
      sessions?: Sessions
      rollbackTransaction?: (id: string) => Promise<void>
      deleteMany?: (args: { collection: string; where: Record<string, unknown> }) => Promise<unknown>
    }
  }
}

/**
 * After each test file: it must not leave a database transaction open, and the jobs it queued and did not run are
 * removed. The files a worker runs share one Payload (and on SQLite one writer): a transaction left open by one
 * file (a test that ran out of time half-way, a job still running) would hold SQLite's write lock and make every later file fail with SQLITE_BUSY, far from the cause. After each
 * file this waits for the transactions still open to end (work the file started may be finishing), then rolls back
 * what is left and fails that file, naming what happened, so the damage stays in the file that caused it.
 */
afterAll(async () => {
  const cache = (globalThis as { _payload?: Map<string, Cached> })._payload
  if (!cache) return
  for (const [key, cached] of cache) {
    const db = cached.payload?.db
    if (!db?.sessions) continue
    // a wait on the state itself (bounded, so a stuck transaction is reported rather than hanging the run)
    for (let i = 0; i < 600 && Object.keys(db.sessions).length > 0; i++) await new Promise((r) => setTimeout(r, 100))
    const left = Object.keys(db.sessions)
    // every file starts with an empty job queue, as it starts with its own records: a job a file queued and did not
    // run (a deploy after its last save, a bulk run it only looked at) would otherwise run in the next file's
    // `jobs.run` and meet its fake servers (their request and token counts) and its database writes
    if (left.length === 0) {
      await db.deleteMany?.({ collection: 'payload-jobs', where: { completedAt: { exists: false } } })
      continue
    }
    for (const id of left) await db.rollbackTransaction?.(id).catch(() => undefined)
    throw new Error(`this test file left ${left.length} database transaction(s) open on Payload "${key}" 60 s after its last test; they were rolled back so the files after it can write`)
  }
}, 120_000)
