/**
 * Clone a site: a 200-page site cloned through POST /api/sites/:id/clone and its job; every page (drafts as
 * drafts, pending changes kept), block, preset, link, folder and medium is on the clone with every reference
 * pointing into the clone; the clone has its own class prefix and fingerprinted asset paths; both sites
 * build through the link gate and html-validate; deleting the original for good leaves the clone whole
 * (the same bytes built again). Then who may clone what, bad requests, and Payload's Duplicate.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { CollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { findForeignReferences, siteReferencesOf } from '@/lib/siteScope/scope'
import type { Page, Site } from '@/payload-types'
import { buildSiteToFolder } from '@/plugins/site-builder/build'
import { demoAffiliateLink } from '@/scripts/demo/content'
import { seedFleetSite, type FleetSite } from '../../fixtures/fleetSite'
import { htmlProblems } from '../../helpers/htmlValidate'
import { login, rest } from '../../helpers/rest'
import { getWorld, PASSWORD, unique, type World } from '../../helpers/world'

const PAGES = 200
const isPostgres = /^postgres/.test(process.env.DATABASE_URL ?? '')

let w: World
let tmp: string
let source: FleetSite
let sourceSite: Site
let clone: Site
let cloneRecord: Record<string, any>

type Doc = Record<string, any> & { id: number }

const all = async (collection: CollectionSlug, siteId: number | string, extra: Record<string, unknown> = {}) =>
  (await w.payload.find({ collection, where: { site: { equals: siteId } }, pagination: false, depth: 0, overrideAccess: true, ...extra })).docs as unknown as Doc[]

/** Runs the clone job(s) queued so far, then reads the record. */
const runClones = async (id: number | string) => {
  await w.payload.jobs.run({ queue: 'fleet', sequential: true })
  return (await w.payload.findByID({ collection: 'site-clones' as CollectionSlug, id, depth: 0, overrideAccess: true })) as Record<string, any>
}

/** Every file of a built folder, path → bytes. */
const readTree = (dir: string): Map<string, Buffer> => {
  const out = new Map<string, Buffer>()
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name)
      if (entry.isDirectory()) walk(full)
      else out.set(path.relative(dir, full), fs.readFileSync(full))
    }
  }
  walk(dir)
  return out
}

