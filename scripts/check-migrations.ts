/**
 * Fails when the Payload schema has changed without a migration: runs
 * `payload migrate:create --skip-empty` against PostgreSQL and checks that
 * it wrote nothing.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const dir = path.resolve('migrations')
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) {
  console.error('migrate:check needs DATABASE_URL=postgres://… (migrations are kept for PostgreSQL)')
  process.exit(2)
}
const before = new Set(fs.readdirSync(dir))
// migrate:create also appends to index.ts; put it back whatever happens
const indexFile = path.join(dir, 'index.ts')
const index = fs.readFileSync(indexFile, 'utf8')
// exit 13: Node gave up loading the config before anything ran (see scripts/launch.mjs); try again
let run = spawnSync('true')
for (let attempt = 1; attempt <= 5; attempt++) {
  run = spawnSync('npx', ['payload', 'migrate:create', '--skip-empty', 'schema_check'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: '--no-deprecation' },
  })
  if (run.status !== 13) break
}
const added = fs.readdirSync(dir).filter((f) => !before.has(f))
for (const f of added) fs.rmSync(path.join(dir, f), { force: true })
fs.writeFileSync(indexFile, index)
if (run.status !== 0) {
  console.error('migrate:create failed')
  process.exit(run.status ?? 1)
}
if (added.length > 0) {
  console.error(`migrations/ is out of date: the schema changed. Run \`npm run payload migrate:create <name>\` with DATABASE_URL set and commit it. (would have added: ${added.join(', ')})`)
  process.exit(1)
}
console.log('migrations/ is current: no schema change without a migration')
