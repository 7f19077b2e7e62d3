/**
 * Times loadSiteSnapshot() on a 4,000-page site in PostgreSQL: seeds the
 * generated site (the same pages as the build benchmark) with the database
 * adapter directly (no hooks, no versions: published rows as the loader reads
 * them), loads it twice (cold, then warm), counts SQL statements, and deletes
 * everything it made. Needs DATABASE_URL=postgres://… (the schema is pushed
 * by Payload if the database is empty).
 *
 * Usage: node --import tsx bench/build/pg-child.ts [pages] [--profile]
 * Lines starting with two spaces are the report (run.ts prints them).
 */
import fs from 'node:fs'
import { Session } from 'node:inspector/promises'
import path from 'node:path'
import pg from 'pg'
import { getPayload, type Payload } from 'payload'

import config from '@payload-config'
import type { SnapshotBlock, SnapshotLink } from '../../plugins/site-builder/core/types'
import { generateSite, type GeneratedSite } from './generate'

const pages = Number(process.argv[2] ?? 4000)
const profile = process.argv.includes('--profile')
const say = (line: string) => console.log(`  ${line}`)
const secs = (ms: number) => (ms / 1000).toFixed(2)

type Statement = { sql: string; ms: number; rows: number }

/** Every SQL statement the pg driver sends while `fn` runs, with its time in the database (and on the wire). */
const countSql = async <T>(fn: () => Promise<T>): Promise<{ result: T; count: number; ms: number; statements: Statement[] }> => {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const original = proto.query
  const statements: Statement[] = []
  proto.query = function (this: unknown, ...args: unknown[]) {
    const started = performance.now()
    const first = args[0] as string | { text?: string }
    const entry: Statement = { sql: typeof first === 'string' ? first : (first?.text ?? ''), ms: 0, rows: 0 }
    statements.push(entry)
    type Result = { rowCount?: number; rows?: unknown[] } | undefined
    const done = (r: Result) => {
      entry.ms = performance.now() - started
      entry.rows = r?.rows?.length ?? r?.rowCount ?? 0
    }
    // pg-pool passes a callback; drizzle's own clients take the promise
    const last = args[args.length - 1]
    if (typeof last === 'function') {
      args[args.length - 1] = (err: unknown, r: Result) => {
        done(r)
        return (last as (e: unknown, r: Result) => unknown)(err, r)
      }
    }
    const out = original.apply(this, args) as Promise<Result> | undefined
    if (out && typeof out.then === 'function') out.then(done, () => {})
    return out
  }
  const t0 = performance.now()
  try {
    const result = await fn()
    return { result, count: statements.length, ms: performance.now() - t0, statements }
  } finally {
    proto.query = original
  }
}

const inBatches = async <T>(items: T[], size: number, fn: (item: T) => Promise<unknown>) => {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn))
}

type Made = { siteId?: number | string; templateId?: number | string; languageId?: number | string; languageMade?: boolean }

