import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Deployment, Site, Template } from '@/payload-types'
import { rest } from '../../helpers/rest'
import { createImage, getWorld, unique, type World } from '../../helpers/world'

// A page depends on what it reads: the menu it renders, the pages it links to,
// the media it shows, the site and the template; not on every page's title.
// Each edit below re-renders exactly the pages that show what changed (the
// property test live-equals-clean checks that what is reused is still right).

const MENU = '<nav>{% for item in navigation %}<a href="{{ item.url }}">{{ item.label }}</a>{% endfor %}</nav>'
const LAYOUT = `<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body>${MENU}<h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>`
const LISTING = `<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><ul>{% for p in pages %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul><h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>`

let w: World
let tmp: string
const saved = process.env.PUBLISH_DIR

type Pages = Record<'home' | 'about' | 'linked' | 'linking' | 'pictured' | 'alone', number>

const deployNow = async (siteId: number): Promise<Deployment> => {
  const res = await rest('POST', `/sites/${siteId}/deploy`, { token: w.tokens.admin })
  expect(res.status).toBe(202)
  await w.payload.jobs.run({ queue: 'deploy', sequential: true })
  const done = (await w.payload.findByID({ collection: 'deployments', id: res.body.doc.id, depth: 0 })) as Deployment
  expect(done.status, done.error ?? '').toBe('success')
  return done
}

const makeSite = async (html: string): Promise<{ site: Site; pages: Pages; imageId: number; templateId: number }> => {
  const template = (await w.payload.create({ collection: 'templates', data: { name: unique('Deps template '), type: 'monolithic', html } as never })) as Template
  const site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('deps')}.test`, brandName: 'Deps', language: w.languageId, template: template.id } as never,
  })) as Site
  const image = await createImage(w.payload, site.id, 'A picture')
  const page = async (slug: string, data: Record<string, unknown> = {}) =>
    (await w.payload.create({ collection: 'pages', data: { title: slug, slug, h1: slug, site: site.id, _status: 'published', showInMenu: false, ...data } as never })).id as number
  const home = await page('index', { showInMenu: true, order: 0 })
  const about = await page('about', { showInMenu: true, order: 1 })
  const linked = await page('linked', { order: 2 })
  const linking = await page('linking', {
    order: 3,
    blocks: [{ blockType: 'cta', heading: 'See it', buttonText: 'Go', button: { type: 'page', page: linked } }],
  })
  const pictured = await page('pictured', { order: 4, blocks: [{ blockType: 'image', image: image.id }] })
  const alone = await page('alone', { order: 5 })
  return { site, pages: { home, about, linked, linking, pictured, alone }, imageId: image.id as number, templateId: template.id }
}

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'exact-deps-'))
  process.env.PUBLISH_DIR = tmp
})

afterAll(() => {
  if (saved === undefined) delete process.env.PUBLISH_DIR
  else process.env.PUBLISH_DIR = saved
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('an edit re-renders the pages that show it, and only those', () => {
  it('title, slug, link target, menu, media and template edits', async () => {
    const { site, pages, imageId, templateId } = await makeSite(LAYOUT)
    expect((await deployNow(site.id)).metrics).toMatchObject({ pagesRendered: 6, pagesSkipped: 0 })
    const rendered = async (edit: () => Promise<unknown>) => {
      await edit()
      return (await deployNow(site.id)).metrics?.pagesRendered
    }
    const page = (id: number, data: Record<string, unknown>) => () => w.payload.update({ collection: 'pages', id, data })

    // a page nobody links to and not in the menu: itself alone
    expect(await rendered(page(pages.alone, { title: 'Alone, renamed' }))).toBe(1)
    expect(await rendered(page(pages.alone, { slug: 'alone-moved' }))).toBe(1)
    expect(fs.existsSync(path.join(tmp, site.domain, 'current', 'alone-moved', 'index.html'))).toBe(true)
    // a page another page links to: both (the link's URL and label come from it)
    expect(await rendered(page(pages.linked, { slug: 'linked-moved' }))).toBe(2)
    expect(fs.readFileSync(path.join(tmp, site.domain, 'current', 'linking', 'index.html'), 'utf8')).toContain('/linked-moved/')
    // a page in the menu: every page renders the menu
    expect(await rendered(page(pages.about, { title: 'About us' }))).toBe(6)
    // an image's alt text: the page that shows it
    expect(await rendered(() => w.payload.update({ collection: 'media', id: imageId, data: { alt: 'A better picture' } }))).toBe(1)
    expect(fs.readFileSync(path.join(tmp, site.domain, 'current', 'pictured', 'index.html'), 'utf8')).toContain('A better picture')
    // the template: everything
    expect(await rendered(() => w.payload.update({ collection: 'templates', id: templateId, data: { css: 'body{margin:0}' } }))).toBe(6)
    // nothing changed: nothing
    expect(await rendered(async () => undefined)).toBe(0)
  })

  it('a template that lists every page makes every page depend on every title', async () => {
    const { site, pages } = await makeSite(LISTING)
    await deployNow(site.id)
    await w.payload.update({ collection: 'pages', id: pages.alone, data: { title: 'Alone, listed' } })
    const done = await deployNow(site.id)
    expect(done.metrics?.pagesRendered).toBe(6)
    expect(fs.readFileSync(path.join(tmp, site.domain, 'current', 'index.html'), 'utf8')).toContain('Alone, listed')
  })
})
