/**
 * The publishing invariant, over generated histories: after every deployment, what is live (the local
 * folder's `current` tree, or the Cloudflare project's active manifest with `_headers`/`_redirects`) is
 * byte for byte what a clean full build of the same content gives at that moment, and the link gate finds
 * nothing missing in it. Incremental rendering, the build cache, reused pages, cached image variants and
 * the upload plan may only make that faster.
 *
 * A roll back or a redeploy of an old deployment makes that deployment's files live again: the live tree
 * then equals the tree recorded when that deployment was checked, and the next ordinary deployment must
 * equal a clean build of the content again.
 *
 * Deployments take the warm path (they read only what changed since the one before): the run checks they did.
 *
 * PROPERTY_RUNS (default 2 per target) sets how many generated histories each target gets.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import fc from 'fast-check'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Deployment, Media, Page, Site, Template } from '@/payload-types'
import { collectDeployFiles } from '@/plugins/publisher/core'
import { buildSiteToFolder, renderForDeploy } from '@/plugins/site-builder/build'
import type { StreamCache } from '@/plugins/site-builder/core/build'
import { checkTree, refsOf, siteHostsOf } from '@/plugins/site-builder/core/gate'
import { warmStats } from '@/plugins/site-builder/warm'
import { startFakeCloudflare, type FakeCloudflare } from '../../fakes/cloudflare'
import { pngBytes } from '../../helpers/files'
import { rest } from '../../helpers/rest'
import { getWorld, unique, type World } from '../../helpers/world'
import { richText } from '../site-builder/fixtures'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 2)

const LAYOUT = `<!doctype html>
<html lang="{{ language }}">
<head>{{ head }}</head>
<body>
<header><a class="brand" href="/">{% if site.logo %}<img class="logo" src="{{ site.logo.url }}" alt="{{ site.logo.alt }}" width="{{ site.logo.width }}" height="{{ site.logo.height }}">{% endif %}{{ brand_name }}</a>{{ menu }}</header>
<h1 class="title">{{ page.h1 }}</h1>
<main class="content">{{ content }}</main>
<footer class="footer">&copy; {{ year }} {{ brand_name }}</footer>
{{ scripts }}
</body>
</html>`
const MENU = '<nav class="nav">{% for item in navigation %}<a class="nav__link" href="{{ item.url }}">{{ item.label }}</a>{% endfor %}</nav>'
const HERO = (n: number) =>
  `<section class="hero hero-v${n}"><h2 class="hero__heading">{{ heading }}</h2>{% if image %}<img class="hero__image" src="{{ image.url }}" alt="{{ image.alt }}" width="{{ image.width }}" height="{{ image.height }}">{% endif %}</section>`
const COLORS = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#c2410c']

type Op =
  | { kind: 'editText'; page: number; n: number }
  | { kind: 'addImage'; page: number; media: number }
  | { kind: 'removeImage'; page: number }
  | { kind: 'swapImage'; page: number; media: number }
  | { kind: 'changeGallery'; page: number; media: number[] }
  | { kind: 'editCss'; n: number }
  | { kind: 'editPartial'; n: number }
  | { kind: 'changeColors'; n: number }
  | { kind: 'changeFootprint'; n: number }
  | { kind: 'changeSlug'; page: number; n: number }
  | { kind: 'deletePage'; page: number }
  | { kind: 'addPage'; media: number; n: number }
  | { kind: 'saveDraft'; page: number; n: number }
  | { kind: 'publishDraft'; page: number }
  | { kind: 'redeploy' }
  | { kind: 'rollback'; back: number }
  | { kind: 'redeployOld'; back: number }

const idx = fc.nat({ max: 50 })
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('editText' as const), page: idx, n: fc.nat(999) }),
  fc.record({ kind: fc.constant('addImage' as const), page: idx, media: idx }),
  fc.record({ kind: fc.constant('removeImage' as const), page: idx }),
  fc.record({ kind: fc.constant('swapImage' as const), page: idx, media: idx }),
  fc.record({ kind: fc.constant('changeGallery' as const), page: idx, media: fc.array(idx, { minLength: 0, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('editCss' as const), n: fc.nat(999) }),
  fc.record({ kind: fc.constant('editPartial' as const), n: fc.nat(999) }),
  fc.record({ kind: fc.constant('changeColors' as const), n: fc.nat(4) }),
  fc.record({ kind: fc.constant('changeFootprint' as const), n: fc.nat(2) }),
  fc.record({ kind: fc.constant('changeSlug' as const), page: idx, n: fc.nat(999) }),
  fc.record({ kind: fc.constant('deletePage' as const), page: idx }),
  fc.record({ kind: fc.constant('addPage' as const), media: idx, n: fc.nat(999) }),
  fc.record({ kind: fc.constant('saveDraft' as const), page: idx, n: fc.nat(999) }),
  fc.record({ kind: fc.constant('publishDraft' as const), page: idx }),
  fc.constant({ kind: 'redeploy' as const }),
  fc.record({ kind: fc.constant('rollback' as const), back: fc.nat(5) }),
  fc.record({ kind: fc.constant('redeployOld' as const), back: fc.nat(5) }),
)

const sha = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex')
type Tree = Map<string, string>

let w: World
let payload: Payload
let tmp: string
let fake: FakeCloudflare
let cfToken: number
let footprints: number[] = []
const saved = { PUBLISH_DIR: process.env.PUBLISH_DIR, CLOUDFLARE_API_BASE_URL: process.env.CLOUDFLARE_API_BASE_URL, WARM_SKEW_MS: process.env.WARM_SKEW_MS }

beforeAll(async () => {
  // deployments take the warm path (plugins/site-builder/warm.ts) with what they kept from the one before: one
  // clock stamps every row here, so nothing written before a build needs reading again for fear of clock skew
  process.env.WARM_SKEW_MS = '0'
  w = await getWorld()
  payload = w.payload
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'live-equals-clean-'))
  process.env.PUBLISH_DIR = tmp
  fake = await startFakeCloudflare({ pollsUntilDone: 1 })
  process.env.CLOUDFLARE_API_BASE_URL = fake.baseURL
  cfToken = (
    await payload.create({
      collection: 'api-tokens',
      data: { label: unique('CF property '), service: 'cloudflare', secret: fake.apiToken, accountId: fake.accountId } as never,
    })
  ).id as number
  // three layouts: folders, .html files with a WordPress tree, /index.php/slug/
  for (const [style, paths] of [
    ['directory', {}],
    ['html', { themePath: 'wp-content/themes/{theme}', imagesPath: 'wp-content/uploads/{year}', cssPath: 'wp-content/themes/{theme}/css', jsPath: 'wp-includes/js', pathVariables: [{ name: 'theme', value: 'astra' }, { name: 'year', value: '2024' }] }],
    ['index-php', { imagesPath: 'media/img', cssPath: 'media/css' }],
  ] as const) {
    footprints.push(
      (await payload.create({ collection: 'template-footprints', data: { name: unique(`Property ${style} `), pageUrlStyle: style, ...paths } as never }))
        .id as number,
    )
  }
})

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  await fake?.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

/** A fresh site with a home page, three pages using images, a gallery and rich text, and a logo. */
const createSite = async (target: 'filesystem' | 'cloudflare-pages') => {
  const template = (await payload.create({
    collection: 'templates',
    data: {
      name: unique('Property template '),
      type: 'monolithic',
      html: LAYOUT,
      menuHtml: MENU,
      css: '.hero{padding:1rem}\n.content{max-width:60rem}',
      cssOutput: 'external',
    } as never,
  })) as Template
  const site = (await payload.create({
    collection: 'sites',
    data: {
      domain: `${unique('prop')}.test`,
      brandName: 'Property Test',
      language: w.languageId,
      template: template.id,
      footprint: footprints[0],
      enablePageSpeed: true,
      analyticsEnabled: false,
      publishing: target === 'cloudflare-pages' ? { target, cloudflareToken: cfToken } : { target },
    } as never,
  })) as Site
  const media: Media[] = []
  // the same five pictures for every site: their variants come from the content cache after the first run
  for (const [i, color] of COLORS.entries()) {
    media.push(
      (await payload.create({
        collection: 'media',
        data: { alt: `Picture ${i}`, site: site.id },
        file: { data: await pngBytes(360 + i * 170, 240, color), mimetype: 'image/png', name: `${unique('prop-img')}.png`, size: 0 },
      })) as Media,
    )
  }
  await payload.update({ collection: 'sites', id: site.id, data: { logo: media[0].id } })
  const pages: Page[] = []
  for (let i = 0; i < 4; i++) pages.push(await createPage(site.id, i === 0 ? 'index' : `page-${i}`, i, media[(i + 1) % media.length].id, [media[2].id, media[3].id]))
  return { site, template, media, pages }
}

