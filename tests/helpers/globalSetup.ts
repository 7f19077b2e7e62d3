import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'

/**
 * Every run starts from an empty database, so tests can rely on what they
 * create (the first user becomes admin, counts are exact). PostgreSQL: the
 * schema of the database named in DATABASE_URL is dropped, but only when its
 * name says it is a test database. SQLite: a fresh file per run.
 */
export default async function setup() {
  // uploads made by tests go to their own folder, emptied at the start of each run
  fs.rmSync(path.resolve(process.env.MEDIA_DIR ?? 'data/test-media'), { recursive: true, force: true })
  const url = process.env.DATABASE_URL
  if (url) {
    const name = new URL(url).pathname.replace(/^\//, '')
    if (!/(^test$|_test$|^test_)/.test(name)) {
      throw new Error(`Refusing to wipe database "${name}": tests need a database named test, *_test or test_*`)
    }
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;')
    await client.end()
  } else {
    const file = path.resolve(process.env.SQLITE_PATH ?? 'data/test.db')
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
    return () => {
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
    }
  }
}
