import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Deployment, Site, Template } from '@/payload-types'
import { projectNameFor } from '@/plugins/publisher/deploy'
import { startFakeCloudflare, type FakeCloudflare } from '../../fakes/cloudflare'
import { rest } from '../../helpers/rest'
import { getWorld, unique, type World } from '../../helpers/world'

// The deploy job (REST "Deploy now" -> jobs queue -> build -> Cloudflare
// target) against the fake Cloudflare API with 20% of calls failing in every
// way, then with permanent failures: the deployment record must end failed
// with Cloudflare's reason while the previous deployment stays live, and
// over-limit sites must fail before anything is uploaded. Real retry waits
// (the job's own settings; retry-after 1 s).

const LAYOUT = '<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>'

let w: World
let fake: FakeCloudflare
let site: Site
let pageIds: number[] = []
const saved = process.env.CLOUDFLARE_API_BASE_URL

const runJobs = () => w.payload.jobs.run({ queue: 'deploy', sequential: true })
const deployment = async (id: number | string) => (await w.payload.findByID({ collection: 'deployments', id, depth: 0 })) as Deployment
const deployNow = async (siteId: number): Promise<Deployment> => {
  const res = await rest('POST', `/sites/${siteId}/deploy`, { token: w.tokens.admin })
  expect(res.status).toBe(202)
  await runJobs()
  return deployment(res.body.doc.id)
}
const lastSuccess = async (siteId: number) =>
  (await w.payload.find({ collection: 'deployments', where: { and: [{ site: { equals: siteId } }, { status: { equals: 'success' } }] }, sort: '-finishedAt', limit: 1, depth: 0 })).docs[0] as Deployment
const live = (projectName: string) => fake.state.projects.get(projectName)?.canonical_deployment

const makeCloudflareSite = async (name: string, fakeInstance: FakeCloudflare, pages: [string, string][]) => {
  const template = (await w.payload.create({ collection: 'templates', data: { name: unique(`${name} template `), type: 'monolithic', html: LAYOUT } as never })) as Template
  const token = await w.payload.create({
    collection: 'api-tokens',
    data: { label: unique('CF '), service: 'cloudflare', secret: fakeInstance.apiToken, accountId: fakeInstance.accountId } as never,
  })
  const created = (await w.payload.create({
    collection: 'sites',
    data: {
      domain: `${unique(name)}.test`,
      brandName: 'Fault Test',
      language: w.languageId,
      template: template.id,
      publishing: { target: 'cloudflare-pages', cloudflareToken: token.id },
    } as never,
  })) as Site
  const ids: number[] = []
  for (const [slug, h1] of pages) {
    ids.push((await w.payload.create({ collection: 'pages', data: { title: h1, slug, h1, site: created.id, _status: 'published' } as never })).id)
  }
  return { site: created, pageIds: ids, projectName: projectNameFor(created) }
}

let projectName: string

beforeAll(async () => {
  w = await getWorld()
  fake = await startFakeCloudflare()
  process.env.CLOUDFLARE_API_BASE_URL = fake.baseURL
  ;({ site, pageIds, projectName } = await makeCloudflareSite('cf-faults', fake, [
    ['index', 'Welcome'],
    ['about', 'About us'],
    ['contact', 'Contact'],
    ['pricing', 'Pricing'],
  ]))
})

afterAll(async () => {
  if (saved === undefined) delete process.env.CLOUDFLARE_API_BASE_URL
  else process.env.CLOUDFLARE_API_BASE_URL = saved
  await fake?.close()
})

