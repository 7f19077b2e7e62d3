/**
 * `npm run migrate`: applies migrations/ through Payload's Local API. The
 * `payload migrate` CLI sometimes exits 0 having loaded no config and
 * migrated nothing (payloadcms/payload#17757); this runs in one process and
 * checks afterwards that every migration is recorded.
 */
export {}

process.env.PAYLOAD_MIGRATING = 'true'

const { getPayload } = await import('payload')
const { default: config } = await import('../payload.config')
const { migrations } = await import('../migrations/index')

const payload = await getPayload({ config })
if (!('migrate' in payload.db) || typeof payload.db.migrate !== 'function') {
  console.error('This database adapter has no migrations: set DATABASE_URL to a postgres:// URL')
  process.exit(2)
}
await payload.db.migrate({ migrations: migrations as never })
const { docs } = await payload.find({ collection: 'payload-migrations', limit: 1000, pagination: false, depth: 0 })
const applied = new Set(docs.map((d) => d.name))
const missing = migrations.map((m: { name: string }) => m.name).filter((name: string) => !applied.has(name))
if (missing.length > 0) {
  console.error(`Migrations not applied: ${missing.join(', ')}`)
  process.exit(1)
}
console.log(`Database is at the latest migration (${migrations.length} applied)`)
await payload.destroy()
process.exit(0)