/** The page blocks and SEO fields as an editor sees them, without ids (rows get new ids in a copy). */
const content = (page: Doc) => ({
  title: page.title,
  h1: page.h1,
  status: page._status,
  meta: { title: page.meta?.title, description: page.meta?.description },
  blocks: (page.blocks ?? []).map((b: Doc) => ({ blockType: b.blockType, heading: b.heading ?? null, buttonText: b.buttonText ?? null })),
})

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clone-'))
  const t0 = performance.now()
  source = await seedFleetSite(w.payload, { domain: `${unique('src')}.test`, pages: PAGES, concurrency: isPostgres ? 4 : 1 })
  sourceSite = (await w.payload.findByID({ collection: 'sites', id: source.siteId, depth: 0 })) as Site
  // the source's redirects list: old addresses of two of its pages
  for (const [from, slug] of [['/old-guide-3/', 'guides/guide-3'], ['/older/guide-4.html', 'guides/guide-4']]) {
    const page = (await w.payload.find({ collection: 'pages', where: { and: [{ site: { equals: source.siteId } }, { slug: { equals: slug } }] }, limit: 1, depth: 0 })).docs[0]!
    await w.payload.create({ collection: 'redirects', data: { site: source.siteId, from, toPage: page.id } as never })
  }
  const seeded = performance.now()

  const res = await rest('POST', `/sites/${source.siteId}/clone`, { token: w.tokens.admin, json: { domain: `${unique('copy')}.test`, brandName: 'Copy Guides' } })
  expect(res.status, JSON.stringify(res.body)).toBe(202)
  expect(res.body.watch).toBe(`/api/site-clones/${res.body.doc.id}`)
  expect(res.body.doc.status).toBe('queued')
  const t1 = performance.now()
  cloneRecord = await runClones(res.body.doc.id)
  console.log(`seeded ${PAGES} pages in ${((seeded - t0) / 1000).toFixed(1)} s; cloned in ${((performance.now() - t1) / 1000).toFixed(1)} s`)
  clone = (await w.payload.findByID({ collection: 'sites', id: res.body.site.id, depth: 0 })) as Site
}, 600_000)

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('a 200-page site cloned', () => {
  it('finishes with its progress counted', () => {
    expect(cloneRecord.error ?? null).toBeNull()
    expect(cloneRecord.status).toBe('done')
    expect(cloneRecord.progress).toMatchObject({ pages: PAGES, media: 6, presets: 1, links: 2, folders: 1 })
    expect(cloneRecord.progress.done).toBe(cloneRecord.progress.total)
    expect(cloneRecord.progress.done).toBe(cloneRecord.progress.total)
    expect(cloneRecord.durationMs).toBeGreaterThan(0)
  })

  it('is a new site with its own domain, brand, class prefix and Cloudflare project, and the source\'s settings', () => {
    expect(clone.brandName).toBe('Copy Guides')
    expect(clone.domain).not.toBe(sourceSite.domain)
    expect(clone.uniqueClassPrefix).toMatch(/^[a-z][a-z0-9]{1,11}$/)
    expect(clone.uniqueClassPrefix).not.toBe(sourceSite.uniqueClassPrefix)
    expect(clone.template).toBe(sourceSite.template)
    expect(clone.footprint).toBe(sourceSite.footprint)
    expect(clone.language).toBe(sourceSite.language)
    const colors = (site: Site) => (site.customColors ?? []).map(({ name, value }) => ({ name, value }))
    expect(colors(clone)).toEqual([{ name: 'primary', value: '#0f766e' }])
    expect(colors(clone)).toEqual(colors(sourceSite))
    expect(clone.publishing?.target).toBe('filesystem')
    expect((clone as Site & { lastDeployStatus?: unknown }).lastDeployStatus ?? null).toBeNull()
  })

  it('has every page, drafts as drafts and unpublished changes as drafts on top, with the same blocks and SEO', async () => {
    const [srcMain, srcLatest, cMain, cLatest] = await Promise.all([
      all('pages', source.siteId),
      all('pages', source.siteId, { draft: true }),
      all('pages', clone.id),
      all('pages', clone.id, { draft: true }),
    ])
    expect(cMain).toHaveLength(PAGES)
    const bySlug = (docs: Doc[]) => new Map(docs.map((d) => [d.slug, d]))
    const [sm, sl, cm, cl] = [bySlug(srcMain), bySlug(srcLatest), bySlug(cMain), bySlug(cLatest)]
    expect([...cm.keys()].sort()).toEqual([...sm.keys()].sort())
    for (const [slug, page] of sm) {
      expect(content(cm.get(slug)!), slug).toEqual(content(page))
      expect(content(cl.get(slug)!), `${slug} (latest)`).toEqual(content(sl.get(slug)!))
    }
    for (const slug of source.draftOnly) expect(cm.get(slug)!._status).toBe('draft')
    for (const slug of source.pendingDraft) {
      expect(cm.get(slug)!._status).toBe('published')
      expect(cl.get(slug)!.title).toMatch(/\(draft\)$/)
      expect(cl.get(slug)!._status).toBe('draft')
    }
    expect(source.draftOnly.size).toBeGreaterThan(0)
    expect(source.pendingDraft.size).toBeGreaterThan(0)
  })

  it('copies media (their own files), folders, presets and links, and leaves the source\'s untouched', async () => {
    const [sMedia, cMedia, cPresets, cLinks] = await Promise.all([all('media', source.siteId), all('media', clone.id), all('swiper-presets', clone.id), all('affiliate-links', clone.id)])
    expect(cMedia.map((m) => m.alt).sort()).toEqual(sMedia.map((m) => m.alt).sort())
    for (const m of cMedia) {
      expect(sMedia.some((s) => s.filename === m.filename), `${m.filename} is a file of its own`).toBe(false)
      // the same bytes: the same content hash as the source's copy
      expect(m.contentHash).toMatch(/^[0-9a-f]{64}$/)
      expect(m.contentHash).toBe(sMedia.find((s) => s.alt === m.alt)!.contentHash)
      expect(fs.existsSync(path.resolve(process.env.MEDIA_DIR ?? 'media', m.filename))).toBe(true)
      for (const size of Object.values(m.sizes ?? {}) as { filename?: string | null }[]) {
        if (size.filename) expect(fs.existsSync(path.resolve(process.env.MEDIA_DIR ?? 'media', size.filename))).toBe(true)
      }
    }
    const [folder] = await all('payload-folders', clone.id)
    expect(folder.name).toBe('Photos')
    expect(cMedia.filter((m) => m.folder === folder.id)).toHaveLength(2)
    expect(cPresets).toHaveLength(1)
    expect(cPresets[0].items.length).toBeGreaterThan(0)
    expect(cLinks.map((l) => l.code).sort()).toEqual([demoAffiliateLink.code, 'second-shop'].sort())
    expect(cLinks.every((l) => (l.clicks ?? 0) === 0)).toBe(true)
    expect(await all('pages', source.siteId)).toHaveLength(PAGES)
  })

  it("copies the redirects list, each rule's page the clone's copy of it", async () => {
    const slugs = async (siteId: number | string) => {
      const pages = new Map((await all('pages', siteId)).map((p) => [String(p.id), p.slug]))
      return (await all('redirects', siteId)).map((r) => ({ from: r.from, to: pages.get(String(r.toPage)), status: r.status ?? '301' })).sort((a, b) => a.from.localeCompare(b.from))
    }
    const copied = await slugs(clone.id)
    expect(copied).toEqual([
      { from: '/old-guide-3/', to: 'guides/guide-3', status: '301' },
      { from: '/older/guide-4.html', to: 'guides/guide-4', status: '301' },
    ])
    expect(copied).toEqual(await slugs(source.siteId))
  })

  it('points every reference of every copy into the clone: none at the source, none dangling', async () => {
    const holders: [CollectionSlug, Doc[]][] = [
      ['pages', await all('pages', clone.id)],
      ['pages', await all('pages', clone.id, { draft: true })],
      ['swiper-presets', await all('swiper-presets', clone.id)],
      ['media', await all('media', clone.id)],
      ['sites', [clone as unknown as Doc]],
    ]
    let count = 0
    const ids = new Map<string, Set<string>>()
    for (const collection of ['pages', 'media', 'swiper-presets', 'affiliate-links', 'payload-folders'] as CollectionSlug[]) {
      ids.set(collection, new Set((await all(collection, clone.id)).map((d) => String(d.id))))
    }
    for (const [collection, docs] of holders) {
      for (const doc of docs) {
        const refs = siteReferencesOf({ payload: w.payload, collection, doc })
        count += refs.length
        expect(await findForeignReferences({ payload: w.payload, site: clone.id, references: refs })).toEqual([])
        for (const ref of refs.filter((r) => r.relationTo !== 'sites')) expect(ids.get(ref.relationTo)?.has(String(ref.id)), `${collection} ${doc.id} ${ref.path}`).toBe(true)
      }
    }
    // hero image, rich text link and upload, CTA, swiper preset, meta image on ~200 pages, twice
    expect(count).toBeGreaterThan(PAGES * 8)
    const cPages = await all('pages', clone.id)
    const slugOf = new Map(cPages.map((p) => [String(p.id), p.slug]))
    expect(slugOf.get(String(clone.homePage))).toBe('index')
    const logo = (await all('media', clone.id)).find((m) => String(m.id) === String(clone.logo))
    expect(logo).toBeDefined()
    // a link to a page made after the one linking (the clone's second pass) leads to the same page as in the source
    const sPages = await all('pages', source.siteId)
    const sSlugOf = new Map(sPages.map((p) => [String(p.id), p.slug]))
    const first = sPages.find((p) => p.slug === 'guides/guide-1')!
    const firstCopy = cPages.find((p) => p.slug === 'guides/guide-1')!
    const target = (page: Doc, of: Map<string, string>) => of.get(String(page.blocks.find((b: Doc) => b.blockType === 'hero').button.page))
    expect(target(firstCopy, slugOf)).toBe(target(first, sSlugOf))
    expect(target(first, sSlugOf)).toBe(`guides/guide-${PAGES - 5}`)
  })

  it('builds both sites through the link gate, each with its own class prefix and fingerprinted asset paths, valid HTML', async () => {
    const builds = new Map<string, Map<string, Buffer>>()
    const images = new Map<string, { encoded: number; fromCache: number }>()
    for (const site of [sourceSite, clone]) {
      const outDir = path.join(tmp, site.domain)
      const result = await buildSiteToFolder({ payload: w.payload, siteId: site.id, outDir })
      expect(result.warnings.filter((x) => /Broken link/.test(x))).toEqual([])
      builds.set(site.domain, readTree(outDir))
      images.set(site.domain, result.images)
    }
    // the clone's images are copies of the source's bytes: their AVIF/WebP variants come from the cache, none encoded again
    expect(images.get(clone.domain)).toEqual({ encoded: 0, fromCache: expect.any(Number) })
    expect(images.get(clone.domain)!.fromCache).toBeGreaterThan(0)
    const src = builds.get(sourceSite.domain)!
    const copy = builds.get(clone.domain)!
    // pages, not the 404 page nor the affiliate redirects under go/
    const pagesOf = (tree: Map<string, Buffer>) => [...tree.keys()].filter((f) => f.endsWith('.html') && f !== '404.html' && !f.startsWith('go/')).sort()
    // published pages only, at the same URLs
    expect(pagesOf(copy)).toEqual(pagesOf(src))
    expect(pagesOf(copy).length).toBe(PAGES - source.draftOnly.size)
    const css = (tree: Map<string, Buffer>) => [...tree.keys()].filter((f) => /\.css$/.test(f))
    expect(css(src).length).toBeGreaterThan(0)
    expect(css(copy).length).toBeGreaterThan(0)
    for (const file of css(copy)) expect(src.has(file), `${file} is the clone's own`).toBe(false)
    const home = copy.get('index.html')!.toString('utf8')
    expect(home).toContain(`class="${clone.uniqueClassPrefix}-`)
    expect(home).not.toContain(`${sourceSite.uniqueClassPrefix}-`)
    expect(src.get('index.html')!.toString('utf8')).toContain(`class="${sourceSite.uniqueClassPrefix}-`)
    expect(home).toContain(clone.domain)
    expect(home).not.toContain(sourceSite.domain)
    const problems: string[] = []
    for (const file of pagesOf(copy).slice(0, 40)) problems.push(...(await htmlProblems(file, copy.get(file)!.toString('utf8'))))
    expect(problems).toEqual([])
  }, 300_000)

  it('stays whole when the original is deleted for good: the same site is built again', async () => {
    const outDir = path.join(tmp, clone.domain)
    const before = readTree(outDir)
    await w.payload.update({ collection: 'sites', id: source.siteId, data: { deletedAt: new Date().toISOString() } as never, overrideAccess: true })
    await w.payload.delete({ collection: 'sites', id: source.siteId, trash: true, overrideAccess: true })
    expect(await all('pages', source.siteId, { trash: true })).toHaveLength(0)
    expect(await all('media', source.siteId, { trash: true })).toHaveLength(0)
    const rebuilt = path.join(tmp, `${clone.domain}-again`)
    await buildSiteToFolder({ payload: w.payload, siteId: clone.id, outDir: rebuilt })
    const after = readTree(rebuilt)
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), file).toBe(true)
    expect(await all('pages', clone.id)).toHaveLength(PAGES)
    const record = await w.payload.findByID({ collection: 'site-clones' as CollectionSlug, id: cloneRecord.id, depth: 0, overrideAccess: true })
    expect((record as Doc).source ?? null).toBeNull()
    expect((record as Doc).site).toBe(clone.id)
  }, 300_000)
})

