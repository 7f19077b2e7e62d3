import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import fs from 'node:fs'
import path from 'node:path'
import type { DatabaseAdapterObj } from 'payload'

export const isPostgresUrl = (url: string | undefined): url is string => Boolean(url && /^postgres(ql)?:\/\//.test(url))

/**
 * DATABASE_URL=postgres://… selects PostgreSQL (production, CI); unset, an
 * embedded SQLite file so a first run needs nothing installed.
 */
export const databaseAdapter = (root: string): DatabaseAdapterObj => {
  const url = process.env.DATABASE_URL
  if (isPostgresUrl(url)) {
    return postgresAdapter({
      pool: { connectionString: url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) },
      migrationDir: path.resolve(root, 'migrations'),
    })
  }
  if (url) throw new Error(`DATABASE_URL must be a postgres:// URL (got "${String(url).split(':')[0]}:…"); unset it to use SQLite`)
  const file = path.resolve(root, process.env.SQLITE_PATH ?? 'data/panel.db')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  return sqliteAdapter({
    client: { url: `file:${file}` },
    migrationDir: path.resolve(root, 'migrations/sqlite'),
    // SQLite transactions are off unless given options; rollbacks on failed writes need them
    transactionOptions: {},
    busyTimeout: 10_000,
    afterSchemaInit: [],
  })
}
