/**
 * Issue 15 item 2: the deployment's page. One title that says what it is
 * and how it ended, a summary everyone may read, and the publisher's
 * internals for admins only (REST, GraphQL and the admin's permissions).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Deployment, Site } from '@/payload-types'
import { DEPLOYMENT_STATUSES } from '@/plugins/publisher/collections/Deployments'
import { deploymentTitle, fillDeploymentTitles } from '@/plugins/publisher/hooks/title'
import { graphql, login, rest } from '../../helpers/rest'
import { getWorld, PASSWORD, unique, type World } from '../../helpers/world'

/** What only admins read: how the publisher diffs, rolls back and redeploys. */
const INTERNALS = [
  'commitHash',
  'targetDeploymentId',
  'cloudflareAccountId',
  'cloudflareProject',
  'manifest',
  'templateSnapshot',
  'headersFile',
  'redirectsFile',
  'heartbeatAt',
  'attempts',
  'buildCache',
] as const
/** What the page's summary shows to everyone who may read the deployment. */
const SUMMARY = ['title', 'site', 'status', 'trigger', 'target', 'url', 'startedAt', 'finishedAt', 'requestedBy', 'metrics', 'warningCount', 'log', 'progress'] as const

/** Payload's permissions answer: `true`, `{ permission: true }`, or nothing where it is denied. */
const isAllowed = (permission: unknown): boolean =>
  permission === true || (typeof permission === 'object' && permission !== null && (permission as { permission?: unknown }).permission === true)
const canReadField = (access: any, field: string): boolean => {
  const fields = access.collections.deployments.fields
  if (fields === true) return true
  const entry = fields?.[field]
  return entry === true || isAllowed(entry?.read)
}

let w: World
let tmp: string
let site: Site
let editorToken: string
let done: Deployment
const saved = process.env.PUBLISH_DIR

