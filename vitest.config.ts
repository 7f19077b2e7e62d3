import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = path.dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      { find: '@payload-config', replacement: path.resolve(root, 'payload.config.ts') },
      { find: /^@\/(.*)$/, replacement: `${root}/$1` },
    ],
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/int/**/*.test.ts'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    environment: 'node',
    env: {
      PAYLOAD_SECRET: process.env.PAYLOAD_SECRET ?? 'panel-test-secret',
      SQLITE_PATH: process.env.SQLITE_PATH ?? 'data/test.db',
      MEDIA_DIR: process.env.MEDIA_DIR ?? 'data/test-media',
    },
    // one database, one schema: integration files share it, so run them one after another
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
})
