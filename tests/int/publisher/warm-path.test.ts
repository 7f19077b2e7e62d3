import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { Deployment, Media, Site, Template } from '@/payload-types'
import { collectDeployFiles } from '@/plugins/publisher/core'
import { renderForDeploy } from '@/plugins/site-builder/build'
import { resetWarmCache, warmStats } from '@/plugins/site-builder/warm'
import { pngBytes } from '../../helpers/files'
import { rest } from '../../helpers/rest'
import { getWorld, unique, type World } from '../../helpers/world'
import { richText } from '../site-builder/fixtures'

// The warm path (plugins/site-builder/warm.ts): a worker keeps each site's pages, media and presets and reads only
// what changed since its last build. After every kind of edit, what goes live must be byte for byte a cold full
// build of the same content, and the deployment must say whether it was warm and how many pages it read.

const LAYOUT = `<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><header>{{ brand_name }}{{ menu }}</header><h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>`
const MENU = '<nav>{% for item in navigation %}<a href="{{ item.url }}">{{ item.label }}</a>{% endfor %}</nav>'

let w: World
let tmp: string
const saved = { PUBLISH_DIR: process.env.PUBLISH_DIR, WARM_SKEW_MS: process.env.WARM_SKEW_MS, WARM_SITES: process.env.WARM_SITES }

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'warm-path-'))
  process.env.PUBLISH_DIR = tmp
  // one clock stamps every row here: what was written before a build started is safe to keep
  process.env.WARM_SKEW_MS = '0'
})

beforeEach(() => {
  resetWarmCache()
})

afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  fs.rmSync(tmp, { recursive: true, force: true })
})

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

const walk = (dir: string, prefix = ''): [string, string][] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? walk(full, rel) : [[rel, sha(fs.readFileSync(full))] as [string, string]]
  })

/** A cold full build of the site as it is now (no cache, no kept pages, nothing deployed before). */
const cleanTree = async (siteId: number) => {
  const built = await renderForDeploy({ payload: w.payload, siteId, cache: null, deployed: () => undefined })
  const collected = await collectDeployFiles({ files: built.files, assets: built.assets })
  const tree = new Map<string, string>()
  for (const file of collected.files) tree.set(file.path, sha(await file.read()))
  if (collected.headers !== undefined) tree.set('_headers', sha(collected.headers))
  if (collected.redirects !== undefined) tree.set('_redirects', sha(collected.redirects))
  return tree
}

const differences = (live: Map<string, string>, clean: Map<string, string>) => {
  const out: string[] = []
  for (const [p, h] of clean) if (!live.has(p)) out.push(`missing ${p}`)
  else if (live.get(p) !== h) out.push(`different ${p}`)
  for (const p of live.keys()) if (!clean.has(p)) out.push(`extra ${p}`)
  return out.sort()
}

/** Deploys through REST and the job, then checks that what is live equals a cold full build. */
const deploy = async (site: Site): Promise<Deployment> => {
  const res = await rest('POST', `/sites/${site.id}/deploy`, { token: w.tokens.admin })
  expect(res.status).toBe(202)
  await w.payload.jobs.run({ queue: 'deploy', sequential: true })
  const done = (await w.payload.findByID({ collection: 'deployments', id: res.body.doc.id, depth: 0 })) as Deployment
  expect(done.status, done.error ?? '').toBe('success')
  const live = new Map(walk(path.join(tmp, site.domain, 'current')).sort())
  expect(differences(live, await cleanTree(site.id as number))).toEqual([])
  return done
}

const read = (site: Site, file: string) => fs.readFileSync(path.join(tmp, site.domain, 'current', file), 'utf8')

