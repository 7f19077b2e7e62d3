import type { Payload } from 'payload'

import { whileBusy } from './budget/store'

const chains = new WeakMap<object, Promise<unknown>>()

/**
 * The plugin's own Payload writes (history, generated media, bulk progress,
 * pages). SQLite has one writer, and a Payload transaction on it fails at
 * once with SQLITE_BUSY while another is open in this process (its extra
 * connections have no busy timeout): parallel generations finishing
 * together would lose their history. So on SQLite these writes go one at a
 * time, in order, and are tried again while another writer holds the
 * database. PostgreSQL needs neither.
 */
export const aiWrite = <T>(payload: Payload, write: () => Promise<T>): Promise<T> => {
  if (payload.db.name !== 'sqlite') return write()
  const previous = chains.get(payload.db) ?? Promise.resolve()
  const next = previous.then(() => whileBusy(write))
  chains.set(
    payload.db,
    next.catch(() => undefined),
  )
  return next
}
