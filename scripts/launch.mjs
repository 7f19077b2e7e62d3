#!/usr/bin/env node
/**
 * Runs a server entry point: `node scripts/launch.mjs [node options] <file.ts> [args]`.
 *
 * With NODE_ENV=production it runs the compiled JavaScript that `npm run build` wrote for that file
 * (scripts/server-entries.mjs); production installs have no tsx. Otherwise it runs the TypeScript through tsx.
 *
 * On Node 20 only, an exit with code 13 is started again. Node 20's module loader sometimes ends the process with 13
 * ("unsettled top-level await") while importing Payload's module graph, before a single line of the entry point has
 * run (payloadcms/payload#17757). Measured on one tree and database, 16 starts each on a busy machine: Node 20.20 ended
 * 5 of `--import tsx scripts/migrate.ts` and 1 of the compiled worker that way; Node 22.23 none, compiled or not.
 * Nothing has happened at that point, so starting again is safe. On Node 22 a 13 is a real failure and is passed on
 * like any other exit code, and production there runs the compiled files with node directly (Dockerfile).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { compiledPathOf } from './server-entries.mjs'

// options for Node itself come before the entry point (`--max-semi-space-size=64 main.ts`)
const given = process.argv.slice(2)
const firstFile = given.findIndex((arg) => !arg.startsWith('-'))
const nodeOptions = firstFile === -1 ? given : given.slice(0, firstFile)
const [entry, ...args] = firstFile === -1 ? [] : given.slice(firstFile)
if (!entry) {
  console.error('usage: node scripts/launch.mjs [node options] <entry.ts> [args]')
  process.exit(2)
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const isProduction = process.env.NODE_ENV === 'production'
const compiled = compiledPathOf(path.relative(root, path.resolve(entry)))

let command
if (isProduction && compiled) {
  const file = path.join(root, compiled)
  if (!fs.existsSync(file)) {
    console.error(`${compiled} is missing: production runs the compiled server (npm run build), not ${entry}`)
    process.exit(1)
  }
  // in a checkout (sources present) compiled files older than their sources would run yesterday's code
  const built = path.join(path.dirname(file), 'inputs.json')
  const { builtAt = 0, inputs = [] } = fs.existsSync(built) ? JSON.parse(fs.readFileSync(built, 'utf8')) : {}
  const changed = inputs.find((input) => (fs.statSync(path.join(root, input), { throwIfNoEntry: false })?.mtimeMs ?? 0) > builtAt)
  if (changed) {
    console.error(`${changed} changed after ${compiled} was compiled: run \`npm run build:server\` (or \`npm run build\`)`)
    process.exit(1)
  }
  command = [...nodeOptions, file, ...args]
} else {
  command = [...nodeOptions, '--import', 'tsx', entry, ...args]
}

const UNSETTLED_TOP_LEVEL_AWAIT = 13
const hasLoaderBug = Number(process.versions.node.split('.')[0]) < 22
const ATTEMPTS = hasLoaderBug ? 8 : 1

const run = () =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, command, { stdio: 'inherit' })
    const forward = (signal) => () => child.kill(signal)
    const onInt = forward('SIGINT')
    const onTerm = forward('SIGTERM')
    process.on('SIGINT', onInt)
    process.on('SIGTERM', onTerm)
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt)
      process.off('SIGTERM', onTerm)
      resolve({ code, signal })
    })
  })

for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
  const { code, signal } = await run()
  if (signal) process.kill(process.pid, signal)
  if (code !== UNSETTLED_TOP_LEVEL_AWAIT || attempt === ATTEMPTS) process.exit(code ?? 1)
  process.stderr.write(`(${entry} stopped while Node ${process.versions.node} was loading its modules, exit 13; starting again)\n`)
}