const createPage = async (siteId: number, slug: string, order: number, imageId: number, gallery: number[]) =>
  (await payload.create({
    collection: 'pages',
    data: {
      title: slug === 'index' ? 'Home' : `Page ${slug}`,
      slug,
      site: siteId,
      order,
      showInMenu: true,
      _status: 'published',
      h1: `Heading ${slug}`,
      blocks: [
        { blockType: 'hero', heading: `Hero ${slug}`, image: imageId },
        { blockType: 'article', heading: 'Article', content: richText(`Text of ${slug}`, gallery[0]) },
        { blockType: 'gallery', images: gallery.map((image) => ({ image })) },
      ],
    } as never,
  })) as Page

/** An edit saved with Publish (an update without a status keeps a pending draft's "draft" and unpublishes the page). */
const publish = (id: number | string, data: Record<string, unknown>) => payload.update({ collection: 'pages', id, data: { ...data, _status: 'published' } as never })

const runJobs = () => payload.jobs.run({ queue: 'deploy', sequential: true })

const request = async (url: string): Promise<Deployment> => {
  const res = await rest('POST', url, { token: w.tokens.admin })
  expect(res.status, JSON.stringify(res.body)).toBe(202)
  await runJobs()
  return (await payload.findByID({ collection: 'deployments', id: res.body.doc.id, depth: 0 })) as Deployment
}

