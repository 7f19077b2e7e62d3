#!/usr/bin/env node
/**
 * Runs a TypeScript entry point with tsx: `node scripts/launch.mjs [node options] <file.ts> [args]`.
 *
 * On Node 20, importing @payloadcms/richtext-lexical's module graph sometimes
 * ends the process with exit code 13 ("unsettled top-level await") before a
 * single line of the entry point has run — about one start in six here, with
 * or without tsx (the same flake as payloadcms/payload#17757). Nothing has
 * happened yet at that point, so starting again is safe; any other exit code
 * is passed through as it is.
 */
import { spawn } from 'node:child_process'

// options for Node itself come before the entry point (`--max-semi-space-size=64 main.ts`)
const given = process.argv.slice(2)
const firstFile = given.findIndex((arg) => !arg.startsWith('-'))
const nodeOptions = firstFile === -1 ? given : given.slice(0, firstFile)
const [entry, ...args] = firstFile === -1 ? [] : given.slice(firstFile)
if (!entry) {
  console.error('usage: node scripts/launch.mjs [node options] <entry.ts> [args]')
  process.exit(2)
}

const ATTEMPTS = 8
const UNSETTLED_TOP_LEVEL_AWAIT = 13

const run = () =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeOptions, '--import', 'tsx', entry, ...args], { stdio: 'inherit' })
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
  process.stderr.write(`(${entry} stopped while Node was loading its modules, exit 13; starting again)\n`)
}
