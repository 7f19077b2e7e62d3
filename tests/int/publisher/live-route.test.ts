import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Deployment, Media, Site, Template } from '@/payload-types'
import { GET as liveGET } from '@/src/app/(sites)/live/[siteId]/[[...path]]/route'
import { pngBytes } from '../../helpers/files'
import { login, rest } from '../../helpers/rest'
import { getWorld, PASSWORD, unique, type World } from '../../helpers/world'

// A site published to the local folder opens in a browser: the app serves the folder's live version at
// /live/<siteId>/ to users who may read the site, with the site's _headers and _redirects, and never a
// file outside it.

const LAYOUT = `<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body>
<header>{% if site.logo %}<img class="logo" src="{{ site.logo.url }}" alt="{{ site.logo.alt }}">{% endif %}<nav>{% for item in navigation %}<a href="{{ item.url }}">{{ item.label }}</a>{% endfor %}</nav></header>
<h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>`
const ENV_KEYS = ['PUBLISH_DIR', 'PUBLIC_URL'] as const

let w: World
let tmp: string
let site: Site
let logo: Media
let editorToken: string
let deployed: Deployment
let linkCode: string
const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]))

const live = (segments: string[], { token, siteId = site.id, query = '' }: { token?: string; siteId?: number | string; query?: string } = {}) => {
  const headers = new Headers()
  if (token) headers.set('authorization', `JWT ${token}`)
  const url = `http://localhost:3000/live/${siteId}/${segments.join('/')}${query}`
  return liveGET(new Request(url, { headers }), { params: Promise.resolve({ siteId: String(siteId), path: segments }) })
}

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'live-route-'))
  process.env.PUBLISH_DIR = tmp
  process.env.PUBLIC_URL = 'http://panel.example:4000/'
  const template = (await w.payload.create({
    collection: 'templates',
    data: { name: unique('Live template '), type: 'monolithic', html: LAYOUT, css: 'body{margin:0}', cssOutput: 'external' } as never,
  })) as Template
  site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('live')}.test`, brandName: 'Live Test', language: w.languageId, template: template.id, enablePageSpeed: false } as never,
  })) as Site
  logo = (await w.payload.create({
    collection: 'media',
    data: { alt: 'The logo', site: site.id },
    file: { data: await pngBytes(120, 40), mimetype: 'image/png', name: `${unique('live-logo')}.png`, size: 0 },
  })) as Media
  await w.payload.update({ collection: 'sites', id: site.id, data: { logo: logo.id } })
  // a style sheet that points at a file of the site by its root-relative URL
  await w.payload.update({ collection: 'templates', id: template.id, data: { css: `body{background:url(/assets/images/${logo.filename})}` } })
  linkCode = unique('offer-').toLowerCase()
  await w.payload.create({ collection: 'affiliate-links', data: { name: 'Offer', code: linkCode, url: 'https://shop.example/offer', site: site.id } as never })
  await w.payload.create({ collection: 'pages', data: { title: 'Welcome', slug: 'welcome', h1: 'Welcome live', site: site.id, order: 0, _status: 'published' } as never })
  await w.payload.create({ collection: 'pages', data: { title: 'About', slug: 'about', h1: 'About live', site: site.id, order: 1, _status: 'published' } as never })
  const email = `${unique('live-editor-')}@panel.test`
  await w.payload.create({ collection: 'users', data: { email, password: PASSWORD, role: 'editor', sites: [{ site: site.id }] } as never })
  editorToken = await login(email, PASSWORD)

  const res = await rest('POST', `/sites/${site.id}/deploy`, { token: editorToken })
  expect(res.status).toBe(202)
  await w.payload.jobs.run({ queue: 'deploy', sequential: true })
  deployed = (await w.payload.findByID({ collection: 'deployments', id: res.body.doc.id, depth: 0 })) as Deployment
})

afterAll(() => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('the live URL of a site published to the local folder', () => {
  it('is a web address of the app, not a file:// URL, and the sites list has it', async () => {
    expect(deployed.error ?? null).toBeNull()
    expect(deployed.status).toBe('success')
    expect(deployed.url).toBe(`http://panel.example:4000/live/${site.id}/`)
    expect((await w.payload.findByID({ collection: 'sites', id: site.id, depth: 0 })).liveUrl).toBe(deployed.url)
  })

  it('opens the home page with its links under /live/<siteId>/ and the site\'s own _headers', async () => {
    const res = await live([], { token: editorToken })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    // from the site's _headers (/*), as Cloudflare Pages would send them
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('permissions-policy')).toMatch(/camera=\(\)/)
    // …but nothing that would bind all of Panel's origin, and nothing a shared cache may keep
    expect(res.headers.get('strict-transport-security')).toBeNull()
    expect(res.headers.get('cache-control')).toBe('private, max-age=0, must-revalidate')
    const html = await res.text()
    expect(html).toContain('<h1>Welcome live</h1>')
    const base = `/live/${site.id}`
    expect(html).toContain(`<a href="${base}/about/">About</a>`)
    expect(html).toContain(`src="${base}/assets/images/${logo.filename}"`)
    expect(html).not.toMatch(/(?:href|src)="\/(?!live\/)/)
  })

  it('serves pages by folder, and style sheets and images with the headers their paths get', async () => {
    const about = await live(['about'], { token: editorToken })
    expect(about.status).toBe(200)
    const html = await about.text()
    expect(html).toContain('<h1>About live</h1>')

    const cssPath = html.match(new RegExp(`href="/live/${site.id}/(assets/css/[^"]+\\.css)"`))![1]!
    const css = await live(cssPath.split('/'), { token: editorToken })
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    // the /assets/css/* rule's value joined to the /* rule's, as Pages joins a header two rules set
    expect(css.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
    expect(await css.text()).toContain(`url(/live/${site.id}/assets/images/${logo.filename})`)

    const image = await live(['assets', 'images', logo.filename!], { token: editorToken })
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect(image.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await image.arrayBuffer()).equals(fs.readFileSync(path.join(process.env.MEDIA_DIR!, logo.filename!)))).toBe(true)
  })

  it("follows the site's _redirects", async () => {
    const res = await live(['go', linkCode], { token: editorToken, query: '?from=nav' })
    expect(res.status).toBe(302)
    const location = res.headers.get('location')!
    // through the analytics collector, which counts the click, or straight to the shop
    expect(location).toMatch(new RegExp(`^https?://[^/]+/(go/.*${linkCode}|.*shop\\.example)`))
    expect(location).toContain('?from=nav')
  })

  it('moves redirects within the site under /live/<siteId>/ and serves 200 rewrites from the other path', async () => {
    const file = path.join(tmp, site.domain, 'current', '_redirects')
    const original = fs.readFileSync(file, 'utf8')
    fs.writeFileSync(file, `/old-about /about/ 301\n/team/* /about/ 200\n/news/:year/* /archive/:year/:splat\n${original}`)
    try {
      const moved = await live(['old-about'], { token: editorToken })
      expect(moved.status).toBe(301)
      expect(moved.headers.get('location')).toBe(`/live/${site.id}/about/`)
      const rewritten = await live(['team', 'anyone'], { token: editorToken })
      expect(rewritten.status).toBe(200)
      expect(await rewritten.text()).toContain('<h1>About live</h1>')
      const placeholders = await live(['news', '2026', 'a', 'b'], { token: editorToken })
      expect(placeholders.status).toBe(302)
      expect(placeholders.headers.get('location')).toBe(`/live/${site.id}/archive/2026/a/b`)
    } finally {
      fs.writeFileSync(file, original)
    }
  })

  it("answers a missing path with the site's 404 page and status", async () => {
    const res = await live(['no-such-page'], { token: editorToken })
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Page not found')
  })

  it('is refused to anonymous visitors and to editors of other sites', async () => {
    expect((await live([])).status).toBe(401)
    const other = await live([], { token: w.tokens.editorB })
    expect(other.status).toBe(404)
    expect(await other.text()).not.toContain('Welcome live')
    expect((await live([], { token: w.tokens.editorB, siteId: w.siteB.id })).status).toBe(404) // site B has published nothing
  })

  it('never serves a file outside the published folder, nor its control files', async () => {
    const current = path.join(tmp, site.domain, 'current')
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'top secret')
    fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(current, 'leak.txt'))
    try {
      for (const segments of [
        ['..', '..', 'secret.txt'],
        ['..', 'secret.txt'],
        ['%2e%2e', '%2e%2e', 'secret.txt'],
        ['..%2F..%2Fsecret.txt'],
        ['assets', '..', '..', '..', 'secret.txt'],
        ['leak.txt'],
        ['_headers'],
        ['_redirects'],
        ['..', 'versions'],
      ]) {
        const res = await live(segments, { token: editorToken })
        expect(res.status, segments.join('/')).toBe(404)
        const body = await res.text()
        expect(body).not.toContain('top secret')
        expect(body).not.toContain('X-Frame-Options')
      }
    } finally {
      fs.rmSync(path.join(current, 'leak.txt'), { force: true })
    }
  })
})
