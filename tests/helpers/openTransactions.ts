import { afterAll } from 'vitest'

type Sessions = Record<string, unknown>
type Cached = { payload?: { db?: { sessions?: Sessions; rollbackTransaction?: (id: string) => Promise<void> } } }

/**
 * A test file must not leave a database transaction open. The files of a project share one Payload (and on SQLite
 * one writer): a transaction left open by one file (a test that ran out of time half-way, a job still running)
 * would hold SQLite's write lock and make every later file fail with SQLITE_BUSY, far from the cause. After each
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
    if (left.length === 0) continue
    for (const id of left) await db.rollbackTransaction?.(id).catch(() => undefined)
    throw new Error(`this test file left ${left.length} database transaction(s) open on Payload "${key}" 60 s after its last test; they were rolled back so the files after it can write`)
  }
}, 120_000)
