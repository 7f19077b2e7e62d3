#!/usr/bin/env node
/**
 * Assembles what production runs, from a checkout after `npm run build`, into a folder of its own:
 *
 *   node scripts/runtime-tree.mjs <dir> [--prune]
 *
 *   server.js, .next/       the standalone Next.js server (its traced files, static assets, blocks/ partials)
 *   public/                 if the project has one
 *   dist/server/            migrate, worker, collector, build-site, analytics-rollup, compiled
 *   scripts/                start.mjs, launch.mjs, server-entries.mjs (what `npm start` and `npm run <x>` use), ensure-bucket.mjs
 *   package.json, package-lock.json
 *
 * With --prune, node_modules is copied too (hard links where the file system allows) and `npm prune --omit=dev`
 * removes the development dependencies: the tree is then the Dockerfile's runtime stage, which CI runs without
 * Docker. Without it, install production dependencies yourself (`npm ci --omit=dev`).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { SERVER_ENTRIES, SERVER_OUT_DIR } from './server-entries.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const shouldPrune = args.includes('--prune')
const target = args.find((a) => !a.startsWith('-'))
const fail = (message) => {
  console.error(message)
  process.exit(1)
}
if (!target) fail('usage: node scripts/runtime-tree.mjs <dir> [--prune]')
const out = path.resolve(target)
if (out === root || out.startsWith(`${root}${path.sep}`)) fail(`${target} is inside the project: choose a folder outside it`)
if (fs.existsSync(out) && fs.readdirSync(out).length > 0) fail(`${target} is not empty`)

const distDir = process.env.NEXT_DIST_DIR || '.next'
const standalone = path.join(root, distDir, 'standalone')
if (!fs.existsSync(path.join(standalone, 'server.js'))) fail(`${distDir}/standalone/server.js is missing: run \`npm run build\` first`)
for (const e of SERVER_ENTRIES) {
  if (!fs.existsSync(path.join(root, SERVER_OUT_DIR, `${e.name}.mjs`))) fail(`${SERVER_OUT_DIR}/${e.name}.mjs is missing: run \`npm run build\` first`)
}

const started = Date.now()
// symlinks as they are: Next links its hashed externals (.next/node_modules/<name>-<hash>) relative to the tree
const options = { recursive: true, verbatimSymlinks: true }
const copy = (from, to) => fs.cpSync(path.join(root, from), path.join(out, to ?? from), options)
fs.mkdirSync(out, { recursive: true })
// Next's standalone output without its traced node_modules: the tree gets the full production dependencies instead,
// which the compiled workers need as well
fs.cpSync(standalone, out, { ...options, filter: (src) => src !== path.join(standalone, 'node_modules') })
copy(path.join(distDir, 'static'))
if (fs.existsSync(path.join(root, 'public'))) copy('public')
copy(SERVER_OUT_DIR)
for (const file of ['start.mjs', 'launch.mjs', 'server-entries.mjs', 'ensure-bucket.mjs']) copy(path.join('scripts', file))
for (const file of ['package.json', 'package-lock.json']) copy(file)

// the block partials are read from the working directory at run time; Next traces them (next.config.mjs)
const liquidFiles = (dir) =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.liquid')).length : 0
if (liquidFiles(path.join(out, 'blocks')) !== liquidFiles(path.join(root, 'blocks'))) {
  fail('blocks/**/*.liquid did not reach the standalone output: check outputFileTracingIncludes in next.config.mjs')
}

if (shouldPrune) {
  const nodeModules = path.join(out, 'node_modules')
  const linked = spawnSync('cp', ['-al', path.join(root, 'node_modules'), nodeModules], { stdio: 'ignore' })
  if (linked.status !== 0) {
    fs.rmSync(nodeModules, { recursive: true, force: true })
    fs.cpSync(path.join(root, 'node_modules'), nodeModules, options)
  }
  // npm rewrites this file in place: give the copy its own, so the checkout's stays as it is
  const hiddenLock = path.join(nodeModules, '.package-lock.json')
  if (fs.existsSync(hiddenLock)) {
    const text = fs.readFileSync(hiddenLock)
    fs.rmSync(hiddenLock)
    fs.writeFileSync(hiddenLock, text)
  }
  const prune = spawnSync('npm', ['prune', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: out, stdio: 'inherit' })
  if (prune.status !== 0) fail(`npm prune --omit=dev failed in ${out}`)
  if (fs.existsSync(path.join(nodeModules, 'tsx'))) fail('tsx is still in the pruned tree: devDependencies were not removed')
}

console.log(`Runtime tree in ${out}${shouldPrune ? ' (production dependencies only)' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
