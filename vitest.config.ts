import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = path.dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      { find: '@payload-config', replacement: path.resolve(root, 'payload.config.ts') },
      { find: /^@\/(.*)$/, replacement: `${root}/$1` },
      // one graphql for our code and Payload's, as in Next (where it is external): Vite would pick index.mjs, Node picks index.js
      { find: /^graphql$/, replacement: path.resolve(root, 'node_modules/graphql/index.js') },
    ],
  },
  test: {
    globalSetup: ['tests/helpers/globalSetup.ts'],
    environment: 'node',
    env: {
      PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? 'panel-test-secret',
      SQLITE_PATH: process.env.SQLITE_PATH ?? 'data/test.db',
      MEDIA_DIR: process.env.MEDIA_DIR ?? 'data/test-media',
    },
    // one database, one schema: integration files share it, so run them one after another
    fileParallelism: false,
    // bounds against a hang, never a timing assertion: a slow machine must not fail a test (tests wait on events)
    testTimeout: 300_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        // an explicit group (Vitest runs sequential files of group 0 last): these first, on the empty database.
        // PostgreSQL: one process, one module graph: Payload is loaded and initialised once for all these files (the
        // database and every test's records are shared anyway), not once per file; a file that leaves a transaction
        // open fails there (openTransactions.ts). SQLite keeps a process per file: tried shared again in December
        // 2026, a loaded run (load 30) still ended with SQLITE_BUSY in the reclaim test's job updates and a bulk run
        // counting another file's tokens; with one writer, what one file leaves running reaches every file after it.
        test: {
          name: 'panel',
          isolate: !process.env.DATABASE_URL,
          setupFiles: ['tests/helpers/openTransactions.ts'],
          include: ['tests/unit/**/*.test.ts', 'tests/int/**/*.test.ts', 'tests/security/**/*.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        // media in an S3 bucket: the config reads S3_* when it loads, so these files get their own
        // processes (tests/storage/env.ts sets S3_* from the server that globalSetup started), after the others
        extends: true,
        test: {
          name: 's3',
          include: ['tests/storage/**/*.test.ts'],
          globalSetup: ['tests/storage/server.ts'],
          setupFiles: ['tests/storage/env.ts'],
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
})
