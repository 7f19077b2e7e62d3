import os from 'node:os'

/**
 * Test files run in parallel, one vitest worker per core (at most 4; PANEL_TEST_WORKERS overrides). Each worker has
 * a database and an upload folder of its own, so two files running at once never share a writer (SQLite), a
 * NOTIFY channel or an advisory lock (PostgreSQL: both are per database), or an upload's file name. A worker runs
 * its files one after another, as the whole suite did before.
 *
 * - PostgreSQL: DATABASE_URL names the base test database (`panel_ci_test`); worker N uses `panel_ci_test_wN`.
 * - SQLite: SQLITE_PATH `data/ci-test.db`; worker N uses `data/ci-test-wN.db`.
 * - Uploads: MEDIA_DIR `data/test-media`; worker N uses `data/test-media/wN`.
 *
 * globalSetup (tests/helpers/globalSetup.ts) empties them all at the start of a run; the setup file
 * (tests/helpers/workerEnv.ts) points each worker's process.env at its own before a test file loads Payload.
 */
export const testWorkers = (): number => {
  const fromEnv = Number(process.env.PANEL_TEST_WORKERS)
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv
  return Math.max(1, Math.min(4, os.availableParallelism()))
}

/** The base settings, kept before a worker rewrites process.env (the setup file runs before every file). */
export type BaseEnv = { databaseUrl?: string; sqlitePath: string; mediaDir: string }

export const baseEnv = (env: NodeJS.ProcessEnv = process.env): BaseEnv => ({
  databaseUrl: env.PANEL_TEST_BASE_DATABASE_URL ?? env.DATABASE_URL,
  sqlitePath: env.PANEL_TEST_BASE_SQLITE_PATH ?? env.SQLITE_PATH ?? 'data/test.db',
  mediaDir: env.PANEL_TEST_BASE_MEDIA_DIR ?? env.MEDIA_DIR ?? 'data/test-media',
})

/** The database name in a PostgreSQL URL. */
export const databaseName = (url: string): string => decodeURIComponent(new URL(url).pathname.replace(/^\//, ''))

/** The settings of worker `id` (1-based, VITEST_POOL_ID). */
export const workerEnv = (base: BaseEnv, id: number) => {
  const env: { DATABASE_URL?: string; SQLITE_PATH: string; MEDIA_DIR: string } = {
    SQLITE_PATH: base.sqlitePath.replace(/(\.db)?$/, `-w${id}$1`),
    MEDIA_DIR: `${base.mediaDir.replace(/\/$/, '')}/w${id}`,
  }
  if (base.databaseUrl) {
    const url = new URL(base.databaseUrl)
    url.pathname = `/${databaseName(base.databaseUrl)}_w${id}`
    env.DATABASE_URL = url.toString()
  }
  return env
}
