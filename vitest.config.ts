import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

import { testWorkers } from './tests/helpers/workers'

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
    // files run in parallel, one worker per core, each worker on a database and upload folder of its own and running
    // its files one after another (tests/helpers/workers.ts)
    fileParallelism: true,
    maxWorkers: testWorkers(),
    // bounds against a hang, never a timing assertion: a slow machine must not fail a test (tests wait on events)
    testTimeout: 300_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        // an explicit group (Vitest runs sequential files of group 0 last): these first, on the empty databases.
        // One process per worker, one module graph: Payload is loaded and initialised once per worker, not once per
        // file (the worker's files share its database anyway, one after another). After each file
        // (openTransactions.ts) an open transaction fails that file, and the jobs it left queued are removed, so
        // nothing one file leaves running or queued reaches the next (on SQLite, with one writer, that was the
        // SQLITE_BUSY and the token counts that kept SQLite on a process per file until December 2026).
        test: {
          name: 'panel',
          isolate: false,
          setupFiles: ['tests/helpers/workerEnv.ts', 'tests/helpers/openTransactions.ts'],
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
          setupFiles: ['tests/helpers/workerEnv.ts', 'tests/storage/env.ts'],
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
})