describe('the deploy job against a failing Cloudflare', () => {
  it('succeeds with 20% of calls failing in every way, and the fake holds exactly the deployed files', async () => {
    // every route fails on its first call, then 20% at random: 5xx HTML, 429, drops, expiring upload tokens
    fake.faults.onEveryRoute({ kind: 'html5xx', status: 502 })
    fake.faults.random({ rate: 0.2, kinds: ['html5xx', 'rateLimit', 'drop', 'expireToken'], seed: 7, retryAfterSeconds: 1 })
    const done = await deployNow(site.id)
    fake.faults.random(null)
    fake.faults.clear()

    expect(done.error ?? null).toBeNull()
    expect(done.status).toBe('success')
    const failed = fake.state.calls.filter((call) => call.fault)
    expect(failed.length).toBeGreaterThanOrEqual(8) // at least the first call of each route the target uses
    expect(done.log).toMatch(/retry 1 in \d+ ms/)
    const manifest = done.manifest as Record<string, string>
    expect(live(projectName)?.manifest).toEqual(manifest)
    expect(live(projectName)?.url).toBe(done.url)
    expect(new Set(fake.state.assets.keys())).toEqual(new Set(Object.values(manifest)))
    expect(done.metrics?.filesUploaded).toBe(new Set(Object.values(manifest)).size)
  })

  it("ends failed with the reason when the deployment's stage fails, and the previous deployment stays live", async () => {
    const before = await lastSuccess(site.id)
    await w.payload.update({ collection: 'pages', id: pageIds[1], data: { h1: 'About us, take two' } })
    fake.faults.failNextDeployments(1)
    const done = await deployNow(site.id)

    expect(done.status).toBe('failed')
    expect(done.error).toMatch(/^Cloudflare Pages deployment [\w-]+ failed at its "deploy" stage/)
    expect(done.url ?? null).toBeNull()
    expect(done.log).toContain('Failed: Cloudflare Pages deployment')
    expect(live(projectName)?.url).toBe(before.url)
    expect(live(projectName)?.manifest).toEqual(before.manifest)
    expect((await lastSuccess(site.id)).id).toBe(before.id)
  })

  it('ends failed at once on a 400, with Cloudflare\'s message, creating no Cloudflare deployment', async () => {
    const before = await lastSuccess(site.id)
    const deploymentsBefore = fake.state.deployments.size
    await w.payload.update({ collection: 'pages', id: pageIds[2], data: { h1: 'Contact, new hours' } })
    fake.faults.queue('upload', { kind: 'error', status: 400, code: 8000096, message: 'Invalid upload payload' })
    const done = await deployNow(site.id)

    expect(done.status).toBe('failed')
    expect(done.error).toMatch(/upload \(\d+ files?\) failed: 400 Invalid upload payload \[8000096\]/)
    expect(fake.state.deployments.size).toBe(deploymentsBefore)
    expect(live(projectName)?.url).toBe(before.url)
    expect((await lastSuccess(site.id)).id).toBe(before.id)
  })

  it('recovers on the next deploy, uploading only what changed since the last success', async () => {
    const done = await deployNow(site.id)
    expect(done.status).toBe('success')
    expect(live(projectName)?.url).toBe(done.url)
    expect(live(projectName)?.manifest).toEqual(done.manifest)
    // the contact page's HTML, refused by the 400 (the about page went up with the failed stage)
    expect(done.metrics!.filesUploaded!).toBeGreaterThanOrEqual(1)
    expect(done.metrics!.filesUploaded!).toBeLessThanOrEqual(2)
    expect(done.metrics!.files!).toBeGreaterThan(done.metrics!.filesUploaded!)
  })
})

describe('over-limit sites on Cloudflare', () => {
  it('fail before any upload when the site has more files than the upload token allows, with both counts', async () => {
    const small = await startFakeCloudflare({ maxFileCountAllowed: 3 })
    process.env.CLOUDFLARE_API_BASE_URL = small.baseURL
    try {
      const { site: crowded } = await makeCloudflareSite('cf-crowded', small, [
        ['index', 'One'],
        ['two', 'Two'],
        ['three', 'Three'],
      ])
      const done = await deployNow(crowded.id)
      expect(done.status).toBe('failed')
      expect(done.error).toMatch(/^The site has \d+ files; Cloudflare Pages accepts at most 3 per deployment/)
      expect(small.routes()).toContain('uploadToken')
      expect(small.routes()).not.toContain('checkMissing')
      expect(small.routes()).not.toContain('upload')
      expect(small.state.deployments.size).toBe(0)
    } finally {
      process.env.CLOUDFLARE_API_BASE_URL = fake.baseURL
      await small.close()
    }
  })
})