describe('who may clone what', () => {
  it('refuses anyone not logged in (401)', async () => {
    const res = await rest('POST', `/sites/${w.siteA.id}/clone`, { json: { domain: `${unique('anon')}.test`, brandName: 'X' } })
    expect(res.status).toBe(401)
  })

  it('lets an editor clone only a site assigned to them, and assigns the clone to them', async () => {
    const editor = await w.payload.create({
      collection: 'users',
      data: { email: `${unique('cloner')}@panel.test`, password: PASSWORD, role: 'editor', sites: [{ site: w.siteA.id }] } as never,
    })
    const token = await login(editor.email, PASSWORD)
    const sitesBefore = (await w.payload.count({ collection: 'sites' })).totalDocs
    const other = await rest('POST', `/sites/${w.siteB.id}/clone`, { token, json: { domain: `${unique('nope')}.test`, brandName: 'Nope' } })
    // another editor's site: not visible (404) or not theirs (403); nothing is made either way
    expect([403, 404]).toContain(other.status)
    expect((await w.payload.count({ collection: 'sites' })).totalDocs).toBe(sitesBefore)

    const domain = `${unique('mine')}.test`
    const res = await rest('POST', `/sites/${w.siteA.id}/clone`, { token, json: { domain, brandName: 'Mine' } })
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    const record = await runClones(res.body.doc.id)
    expect(record.status).toBe('done')
    const me = await w.payload.findByID({ collection: 'users', id: editor.id, depth: 0 })
    expect((me.sites ?? []).map((s) => s.site)).toEqual([w.siteA.id, res.body.site.id])
    // the editor sees the new site and its clone record; editor B sees neither
    expect((await rest('GET', `/sites/${res.body.site.id}`, { token })).status).toBe(200)
    expect((await rest('GET', `/site-clones/${res.body.doc.id}`, { token })).status).toBe(200)
    expect((await rest('GET', `/site-clones/${res.body.doc.id}`, { token: w.tokens.editorB })).status).toBe(404)
    expect((await rest('GET', `/sites/${res.body.site.id}`, { token: w.tokens.editorB })).status).not.toBe(200)
  })

  it('says the rule: admins clone any site, editors only theirs', async () => {
    const { canClone } = await import('@/plugins/fleet/clone/endpoints')
    expect(canClone({ ...w.editorA, collection: 'users' } as never, w.siteB.id)).toBe(false)
    expect(canClone({ ...w.editorA, collection: 'users' } as never, w.siteA.id)).toBe(true)
    expect(canClone({ ...w.admin, collection: 'users' } as never, w.siteB.id)).toBe(true)
  })

  it('offers no Payload Duplicate on sites (it made a half-copy with the same class prefix): Clone replaces it', async () => {
    const before = (await w.payload.count({ collection: 'sites' })).totalDocs
    const res = await rest('POST', `/sites/${w.siteA.id}/duplicate`, { token: w.tokens.admin, json: {} })
    expect([400, 404]).toContain(res.status)
    expect((await w.payload.count({ collection: 'sites' })).totalDocs).toBe(before)
    expect(w.payload.collections.sites.config.disableDuplicate).toBe(true)
    await expect(w.payload.duplicate({ collection: 'sites', id: w.siteA.id, overrideAccess: true })).rejects.toThrow(/cannot be duplicated/)
  })
})

