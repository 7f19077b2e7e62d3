import path from 'node:path'

import type { Payload } from 'payload'

import { openPostgresStore, postgresStore } from './postgres'
import { openSqliteStore, sqliteStore } from './sqlite'
import type { Store } from './types'

export type { Store } from './types'

// the same test as lib/database.ts, without loading Payload's adapters into the lean collector
const isPostgresUrl = (url: string | undefined): url is string => Boolean(url && /^postgres(ql)?:\/\//.test(url))

/** A store with its own connections, on the database the app uses (DATABASE_URL, else SQLITE_PATH). */
export const openStore = async ({ root = process.cwd(), poolMax = 8 }: { root?: string; poolMax?: number } = {}): Promise<Store> => {
  const url = process.env.DATABASE_URL
  if (isPostgresUrl(url)) return openPostgresStore(url, poolMax)
  if (url) throw new Error(`DATABASE_URL must be a postgres:// URL (got "${String(url).split(':')[0]}:…"); unset it to use SQLite`)
  return openSqliteStore(path.resolve(root, process.env.SQLITE_PATH ?? 'data/panel.db'))
}

/** A store on Payload's own connections (the rollup job, tests): closing it leaves them open. */
export const storeOf = (payload: Payload): Store => {
  const db = payload.db as unknown as { name?: string; pool?: unknown; client?: unknown }
  if (db.pool) return postgresStore(db.pool as never, { ownsPool: false })
  if (db.client) return sqliteStore(db.client as never, { ownsClient: false })
  throw new Error(`Analytics needs the PostgreSQL or SQLite adapter (got "${db.name ?? 'unknown'}")`)
}
