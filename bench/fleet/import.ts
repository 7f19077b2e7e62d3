/**
 * Times the CSV importer on the scale: seeds a source site of P pages (tests/fixtures/fleetSite.ts),
 * writes a CSV of N sites that all "clone from" it (each its own domain, brand and colours), then does what
 * POST /api/site-imports and its job do: checks the file (the dry run's plan), makes the site-imports record
 * and runs runImport, which makes every site in its own transaction and clones the source's pages into it.
 * Prints the plan time, sites per minute, pages per second, total time and peak RSS; then imports the same
 * file again (every row "exists", nothing made) and prints that time. Deletes what it made unless --keep.
 * Figures are printed, never asserted.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/panel_bench_test npx tsx bench/fleet/import.ts [--sites 100] [--pages 40] [--keep]
 *
 * Use a database of its own: Payload pushes its schema into it (development mode).
 */
import os from 'node:os'

import { getPayload, type CollectionSlug, type Payload } from 'payload'

import config from '@payload-config'
import { stringifyCsv } from '../../plugins/fleet/import/core/csv'
import { planImport } from '../../plugins/fleet/import/core/plan'
import { IMPORTS_SLUG } from '../../plugins/fleet/import/constants'
import { runImport, type ImportRow } from '../../plugins/fleet/import/job'
import { loadLookups } from '../../plugins/fleet/import/lookups'
import { seedFleetSite } from '../../tests/fixtures/fleetSite'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback
}
const sites = Number(arg('sites', '100'))
const pages = Number(arg('pages', '40'))
const keep = process.argv.includes('--keep')
const secs = (ms: number) => (ms / 1000).toFixed(2)
const isPostgres = /^postgres/.test(process.env.DATABASE_URL ?? '')

const deleteSite = async (payload: Payload, id: number | string) => {
  await payload.update({ collection: 'sites', id, data: { deletedAt: new Date().toISOString() } as never, overrideAccess: true, depth: 0 })
  await payload.delete({ collection: 'sites', id, trash: true, overrideAccess: true })
}

/** What the endpoint does after the plan: the record the job works from. */
const importOnce = async (payload: Payload, csv: string) => {
  const t0 = performance.now()
  const plan = planImport(csv, await loadLookups(payload))
  const planMs = performance.now() - t0
  if (plan.fileProblems.length || plan.problems.length) throw new Error(`the bench's CSV has problems: ${JSON.stringify([...plan.fileProblems, ...plan.problems].slice(0, 3))}`)
  const record = await payload.create({
    collection: IMPORTS_SLUG as CollectionSlug,
    data: { label: 'bench', status: 'queued', counts: { rows: plan.counts.rows, toCreate: plan.counts.create }, problems: [], rows: plan.rows } as never,
    overrideAccess: true,
    depth: 0,
  })
  const { status } = await runImport(payload, record.id)
  const ms = performance.now() - t0
  const done = (await payload.findByID({ collection: IMPORTS_SLUG as CollectionSlug, id: record.id, depth: 0, overrideAccess: true })) as { rows: ImportRow[]; counts: Record<string, number>; error?: string }
  if (status !== 'done') throw new Error(`import failed: ${done.error}`)
  return { ms, planMs, done }
}

const main = async () => {
  const t0 = performance.now()
  const payload = await getPayload({ config })
  const stamp = Date.now().toString(36)
  console.log(`CSV import benchmark: ${sites} sites cloned from a ${pages}-page site, ${isPostgres ? 'PostgreSQL' : 'SQLite'}, Node ${process.version}, ${os.cpus().length} cores, Payload start ${secs(performance.now() - t0)} s`)
  const t1 = performance.now()
  const source = await seedFleetSite(payload, { domain: `bench-import-src-${stamp}.test`, pages, concurrency: isPostgres ? 8 : 1, isFast: true })
  const sourceDomain = (await payload.findByID({ collection: 'sites', id: source.siteId, depth: 0, select: { domain: true } })).domain
  console.log(`  seeded the source in ${secs(performance.now() - t1)} s: ${source.pages.size} pages, 6 images, 2 links, 1 preset`)
  const csv = stringifyCsv([
    ['domain', 'brand', 'colours', 'clone from', 'generate content'],
    ...Array.from({ length: sites }, (_, i) => [`bench-import-${stamp}-${i + 1}.test`, `Bench ${i + 1}`, `primary=#${(i * 2654435761 % 0xffffff).toString(16).padStart(6, '0')}`, sourceDomain, 'no']),
  ])
  const made: (number | string)[] = []
  try {
    const cpu = process.cpuUsage()
    const first = await importOnce(payload, csv)
    const used = process.cpuUsage(cpu)
    for (const row of first.done.rows) if (row.result?.site !== undefined) made.push(row.result.site)
    const failed = first.done.rows.filter((r) => r.result?.status !== 'created' || r.result.cloneStatus !== 'done')
    const minutes = first.ms / 60_000
    console.log(
      `  import: ${first.done.counts.created} sites (${first.done.counts.created * source.pages.size} pages) in ${secs(first.ms)} s — ${(first.done.counts.created / minutes).toFixed(1)} sites/min, ${Math.round((first.done.counts.created * source.pages.size * 1000) / first.ms)} pages/s; ` +
        `plan (dry run) ${secs(first.planMs)} s; ${failed.length} not cloned; this process's CPU ${secs((used.user + used.system) / 1000)} s; load average ${os.loadavg()[0].toFixed(1)}; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    )
    const again = await importOnce(payload, csv)
    console.log(`  the same file again: ${again.done.counts.created} created, ${again.done.counts.skipped} skipped in ${secs(again.ms)} s (plan ${secs(again.planMs)} s)`)
  } finally {
    if (!keep) {
      for (const id of [...made, source.siteId]) await deleteSite(payload, id).catch((err) => console.error(`could not delete site ${id}: ${err}`))
    }
  }
  await payload.destroy?.()
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