const runJobs = () => w.payload.jobs.run({ queue: 'deploy', sequential: true })

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deployment-page-'))
  process.env.PUBLISH_DIR = tmp
  site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('dp')}.test`, brandName: 'Deployment page', language: w.languageId, template: w.templateId } as never,
  })) as Site
  await w.payload.create({ collection: 'pages', data: { title: 'Home', slug: 'index', site: site.id, _status: 'published' } as never })
  const email = `${unique('dp-editor')}@panel.test`
  await w.payload.create({ collection: 'users', data: { email, password: PASSWORD, role: 'editor', sites: [{ site: site.id }] } as never })
  editorToken = await login(email, PASSWORD)
  // a real run: the job writes the internals, the status and the metrics
  const res = await rest('POST', `/sites/${site.id}/deploy`, { token: editorToken })
  expect(res.status, JSON.stringify(res.body)).toBe(202)
  await runJobs()
  done = (await w.payload.findByID({ collection: 'deployments', id: res.body.doc.id, depth: 0 })) as Deployment
  expect(done.status).toBe('success')
})

afterAll(() => {
  process.env.PUBLISH_DIR = saved
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('the deployment title', () => {
  it('reads "<domain> — deployment <id> — <Status>" and follows the status to its end', async () => {
    expect(done.title).toBe(`${site.domain} — deployment ${done.id} — Success`)
    const queued = (await w.payload.create({ collection: 'deployments', data: { site: site.id, status: 'queued', trigger: 'manual' } as never })) as Deployment
    expect(queued.title).toBe(`${site.domain} — deployment ${queued.id} — Queued`)
    // what REST answers (and the admin shows) is the stored title, not only the hook's return value
    const cancel = await rest('POST', `/deployments/${queued.id}/cancel`, { token: editorToken })
    expect(cancel.status).toBe(200)
    const read = await rest('GET', `/deployments/${queued.id}?depth=0`, { token: editorToken })
    expect(read.body.title).toBe(`${site.domain} — deployment ${queued.id} — Cancelled`)
  })

  it('names every status, and a deleted site, in the same shape', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEPLOYMENT_STATUSES), fc.integer({ min: 1, max: 10_000_000 }), fc.option(fc.domain(), { nil: null }), (status, id, domain) => {
        const title = deploymentTitle({ domain, id, status })
        const [where, which, how] = title.split(' — ')
        expect(where).toBe(domain ?? 'deleted site')
        expect(which).toBe(`deployment ${id}`)
        expect(how.toLowerCase()).toBe(status)
        expect(how[0]).toBe(how[0].toUpperCase())
      }),
    )
  })

  it('is what the admin lists and searches by', async () => {
    const config = w.payload.collections.deployments.config
    expect(config.admin.useAsTitle).toBe('title')
    const found = await rest('GET', `/deployments?depth=0&where[title][like]=${encodeURIComponent(`deployment ${done.id} —`)}`, { token: editorToken })
    expect(found.body.docs.map((doc: Deployment) => doc.id)).toContain(done.id)
  })

  it('is given to deployments made before titles existed (the migration step)', async () => {
    await w.payload.db.updateOne({ collection: 'deployments', id: done.id, data: { title: null } })
    expect((await w.payload.findByID({ collection: 'deployments', id: done.id, depth: 0 })).title ?? null).toBeNull()
    expect(await fillDeploymentTitles({ payload: w.payload })).toBeGreaterThanOrEqual(1)
    expect((await w.payload.findByID({ collection: 'deployments', id: done.id, depth: 0 })).title).toBe(`${site.domain} — deployment ${done.id} — Success`)
    expect(await w.payload.count({ collection: 'deployments', where: { title: { exists: false } } })).toMatchObject({ totalDocs: 0 })
  })
})

describe('internals are for admins only', () => {
  it('REST: an editor of the site reads the summary but none of the internals; an admin reads them', async () => {
    const asEditor = await rest('GET', `/deployments/${done.id}?depth=0`, { token: editorToken })
    expect(asEditor.status).toBe(200)
    for (const field of INTERNALS) expect(asEditor.body, field).not.toHaveProperty(field)
    for (const field of SUMMARY) expect(asEditor.body, field).toHaveProperty(field)
    expect(asEditor.body.metrics.files).toBeGreaterThan(0)

    const asAdmin = await rest('GET', `/deployments/${done.id}?depth=0`, { token: w.tokens.admin })
    expect(asAdmin.body.commitHash).toMatch(/^[0-9a-f]{40}$/)
    expect(Object.keys(asAdmin.body.manifest).length).toBeGreaterThan(0)
    expect(asAdmin.body.targetDeploymentId).toBeTruthy()
    expect(asAdmin.body.templateSnapshot).toBeTruthy()
    // nobody reads the build cache through the API
    expect(asAdmin.body).not.toHaveProperty('buildCache')
  })

  it('REST lists and filters: an editor cannot read or probe an internal value', async () => {
    const list = await rest('GET', `/deployments?depth=0&where[site][equals]=${site.id}`, { token: editorToken })
    expect(list.body.docs.length).toBeGreaterThan(0)
    for (const doc of list.body.docs) for (const field of INTERNALS) expect(doc, field).not.toHaveProperty(field)
    // filtering on a field one may not read must not reveal it: Payload refuses the query or ignores the filter
    const probe = await rest('GET', `/deployments?depth=0&where[commitHash][equals]=${done.commitHash}`, { token: editorToken })
    if (probe.status === 200) {
      const wrong = await rest('GET', `/deployments?depth=0&where[commitHash][equals]=${'0'.repeat(40)}`, { token: editorToken })
      expect(probe.body.totalDocs).toBe(wrong.body.totalDocs)
    } else {
      expect(probe.status).toBeGreaterThanOrEqual(400)
      expect(probe.status).toBeLessThan(500)
    }
  })

  it('GraphQL: internals are null for an editor and filled for an admin', async () => {
    const query = `query ($id: Int!) { Deployment(id: $id) { id title status commitHash targetDeploymentId manifest templateSnapshot headersFile metrics { files } } }`
    const asEditor = await graphql(query, { token: editorToken, variables: { id: done.id } })
    const mine = asEditor.body.data.Deployment
    expect(mine.title).toBe(done.title)
    expect(mine.metrics.files).toBeGreaterThan(0)
    for (const field of ['commitHash', 'targetDeploymentId', 'manifest', 'templateSnapshot', 'headersFile']) expect(mine[field], field).toBeNull()
    const asAdmin = await graphql(query, { token: w.tokens.admin, variables: { id: done.id } })
    expect(asAdmin.body.data.Deployment.commitHash).toBe(done.commitHash)
    expect(asAdmin.body.data.Deployment.manifest).toEqual(done.manifest)
  })

  it('the admin is told the same: read permission on internals only for admins', async () => {
    const editor = await rest('GET', '/access', { token: editorToken })
    const admin = await rest('GET', '/access', { token: w.tokens.admin })
    for (const field of ['commitHash', 'manifest', 'templateSnapshot', 'targetDeploymentId']) {
      expect(canReadField(editor.body, field), field).toBe(false)
      expect(canReadField(admin.body, field), field).toBe(true)
    }
    expect(canReadField(editor.body, 'status')).toBe(true)
  })

  it('Roll back and Redeploy still work for the editor, although they cannot read what the job needs', async () => {
    const redeploy = await rest('POST', `/deployments/${done.id}/redeploy`, { token: editorToken })
    expect(redeploy.status, JSON.stringify(redeploy.body)).toBe(202)
    await runJobs()
    const again = (await w.payload.findByID({ collection: 'deployments', id: redeploy.body.doc.id, depth: 0 })) as Deployment
    expect(again.status).toBe('success')
    expect(again.commitHash).toBe(done.commitHash)
    const rollback = await rest('POST', `/deployments/${done.id}/rollback`, { token: editorToken })
    expect(rollback.status, JSON.stringify(rollback.body)).toBe(202)
    await runJobs()
    expect(((await w.payload.findByID({ collection: 'deployments', id: rollback.body.doc.id, depth: 0 })) as Deployment).status).toBe('success')
  })
})

describe('deployments are made by Deploy, not by a create form', () => {
  it('nobody is offered the collection create (no "+" in the admin), while POST /api/deployments still queues one', async () => {
    for (const token of [editorToken, w.tokens.admin]) {
      const access = await rest('GET', '/access', { token })
      expect(isAllowed(access.body.collections.deployments.create)).toBe(false)
      expect(isAllowed(access.body.collections.deployments.read)).toBe(true)
    }
    const res = await rest('POST', '/deployments', { token: editorToken, json: { site: site.id, status: 'success' } })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.doc).toMatchObject({ status: 'queued', trigger: 'manual', site: site.id })
    expect(res.body.doc.title).toBe(`${site.domain} — deployment ${res.body.doc.id} — Queued`)
    expect((await rest('POST', '/deployments', { json: { site: site.id } })).status).toBe(401)
    await runJobs()
  })
})
