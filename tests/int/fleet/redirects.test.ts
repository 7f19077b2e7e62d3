import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Page, Redirect, Site, Template, TemplateFootprint } from '@/payload-types'
import { GET as liveGET } from '@/src/app/(sites)/live/[siteId]/[[...path]]/route'
import { queueDeployment } from '@/plugins/publisher/jobs/queue'
import { login, rest } from '../../helpers/rest'
import { getWorld, PASSWORD, unique, type World } from '../../helpers/world'

// Old URLs keep working: a published page that changes its slug or goes away leaves a 301 from the address it
// was live at; editors keep the list; chains collapse and loops are refused; the build writes the list into
// `_redirects`, which the local-folder live URL honours.

const LAYOUT = `<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><nav>{% for item in navigation %}<a href="{{ item.url }}">{{ item.label }}</a>{% endfor %}</nav><h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>`

let w: World
let tmp: string
let site: Site
let editorToken: string
let home: Page
let about: Page
let contact: Page
const savedDir = process.env.PUBLISH_DIR

const redirectsOf = async (siteId = site.id) =>
  (await w.payload.find({ collection: 'redirects', where: { site: { equals: siteId } }, sort: 'from', pagination: false, depth: 0 })).docs as Redirect[]

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: unknown }).id : value)

const publish = (id: number, data: Partial<Page>) => w.payload.update({ collection: 'pages', id, data: { ...data, _status: 'published' } as never })

const live = (segments: string[]) => {
  const headers = new Headers({ authorization: `JWT ${editorToken}` })
  return liveGET(new Request(`http://localhost:3000/live/${site.id}/${segments.join('/')}`, { headers }), {
    params: Promise.resolve({ siteId: String(site.id), path: segments }),
  })
}

