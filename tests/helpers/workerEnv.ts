import { baseEnv, workerEnv } from './workers'

/**
 * Setup file of every project (vitest.config.ts), run in the worker before each test file: points DATABASE_URL,
 * SQLITE_PATH and MEDIA_DIR at this worker's own (tests/helpers/workers.ts). It runs before the file imports the
 * Payload config, which reads them; worker processes and children a test starts inherit them.
 */
const id = Number(process.env.VITEST_POOL_ID ?? 1)
const base = baseEnv()
if (base.databaseUrl) process.env.PANEL_TEST_BASE_DATABASE_URL = base.databaseUrl
process.env.PANEL_TEST_BASE_SQLITE_PATH = base.sqlitePath
process.env.PANEL_TEST_BASE_MEDIA_DIR = base.mediaDir
Object.assign(process.env, workerEnv(base, id))
