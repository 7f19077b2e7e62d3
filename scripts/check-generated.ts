/**
 * `npm run generated:check`: fails unless payload-types.ts and the admin import map are what the config generates now.
 *
 * Both are generated afresh through Payload's own functions (what `payload generate:types` and
 * `payload generate:importmap` call) into files beside the committed ones, then compared byte for byte. The CLI is not
 * used: when it stalls while loading the config it exits 0 having written nothing, and a check that runs it and then
 * diffs passes on stale files. Here a generation that writes nothing is a failure.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { generateImportMap } from 'payload'
import { generateTypes } from 'payload/node'

import configPromise from '../payload.config'

const config = await configPromise
const root = process.cwd()
const relative = (file: string) => path.relative(root, file)

/** The first line where two texts differ, for the message. */
const firstDifference = (a: string, b: string): number => {
  const [linesA, linesB] = [a.split('\n'), b.split('\n')]
  for (let i = 0; i < Math.max(linesA.length, linesB.length); i++) if (linesA[i] !== linesB[i]) return i + 1
  return 0
}

const readFresh = (file: string, what: string): string => {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
  if (text.trim() === '') {
    console.error(`Generating ${what} wrote nothing (${relative(file)} is ${fs.existsSync(file) ? 'empty' : 'missing'}): the check cannot pass`)
    process.exit(1)
  }
  return text
}

const problems: string[] = []
const compare = (committedFile: string, fresh: string, exact: boolean) => {
  const committed = fs.existsSync(committedFile) ? fs.readFileSync(committedFile, 'utf8') : ''
  const same = exact ? committed === fresh : committed.trim() === fresh.trim()
  if (!same) problems.push(`${relative(committedFile)} differs from a fresh generation from line ${firstDifference(committed, fresh)}`)
}

// types: Payload writes to PAYLOAD_TS_OUTPUT_PATH when it is set
const typesFile = config.typescript.outputFile
const freshTypesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'panel-types-')), 'payload-types.ts')
process.env.PAYLOAD_TS_OUTPUT_PATH = freshTypesFile
await generateTypes(config, { log: false })
compare(typesFile, readFresh(freshTypesFile, 'the types'), true)
fs.rmSync(path.dirname(freshTypesFile), { recursive: true, force: true })

// the import map: its imports are relative to the file, so the fresh one is written beside the committed one
const importMapFile = config.admin.importMap.importMapFile ?? path.resolve(root, `src/app/(payload)${config.routes.admin}/importMap.js`)
const freshImportMapFile = path.join(path.dirname(importMapFile), `.importMap.check-${process.pid}.js`)
try {
  fs.writeFileSync(freshImportMapFile, '')
  await generateImportMap({ ...config, admin: { ...config.admin, importMap: { ...config.admin.importMap, importMapFile: freshImportMapFile } } }, { log: false, force: true })
  compare(importMapFile, readFresh(freshImportMapFile, 'the import map'), false)
} finally {
  fs.rmSync(freshImportMapFile, { force: true })
}

if (problems.length > 0) {
  console.error(`Generated files are stale:\n  ${problems.join('\n  ')}`)
  console.error('Run `npm run generate:types && npm run generate:importmap` and commit both.')
  process.exit(1)
}
console.log(`${relative(typesFile)} and ${relative(importMapFile)} match a fresh generation`)
process.exit(0)
