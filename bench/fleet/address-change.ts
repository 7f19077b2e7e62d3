/**
 * What a change of a published site's addressing costs: `npx tsx bench/fleet/address-change.ts [--pages 1000]`.
 *
 * Seeds a site of N pages (tests/fixtures/fleetSite.ts, generated pages through the adapter), publishes it once to
 * the local folder, then changes its URL style to /slug.php (the fixture's footprint uses another) through the Local API, as the site form's
 * save does: the save records a 301 from every page's old address (plugins/fleet/redirects/hooks/siteMoves.ts).
 * Prints the save's time with that work and a save of another field for comparison, the rules recorded, and the next deployment's time and its
 * `_redirects` lines and its log's warnings (past Cloudflare's 2,000 rules, redirect pages). Deletes the site. Never asserted.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/panel_bench_test npx tsx bench/fleet/address-change.ts --pages 4000
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { getPayload } from 'payload'

import config from '@payload-config'
import { queueDeployment } from '../../plugins/publisher/jobs/queue'
import { seedFleetSite } from '../../tests/fixtures/fleetSite'

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback
}

const main = async () => {
  const pages = Number(arg('pages', '1000'))
  const publishDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-address-'))
  process.env.PUBLISH_DIR = publishDir
  const payload = await getPayload({ config })
  const domain = `address-${Date.now().toString(36)}.bench`
  const started = performance.now()
  const seeded = await seedFleetSite(payload, { domain, pages, concurrency: payload.db.name === 'postgres' ? 8 : 1, isFast: true })
  console.log(`seeded ${pages} pages in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  const siteId = seeded.siteId as number
  const deploy = async () => {
    const t = performance.now()
    const d = await queueDeployment({ payload, siteId, trigger: 'manual' })
    await payload.jobs.run({ queue: 'deploy', sequential: true })
    const done = await payload.findByID({ collection: 'deployments', id: d.id, depth: 0 })
    if (done.status !== 'success') throw new Error(`deployment ${d.id}: ${done.status} ${done.error ?? ''}`)
    return { s: (performance.now() - t) / 1000, done }
  }
  const first = await deploy()
  console.log(`first deployment ${first.s.toFixed(1)} s`)
  // the site's own save without a change of addressing, for comparison
  let t = performance.now()
  await payload.update({ collection: 'sites', id: siteId, data: { brandName: 'Address bench' } as never })
  const plain = (performance.now() - t) / 1000
  const rulesBefore = (await payload.count({ collection: 'redirects', where: { site: { equals: siteId } } })).totalDocs
  t = performance.now()
  await payload.update({ collection: 'sites', id: siteId, data: { urlStyle: 'php' } as never })
  const moved = (performance.now() - t) / 1000
  const rules = (await payload.count({ collection: 'redirects', where: { site: { equals: siteId } } })).totalDocs - rulesBefore
  console.log(`site save without an address change ${plain.toFixed(2)} s; URL style -> /slug.php ${moved.toFixed(2)} s, ${rules} redirects recorded`)
  const next = await deploy()
  const current = path.join(publishDir, domain, 'current')
  const lines = fs.readFileSync(path.join(current, '_redirects'), 'utf8').split('\n').filter(Boolean).length
  const pagesOut = fs.readdirSync(current, { recursive: true }).length
  const warnings = (next.done.log ?? '').split('\n').filter((l) => l.includes('Warning:'))
  console.log(`next deployment ${next.s.toFixed(1)} s: _redirects ${lines} lines, ${pagesOut} files and folders published; log warnings:\n  ${warnings.join('\n  ') || 'none'}`)
  await payload.delete({ collection: 'sites', id: siteId })
  fs.rmSync(publishDir, { recursive: true, force: true })
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
