import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Deployment, Site, Template } from '@/payload-types'
import { BUSY_RETRY_MS } from '@/plugins/publisher/jobs/deploySite'
import { startFakeCloudflare, type FakeCloudflare } from '../../fakes/cloudflare'
import { login, rest } from '../../helpers/rest'
import { getWorld, PASSWORD, unique, type World } from '../../helpers/world'

const LAYOUT = '<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>'

let w: World
let tmp: string
let template: Template
let site: Site
let editorToken: string
let pageIds: number[] = []
const saved = { PUBLISH_DIR: process.env.PUBLISH_DIR, CLOUDFLARE_API_BASE_URL: process.env.CLOUDFLARE_API_BASE_URL }

const createSite = async (data: Record<string, unknown> = {}): Promise<Site> =>
  (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('pub')}.test`, brandName: 'Publisher Test', language: w.languageId, template: template.id, ...data } as never,
  })) as Site

const createPage = (siteId: number, slug: string, h1: string) =>
  w.payload.create({ collection: 'pages', data: { title: h1, slug, h1, site: siteId, _status: 'published' } as never })

// one job at a time: SQLite has a single writer
const runJobs = () => w.payload.jobs.run({ queue: 'deploy', sequential: true })

const deployment = async (id: number | string): Promise<Deployment> =>
  (await w.payload.findByID({ collection: 'deployments', id, depth: 0 })) as Deployment

/** Deploys through REST as the admin and runs the queue; returns the finished deployment. */
const deployNow = async (siteId: number): Promise<Deployment> => {
  const res = await rest('POST', `/sites/${siteId}/deploy`, { token: w.tokens.admin })
  expect(res.status).toBe(202)
  expect(res.body.doc.status).toBe('queued')
  await runJobs()
  return deployment(res.body.doc.id)
}

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'publisher-'))
  process.env.PUBLISH_DIR = tmp
  template = (await w.payload.create({
    collection: 'templates',
    data: { name: unique('Publisher template '), type: 'monolithic', html: LAYOUT } as never,
  })) as Template
  site = await createSite()
  for (const [slug, h1] of [
    ['index', 'Welcome'],
    ['about', 'About us'],
    ['contact', 'Contact'],
  ]) {
    pageIds.push((await createPage(site.id, slug, h1)).id)
  }
  const email = `${unique('pub-editor')}@panel.test`
  await w.payload.create({ collection: 'users', data: { email, password: PASSWORD, role: 'editor', sites: [{ site: site.id }] } as never })
  editorToken = await login(email, PASSWORD)
})

afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('publishing to a folder', () => {
  it('deploys a site through REST and serves it from <PUBLISH_DIR>/<domain>/current', async () => {
    const done = await deployNow(site.id)
    expect(done.error ?? null).toBeNull()
    expect(done.status).toBe('success')
    expect(done.trigger).toBe('manual')
    expect(done.target).toBe('filesystem')
    expect(done.commitHash).toMatch(/^[0-9a-f]{40}$/)
    expect(Object.keys(done.manifest as object)).toEqual(expect.arrayContaining(['/index.html', '/about/index.html']))
    expect(done.metrics?.files).toBeGreaterThanOrEqual(3)
    expect(done.metrics?.filesUploaded).toBe(done.metrics?.files)
    expect(done.metrics?.pagesRendered).toBe(3)
    expect(done.finishedAt).toBeTruthy()
    expect(done.log).toContain('Live at')
    const home = fs.readFileSync(path.join(tmp, site.domain, 'current', 'index.html'), 'utf8')
    expect(home).toContain('Welcome')
  })

  it('uploads only the changed files after one page edit', async () => {
    await w.payload.update({ collection: 'pages', id: pageIds[1], data: { h1: 'About us, edited' } })
    const done = await deployNow(site.id)
    expect(done.status).toBe('success')
    expect(done.metrics?.filesUploaded).toBeGreaterThanOrEqual(1)
    // the edited page and whatever lists it (the sitemap changes only when dates do); never the whole site
    expect(done.metrics!.filesUploaded!).toBeLessThanOrEqual(2)
    expect(done.metrics!.files!).toBeGreaterThan(done.metrics!.filesUploaded!)
    expect(fs.readFileSync(path.join(tmp, site.domain, 'current', 'about', 'index.html'), 'utf8')).toContain('About us, edited')
    // only the edited page was rendered; the others came from the last deployment, whole and unchanged
    expect(done.metrics).toMatchObject({ pagesRendered: 1, pagesSkipped: 2 })
    expect(done.log).toContain('1 pages rendered, 2 unchanged')
    const previous = await w.payload.find({ collection: 'deployments', where: { site: { equals: site.id } }, sort: '-createdAt', limit: 2, depth: 0 })
    expect(Object.keys(done.manifest as object).sort()).toEqual(Object.keys(previous.docs[1].manifest as object).sort())
    expect(fs.readFileSync(path.join(tmp, site.domain, 'current', 'index.html'), 'utf8')).toContain('Welcome')
  })

  it('renders every page again when the template changes, and never shows the build cache through the API', async () => {
    const template = (await w.payload.findByID({ collection: 'sites', id: site.id, depth: 0 })).template as number
    const { css } = await w.payload.findByID({ collection: 'templates', id: template, depth: 0 })
    await w.payload.update({ collection: 'templates', id: template, data: { css: `${css ?? ''}\nbody{letter-spacing:.01em}` } })
    const done = await deployNow(site.id)
    expect(done.status).toBe('success')
    expect(done.metrics).toMatchObject({ pagesRendered: 3, pagesSkipped: 0 })
    // not through REST, not even for an admin: it is the publisher's own bookkeeping
    const read = await rest('GET', `/deployments/${done.id}`, { token: w.tokens.admin })
    expect(read.status).toBe(200)
    expect(read.body).not.toHaveProperty('buildCache')
    const stored = await w.payload.findByID({ collection: 'deployments', id: done.id, depth: 0, overrideAccess: true })
    expect(Object.keys((stored.buildCache as { pages: object }).pages)).toHaveLength(3)
  })

  it('ends failed with the builder message when the template never stops, and keeps the live version', async () => {
    const live = fs.readFileSync(path.join(tmp, site.domain, 'current', 'index.html'), 'utf8')
    await w.payload.update({
      collection: 'templates',
      id: template.id,
      data: { html: LAYOUT.replace('{{ content }}', '{% for i in (1..100000000) %}<p>{{ i }}</p>{% endfor %}') },
    })
    try {
      const done = await deployNow(site.id)
      expect(done.status).toBe('failed')
      expect(done.error).toMatch(/^Template layout/)
      expect(done.url ?? null).toBeNull()
    } finally {
      await w.payload.update({ collection: 'templates', id: template.id, data: { html: LAYOUT } })
    }
    expect(fs.readFileSync(path.join(tmp, site.domain, 'current', 'index.html'), 'utf8')).toBe(live)
  })
})

describe('who may deploy', () => {
  it('refuses anonymous callers with 401', async () => {
    const res = await rest('POST', `/sites/${site.id}/deploy`)
    expect(res.status).toBe(401)
  })

  it('answers 404 to an editor of another site and queues nothing', async () => {
    const before = await w.payload.count({ collection: 'deployments', where: { site: { equals: site.id } } })
    const res = await rest('POST', `/sites/${site.id}/deploy`, { token: w.tokens.editorA })
    expect(res.status).toBe(404)
    const after = await w.payload.count({ collection: 'deployments', where: { site: { equals: site.id } } })
    expect(after.totalDocs).toBe(before.totalDocs)
  })

  it('lets an editor of the site read its deployments but never change or delete them', async () => {
    const { docs } = await w.payload.find({ collection: 'deployments', where: { site: { equals: site.id } }, limit: 1 })
    const id = docs[0].id
    const read = await rest('GET', `/deployments/${id}`, { token: editorToken })
    expect(read.status).toBe(200)
    const other = await rest('GET', `/deployments/${id}`, { token: w.tokens.editorA })
    expect(other.status).toBe(404)
    const patch = await rest('PATCH', `/deployments/${id}`, { token: editorToken, json: { status: 'success', url: 'https://evil.example' } })
    expect(patch.status).toBe(403)
    const del = await rest('DELETE', `/deployments/${id}`, { token: editorToken })
    expect(del.status).toBe(403)
    expect((await deployment(id)).url).toBe(docs[0].url)
  })

  it('lets an editor deploy their site and cancel it while queued; a newer deploy supersedes a queued one', async () => {
    const first = await rest('POST', `/sites/${site.id}/deploy`, { token: editorToken })
    expect(first.status).toBe(202)
    const second = await rest('POST', `/sites/${site.id}/deploy`, { token: editorToken })
    expect(second.status).toBe(202)
    expect((await deployment(first.body.doc.id)).status).toBe('cancelled')
    const cancel = await rest('POST', `/deployments/${second.body.doc.id}/cancel`, { token: editorToken })
    expect(cancel.status).toBe(200)
    expect(cancel.body.doc.status).toBe('cancelled')
    await runJobs()
    expect((await deployment(second.body.doc.id)).status).toBe('cancelled')
  })
})

describe('deployments created through the collection API', () => {
  it('keeps only the site of an editor\'s request, queues it and runs it', async () => {
    const res = await rest('POST', '/deployments', {
      token: editorToken,
      json: { site: site.id, status: 'success', url: 'https://evil.example', trigger: 'rollback', metrics: { files: 999 } },
    })
    expect(res.status).toBe(201)
    expect(res.body.doc).toMatchObject({ status: 'queued', trigger: 'manual' })
    expect(res.body.doc.url ?? null).toBeNull()
    await runJobs()
    const done = await deployment(res.body.doc.id)
    expect(done.status).toBe('success')
    expect(done.url).not.toBe('https://evil.example')
  })

  it('refuses a deployment of another editor\'s site', async () => {
    const res = await rest('POST', '/deployments', { token: w.tokens.editorA, json: { site: site.id } })
    expect([400, 403]).toContain(res.status)
    const queued = await w.payload.count({ collection: 'deployments', where: { and: [{ site: { equals: site.id } }, { status: { equals: 'queued' } }] } })
    expect(queued.totalDocs).toBe(0)
  })

  it('records trigger "api" when deployed with an API key', async () => {
    const apiKey = `${unique('pub-key-')}-0000-4000-8000-000000000000`
    const email = `${unique('pub-bot')}@panel.test`
    await w.payload.create({
      collection: 'users',
      data: { email, password: PASSWORD, role: 'editor', sites: [{ site: site.id }], enableAPIKey: true, apiKey } as never,
    })
    const res = await rest('POST', `/sites/${site.id}/deploy`, { apiKey })
    expect(res.status).toBe(202)
    expect(res.body.doc.trigger).toBe('api')
    await runJobs()
    expect((await deployment(res.body.doc.id)).status).toBe('success')
  })
})

describe('one deployment at a time per site', () => {
  it('waits while another deployment of the site is building, then runs', async () => {
    const busySite = await createSite()
    await createPage(busySite.id, 'index', 'Patience')
    const running = await w.payload.create({ collection: 'deployments', data: { site: busySite.id, status: 'building', trigger: 'manual' } })
    const res = await rest('POST', `/sites/${busySite.id}/deploy`, { token: w.tokens.admin })
    expect(res.status).toBe(202)
    await runJobs()
    expect((await deployment(res.body.doc.id)).status).toBe('queued')

    await w.payload.update({ collection: 'deployments', id: running.id, data: { status: 'failed' } })
    await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS + 200))
    await runJobs()
    expect((await deployment(res.body.doc.id)).status).toBe('success')
  })
})

describe('publishing to Cloudflare Pages', () => {
  let fake: FakeCloudflare

  beforeAll(async () => {
    fake = await startFakeCloudflare()
    process.env.CLOUDFLARE_API_BASE_URL = fake.baseURL
  })
  afterAll(async () => {
    await fake?.close()
  })

  it('deploys through the Direct Upload protocol and records the pages.dev url', async () => {
    const token = await w.payload.create({
      collection: 'api-tokens',
      data: { label: unique('CF '), service: 'cloudflare', secret: fake.apiToken, accountId: fake.accountId } as never,
    })
    const cfSite = await createSite({ publishing: { target: 'cloudflare-pages', cloudflareToken: token.id } })
    await createPage(cfSite.id, 'index', 'On the edge')
    const done = await deployNow(cfSite.id)
    expect(done.error ?? null).toBeNull()
    expect(done.status).toBe('success')
    expect(done.target).toBe('cloudflare-pages')
    expect(done.url).toMatch(/^https:\/\/[^/]+\.pages\.dev/)
    expect(done.metrics?.filesUploaded).toBeGreaterThanOrEqual(1)
    expect(fake.routes()).toEqual(expect.arrayContaining(['uploadToken', 'checkMissing', 'upload', 'upsertHashes', 'createDeployment']))

    // one page edited: rendered alone, uploaded alone
    await createPage(cfSite.id, 'second', 'Second page')
    await deployNow(cfSite.id)
    const [home] = (await w.payload.find({ collection: 'pages', where: { site: { equals: cfSite.id }, slug: { equals: 'index' } }, depth: 0 })).docs
    await w.payload.update({ collection: 'pages', id: home.id, data: { h1: 'On the edge, edited' } })
    const edited = await deployNow(cfSite.id)
    expect(edited.status).toBe('success')
    expect(edited.metrics).toMatchObject({ pagesRendered: 1, pagesSkipped: 1 })

    // Cloudflare lost what the last deployment published (say, the project was recreated): every page is built again
    fake.state.assets.clear()
    await w.payload.update({ collection: 'pages', id: home.id, data: { h1: 'On the edge, again' } })
    const rebuilt = await deployNow(cfSite.id)
    expect(rebuilt.error ?? null).toBeNull()
    expect(rebuilt.status).toBe('success')
    expect(rebuilt.metrics).toMatchObject({ pagesRendered: 2, pagesSkipped: 0 })
    expect(rebuilt.log).toContain('building every page again')
  })
})

describe('autoDeploy', () => {
  it('queues exactly one deployment for two quick page saves', async () => {
    const auto = await createSite({ autoDeploy: true })
    // creating the site itself queued one: start from a clean slate
    await w.payload.update({ collection: 'deployments', where: { site: { equals: auto.id } }, data: { status: 'cancelled' } as never, overrideAccess: true })
    const page = await createPage(auto.id, 'index', 'First')
    await w.payload.update({ collection: 'pages', id: page.id, data: { h1: 'Second' } })
    const queued = await w.payload.find({ collection: 'deployments', where: { and: [{ site: { equals: auto.id } }, { status: { equals: 'queued' } }] } })
    expect(queued.totalDocs).toBe(1)
    expect(queued.docs[0].trigger).toBe('auto')
    await runJobs()
    expect((await deployment(queued.docs[0].id)).status).toBe('success')
    expect(fs.readFileSync(path.join(tmp, auto.domain, 'current', 'index.html'), 'utf8')).toContain('Second')
  })

  it('does not queue for drafts, nor for sites with autoDeploy off', async () => {
    const auto = await createSite({ autoDeploy: true })
    await w.payload.update({ collection: 'deployments', where: { site: { equals: auto.id } }, data: { status: 'cancelled' } as never, overrideAccess: true })
    await w.payload.create({ collection: 'pages', data: { title: 'Draft', slug: 'draft', h1: 'Draft', site: auto.id, _status: 'draft' } as never, draft: true })
    const queuedForDraft = await w.payload.count({ collection: 'deployments', where: { and: [{ site: { equals: auto.id } }, { status: { equals: 'queued' } }] } })
    expect(queuedForDraft.totalDocs).toBe(0)

    await createPage(site.id, unique('off-'), 'Published on a manual site')
    const queuedForManual = await w.payload.count({ collection: 'deployments', where: { and: [{ site: { equals: site.id } }, { status: { equals: 'queued' } }] } })
    expect(queuedForManual.totalDocs).toBe(0)
  })
})
