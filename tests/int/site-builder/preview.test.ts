import fs from 'node:fs'

import { beforeAll, describe, expect, it } from 'vitest'

import { GET as previewGET } from '@/src/app/(sites)/preview/[siteId]/[[...path]]/route'
import { GET as liveGET, POST as livePOST } from '@/src/app/(sites)/preview/[siteId]/live/[pageId]/route'
import { getWorld, type World } from '../../helpers/world'
import { createSiteFixture, type SiteFixture } from './fixtures'

let w: World
let fx: SiteFixture

beforeAll(async () => {
  w = await getWorld()
  fx = await createSiteFixture(w, { pages: 3 })
})

const request = (url: string, { token, ...init }: RequestInit & { token?: string } = {}) => {
  const headers = new Headers(init.headers)
  if (token) headers.set('authorization', `JWT ${token}`)
  return new Request(new URL(url, 'http://localhost:3000'), { ...init, headers })
}

const preview = (path: string[], token?: string, siteId: number | string = fx.site.id) =>
  previewGET(request(`/preview/${siteId}/${path.join('/')}`, { token }), { params: Promise.resolve({ siteId: String(siteId), path }) })

const live = (pageId: number, { token, query = '', body, headers }: { token?: string; query?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
  const url = `/preview/${fx.site.id}/live/${pageId}${query}`
  const params = { params: Promise.resolve({ siteId: String(fx.site.id), pageId: String(pageId) }) }
  if (body === undefined) return liveGET(request(url, { token }), params)
  return livePOST(request(url, { token, method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }), params)
}

describe('preview of a built site', () => {
  it('asks anonymous visitors to sign in', async () => {
    const res = await preview([])
    expect(res.status).toBe(401)
  })

  it("answers 404 to an editor of another site, as for a site that does not exist", async () => {
    expect((await preview([], w.tokens.editorB)).status).toBe(404)
    expect((await preview([], fx.editorToken, 99_999_999)).status).toBe(404)
  })

  it("serves the site's home page to its editor with every site link under /preview/<siteId>/", async () => {
    const res = await preview([], fx.editorToken)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(res.headers.get('cache-control')).toContain('no-store')
    const html = await res.text()
    expect(html).toContain('<h1>Welcome home</h1>')
    const base = `/preview/${fx.site.id}`
    expect(html).toContain(`<a href="${base}/page-1/">Page 1</a>`)
    expect(html).toMatch(new RegExp(`<link rel="stylesheet" href="${base}/assets/css/style\\.[0-9a-f]+\\.css">`))
    expect(html).toContain(`src="${base}/assets/images/${fx.media[0].filename}"`)
    // nothing left pointing at the site root
    expect(html).not.toMatch(/(?:href|src)="\/(?!preview\/)/)
  })

  it('serves pages by folder, style sheets with rewritten url(), and images from the media storage', async () => {
    const page = await preview(['page-2'], fx.editorToken)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<h1>Heading 2</h1>')

    const home = await (await preview([], fx.editorToken)).text()
    const cssPath = home.match(/href="\/preview\/\d+\/(assets\/css\/[^"]+)"/)![1]
    const css = await preview(cssPath.split('/'), fx.editorToken)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(await css.text()).toContain(`url(/preview/${fx.site.id}/assets/images/texture.png)`)

    const logo = fx.media[0]
    const image = await preview(['assets', 'images', logo.filename!], fx.editorToken)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    const bytes = Buffer.from(await image.arrayBuffer())
    expect(bytes.equals(fs.readFileSync(`${process.env.MEDIA_DIR}/${logo.filename}`))).toBe(true)
  })

  it("answers a missing path with the site's 404 page and status", async () => {
    const res = await preview(['no-such-page'], fx.editorToken)
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Page not found')
  })

  it('never serves files the site does not use', async () => {
    for (const path of [['..', '..', 'package.json'], ['assets', 'images', '..', '..', '..', 'payload.config.ts'], ['_nope']]) {
      const res = await preview(path, fx.editorToken)
      expect(res.status).toBe(404)
    }
  })

  it('shows a change once it is published', async () => {
    await preview([], fx.editorToken)
    await w.payload.update({ collection: 'pages', id: fx.pages[0].id, data: { h1: 'Freshly published' } })
    expect(await (await preview([], fx.editorToken)).text()).toContain('<h1>Freshly published</h1>')
    await w.payload.update({ collection: 'pages', id: fx.pages[0].id, data: { h1: 'Welcome home' } })
  })

  it('shows a build error as a message saying what to fix', async () => {
    await w.payload.update({ collection: 'templates', id: fx.template.id, data: { variables: [{ name: 'tagline', required: true }] } as never })
    try {
      const res = await preview([], fx.editorToken)
      expect(res.status).toBe(500)
      expect(await res.text()).toContain('needs the variable &quot;tagline&quot;')
    } finally {
      await w.payload.update({ collection: 'templates', id: fx.template.id, data: { variables: [] } as never })
    }
  })
})

describe('live preview of a page', () => {
  it('needs a user who may read the site', async () => {
    expect((await live(fx.pages[1].id)).status).toBe(401)
    expect((await live(fx.pages[1].id, { token: w.tokens.editorB })).status).toBe(404)
    expect((await live(fx.pages[1].id, { token: w.tokens.editorB, body: { data: { h1: 'x' } } })).status).toBe(404)
  })

  it('serves the shell that talks to the admin', async () => {
    const res = await live(fx.pages[1].id, { token: fx.editorToken })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain("type: 'payload-live-preview', ready: true")
    expect(html).toContain('<iframe id="page"')
  })

  it('renders the latest draft of the page through the builder', async () => {
    await w.payload.update({ collection: 'pages', id: fx.pages[1].id, data: { h1: 'Saved as a draft' }, draft: true })
    const res = await live(fx.pages[1].id, { token: fx.editorToken, query: '?frame=1' })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1>Saved as a draft</h1>')
    expect(html).toContain(`href="/preview/${fx.site.id}/page-2/"`)
    // the published preview still shows the published page
    expect(await (await preview(['page-1'], fx.editorToken)).text()).toContain('<h1>Heading 1</h1>')
  })

  it('renders unsaved form values posted by the shell, without what only admins may set', async () => {
    const stored = await w.payload.findByID({ collection: 'pages', id: fx.pages[1].id, draft: true })
    const res = await live(fx.pages[1].id, {
      token: fx.editorToken,
      body: {
        data: {
          ...stored,
          h1: 'Typed but not saved',
          customHeadHtml: '<script>alert(1)</script>',
          blocks: [{ blockType: 'image', id: 'new-block', image: fx.media[3].id, caption: 'A new picture' }],
        },
      },
    })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1>Typed but not saved</h1>')
    expect(html).toContain('A new picture')
    expect(html).toContain(`/preview/${fx.site.id}/assets/images/${fx.media[3].filename}`)
    expect(html).not.toContain('alert(1)')
    const after = await w.payload.findByID({ collection: 'pages', id: fx.pages[1].id, draft: true })
    expect(after.h1).toBe('Saved as a draft')
  })

  it('refuses posts from other sites and bodies that are not JSON', async () => {
    const crossSite = await live(fx.pages[1].id, { token: fx.editorToken, body: { data: { h1: 'x' } }, headers: { 'sec-fetch-site': 'cross-site' } })
    expect(crossSite.status).toBe(403)
    const form = await live(fx.pages[1].id, { token: fx.editorToken, body: { data: { h1: 'x' } }, headers: { 'content-type': 'text/plain' } })
    expect(form.status).toBe(415)
  })

  it("answers 404 for a page of another site, even when the site is the user's", async () => {
    const other = await createSiteFixture(w, { pages: 1 })
    const res = await live(other.pages[0].id, { token: w.tokens.admin, query: '?frame=1' })
    expect(res.status).toBe(404)
  })
})
