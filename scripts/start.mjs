#!/usr/bin/env node
/**
 * `npm start`: the production Next.js server of `npm run build` (output: 'standalone'). PORT (3000), HOSTNAME
 * (0.0.0.0) and KEEP_ALIVE_TIMEOUT as Next reads them.
 *
 * In the runtime tree (scripts/runtime-tree.mjs: the Dockerfile's runtime stage, CI's pruned copy) this is Next's
 * own server.js at the root. In a checkout that file is .next/standalone/server.js, which makes .next/standalone the
 * working directory, so the app would look for media/, public-sites/, data/ and blocks/ there and not where the
 * worker and the collector do; the same server is started here from the project root instead, the way server.js
 * starts it.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const standaloneServer = path.join(root, 'server.js')

if (fs.existsSync(standaloneServer)) {
  await import(pathToFileURL(standaloneServer).href)
} else {
  const distDir = process.env.NEXT_DIST_DIR || '.next'
  const serverFiles = path.join(root, distDir, 'required-server-files.json')
  if (!fs.existsSync(serverFiles)) {
    console.error(`${path.relative(root, serverFiles)} is missing: run \`npm run build\` first`)
    process.exit(1)
  }
  const { config } = JSON.parse(fs.readFileSync(serverFiles, 'utf8'))
  process.env.NODE_ENV = 'production'
  process.chdir(root)
  // what server.js does: the build's config, not next.config.mjs, and Next's own server
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config)
  const require = createRequire(import.meta.url)
  require('next')
  const { startServer } = require('next/dist/server/lib/start-server')
  const keepAliveTimeout = Number.parseInt(process.env.KEEP_ALIVE_TIMEOUT ?? '', 10)
  await startServer({
    dir: root,
    isDev: false,
    config,
    hostname: process.env.HOSTNAME || '0.0.0.0',
    port: Number.parseInt(process.env.PORT ?? '', 10) || 3000,
    allowRetry: false,
    keepAliveTimeout: Number.isFinite(keepAliveTimeout) && keepAliveTimeout >= 0 ? keepAliveTimeout : undefined,
  }).catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