/** A clean full build of the site as it is now: no cache, nothing deployed before; and its gate result. */
const cleanBuild = async (siteId: number): Promise<Tree> => {
  const built = await renderForDeploy({ payload, siteId, cache: null, deployed: () => undefined })
  const collected = await collectDeployFiles({ files: built.files, assets: built.assets })
  const tree: Tree = new Map()
  // the oracle reads every file's references itself rather than trusting the builder's list
  const refs: [string, string[]][] = []
  const hosts = siteHostsOf((await payload.findByID({ collection: 'sites', id: siteId, depth: 0 })).domain)
  for (const file of collected.files) {
    const bytes = await file.read()
    tree.set(file.path, sha(bytes))
    refs.push([file.path, refsOf(file.path, bytes, hosts)])
  }
  if (collected.headers !== undefined) tree.set('_headers', sha(collected.headers))
  if (collected.redirects !== undefined) {
    tree.set('_redirects', sha(collected.redirects))
    refs.push(['_redirects', refsOf('_redirects', collected.redirects, hosts)])
  }
  const gate = checkTree({ refs, has: (p) => tree.has(p), redirects: collected.redirects })
  expect(gate.missing, 'a clean build references files it does not contain').toEqual([])
  expect(gate.broken, 'a clean build links to pages it does not contain').toEqual([])
  return tree
}

const walk = (dir: string, prefix = ''): [string, string][] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? walk(full, rel) : [[rel, sha(fs.readFileSync(full))] as [string, string]]
  })

/** What visitors get now: the folder behind `current`, or the Cloudflare project's active deployment. */
const liveTree = (site: Site): Tree => {
  if (site.publishing?.target !== 'cloudflare-pages') return new Map(walk(path.join(tmp, site.domain, 'current')).sort())
  const project = [...fake.state.projects.values()].find((p) => p.name === site.domain.replace(/[^a-z0-9]+/g, '-'))!
  const active = project.canonical_deployment!
  const tree: Tree = new Map()
  for (const [key, hash] of Object.entries(active.manifest)) tree.set(key.slice(1), sha(Buffer.from(fake.state.assets.get(hash)!.base64, 'base64')))
  if (active.headersFile !== undefined) tree.set('_headers', sha(active.headersFile))
  if (active.redirectsFile !== undefined) tree.set('_redirects', sha(active.redirectsFile))
  return tree
}