const makeSite = async () => {
  const template = (await w.payload.create({
    collection: 'templates',
    data: { name: unique('Warm template '), type: 'monolithic', html: LAYOUT, menuHtml: MENU, css: 'main{margin:0}', cssOutput: 'external' } as never,
  })) as Template
  const site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('warm')}.test`, brandName: 'Warm', language: w.languageId, template: template.id, analyticsEnabled: false } as never,
  })) as Site
  const image = (await w.payload.create({
    collection: 'media',
    data: { alt: 'A red square', site: site.id },
    file: { data: await pngBytes(120, 80, '#b91c1c'), mimetype: 'image/png', name: `${unique('warm-img')}.png`, size: 0 },
  })) as Media
  const page = async (slug: string, data: Record<string, unknown> = {}) =>
    (await w.payload.create({ collection: 'pages', data: { title: slug, slug, h1: `Heading ${slug}`, site: site.id, _status: 'published', showInMenu: false, ...data } as never }))
      .id as number
  const home = await page('index', { showInMenu: true, order: 0 })
  const target = await page('target', { order: 1 })
  const linking = await page('linking', {
    order: 2,
    blocks: [{ blockType: 'cta', heading: 'See it', buttonText: 'Go', button: { type: 'page', page: target } }],
  })
  const pictured = await page('pictured', {
    order: 3,
    blocks: [
      { blockType: 'image', image: image.id },
      { blockType: 'article', heading: 'Text', content: richText('Words around a picture', image.id) },
    ],
  })
  const alone = await page('alone', { order: 4 })
  return { site, template, image, pages: { home, target, linking, pictured, alone } }
}

describe('the warm path builds what a cold full build builds', () => {
  it('after page, slug, media, template, site, draft and delete edits', async () => {
    const { site, template, image, pages } = await makeSite()
    const first = await deploy(site)
    // nothing kept yet: every page read
    expect(first.warmBuild).toBe(false)
    expect(first.metrics?.pagesRead).toBe(5)

    const again = await deploy(site)
    expect(again.warmBuild).toBe(true)
    expect(again.metrics?.pagesRead).toBe(0)

    // a page edit: that page is read again, the rest kept
    await w.payload.update({ collection: 'pages', id: pages.alone, data: { h1: 'Alone, edited', _status: 'published' } as never })
    let done = await deploy(site)
    expect([done.warmBuild, done.metrics?.pagesRead]).toEqual([true, 1])
    expect(read(site, 'alone/index.html')).toContain('Alone, edited')

    // a slug change: the page is read again; the page linking to it is kept and renders the new URL
    await w.payload.update({ collection: 'pages', id: pages.target, data: { slug: 'target-moved', _status: 'published' } as never })
    done = await deploy(site)
    expect([done.warmBuild, done.metrics?.pagesRead]).toEqual([true, 1])
    expect(read(site, 'linking/index.html')).toContain('/target-moved/')

    // a media swap (new file, new alt): the pages that use it are read again with the new record
    await w.payload.update({
      collection: 'media',
      id: image.id,
      data: { alt: 'A green rectangle' },
      file: { data: await pngBytes(200, 90, '#047857'), mimetype: 'image/png', name: `${unique('warm-swap')}.png`, size: 0 },
    })
    done = await deploy(site)
    expect([done.warmBuild, done.metrics?.pagesRead]).toEqual([true, 1])
    expect(read(site, 'pictured/index.html')).toContain('A green rectangle')

    // the template and the site are read fresh every time: nothing to read again, everything re-rendered
    await w.payload.update({ collection: 'templates', id: template.id, data: { css: 'main{margin:1rem}', menuHtml: `<div class="menu">${MENU}</div>` } as never })
    done = await deploy(site)
    expect([done.warmBuild, done.metrics?.pagesRead, done.metrics?.pagesRendered]).toEqual([true, 0, 5])
    expect(read(site, 'index.html')).toMatch(/<div class="[^"]*menu"><nav>/)
    await w.payload.update({ collection: 'sites', id: site.id, data: { brandName: 'Warm and renamed' } as never })
    done = await deploy(site)
    expect([done.warmBuild, done.metrics?.pagesRead, done.metrics?.pagesRendered]).toEqual([true, 0, 5])
    expect(read(site, 'alone/index.html')).toContain('Warm and renamed')

    // a draft changes nothing live, however the published row's stamp moves
    await w.payload.update({ collection: 'pages', id: pages.alone, draft: true, data: { h1: 'Draft only', _status: 'draft' } as never })
    done = await deploy(site)
    expect(done.warmBuild).toBe(true)
    expect(read(site, 'alone/index.html')).not.toContain('Draft only')

    // a page into the menu: every page renders the new menu, only that page is read
    await w.payload.update({ collection: 'pages', id: pages.pictured, data: { showInMenu: true, menuLabel: 'Pictures', _status: 'published' } as never })
    done = await deploy(site)
    expect([done.warmBuild, done.metrics?.pagesRead]).toEqual([true, 1])
    expect(read(site, 'alone/index.html')).toContain('>Pictures<')

    // a deleted page: the kept pages are not trusted, everything is read (cold), and the next build is warm again
    await w.payload.delete({ collection: 'pages', id: pages.linking })
    done = await deploy(site)
    expect([done.warmBuild, done.metrics?.pagesRead]).toEqual([false, 4])
    expect(fs.existsSync(path.join(tmp, site.domain, 'current', 'linking', 'index.html'))).toBe(false)
    done = await deploy(site)
    expect([done.warmBuild, done.metrics?.pagesRead]).toEqual([true, 0])

    // an unpublished page (an update without a status on a page with a pending draft): as deleted
    await w.payload.update({ collection: 'pages', id: pages.target, data: { _status: 'draft' } as never })
    done = await deploy(site)
    expect(done.warmBuild).toBe(false)
    expect(warmStats.warm).toBeGreaterThan(0)
  }, 300_000)

  it('keeps at most WARM_SITES sites, the least recently built going first', async () => {
    process.env.WARM_SITES = '1'
    try {
      const a = await makeSite()
      const b = await makeSite()
      await deploy(a.site)
      expect((await deploy(a.site)).warmBuild).toBe(true)
      // b's build pushes a out
      await deploy(b.site)
      expect((await deploy(a.site)).warmBuild).toBe(false)
      expect((await deploy(a.site)).warmBuild).toBe(true)
      expect((await deploy(b.site)).warmBuild).toBe(false)
    } finally {
      delete process.env.WARM_SITES
    }
  }, 300_000)

  it('PANEL_WARM=0: every deployment reads the whole site', async () => {
    const { site } = await makeSite()
    process.env.PANEL_WARM = '0'
    try {
      await deploy(site)
      const done = await deploy(site)
      expect(done.warmBuild).toBe(false)
      expect(done.metrics?.pagesRead ?? null).toBeNull()
    } finally {
      delete process.env.PANEL_WARM
    }
  }, 300_000)
})