describe('bad clone requests', () => {
  const post = (json: unknown, id: number | string = w.siteA.id) => rest('POST', `/sites/${id}/clone`, { token: w.tokens.admin, json })

  it.each([
    ['no domain', { brandName: 'B' }, 'domain'],
    ['no brand', { domain: 'fresh-brand.test' }, 'brandName'],
    ['a domain that is not one', { domain: 'not a domain', brandName: 'B' }, 'domain'],
    ['an unknown template', { domain: 'fresh-tpl.test', brandName: 'B', template: 999999 }, 'template'],
    ['an unknown footprint', { domain: 'fresh-fp.test', brandName: 'B', footprint: 999999 }, 'footprint'],
    ['rewriteWithAi that is not a boolean', { domain: 'fresh-ai.test', brandName: 'B', rewriteWithAi: 'yes' }, 'rewriteWithAi'],
  ])('answers 400 naming the field for %s', async (_name, body, field) => {
    const before = (await w.payload.count({ collection: 'sites' })).totalDocs
    const res = await post(body)
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field)
    expect(res.body.errors[0].message.length).toBeGreaterThan(10)
    expect((await w.payload.count({ collection: 'sites' })).totalDocs).toBe(before)
  })

  it('refuses a domain another site has (400, domain)', async () => {
    const res = await post({ domain: w.siteB.domain.toUpperCase(), brandName: 'B' })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].field).toBe('domain')
    expect(res.body.errors[0].message).toContain(w.siteB.domain)
  })

  it('answers 404 for a site that does not exist', async () => {
    expect((await post({ domain: 'ghost-site.test', brandName: 'G' }, 99999999)).status).toBe(404)
  })
})