/** Path by path, so a failure names what differs. */
const differences = (live: Tree, clean: Tree): string[] => {
  const out: string[] = []
  for (const [p, h] of clean) if (!live.has(p)) out.push(`missing ${p}`)
  else if (live.get(p) !== h) out.push(`different ${p}`)
  for (const p of live.keys()) if (!clean.has(p)) out.push(`extra ${p}`)
  return out.sort()
}

const pick = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined)

const history = (target: 'filesystem' | 'cloudflare-pages') =>
  fc.asyncProperty(fc.array(opArb, { minLength: 12, maxLength: 16 }), async (ops) => {
    const { site, template, media } = await createSite(target)
    const pageIds = async () =>
      (await payload.find({ collection: 'pages', where: { site: { equals: site.id } }, sort: 'order', depth: 0, limit: 100, draft: false })).docs as Page[]
    const nonHome = async () => (await pageIds()).filter((p) => p.slug !== 'index')
    const drafts = new Set<number>()
    // `npm run build-site` beside the deployments (local folder histories): the folder it writes, built
    // incrementally with its hard-linked previous version, must equal the clean build too
    const cliDir = path.join(tmp, 'cli', site.domain)
    let cliCache: StreamCache | null = null
    const checkCli = async (label: string, clean: Tree) => {
      if (target !== 'filesystem') return
      const built = await buildSiteToFolder({ payload, siteId: site.id, outDir: cliDir, cache: cliCache, chunkSize: 2 })
      cliCache = built.cache
      expect(differences(new Map(walk(cliDir).sort()), clean), `build-site after ${label}`).toEqual([])
    }
    // every successful deployment with the tree it was checked to have
    const made: { id: number; tree: Tree }[] = []
    const first = await request(`/sites/${site.id}/deploy`)
    expect(first.error ?? null).toBeNull()
    made.push({ id: first.id as number, tree: liveTree((await payload.findByID({ collection: 'sites', id: site.id })) as Site) })
    const firstClean = await cleanBuild(site.id)
    expect(differences(made[0].tree, firstClean)).toEqual([])
    await checkCli('the first deployment', firstClean)

    for (const [step, op] of ops.entries()) {
      let expected: 'clean' | 'skip' | Tree = 'clean'
      let deployment: Deployment | undefined
      const page = 'page' in op ? pick(await pageIds(), op.page) : undefined
      switch (op.kind) {
        case 'editText':
          if (page) await publish(page.id, { h1: `Edited ${op.n}` })
          break
        case 'addImage':
          if (page) await publish(page.id, { blocks: [...(page.blocks ?? []), { blockType: 'image', image: pick(media, op.media)!.id }] })
          break
        case 'removeImage':
          if (page) await publish(page.id, { blocks: (page.blocks ?? []).filter((b) => b.blockType !== 'hero') })
          break
        case 'swapImage':
          if (page)
            await publish(page.id, {
              blocks: (page.blocks ?? []).map((b) => (b.blockType === 'hero' || b.blockType === 'image' ? { ...b, id: undefined, image: pick(media, op.media)!.id } : { ...b, id: undefined })),
            })
          break
        case 'changeGallery':
          if (page)
            await publish(page.id, {
              blocks: [
                ...(page.blocks ?? []).filter((b) => b.blockType !== 'gallery').map((b) => ({ ...b, id: undefined })),
                ...(op.media.length ? [{ blockType: 'gallery', images: op.media.map((m) => ({ image: pick(media, m)!.id })) }] : []),
              ],
            })
          break
        case 'editCss':
          await payload.update({ collection: 'templates', id: template.id, data: { css: `.hero{padding:${op.n % 7}rem}\n.content{max-width:${40 + (op.n % 30)}rem}` } as never })
          break
        case 'editPartial':
          await payload.update({ collection: 'templates', id: template.id, data: { blockTemplates: [{ blockType: 'hero', html: HERO(op.n) }] } as never })
          break
        case 'changeColors':
          await payload.update({ collection: 'sites', id: site.id, data: { customColors: [{ name: 'primary', value: COLORS[op.n] }, { name: 'background', value: '#ffffff' }] } as never })
          break
        case 'changeFootprint':
          await payload.update({ collection: 'sites', id: site.id, data: { footprint: footprints[op.n] } as never })
          break
        case 'changeSlug': {
          const p = pick(await nonHome(), op.page)
          if (p) await publish(p.id, { slug: `moved-${op.n}-${step}` })
          break
        }
        case 'deletePage': {
          const p = pick(await nonHome(), op.page)
          if (p) await payload.delete({ collection: 'pages', id: p.id })
          break
        }
        case 'addPage':
          await createPage(site.id, `new-${op.n}-${step}`, 10 + step, pick(media, op.media)!.id, [pick(media, op.media + 1)!.id])
          break
        case 'saveDraft':
          // a draft changes nothing live until it is published
          if (page) {
            await payload.update({ collection: 'pages', id: page.id, draft: true, data: { h1: `Draft ${op.n}`, _status: 'draft' } as never })
            drafts.add(page.id as number)
          }
          break
        case 'publishDraft': {
          const id = pick([...drafts], op.page)
          if (id !== undefined) {
            const latest = (await payload.findByID({ collection: 'pages', id, draft: true, depth: 0 }).catch(() => null)) as Page | null
            if (latest) await payload.update({ collection: 'pages', id, data: { ...latest, _status: 'published' } as never })
            drafts.delete(id)
          }
          break
        }
        case 'redeploy':
          break
        case 'rollback':
        case 'redeployOld': {
          const source = made[Math.max(0, made.length - 1 - op.back)]
          const url = `/deployments/${source.id}/${op.kind === 'rollback' ? 'rollback' : 'redeploy'}`
          const res = await rest('POST', url, { token: w.tokens.admin })
          if (res.status === 409) {
            // the local folder keeps its last five versions: an older one is refused before anything is queued
            expect(op.kind, JSON.stringify(res.body)).toBe('rollback')
            expect(res.body.errors[0].message).toMatch(/no longer kept on disk/)
            break
          }
          expect(res.status, JSON.stringify(res.body)).toBe(202)
          await runJobs()
          deployment = (await payload.findByID({ collection: 'deployments', id: res.body.doc.id, depth: 0 })) as Deployment
          if (op.kind === 'redeployOld' && deployment.status === 'failed' && /no longer kept anywhere/.test(deployment.error ?? '')) {
            // a redeploy of a version whose files are gone (the local folder keeps five) fails with the reason, and
            // the live site stays what it was
            const before = made[made.length - 1]?.tree
            if (before) expect(differences(liveTree((await payload.findByID({ collection: 'sites', id: site.id })) as Site), before)).toEqual([])
            deployment = undefined
            expected = 'skip'
            break
          }
          expected = source.tree
          break
        }
      }
      if (expected === 'skip') continue
      deployment ??= await request(`/sites/${site.id}/deploy`)
      const label = `step ${step + 1} of ${ops.length} (${JSON.stringify(op)}), deployment ${deployment.id}`
      expect(deployment.error ?? null, label).toBeNull()
      expect(deployment.status, label).toBe('success')
      const live = liveTree((await payload.findByID({ collection: 'sites', id: site.id })) as Site)
      const clean = await cleanBuild(site.id)
      expect(differences(live, expected === 'clean' ? clean : expected), label).toEqual([])
      await checkCli(label, clean)
      made.push({ id: deployment.id as number, tree: live })
    }
  })

/** The property, and that its deployments did take the warm path with pages they had kept (not all read again). */
const assertWarm = async (property: ReturnType<typeof history>) => {
  const before = { ...warmStats }
  await fc.assert(property, { numRuns: RUNS, endOnFailure: true })
  expect(warmStats.warm - before.warm, 'deployments that used the pages kept from the one before').toBeGreaterThan(0)
  expect(warmStats.pagesKept - before.pagesKept, 'pages not read again').toBeGreaterThan(0)
}

describe('what goes live equals a clean full build', () => {
  it('on the local folder, over generated histories of edits and deployments', async () => {
    await assertWarm(history('filesystem'))
  }, 900_000)

  it('on Cloudflare Pages (the fake API), over generated histories of edits and deployments', async () => {
    await assertWarm(history('cloudflare-pages'))
  }, 900_000)
})
