import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

import { baseEnv, databaseName, testWorkers, workerEnv } from './workers'

const sqliteFiles = (file: string) => ['', '-wal', '-shm', '-journal'].map((suffix) => path.resolve(file + suffix))

/** A connection that can make databases: to the base test database, or `postgres` when the base does not exist. */
const connectForAdmin = async (url: string): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
    return client
  } catch (err) {
    if ((err as { code?: string }).code !== '3D000') throw err
    const maintenance = new URL(url)
    maintenance.pathname = '/postgres'
    const fallback = new pg.Client({ connectionString: maintenance.toString() })
    await fallback.connect()
    return fallback
  }
}

/**
 * Every run starts from empty databases, so tests can rely on what they create (the first user becomes admin,
 * counts are exact). Each test worker has its own (tests/helpers/workers.ts). PostgreSQL: worker N's database is
 * `<base>_wN`, made if missing and its schema dropped, but only when the base name says it is a test database.
 * SQLite: fresh files per run.
 */
export default async function setup() {
  const base = baseEnv()
  const workers = Array.from({ length: testWorkers() }, (_, i) => workerEnv(base, i + 1))
  // uploads made by tests go to their own folders, emptied at the start of each run
  fs.rmSync(path.resolve(base.mediaDir), { recursive: true, force: true })
  if (base.databaseUrl) {
    const name = databaseName(base.databaseUrl)
    if (!/(^test$|_test$|^test_)/.test(name)) {
      throw new Error(`Refusing to wipe database "${name}": tests need a database named test, *_test or test_*`)
    }
    const admin = await connectForAdmin(base.databaseUrl)
    try {
      for (const worker of workers) {
        const db = databaseName(worker.DATABASE_URL!)
        const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db])
        if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${db.replace(/"/g, '""')}"`)
        const client = new pg.Client({ connectionString: worker.DATABASE_URL })
        await client.connect()
        await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;')
        await client.end()
      }
    } finally {
      await admin.end()
    }
    return
  }
  const files = workers.flatMap((worker) => sqliteFiles(worker.SQLITE_PATH))
  const remove = () => files.forEach((file) => fs.rmSync(file, { force: true }))
  remove()
  return remove
}
