import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Deployment, Site, Template } from '@/payload-types'
import { startFakeCloudflare, type FakeCloudflare } from '../../fakes/cloudflare'
import { login, rest } from '../../helpers/rest'
import { getWorld, PASSWORD, unique, type World } from '../../helpers/world'

// Cloudflare where wrangler is more lenient, end to end through the deploy job: a failing upsert-hashes is
// a warning on a live deployment; a rollback to a deployment of another account or project is refused with
// the reason before anything is queued; CLOUDFLARE_API_TOKEN / CLOUDFLARE_ACCOUNT_ID stand in for a stored token.

const LAYOUT = '<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>'
const ENV_KEYS = ['CLOUDFLARE_API_BASE_URL', 'CLOUDFLARE_API_TOKEN', 'CLOUDFLARE_ACCOUNT_ID'] as const

let w: World
let fake: FakeCloudflare
let template: Template
let editorToken: string
const mySites: number[] = []
const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]))

const createSite = async (publishing: Record<string, unknown>): Promise<Site> => {
  const site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('cfacct')}.test`, brandName: 'Accounts Test', language: w.languageId, template: template.id, publishing } as never,
  })) as Site
  mySites.push(site.id)
  await w.payload.update({ collection: 'users', where: { email: { equals: 'cf-accounts-editor@panel.test' } }, data: { sites: mySites.map((site) => ({ site })) } as never })
  await w.payload.create({ collection: 'pages', data: { title: 'Home', slug: 'index', h1: 'On the edge', site: site.id, _status: 'published' } as never })
  return site
}

const cloudflareToken = (accountId: string) =>
  w.payload.create({
    collection: 'api-tokens',
    data: { label: unique('CF account '), service: 'cloudflare', secret: fake.apiToken, accountId } as never,
  })

const deployment = async (id: number | string): Promise<Deployment> => (await w.payload.findByID({ collection: 'deployments', id, depth: 0 })) as Deployment

const deploy = async (site: Site): Promise<Deployment> => {
  const res = await rest('POST', `/sites/${site.id}/deploy`, { token: editorToken })
  expect(res.status, JSON.stringify(res.body)).toBe(202)
  await w.payload.jobs.run({ queue: 'deploy', sequential: true })
  return deployment(res.body.doc.id)
}

const deploymentsOf = async (site: Site) => (await w.payload.count({ collection: 'deployments', where: { site: { equals: site.id } } })).totalDocs

beforeAll(async () => {
  w = await getWorld()
  fake = await startFakeCloudflare({ pollsUntilDone: 1 })
  process.env.CLOUDFLARE_API_BASE_URL = fake.baseURL
  template = (await w.payload.create({ collection: 'templates', data: { name: unique('CF accounts template '), type: 'monolithic', html: LAYOUT } as never })) as Template
  await w.payload.create({ collection: 'users', data: { email: 'cf-accounts-editor@panel.test', password: PASSWORD, role: 'editor', sites: [] } as never })
  editorToken = await login('cf-accounts-editor@panel.test', PASSWORD)
})

afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (saved[key] === undefined) delete process.env[key]
    else process.env[key] = saved[key]
  }
  await fake?.close()
})

describe('a Cloudflare deployment', () => {
  it('is live, with the warning recorded, when upsert-hashes fails on every attempt', async () => {
    const token = await cloudflareToken(fake.accountId)
    const site = await createSite({ target: 'cloudflare-pages', cloudflareToken: token.id })
    // 429s that ask for no wait: every attempt fails without the test sleeping through the backoff
    fake.faults.queue('upsertHashes', ...Array.from({ length: 6 }, () => ({ kind: 'rateLimit' as const, retryAfterSeconds: 0 })))
    const done = await deploy(site)

    expect(done.error ?? null).toBeNull()
    expect(done.status).toBe('success')
    expect(fake.routes().filter((r) => r === 'upsertHashes').length).toBeGreaterThanOrEqual(6)
    const live = fake.state.projects.get(site.domain.replace(/[^a-z0-9]+/g, '-'))!.canonical_deployment!
    expect(live.id).toBe(done.targetDeploymentId)
    expect(live.manifest).toEqual(done.manifest)
    expect(done.warnings).toMatch(/Cloudflare upsert-hashes failed after 6 attempts: 429 Please wait .*\(×6\).*the deployment went ahead/)
    expect(done.warningCount).toBeGreaterThanOrEqual(1)
    expect(done.log).toMatch(/Warning: Cloudflare upsert-hashes failed/)
    // where it lives, for the rollback check
    expect(done).toMatchObject({ cloudflareAccountId: fake.accountId, cloudflareProject: site.domain.replace(/[^a-z0-9]+/g, '-') })
  })

  it('cannot be rolled back to once the site publishes with another Cloudflare account: 409 with the reason, nothing queued', async () => {
    const token = await cloudflareToken(fake.accountId)
    const site = await createSite({ target: 'cloudflare-pages', cloudflareToken: token.id })
    const first = await deploy(site)
    expect(first.status).toBe('success')

    const otherAccount = await cloudflareToken('f00dfeedf00dfeedf00dfeedf00dfeed')
    await w.payload.update({ collection: 'sites', id: site.id, data: { publishing: { target: 'cloudflare-pages', cloudflareToken: otherAccount.id } } as never })
    const before = await deploymentsOf(site)
    const res = await rest('POST', `/deployments/${first.id}/rollback`, { token: editorToken })
    expect(res.status).toBe(409)
    expect(res.body.errors[0].message).toMatch(
      new RegExp(`was made under Cloudflare account ${fake.accountId}, and the site now publishes with account f00dfeedf00dfeedf00dfeedf00dfeed.*Use Redeploy`),
    )
    expect(await deploymentsOf(site)).toBe(before)
    expect(fake.routes()).not.toContain('rollback')
  })

  it('cannot be rolled back to once the site publishes to another Pages project: 409 with the reason', async () => {
    const token = await cloudflareToken(fake.accountId)
    const site = await createSite({ target: 'cloudflare-pages', cloudflareToken: token.id })
    const first = await deploy(site)
    await w.payload.update({
      collection: 'sites',
      id: site.id,
      data: { publishing: { target: 'cloudflare-pages', cloudflareToken: token.id, cloudflareProject: 'another-project' } } as never,
    })
    const before = await deploymentsOf(site)
    const res = await rest('POST', `/deployments/${first.id}/rollback`, { token: editorToken })
    expect(res.status).toBe(409)
    expect(res.body.errors[0].message).toMatch(/was made in the Cloudflare Pages project ".+", and the site now publishes to "another-project"/)
    expect(await deploymentsOf(site)).toBe(before)

    // back in its own project, the rollback goes ahead
    await w.payload.update({ collection: 'sites', id: site.id, data: { publishing: { target: 'cloudflare-pages', cloudflareToken: token.id, cloudflareProject: '' } } as never })
    expect((await rest('POST', `/deployments/${first.id}/rollback`, { token: editorToken })).status).toBe(202)
    await w.payload.jobs.run({ queue: 'deploy', sequential: true })
  })
})

describe('Cloudflare credentials from the environment', () => {
  it('publish a site that names no stored token with CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID', async () => {
    process.env.CLOUDFLARE_API_TOKEN = fake.apiToken
    process.env.CLOUDFLARE_ACCOUNT_ID = fake.accountId
    try {
      const site = await createSite({ target: 'cloudflare-pages' })
      const done = await deploy(site)
      expect(done.error ?? null).toBeNull()
      expect(done).toMatchObject({ status: 'success', target: 'cloudflare-pages', cloudflareAccountId: fake.accountId })
      expect(done.url).toMatch(/^https:\/\/[^/]+\.pages\.dev/)
    } finally {
      delete process.env.CLOUDFLARE_API_TOKEN
      delete process.env.CLOUDFLARE_ACCOUNT_ID
    }
  })

  it('are asked for when neither they nor a stored token are there', async () => {
    const token = await cloudflareToken(fake.accountId)
    const site = await createSite({ target: 'cloudflare-pages', cloudflareToken: token.id })
    await expect(
      w.payload.update({ collection: 'sites', id: site.id, data: { publishing: { target: 'cloudflare-pages', cloudflareToken: null } } as never }),
    ).rejects.toThrow(/Cloudflare API token/i)
  })
})