const deploy = async () => {
  const res = await rest('POST', `/sites/${site.id}/deploy`, { token: editorToken })
  expect(res.status).toBe(202)
  await w.payload.jobs.run({ queue: 'deploy', sequential: true })
  const done = await w.payload.findByID({ collection: 'deployments', id: res.body.doc.id, depth: 0 })
  expect(done.error ?? null).toBeNull()
  expect(done.status).toBe('success')
  return fs.readFileSync(path.join(tmp, site.domain, 'current', '_redirects'), 'utf8')
}

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'redirects-'))
  process.env.PUBLISH_DIR = tmp
  const template = (await w.payload.create({
    collection: 'templates',
    data: { name: unique('Redirects template '), type: 'monolithic', html: LAYOUT, css: 'body{margin:0}', cssOutput: 'external' } as never,
  })) as Template
  site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('redirects')}.test`, brandName: 'Redirects', language: w.languageId, template: template.id, enablePageSpeed: false, analyticsEnabled: false } as never,
  })) as Site
  home = (await w.payload.create({ collection: 'pages', data: { title: 'Home', slug: 'index', site: site.id, order: 0, _status: 'published' } as never })) as Page
  about = (await w.payload.create({ collection: 'pages', data: { title: 'About', slug: 'about', site: site.id, order: 1, _status: 'published' } as never })) as Page
  contact = (await w.payload.create({ collection: 'pages', data: { title: 'Contact', slug: 'contact', site: site.id, order: 2, _status: 'published' } as never })) as Page
  const email = `${unique('redirects-editor-')}@panel.test`
  await w.payload.create({ collection: 'users', data: { email, password: PASSWORD, role: 'editor', sites: [{ site: site.id }] } as never })
  editorToken = await login(email, PASSWORD)
})

afterAll(() => {
  if (savedDir === undefined) delete process.env.PUBLISH_DIR
  else process.env.PUBLISH_DIR = savedDir
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('redirects recorded from pages', () => {
  it('records nothing for a draft with a new slug, and one 301 from the published address when it is published', async () => {
    await w.payload.update({ collection: 'pages', id: about.id, data: { slug: 'about-us' }, draft: true })
    expect(await redirectsOf()).toHaveLength(0)
    await publish(about.id, {})
    const list = await redirectsOf()
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ from: '/about/', toPage: about.id, toPath: null, status: '301', origin: 'slug-change' })
  })

  it('keeps one hop after a second change: both old addresses follow the page', async () => {
    await publish(about.id, { slug: 'team' })
    const list = await redirectsOf()
    expect(list.map((r) => [r.from, r.toPage])).toEqual([
      ['/about-us/', about.id],
      ['/about/', about.id],
    ])
  })

  it('gives an address back to a page published at it again', async () => {
    await publish(about.id, { slug: 'about' })
    expect((await redirectsOf()).map((r) => r.from)).toEqual(['/about-us/', '/team/'])
    await publish(about.id, { slug: 'team' })
    expect((await redirectsOf()).map((r) => r.from)).toEqual(['/about-us/', '/about/'])
  })

  it('sends a trashed page to the page chosen on it, and the redirects that led to it too', async () => {
    const old = (await w.payload.create({ collection: 'pages', data: { title: 'Old offer', slug: 'old-offer', site: site.id, order: 5, _status: 'published' } as never })) as Page
    await w.payload.create({ collection: 'redirects', data: { site: site.id, from: '/older-offer/', toPage: old.id } as never })
    await w.payload.update({ collection: 'pages', id: old.id, data: { redirectOnDelete: contact.id } })
    const res = await rest('PATCH', `/pages/${old.id}`, { token: editorToken, json: { deletedAt: new Date().toISOString() } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const list = await redirectsOf()
    expect(list.find((r) => r.from === '/old-offer/')).toMatchObject({ toPage: contact.id, origin: 'page-deleted' })
    expect(list.find((r) => r.from === '/older-offer/')).toMatchObject({ toPage: contact.id })
  })

  it('sends a page deleted for good to the home page', async () => {
    const gone = (await w.payload.create({ collection: 'pages', data: { title: 'Gone', slug: 'gone', site: site.id, order: 6, _status: 'published' } as never })) as Page
    await w.payload.delete({ collection: 'pages', id: gone.id })
    expect((await redirectsOf()).find((r) => r.from === '/gone/')).toMatchObject({ toPage: home.id, origin: 'page-deleted' })
  })

  it('deletes several published pages in one request (Payload runs their hooks side by side), each leaving its redirect', async () => {
    const pages: Page[] = []
    for (let i = 0; i < 6; i++) {
      pages.push((await w.payload.create({ collection: 'pages', data: { title: `Batch ${i}`, slug: `batch-${i}`, site: site.id, order: 10 + i, _status: 'published' } as never })) as Page)
    }
    const { docs, errors } = await w.payload.delete({ collection: 'pages', where: { id: { in: pages.map((p) => p.id) } } })
    expect(errors).toEqual([])
    expect(docs).toHaveLength(6)
    const list = await redirectsOf()
    for (let i = 0; i < 6; i++) expect(list.find((r) => r.from === `/batch-${i}/`), `/batch-${i}/`).toMatchObject({ toPage: home.id, origin: 'page-deleted' })
  })
})

describe('the redirects list', () => {
  it('collapses chains: A→B then B→C makes A→C, and X→A saved later leads to C at once', async () => {
    const a = await rest('POST', '/redirects', { token: editorToken, json: { site: site.id, from: '/chain-a/', toPath: '/chain-b/' } })
    expect(a.status, JSON.stringify(a.body)).toBe(201)
    const b = await rest('POST', '/redirects', { token: editorToken, json: { site: site.id, from: '/chain-b/', toPage: contact.id } })
    expect(b.status, JSON.stringify(b.body)).toBe(201)
    const list = await redirectsOf()
    expect(list.find((r) => r.from === '/chain-a/')).toMatchObject({ toPage: contact.id, toPath: null })
    const x = await rest('POST', '/redirects', { token: editorToken, json: { site: site.id, from: '/chain-x', toPath: '/chain-a/' } })
    expect(x.status, JSON.stringify(x.body)).toBe(201)
    expect([idOf(x.body.doc.toPage), x.body.doc.toPath]).toEqual([contact.id, null])
    const y = await rest('POST', '/redirects', { token: editorToken, json: { site: site.id, from: '/chain-y/', toPath: '/somewhere/' } })
    const z = await rest('POST', '/redirects', { token: editorToken, json: { site: site.id, from: '/chain-z/', toPath: '/chain-y' } })
    expect([y.status, z.status]).toEqual([201, 201])
    expect(z.body.doc.toPath).toBe('/somewhere/')
  })

  it('refuses a loop with a 400 naming the field, and keeps nothing of it', async () => {
    const before = (await redirectsOf()).length
    const loop = await rest('POST', '/redirects', { token: editorToken, json: { site: site.id, from: '/somewhere', toPath: '/chain-z/' } })
    expect(loop.status).toBe(400)
    expect(loop.body.errors[0].data.errors[0]).toMatchObject({ path: 'toPath' })
    expect(loop.body.errors[0].data.errors[0].message).toMatch(/loop/)
    const self = await rest('POST', '/redirects', { token: editorToken, json: { site: site.id, from: '/self/', toPath: '/self' } })
    expect(self.status).toBe(400)
    expect(self.body.errors[0].data.errors[0].path).toBe('toPath')
    // by page: a redirect from the address a page would take back is a loop as well
    const byPage = await rest('POST', '/redirects', { token: editorToken, json: { site: site.id, from: '/team/', toPage: about.id } })
    expect(byPage.status).toBe(400)
    expect(byPage.body.errors[0].data.errors[0].path).toBe('from')
    expect(await redirectsOf()).toHaveLength(before)
  })

  it('refuses a path that is not one, a second rule for the same address, and a rule with two targets', async () => {
    for (const [json, field] of [
      [{ from: 'no-slash', toPath: '/x/' }, 'from'],
      [{ from: '/with space/', toPath: '/x/' }, 'from'],
      [{ from: '/blog/*', toPath: '/x/' }, 'from'],
      [{ from: '/chain-a', toPath: '/x/' }, 'from'],
      [{ from: '/fine/', toPath: '/x/', toPage: contact.id }, 'toPath'],
      [{ from: '/fine/' }, 'toPath'],
    ] as const) {
      const res = await rest('POST', '/redirects', { token: editorToken, json: { site: site.id, ...json } })
      expect(res.status, JSON.stringify(json)).toBe(400)
      expect(res.body.errors[0].data.errors[0].path, JSON.stringify(json)).toBe(field)
    }
  })

  it("is the site's editors' to edit: another site's editor neither sees nor changes it", async () => {
    const [first] = await redirectsOf()
    const edited = await rest('PATCH', `/redirects/${first.id}`, { token: editorToken, json: { status: '302' } })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    expect((await rest('GET', `/redirects/${first.id}`, { token: w.tokens.editorB })).status).toBe(404)
    expect([403, 404]).toContain((await rest('PATCH', `/redirects/${first.id}`, { token: w.tokens.editorB, json: { status: '301' } })).status)
    expect((await w.payload.findByID({ collection: 'redirects', id: first.id, depth: 0 })).status).toBe('302')
    await rest('PATCH', `/redirects/${first.id}`, { token: editorToken, json: { status: '301' } })
  })
})

describe('redirects on the published site', () => {
  it('are written into _redirects (with and without the slash) and answered by the live URL with a 301 to the new address', async () => {
    const file = await deploy()
    expect(file).toContain('/about/ /team/ 301\n')
    expect(file).toContain('/about /team/ 301\n')
    expect(file).toContain('/about-us/ /team/ 301\n')
    expect(file).toContain('/old-offer/ /contact/ 301\n')
    expect(file).toContain('/chain-a/ /contact/ 301\n')
    expect(file).toContain('/chain-x /contact/ 301\n')
    // no rule leads to a source of another: one hop everywhere
    const rules = file.trim().split('\n').map((line) => line.split(' '))
    const sources = new Set(rules.map(([from]) => from))
    expect(rules.filter(([, to]) => sources.has(to))).toEqual([])

    for (const segments of [['about'], ['about', '']]) {
      const res = await live(segments)
      expect(res.status, segments.join('/')).toBe(301)
      expect(res.headers.get('location')).toBe(`/live/${site.id}/team/`)
    }
    const moved = await live(['team', ''])
    expect(moved.status).toBe(200)
    expect(await moved.text()).toContain('<h1>About</h1>')
  })

  it('follows a page to its next address without a new rule, at the next deploy', async () => {
    await publish(contact.id, { slug: 'reach-us' })
    const file = await deploy()
    expect(file).toContain('/old-offer/ /reach-us/ 301\n')
    expect(file).toContain('/contact/ /reach-us/ 301\n')
    const res = await live(['chain-a', ''])
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe(`/live/${site.id}/reach-us/`)
  })
})

describe("a change of the site's addresses", () => {
  type Style = 'directory' | 'html' | 'php'
  type Op = { kind: 'style'; style: Style } | { kind: 'home'; page: number } | { kind: 'slug'; page: number }
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('style' as const), style: fc.constantFrom<Style>('directory', 'html', 'php') }),
    fc.record({ kind: fc.constant('home' as const), page: fc.nat(2) }),
    fc.record({ kind: fc.constant('slug' as const), page: fc.nat(2) }),
  )
  const key = (path: string) => path.replace(/\/+$/, '') || '/'

  it('leaves every address a published page had leading to the page that had it last, in one hop, whatever URL styles, home pages and slugs follow each other', async () => {
    const template = (await w.payload.create({
      collection: 'templates',
      data: { name: unique('Addresses template '), type: 'monolithic', html: LAYOUT, css: 'body{margin:0}', cssOutput: 'external' } as never,
    })) as Template
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        run++
        const s = (await w.payload.create({
          collection: 'sites',
          data: { domain: `${unique('addresses')}.test`, brandName: 'Addresses', language: w.languageId, template: template.id, urlStyle: 'directory', enablePageSpeed: false, analyticsEnabled: false } as never,
        })) as Site
        const pages: Page[] = []
        for (const slug of ['index', 'one', 'two']) {
          pages.push((await w.payload.create({ collection: 'pages', data: { title: slug, slug, site: s.id, _status: 'published' } as never })) as Page)
        }
        // published once: from here on its addresses have been live (before, nothing is recorded: see below)
        const first = await queueDeployment({ payload: w.payload, siteId: s.id, trigger: 'manual' })
        await w.payload.jobs.run({ queue: 'deploy', sequential: true })
        expect((await w.payload.findByID({ collection: 'deployments', id: first.id, depth: 0 })).status).toBe('success')
        // the model: the address each page has, by the rules of pageUrl (plugins/site-builder/core/urls.ts)
        let style: Style = 'directory'
        let homeId = idOf((await w.payload.findByID({ collection: 'sites', id: s.id, depth: 0 })).homePage) as number
        const slugs = new Map(pages.map((p) => [p.id, p.slug!]))
        const addressOf = (id: number): string => {
          const slug = slugs.get(id)!
          if (id === homeId) return '/'
          if (style === 'html') return slug === 'index' ? '/index/' : `/${slug}.html`
          if (style === 'php') return `/${slug}.php`
          return `/${slug}/`
        }
        const lastOwner = new Map<string, { path: string; page: number }>()
        const note = () => {
          for (const p of pages) lastOwner.set(key(addressOf(p.id)), { path: addressOf(p.id), page: p.id })
        }
        note()
        let version = 0
        for (const o of ops) {
          if (o.kind === 'style') {
            await w.payload.update({ collection: 'sites', id: s.id, data: { urlStyle: o.style } as never })
            style = o.style
          } else if (o.kind === 'home') {
            await w.payload.update({ collection: 'sites', id: s.id, data: { homePage: pages[o.page]!.id } as never })
            homeId = pages[o.page]!.id
          } else {
            const slug = `p${o.page}-r${run}-v${++version}`
            await publish(pages[o.page]!.id, { slug })
            slugs.set(pages[o.page]!.id, slug)
          }
          note()
        }
        const live = new Set(pages.map((p) => key(addressOf(p.id))))
        const rules = await redirectsOf(s.id)
        const byFrom = new Map(rules.map((r) => [key(r.from), r]))
        for (const [k, { path: old, page }] of lastOwner) {
          if (live.has(k)) {
            expect(byFrom.has(k), `${old} is a live address and has a rule: ${JSON.stringify(ops)}`).toBe(false)
            continue
          }
          const rule = byFrom.get(k)
          expect(rule, `no rule from ${old} after ${JSON.stringify(ops)}`).toBeDefined()
          expect(idOf(rule!.toPage), `the rule from ${old} after ${JSON.stringify(ops)}`).toBe(page)
          expect(rule!.toPath ?? null).toBeNull()
        }
        expect(rules.length).toBe(lastOwner.size - live.size)
        await w.payload.delete({ collection: 'sites', id: s.id })
      }),
      { numRuns: 8 },
    )
  })

  it('records nothing for a site that was never published: no address of it was live', async () => {
    const template = (await w.payload.findByID({ collection: 'sites', id: site.id, depth: 0 })).template
    const s = (await w.payload.create({
      collection: 'sites',
      data: { domain: `${unique('unpublished')}.test`, brandName: 'Unpublished', language: w.languageId, template: idOf(template), urlStyle: 'directory', enablePageSpeed: false, analyticsEnabled: false } as never,
    })) as Site
    const one = (await w.payload.create({ collection: 'pages', data: { title: 'One', slug: 'one', site: s.id, _status: 'published' } as never })) as Page
    await w.payload.create({ collection: 'pages', data: { title: 'Home', slug: 'index', site: s.id, _status: 'published' } as never })
    await w.payload.update({ collection: 'sites', id: s.id, data: { urlStyle: 'html', homePage: one.id } as never })
    expect(await redirectsOf(s.id)).toEqual([])
    await w.payload.delete({ collection: 'sites', id: s.id })
  })

  it("records the moves of a footprint's page URL style on every site it addresses, and the live URL follows them", async () => {
    const footprint = (await w.payload.create({ collection: 'template-footprints', data: { name: unique('Moves footprint '), pageUrlStyle: 'directory' } as never })) as TemplateFootprint
    const original = await w.payload.findByID({ collection: 'sites', id: site.id, depth: 0 })
    await w.payload.update({ collection: 'sites', id: site.id, data: { urlStyle: 'footprint', footprint: footprint.id } as never })
    const before = new Set((await redirectsOf()).map((r) => r.from))
    const guide = (await w.payload.create({ collection: 'pages', data: { title: 'Guide', slug: 'guide', site: site.id, _status: 'published' } as never })) as Page
    await w.payload.update({ collection: 'template-footprints', id: footprint.id, data: { pageUrlStyle: 'html' } as never })
    const added = (await redirectsOf()).filter((r) => !before.has(r.from))
    expect(added.map((r) => [r.from, idOf(r.toPage), r.origin])).toContainEqual(['/guide/', guide.id, 'url-change'])
    const lines = await deploy()
    expect(lines).toContain('/guide/ /guide.html 301\n')
    const res = await live(['guide', ''])
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toMatch(/\/guide\.html$/)
    await w.payload.update({ collection: 'sites', id: site.id, data: { urlStyle: original.urlStyle ?? 'footprint', footprint: idOf(original.footprint) ?? null } as never })
  })
})