describe('rewrite with AI', () => {
  it('copies every page as a draft and queues a bulk generation for the new site', async () => {
    const small = await seedFleetSite(w.payload, { domain: `${unique('ai-src')}.test`, pages: 8 })
    const res = await rest('POST', `/sites/${small.siteId}/clone`, { token: w.tokens.admin, json: { domain: `${unique('ai-copy')}.test`, brandName: 'AI Copy', rewriteWithAi: true } })
    expect(res.status).toBe(202)
    const record = await runClones(res.body.doc.id)
    expect(record.status).toBe('done')
    const pages = await all('pages', res.body.site.id)
    expect(pages).toHaveLength(8)
    expect(pages.every((p) => p._status === 'draft')).toBe(true)
    const batch = (await w.payload.findByID({ collection: 'ai-batches' as CollectionSlug, id: record.aiBatch, depth: 0, overrideAccess: true })) as Doc
    expect(batch).toMatchObject({ site: res.body.site.id, scope: 'site', force: true, status: 'queued' })
    expect(batch.progress.total).toBe(pages.reduce((n, p) => n + (p.blocks?.length ?? 0), 0))
    const queued = await w.payload.find({ collection: 'payload-jobs', where: { and: [{ queue: { equals: 'ai' } }, { 'input.batchId': { equals: String(batch.id) } }] }, overrideAccess: true })
    expect(queued.totalDocs).toBe(1)
  })
})

