import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Deployment, Site, Template } from '@/payload-types'
import { startFakeCloudflare, type FakeCloudflare } from '../../fakes/cloudflare'
import { graphql, login, rest } from '../../helpers/rest'
import { getWorld, PASSWORD, unique, type World } from '../../helpers/world'

// Rollback, redeploy and cancel of deployments, on both targets; autoDeploy
// queued after the save commits; who may do what.

const LAYOUT = '<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>'

let w: World
let tmp: string
let template: Template
let editorToken: string
let mySites: number[] = []
const saved = { PUBLISH_DIR: process.env.PUBLISH_DIR, CLOUDFLARE_API_BASE_URL: process.env.CLOUDFLARE_API_BASE_URL }

const createSite = async (data: Record<string, unknown> = {}): Promise<Site> => {
  const site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('act')}.test`, brandName: 'Actions Test', language: w.languageId, template: template.id, ...data } as never,
  })) as Site
  mySites.push(site.id)
  // the editor of these tests edits every site made here
  await w.payload.update({ collection: 'users', where: { email: { equals: 'pub-actions-editor@panel.test' } }, data: { sites: mySites.map((site) => ({ site })) } as never })
  return site
}

const createPage = (siteId: number, slug: string, h1: string) =>
  w.payload.create({ collection: 'pages', data: { title: h1, slug, h1, site: siteId, _status: 'published' } as never })

const runJobs = () => w.payload.jobs.run({ queue: 'deploy', sequential: true })

const deployment = async (id: number | string): Promise<Deployment> =>
  (await w.payload.findByID({ collection: 'deployments', id, depth: 0 })) as Deployment

const post = async (url: string, token = editorToken) => rest('POST', url, { token })

/** Queues through REST as the editor, runs the queue, returns the finished deployment. */
const run = async (url: string, expected = 202): Promise<Deployment> => {
  const res = await post(url)
  expect(res.status, JSON.stringify(res.body)).toBe(expected)
  await runJobs()
  return deployment(res.body.doc.id)
}

const liveHome = (site: Site) => fs.readFileSync(path.join(tmp, site.domain, 'current', 'index.html'), 'utf8')

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'publisher-actions-'))
  process.env.PUBLISH_DIR = tmp
  template = (await w.payload.create({
    collection: 'templates',
    data: { name: unique('Actions template '), type: 'monolithic', html: LAYOUT } as never,
  })) as Template
  await w.payload.create({ collection: 'users', data: { email: 'pub-actions-editor@panel.test', password: PASSWORD, role: 'editor', sites: [] } as never })
  editorToken = await login('pub-actions-editor@panel.test', PASSWORD)
})

afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('rollback and redeploy on the local folder', () => {
  let site: Site
  let pageId: number
  let first: Deployment
  let second: Deployment

  beforeAll(async () => {
    site = await createSite()
    pageId = (await createPage(site.id, 'index', 'Version one')).id
    first = await run(`/sites/${site.id}/deploy`)
    await w.payload.update({ collection: 'pages', id: pageId, data: { h1: 'Version two' } })
    second = await run(`/sites/${site.id}/deploy`)
  })

  it('records the version each deployment made, and shows the last one on the site', async () => {
    expect(first.status).toBe('success')
    expect(second.status).toBe('success')
    expect(first.targetDeploymentId).toMatch(new RegExp(`^${first.commitHash}-`))
    expect(second.targetDeploymentId).not.toBe(first.targetDeploymentId)
    expect(liveHome(site)).toContain('Version two')
    const fresh = await w.payload.findByID({ collection: 'sites', id: site.id, depth: 0 })
    expect(fresh).toMatchObject({ lastDeployStatus: 'success', lastDeploymentId: second.id, liveUrl: second.url })
  })

  it('rolls back to the first deployment: its version is live again, nothing is written, trigger "rollback"', async () => {
    const back = await run(`/deployments/${first.id}/rollback`)
    expect(back.error ?? null).toBeNull()
    expect(back).toMatchObject({ status: 'success', trigger: 'rollback', target: 'filesystem', commitHash: first.commitHash, targetDeploymentId: first.targetDeploymentId })
    expect(back.rollbackOf).toBe(first.id)
    expect(back.metrics?.filesUploaded).toBe(0)
    expect(back.manifest).toEqual(first.manifest)
    expect(liveHome(site)).toContain('Version one')
    expect(fs.readlinkSync(path.join(tmp, site.domain, 'current'))).toBe(path.join('versions', first.targetDeploymentId!))
  })

  it('deploys incrementally against what the rollback made live', async () => {
    const next = await run(`/sites/${site.id}/deploy`)
    expect(next.status).toBe('success')
    // the page says "Version two" again: only what differs from version one is written
    expect(next.metrics!.filesUploaded!).toBeGreaterThanOrEqual(1)
    expect(next.metrics!.filesUploaded!).toBeLessThan(next.metrics!.files!)
    expect(liveHome(site)).toContain('Version two')
  })

  it('redeploys the first deployment\'s files as a new deployment', async () => {
    const again = await run(`/deployments/${first.id}/redeploy`)
    expect(again.error ?? null).toBeNull()
    expect(again).toMatchObject({ status: 'success', trigger: 'manual', commitHash: first.commitHash })
    expect(again.redeployOf).toBe(first.id)
    expect(again.manifest).toEqual(first.manifest)
    // a new version folder, not the old one re-pointed
    expect(again.targetDeploymentId).not.toBe(first.targetDeploymentId)
    expect(again.targetDeploymentId).toMatch(new RegExp(`^${first.commitHash}-`))
    expect(liveHome(site)).toContain('Version one')
    const versionDir = path.join(tmp, site.domain, 'versions', again.targetDeploymentId!)
    expect(fs.readdirSync(versionDir)).toEqual(expect.arrayContaining(['index.html', 'sitemap.xml']))
  })

  it('refuses to roll back to a failed deployment or a version no longer on disk, with the reason', async () => {
    const failed = await w.payload.create({ collection: 'deployments', data: { site: site.id, status: 'failed', trigger: 'manual' } as never })
    const refused = await post(`/deployments/${failed.id}/rollback`)
    expect(refused.status).toBe(409)
    expect(refused.body.errors[0].message).toMatch(/only a successful deployment can be rolled back to/)

    fs.rmSync(path.join(tmp, site.domain, 'versions', second.targetDeploymentId!), { recursive: true })
    const gone = await post(`/deployments/${second.id}/rollback`)
    expect(gone.status).toBe(409)
    expect(gone.body.errors[0].message).toMatch(/no longer kept on disk.*Redeploy/)
    const queued = await w.payload.count({ collection: 'deployments', where: { and: [{ site: { equals: site.id } }, { status: { equals: 'queued' } }] } })
    expect(queued.totalDocs).toBe(0)
  })

  it('answers 401 to anonymous callers and 404 to an editor of another site, queueing nothing', async () => {
    const before = await w.payload.count({ collection: 'deployments', where: { site: { equals: site.id } } })
    for (const action of ['rollback', 'redeploy', 'cancel']) {
      expect((await rest('POST', `/deployments/${first.id}/${action}`)).status).toBe(401)
      expect((await post(`/deployments/${first.id}/${action}`, w.tokens.editorA)).status).toBe(404)
    }
    const after = await w.payload.count({ collection: 'deployments', where: { site: { equals: site.id } } })
    expect(after.totalDocs).toBe(before.totalDocs)
  })
})

describe('rollback, redeploy and cancel on Cloudflare Pages', () => {
  let fake: FakeCloudflare
  let site: Site
  let pageId: number
  let first: Deployment
  let second: Deployment
  const project = () => fake.state.projects.get(site.domain.replace(/[^a-z0-9]+/g, '-'))!

  beforeAll(async () => {
    fake = await startFakeCloudflare({ pollsUntilDone: 1 })
    process.env.CLOUDFLARE_API_BASE_URL = fake.baseURL
    const token = await w.payload.create({
      collection: 'api-tokens',
      data: { label: unique('CF actions '), service: 'cloudflare', secret: fake.apiToken, accountId: fake.accountId } as never,
    })
    site = await createSite({ publishing: { target: 'cloudflare-pages', cloudflareToken: token.id } })
    pageId = (await createPage(site.id, 'index', 'Edge one')).id
    first = await run(`/sites/${site.id}/deploy`)
    await w.payload.update({ collection: 'pages', id: pageId, data: { h1: 'Edge two' } })
    second = await run(`/sites/${site.id}/deploy`)
  })

  afterAll(async () => {
    await fake?.close()
  })

  it('rolls back through the Pages rollback API', async () => {
    expect(first.status).toBe('success')
    expect(second.status).toBe('success')
    expect(project().canonical_deployment?.id).toBe(second.targetDeploymentId)
    const uploadsBefore = fake.state.uploadedKeys.length
    const back = await run(`/deployments/${first.id}/rollback`)
    expect(back.error ?? null).toBeNull()
    expect(back).toMatchObject({ status: 'success', trigger: 'rollback', target: 'cloudflare-pages', targetDeploymentId: first.targetDeploymentId })
    expect(fake.routes()).toContain('rollback')
    expect(project().canonical_deployment?.id).toBe(first.targetDeploymentId)
    expect(fake.state.uploadedKeys.length).toBe(uploadsBefore)
  })

  it('redeploys from the stored manifest without uploading anything Cloudflare already has', async () => {
    const deploymentsBefore = fake.state.deployments.size
    const again = await run(`/deployments/${second.id}/redeploy`)
    expect(again.error ?? null).toBeNull()
    expect(again).toMatchObject({ status: 'success', redeployOf: second.id, commitHash: second.commitHash, metrics: expect.objectContaining({ filesUploaded: 0 }) })
    expect(fake.state.deployments.size).toBe(deploymentsBefore + 1)
    const created = fake.state.deployments.get(again.targetDeploymentId!)!
    expect(created.manifest).toEqual(second.manifest)
    expect(created.headersFile ?? null).toBe(second.headersFile ?? null)
    expect(project().canonical_deployment?.id).toBe(again.targetDeploymentId)
  })

  it('fails a redeploy with the reason when Cloudflare lost the files and no local copy is kept', async () => {
    const empty = await startFakeCloudflare({ pollsUntilDone: 1 })
    process.env.CLOUDFLARE_API_BASE_URL = empty.baseURL
    try {
      const again = await run(`/deployments/${second.id}/redeploy`)
      expect(again.status).toBe('failed')
      expect(again.error).toMatch(/is no longer kept anywhere Panel can read it/)
      expect(empty.routes()).not.toContain('createDeployment')
    } finally {
      process.env.CLOUDFLARE_API_BASE_URL = fake.baseURL
      await empty.close()
    }
  })

  it('cancels a deployment while it uploads: it ends cancelled and the live deployment stays', async () => {
    await w.payload.update({ collection: 'pages', id: pageId, data: { h1: 'Edge three, never published' } })
    const live = project().canonical_deployment?.id
    // the upload waits out a 429 long enough for the cancel to land mid-upload
    fake.faults.queue('upload', { kind: 'rateLimit', retryAfterSeconds: 3 })
    const res = await post(`/sites/${site.id}/deploy`)
    expect(res.status).toBe(202)
    const created = fake.state.deployments.size
    const running = runJobs()
    let status = 'queued'
    for (let i = 0; i < 100 && status !== 'uploading'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      status = (await deployment(res.body.doc.id)).status
    }
    expect(status).toBe('uploading')
    const cancel = await post(`/deployments/${res.body.doc.id}/cancel`)
    expect(cancel.status).toBe(202)
    expect(cancel.body.message).toMatch(/stops at its next step/)
    await running
    const done = await deployment(res.body.doc.id)
    expect(done.status).toBe('cancelled')
    expect(done.error).toMatch(/live site was not changed/)
    expect(fake.state.deployments.size).toBe(created)
    expect(project().canonical_deployment?.id).toBe(live)
    const again = await post(`/deployments/${res.body.doc.id}/cancel`)
    expect(again.status).toBe(409)
  })
})

describe('autoDeploy is queued after the save commits', () => {
  it('keeps the save when queueing the deployment fails', async () => {
    const site = await createSite({ autoDeploy: true })
    await w.payload.update({ collection: 'deployments', where: { site: { equals: site.id } }, data: { status: 'cancelled' } as never })
    const page = await createPage(site.id, 'index', 'Before')
    await w.payload.update({ collection: 'deployments', where: { site: { equals: site.id } }, data: { status: 'cancelled' } as never })
    const queue = w.payload.jobs.queue
    w.payload.jobs.queue = (async () => {
      throw new Error('the job queue is down')
    }) as typeof queue
    try {
      const res = await rest('PATCH', `/pages/${page.id}`, { token: editorToken, json: { h1: 'After' } })
      expect(res.status).toBe(200)
    } finally {
      w.payload.jobs.queue = queue
    }
    const saved = await w.payload.findByID({ collection: 'pages', id: page.id, depth: 0 })
    expect(saved.h1).toBe('After')
    // the failed queueing left no deployment without a job behind
    const queued = await w.payload.count({ collection: 'deployments', where: { and: [{ site: { equals: site.id } }, { status: { equals: 'queued' } }] } })
    expect(queued.totalDocs).toBe(0)
  })

  it('queues nothing when the save itself is rolled back', async () => {
    const site = await createSite({ autoDeploy: true })
    const page = await createPage(site.id, 'index', 'Kept')
    await w.payload.update({ collection: 'deployments', where: { site: { equals: site.id } }, data: { status: 'cancelled' } as never })
    const hooks = w.payload.collections.pages.config.hooks.afterChange
    const failing = () => {
      throw new Error('a later hook fails')
    }
    hooks.push(failing)
    try {
      await expect(w.payload.update({ collection: 'pages', id: page.id, data: { h1: 'Lost' } })).rejects.toThrow(/a later hook fails/)
    } finally {
      hooks.splice(hooks.indexOf(failing), 1)
    }
    expect((await w.payload.findByID({ collection: 'pages', id: page.id, depth: 0 })).h1).toBe('Kept')
    const queued = await w.payload.count({ collection: 'deployments', where: { and: [{ site: { equals: site.id } }, { status: { equals: 'queued' } }] } })
    expect(queued.totalDocs).toBe(0)
  })
})

describe('deployments are scoped to the editor\'s sites', () => {
  beforeAll(async () => {
    // one of the editor's sites with a deployment, and another site's, whatever ran before
    const site = await createSite()
    await w.payload.create({ collection: 'deployments', data: { site: site.id, status: 'failed', trigger: 'manual' } as never })
    await w.payload.create({ collection: 'deployments', data: { site: w.siteB.id, status: 'failed', trigger: 'manual' } as never })
  })

  it('hides other sites\' deployments from REST and GraphQL lists and lookups', async () => {
    const other = (await w.payload.find({ collection: 'deployments', where: { site: { not_in: mySites } }, limit: 1 })).docs[0]
    const mine = (await w.payload.find({ collection: 'deployments', where: { site: { in: mySites } }, limit: 1 })).docs[0]

    const list = await rest('GET', '/deployments?limit=200&depth=0', { token: editorToken })
    expect(list.status).toBe(200)
    const sites = new Set(list.body.docs.map((doc: Deployment) => doc.site))
    expect([...sites].every((id) => mySites.includes(id as number))).toBe(true)
    expect(list.body.docs.some((doc: Deployment) => doc.id === mine.id)).toBe(true)

    const gql = await graphql(
      `query ($id: Int!, $other: Int!) { Deployments(limit: 200) { docs { id site { id } } } mine: Deployment(id: $id) { id status } other: Deployment(id: $other) { id } }`,
      { token: editorToken, variables: { id: mine.id, other: other.id } },
    )
    expect(gql.body.data.Deployments.docs.every((doc: { site: { id: number } }) => mySites.includes(doc.site.id))).toBe(true)
    expect(gql.body.data.mine.id).toBe(mine.id)
    expect(gql.body.data.other).toBeNull()
    expect(JSON.stringify(gql.body.errors ?? [])).toMatch(/not found|Not Found|permission/i)
  })

  it('refuses GraphQL writes to deployments', async () => {
    const mine = (await w.payload.find({ collection: 'deployments', where: { site: { in: mySites } }, limit: 1 })).docs[0]
    const gql = await graphql(`mutation ($id: Int!) { updateDeployment(id: $id, data: { url: "https://evil.example" }) { id } }`, {
      token: editorToken,
      variables: { id: mine.id },
    })
    expect(JSON.stringify(gql.body.errors ?? [])).toMatch(/not allowed|Forbidden/i)
    expect((await deployment(mine.id)).url).toBe(mine.url)
  })

  it('refuses a GraphQL deployment of another editor\'s site', async () => {
    const before = await w.payload.count({ collection: 'deployments', where: { site: { equals: w.siteB.id } } })
    const gql = await graphql(`mutation ($site: Int!) { createDeployment(data: { site: $site, status: queued, trigger: manual }) { id } }`, {
      token: editorToken,
      variables: { site: w.siteB.id },
    })
    expect(gql.body.data?.createDeployment ?? null).toBeNull()
    expect(JSON.stringify(gql.body.errors ?? [])).toMatch(/Choose one of your sites|not allowed|Forbidden/i)
    const after = await w.payload.count({ collection: 'deployments', where: { site: { equals: w.siteB.id } } })
    expect(after.totalDocs).toBe(before.totalDocs)
  })
})