const seed = async (payload: Payload, { snapshot }: GeneratedSite, made: Made) => {
  const stamp = Date.now().toString(36)
  const language = (await payload.find({ collection: 'languages', where: { code: { equals: 'en' } }, limit: 1 })).docs[0]
  made.languageId = language?.id ?? (await payload.create({ collection: 'languages', data: { code: 'en', name: 'English' } as never })).id
  made.languageMade = !language
  const t = snapshot.template
  const template = await payload.create({
    collection: 'templates',
    data: { name: `Bench ${stamp}`, type: 'monolithic', html: t.html, css: t.css, js: t.js, menuHtml: t.menuHtml, footerMenuHtml: t.footerMenuHtml, faqHtml: t.faqHtml } as never,
  })
  made.templateId = template.id
  const site = await payload.create({
    collection: 'sites',
    data: { domain: `bench-${stamp}.test`, brandName: snapshot.site.brandName, language: made.languageId, template: template.id, urlStyle: 'directory' } as never,
  })
  made.siteId = site.id

  const mediaIds = new Map<string, number | string>()
  for (const m of Object.values(snapshot.media)) {
    const sizes = Object.fromEntries(m.sizes.map((s) => [s.name, { filename: s.filename, width: s.width, height: s.height, mimeType: s.mimeType, filesize: 20_000, url: `/api/media/file/${s.filename}` }]))
    const doc = await payload.db.create({
      collection: 'media',
      data: { filename: `${stamp}-${m.filename}`, mimeType: m.mimeType, filesize: m.filesize, width: m.width, height: m.height, alt: m.alt, site: site.id, sizes, url: `/api/media/file/${m.filename}` },
    })
    mediaIds.set(String(m.id), doc.id)
  }
  await payload.update({ collection: 'sites', id: site.id, data: { logo: mediaIds.get(String(snapshot.site.logo)), favicon: mediaIds.get(String(snapshot.site.favicon)) } as never })
  const linkIds = new Map<string, number | string>()
  for (const l of Object.values(snapshot.affiliateLinks)) {
    const doc = await payload.create({ collection: 'affiliate-links', data: { name: l.name, code: `${l.code}-${stamp}`, url: l.url, site: site.id } as never })
    linkIds.set(String(l.id), doc.id)
  }

  // page ids are the database's: links to pages not made yet point at the home page (made first)
  const pageIds = new Map<string, number | string>()
  const pageRef = (id: unknown) => pageIds.get(String(id)) ?? pageIds.get('1') ?? null
  const link = (l: unknown): SnapshotLink | null => {
    if (!l || typeof l !== 'object') return null
    const v = l as SnapshotLink
    if (v.type === 'page') return { ...v, page: pageRef(v.page) }
    if (v.type === 'affiliate') return { ...v, affiliateLink: linkIds.get(String(v.affiliateLink)) ?? null }
    return v
  }
  let rowId = 0
  const uid = () => `${stamp}${(rowId++).toString(36).padStart(6, '0')}` // block and array rows need ids unique in their tables
  const block = (b: SnapshotBlock): SnapshotBlock => {
    const out: SnapshotBlock = { ...b, id: uid() }
    if ('image' in b) out.image = mediaIds.get(String(b.image)) ?? null
    if ('button' in b) out.button = link(b.button)
    if ('link' in b) out.link = link(b.link)
    if (b.blockType === 'faq') out.items = (b.items as { question: string; answer: string }[]).map(({ question, answer }) => ({ id: uid(), question, answer }))
    return out
  }
  const create = async (p: GeneratedSite['snapshot']['pages'][number]) => {
    const doc = await payload.db.create({
      collection: 'pages',
      data: {
        title: p.title,
        slug: p.slug,
        site: site.id,
        h1: p.h1,
        meta: { title: p.meta.title, description: p.meta.description, image: p.meta.image == null ? null : mediaIds.get(String(p.meta.image)) },
        keywords: p.keywords,
        order: p.order,
        showInMenu: p.showInMenu,
        blocks: p.blocks.map(block),
        _status: 'published',
      },
    })
    pageIds.set(String(p.id), doc.id)
  }
  const [home, ...rest] = snapshot.pages
  await create(home)
  await inBatches(rest, 8, create)
}

const cleanup = async (payload: Payload, made: Made) => {
  if (made.siteId !== undefined) {
    const site = { site: { equals: made.siteId } }
    await payload.db.deleteMany({ collection: 'pages', where: site })
    await payload.db.deleteMany({ collection: 'affiliate-links', where: site })
    await payload.db.deleteMany({ collection: 'media', where: site })
    await payload.db.deleteOne({ collection: 'sites', where: { id: { equals: made.siteId } } })
  }
  if (made.templateId !== undefined) await payload.db.deleteOne({ collection: 'templates', where: { id: { equals: made.templateId } } })
  if (made.languageMade && made.languageId !== undefined) await payload.db.deleteOne({ collection: 'languages', where: { id: { equals: made.languageId } } })
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string }; children?: number[] }

