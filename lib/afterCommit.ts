import type { Payload, PayloadRequest } from 'payload'

type Task = () => Promise<void>

// Payload runs afterChange hooks inside the save's transaction and has no
// after-commit hook: work that must not share the save's fate (queueing a
// deployment: a failure there would roll the save back) waits here, keyed by
// transaction, until the adapter commits it; a rollback drops it.
const pending = new Map<string, Task[]>()
const installed = new WeakSet<object>()

const runAll = async (payload: Payload, tasks: Task[] | undefined) => {
  for (const task of tasks ?? []) {
    try {
      await task()
    } catch (err) {
      payload.logger.error({ msg: 'A task run after a commit failed (the save itself is kept)', err })
    }
  }
}

/** Wraps the database adapter's commit and rollback once per adapter (from the plugin's onInit). */
export const installAfterCommit = (payload: Payload): void => {
  const db = payload.db
  if (installed.has(db)) return
  installed.add(db)
  const commit = db.commitTransaction.bind(db)
  const rollback = db.rollbackTransaction.bind(db)
  db.commitTransaction = async (id) => {
    await commit(id)
    const key = String(await id)
    const tasks = pending.get(key)
    pending.delete(key)
    // awaited: the saving request answers after its follow-up work, which can no longer undo the save
    await runAll(payload, tasks)
  }
  db.rollbackTransaction = async (id) => {
    pending.delete(String(await id))
    await rollback(id)
  }
}

/**
 * Runs `task` once `req`'s transaction has committed (at once when there is
 * none), outside any transaction; never when it rolls back. Errors are logged.
 */
export const afterCommit = async (req: PayloadRequest, task: Task): Promise<void> => {
  const id = req.transactionID instanceof Promise ? await req.transactionID : req.transactionID
  if (!id || !installed.has(req.payload.db)) return runAll(req.payload, [task])
  const key = String(id)
  pending.set(key, [...(pending.get(key) ?? []), task])
}
