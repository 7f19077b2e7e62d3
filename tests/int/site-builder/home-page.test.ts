import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { HomePageNotice } from '@/collections/Sites/components/HomePageNotice'
import type { Page, Site, User } from '@/payload-types'
import { buildSiteFromDatabase, buildSiteToFolder } from '@/plugins/site-builder/build'
import { GET as previewGET } from '@/src/app/(sites)/preview/[siteId]/[[...path]]/route'
import { login } from '../../helpers/rest'
import { getWorld, PASSWORD, unique, type World } from '../../helpers/world'
import { LAYOUT } from './fixtures'

// A site's home page is a choice on the site (a relationship, the first page created by default), served
// at `/` whatever its slug; while a site has none its edit view warns and the preview's `/` says why.

const MENU = '<nav>{% for item in navigation %}<a href="{{ item.url }}">{{ item.label }}</a>{% endfor %}</nav>'

let w: World
let editor: User
let editorToken: string
let templateId: number
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'home-page-'))

beforeAll(async () => {
  w = await getWorld()
  const template = await w.payload.create({
    collection: 'templates',
    data: { name: unique('Home template '), type: 'monolithic', html: LAYOUT, menuHtml: MENU } as never,
  })
  templateId = template.id
  const email = `${unique('home-editor-')}@panel.test`
  editor = (await w.payload.create({ collection: 'users', data: { email, password: PASSWORD, role: 'editor', sites: [] } as never })) as User
  editorToken = await login(email, PASSWORD)
})

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

const createSite = async (): Promise<Site> => {
  const site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('home')}.test`, brandName: 'Home Test', language: w.languageId, template: templateId } as never,
  })) as Site
  // the editor may read this site (and the preview of it)
  const sites = [...((await w.payload.findByID({ collection: 'users', id: editor.id, depth: 0 })).sites ?? []), { site: site.id }]
  await w.payload.update({ collection: 'users', id: editor.id, data: { sites } as never })
  return site
}

const createPage = (site: Site, slug: string, h1: string, order: number) =>
  w.payload.create({
    collection: 'pages',
    data: { title: `${h1} title`, slug, h1, site: site.id, order, _status: 'published' } as never,
  }) as Promise<Page>

const homePageOf = async (site: Site) => (await w.payload.findByID({ collection: 'sites', id: site.id, depth: 0 })).homePage

/** What the site's edit view shows under its Home page field, as HTML. */
const notice = async (site: Site): Promise<string> => {
  const data = await w.payload.findByID({ collection: 'sites', id: site.id, depth: 0 })
  const user = await w.payload.findByID({ collection: 'users', id: editor.id, depth: 0 })
  const element = await HomePageNotice({ payload: w.payload, req: { user: { ...user, collection: 'users' } } as never, id: site.id, data })
  return element ? renderToStaticMarkup(element) : ''
}

const preview = (site: Site, segments: string[] = []) =>
  previewGET(new Request(`http://localhost:3000/preview/${site.id}/${segments.join('/')}`, { headers: { authorization: `JWT ${editorToken}` } }), {
    params: Promise.resolve({ siteId: String(site.id), path: segments }),
  })

describe('the home page of a site', () => {
  it('is the first page created, shown on the site, whatever its slug', async () => {
    const site = await createSite()
    expect(await notice(site)).toMatch(/no home page yet: the first page you create becomes it/)
    const about = await createPage(site, 'about', 'About us', 1)
    await createPage(site, 'contact', 'Contact us', 2)
    expect(await homePageOf(site)).toBe(about.id)
    expect(await notice(site)).toBe('')

    const built = await buildSiteFromDatabase({ payload: w.payload, siteId: site.id, fingerprint: false })
    expect(built.files.get('index.html')?.body).toContain('<h1>About us</h1>')
    expect(built.files.has('about/index.html')).toBe(false)
    expect(String(built.files.get('contact/index.html')?.body)).toContain('<a href="/">About us title</a>')
    expect(built.warnings.join('\n')).not.toMatch(/home page/)
  })

  it('warns on the site while it is missing, and the preview root says what is missing', async () => {
    const site = await createSite()
    await createPage(site, 'about', 'About us', 1)
    await w.payload.update({ collection: 'sites', id: site.id, data: { homePage: null } })

    const html = await notice(site)
    expect(html).toContain('role="alert"')
    expect(html).toMatch(/This site has no home page: &quot;\/&quot; of the published site, its logo and its Home links lead nowhere/)

    const res = await preview(site)
    expect(res.status).toBe(404)
    const body = await res.text()
    expect(body).toContain('This site has no home page')
    expect(body).toContain('choose its <strong>Home page</strong>')
    expect(body).toContain(`<a href="/preview/${site.id}/about/">about</a>`)
    expect(body).not.toContain('Page not found')
  })

  it('once chosen, makes "/" resolve in the built site and the preview', async () => {
    const site = await createSite()
    await createPage(site, 'about', 'About us', 1)
    const contact = await createPage(site, 'contact', 'Contact us', 2)
    await w.payload.update({ collection: 'sites', id: site.id, data: { homePage: contact.id } })
    expect(await notice(site)).toBe('')

    // the deploy path: streamed a chunk at a time into a folder
    const outDir = path.join(tmp, String(site.id))
    const result = await buildSiteToFolder({ payload: w.payload, siteId: site.id, outDir, fingerprint: false })
    expect(result.warnings.join('\n')).not.toMatch(/home page/)
    expect(fs.readFileSync(path.join(outDir, 'index.html'), 'utf8')).toContain('<h1>Contact us</h1>')
    expect(fs.existsSync(path.join(outDir, 'contact', 'index.html'))).toBe(false)
    expect(fs.readFileSync(path.join(outDir, 'about', 'index.html'), 'utf8')).toContain('<a href="/">Contact us title</a>')

    const res = await preview(site)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('<h1>Contact us</h1>')
  })

  it('warns while the chosen page is not published', async () => {
    const site = await createSite()
    await createPage(site, 'about', 'About us', 1)
    const draft = (await w.payload.create({
      collection: 'pages',
      data: { title: 'Soon', slug: 'soon', site: site.id, _status: 'draft' } as never,
      draft: true,
    })) as Page
    await w.payload.update({ collection: 'sites', id: site.id, data: { homePage: draft.id } })
    expect(await notice(site)).toMatch(/The home page &quot;Soon&quot; \(\/soon\) is not published/)
    const built = await buildSiteFromDatabase({ payload: w.payload, siteId: site.id, fingerprint: false })
    expect(built.files.has('index.html')).toBe(false)
    expect(built.warnings.join('\n')).toMatch(/chosen as the site's home page .* is not published/)
  })

  it('is still the page with the slug "index" on a site where none is chosen', async () => {
    const site = await createSite()
    await createPage(site, 'about', 'About us', 1)
    await createPage(site, 'index', 'Welcome', 0)
    await w.payload.update({ collection: 'sites', id: site.id, data: { homePage: null } })
    expect(await notice(site)).toMatch(/the page with the slug &quot;index&quot;.*is served at &quot;\/&quot;/)
    const built = await buildSiteFromDatabase({ payload: w.payload, siteId: site.id, fingerprint: false })
    expect(built.files.get('index.html')?.body).toContain('<h1>Welcome</h1>')
  })

  it("can only be one of the site's own pages", async () => {
    const site = await createSite()
    const other = await createSite()
    const foreign = await createPage(other, 'elsewhere', 'Elsewhere', 1)
    await expect(w.payload.update({ collection: 'sites', id: site.id, data: { homePage: foreign.id } })).rejects.toThrow(/Home Page|homePage/i)
  })
})