/** Self time of a CPU profile by package (node_modules/<pkg>) or project folder. */
const byPackage = (p: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) => {
  const nodes = new Map(p.nodes.map((n) => [n.id, n]))
  const totals = new Map<string, number>()
  let total = 0
  p.samples.forEach((id, i) => {
    const { url, functionName } = nodes.get(id)!.callFrame
    if (functionName === 'dispatch' && !url) return // the inspector's own Profiler.stop
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
    const key = m
      ? m[1]
      : url.startsWith('file://')
        ? url.replace(/^.*\/work\/main\//, '').split('/').slice(0, 2).join('/')
        : url
          ? 'node internals'
          : functionName === '(idle)'
            ? '(idle: waiting for PostgreSQL)'
            : functionName
    totals.set(key, (totals.get(key) ?? 0) + p.timeDeltas[i])
    total += p.timeDeltas[i]
  })
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, us]) => `${k} ${Math.round((100 * us) / total)}%`).join(', ')
}

const main = async () => {
  const loader = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../../plugins/site-builder/load/snapshot.ts')
  if (!fs.existsSync(loader)) {
    say('skipped (plugins/site-builder/load/snapshot.ts is not there yet)')
    return
  }
  const { loadSiteSnapshot, loadSiteForStreaming } = (await import('../../plugins/site-builder/load/snapshot')) as typeof import('../../plugins/site-builder/load/snapshot')
  const t0 = performance.now()
  const payload = await getPayload({ config })
  const site = generateSite(pages)
  const made: Made = {}
  try {
    const t1 = performance.now()
    await seed(payload, site, made)
    const t2 = performance.now()
    say(`seeded ${pages} pages in ${secs(t2 - t1)} s (Payload start ${secs(t1 - t0)} s; database adapter inserts, 8 at a time)`)
    const runs = []
    for (const label of ['cold', 'warm']) {
      const session = profile && label === 'warm' ? new Session() : null
      if (session) {
        session.connect()
        await session.post('Profiler.enable')
        await session.post('Profiler.start')
      }
      const r = await countSql(() => loadSiteSnapshot({ payload, siteId: made.siteId! }))
      if (session) {
        const { profile: cpu } = await session.post('Profiler.stop')
        say(`  CPU self time by package (warm load): ${byPackage(cpu as never)}`)
        session.disconnect()
      }
      if (r.result.pages.length !== pages) throw new Error(`loaded ${r.result.pages.length} pages, expected ${pages}`)
      runs.push(r)
      say(`loadSiteSnapshot (${label}): ${Math.round(r.ms)} ms, ${r.count} SQL statements, ${r.result.pages.length} pages, ${Object.keys(r.result.media).length} media`)
      const slowest = [...r.statements].sort((a, b) => b.ms - a.ms)[0]
      if (slowest) {
        const sqlMs = r.statements.reduce((n, st) => n + st.ms, 0)
        say(
          `  SQL (query + transfer) ${Math.round(sqlMs)} ms in all, the rest is Node (Payload's row-to-document transform, hooks, mapping); ` +
            `slowest statement ${Math.round(slowest.ms)} ms, ${slowest.rows} rows: ${slowest.sql.replace(/\s+/g, ' ').slice(0, 90)}…`,
        )
      }
    }
    // the streamed build's loader: summaries up front, then page content 200 pages at a time (what buildSiteToFolder does)
    const streamed = await countSql(async () => {
      const { snapshot, loadPages } = await loadSiteForStreaming({ payload, siteId: made.siteId! })
      let loaded = 0
      for (let i = 0; i < snapshot.pages.length; i += 200) loaded += (await loadPages(snapshot.pages.slice(i, i + 200))).length
      return loaded
    })
    if (streamed.result !== pages) throw new Error(`streamed ${streamed.result} pages, expected ${pages}`)
    say(
      `loadSiteForStreaming + every chunk of 200 pages: ${Math.round(streamed.ms)} ms, ${streamed.count} SQL statements ` +
        `(${Math.ceil(pages / 200)} chunks; one chunk of page content held at a time)`,
    )
  } finally {
    await cleanup(payload, made)
    say('cleaned up (site, pages, media, links, template)')
    await payload.destroy?.()
  }
}

await main()
process.exit(0)
