/**
 * Times the clone of a large site: seeds a site of N pages (tests/fixtures/fleetSite.ts: the demo's template,
 * footprint, six images, two affiliate links, a preset; generated pages through the database adapter), then
 * clones it the way POST /api/sites/:id/clone and its job do (the new site made through the sites collection,
 * a site-clones record, runClone) and prints the time per phase, documents per second and peak RSS. Deletes
 * both sites afterwards. Figures are printed, never asserted (goal: 1,000 pages under 30 s).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/panel_bench_test npx tsx bench/fleet/clone.ts [--pages 1000] [--runs 1] [--keep]
 *   … --pages 1000 --keep, then --source <the seeded site's id>: clone it again without seeding
 *   env -u DATABASE_URL SQLITE_PATH=data/bench-clone.db npx tsx bench/fleet/clone.ts --pages 250
 *
 * Use a database of its own: Payload pushes its schema into it (development mode).
 */
import os from 'node:os'

import { getPayload, type CollectionSlug, type Payload } from 'payload'

import config from '@payload-config'
import type { Site } from '../../payload-types'
import { CLONES_SLUG } from '../../plugins/fleet/clone/constants'
import { runClone } from '../../plugins/fleet/clone/job'
import { cloneSiteData } from '../../plugins/fleet/clone/siteData'
import { seedFleetSite } from '../../tests/fixtures/fleetSite'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback
}
const pages = Number(arg('pages', '1000'))
const runs = Number(arg('runs', '1'))
const keep = process.argv.includes('--keep')
/** A site seeded by an earlier run with --keep: cloned again without seeding. */
const reuse = arg('source', '')
const secs = (ms: number) => (ms / 1000).toFixed(2)
const isPostgres = /^postgres/.test(process.env.DATABASE_URL ?? '')

const deleteSite = async (payload: Payload, id: number | string) => {
  await payload.update({ collection: 'sites', id, data: { deletedAt: new Date().toISOString() } as never, overrideAccess: true, depth: 0 })
  await payload.delete({ collection: 'sites', id, trash: true, overrideAccess: true })
}

const main = async () => {
  const t0 = performance.now()
  const payload = await getPayload({ config })
  const stamp = Date.now().toString(36)
  console.log(`Clone benchmark: ${pages} pages, ${isPostgres ? 'PostgreSQL' : 'SQLite'}, Node ${process.version}, Payload start ${secs(performance.now() - t0)} s`)
  const t1 = performance.now()
  const source = reuse
    ? { siteId: Number(reuse) }
    : await seedFleetSite(payload, { domain: `bench-src-${stamp}.test`, pages, concurrency: isPostgres ? 8 : 1, isFast: true })
  if ('pages' in source) {
    console.log(`  seeded site ${source.siteId} in ${secs(performance.now() - t1)} s: ${source.pages.size} pages (${source.draftOnly.size} drafts only, ${source.pendingDraft.size} with unpublished changes), 6 images, 1 folder, 2 links, 1 preset`)
  }
  const sourceSite = (await payload.findByID({ collection: 'sites', id: source.siteId, depth: 0 })) as Site
  const made: (number | string)[] = []
  try {
    for (let run = 1; run <= runs; run++) {
      const start = performance.now()
      const cpu = process.cpuUsage()
      const site = (await payload.create({
        collection: 'sites',
        data: cloneSiteData(payload, sourceSite, { domain: `bench-copy-${stamp}-${run}.test`, brandName: 'Bench copy', rewriteWithAi: false }) as never,
        overrideAccess: true,
        depth: 0,
      })) as Site
      made.push(site.id)
      const record = await payload.create({
        collection: CLONES_SLUG as CollectionSlug,
        data: { label: `bench ${run}`, source: source.siteId, site: site.id, status: 'queued' } as never,
        overrideAccess: true,
        depth: 0,
      })
      const { status } = await runClone(payload, record.id)
      const ms = performance.now() - start
      const used = process.cpuUsage(cpu)
      const cpuMs = (used.user + used.system) / 1000
      const done = (await payload.findByID({ collection: CLONES_SLUG as CollectionSlug, id: record.id, depth: 0, overrideAccess: true })) as {
        progress: { total: number; pages: number }
        timings: Record<string, number>
        error?: string | null
      }
      if (status !== 'done') throw new Error(`clone failed: ${done.error}`)
      const phases = Object.entries(done.timings)
        .filter(([, v]) => v > 0)
        .map(([k, v]) => (k === 'pagesWrittenTwice' ? `${k} ${v}` : `${k} ${secs(v)}`))
        .join(', ')
      console.log(
        `  run ${run}: cloned ${done.progress.pages} pages (${done.progress.total} documents) in ${secs(ms)} s — ${Math.round((done.progress.pages * 1000) / ms)} pages/s; phases (s): ${phases}; this process's CPU ${secs(cpuMs)} s (the rest is waiting on the database); load average ${os.loadavg()[0].toFixed(1)}; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
      )
    }
  } finally {
    if (!keep) {
      for (const id of [...made, ...(reuse ? [] : [source.siteId])]) await deleteSite(payload, id)
    }
  }
  await payload.destroy?.()
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