describe('Duplicate on a page', () => {
  it('makes a draft with the first free "-copy" slug, as often as asked', async () => {
    const page = (await w.payload.create({ collection: 'pages', data: { title: 'About', slug: unique('about'), site: w.siteA.id, _status: 'published' } as never })) as Page
    const first = await rest('POST', `/pages/${page.id}/duplicate`, { token: w.tokens.editorA, json: {} })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body.doc.slug).toBe(`${page.slug}-copy`)
    expect(first.body.doc._status).toBe('draft')
    const second = await rest('POST', `/pages/${page.id}/duplicate`, { token: w.tokens.editorA, json: {} })
    expect(second.body.doc.slug).toBe(`${page.slug}-copy-2`)
    const ofCopy = await rest('POST', `/pages/${first.body.doc.id}/duplicate`, { token: w.tokens.editorA, json: {} })
    expect(ofCopy.body.doc.slug).toBe(`${page.slug}-copy-3`)
    expect(ofCopy.body.doc.site.id ?? ofCopy.body.doc.site).toBe(w.siteA.id)
  })

  it('is refused to an editor for another site\'s page', async () => {
    const page = (await w.payload.create({ collection: 'pages', data: { title: 'Theirs', slug: unique('theirs'), site: w.siteB.id, _status: 'published' } as never })) as Page
    const res = await rest('POST', `/pages/${page.id}/duplicate`, { token: w.tokens.editorA, json: {} })
    expect([403, 404]).toContain(res.status)
  })
})
