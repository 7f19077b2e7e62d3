import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { announceJob } from '@/lib/jobSignal'
import { SLOT_WAIT_LINE } from '@/plugins/publisher/jobs/slotWait'
import type { Deployment, Site, Template, User } from '@/payload-types'
import type { FleetProgress } from '@/plugins/fleet/deploy-many/progress'
import { login, rest } from '../../helpers/rest'
import { getWorld, PASSWORD, unique, type World } from '../../helpers/world'

// Deploy many sites as one action (fleet deployments), and the global limit on concurrent deploys across worker
// processes.

const isPostgres = Boolean(process.env.DATABASE_URL)
const LAYOUT = '<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>'

let w: World
let tmp: string
let template: Template
const saved = process.env.PUBLISH_DIR

type FleetDoc = { id: number; items: { site: number; deployment: number; attempts: number }[]; progress: FleetProgress; kind: string }

const newSite = async (name: string, { pages = 1, templateId = template.id } = {}): Promise<Site> => {
  const site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique(name)}.test`, brandName: name, language: w.languageId, template: templateId } as never,
  })) as Site
  for (let i = 0; i < pages; i++) {
    await w.payload.create({
      collection: 'pages',
      data: { title: i ? `Page ${i}` : 'Home', slug: i ? `page-${i}` : 'index', h1: `${name} ${i}`, site: site.id, _status: 'published' } as never,
    })
  }
  return site
}

const fleetOf = async (id: number, token = w.tokens.admin) => (await rest('GET', `/fleet-deployments/${id}?depth=0`, { token })).body as FleetDoc
const drain = async () => {
  for (let i = 0; i < 20; i++) {
    const ran = await w.payload.jobs.run({ queue: 'deploy', limit: 50, sequential: true })
    if (Object.keys(ran.jobStatus ?? {}).length === 0) break
  }
}
/** Waits (polling the record, as the progress view does) until every site's deployment has ended. */
const settled = async (id: number): Promise<FleetDoc> => {
  for (let i = 0; i < 12_000; i++) {
    const fleet = await fleetOf(id)
    if (fleet.progress.isDone) return fleet
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`fleet deployment ${id} never ended`)
}

/** The most deployments whose [startedAt, finishedAt] overlap at one moment. */
const peakOverlap = (deployments: Deployment[]): number => {
  const events = deployments.flatMap((d) => [
    { at: new Date(d.startedAt!).getTime(), step: 1 },
    { at: new Date(d.finishedAt!).getTime(), step: -1 },
  ])
  // an end at the same millisecond as a start comes first: touching is not overlapping
  events.sort((a, b) => a.at - b.at || a.step - b.step)
  let now = 0
  let peak = 0
  for (const event of events) peak = Math.max(peak, (now += event.step))
  return peak
}

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-many-'))
  process.env.PUBLISH_DIR = tmp
  template = (await w.payload.create({ collection: 'templates', data: { name: unique('Fleet template '), type: 'monolithic', html: LAYOUT } as never })) as Template
})

afterAll(() => {
  if (saved === undefined) delete process.env.PUBLISH_DIR
  else process.env.PUBLISH_DIR = saved
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('POST /api/fleet-deployments: bad requests', () => {
  it('answers 401 without a login and 400 naming what to fix, creating nothing', async () => {
    const before = (await w.payload.count({ collection: 'fleet-deployments' as never })).totalDocs
    expect((await rest('POST', '/fleet-deployments', { json: { sites: [w.siteA.id] } })).status).toBe(401)
    const cases: [unknown, string][] = [
      [{}, ''],
      [{ sites: [] }, 'sites'],
      [{ sites: [w.siteA.id], changed: true }, 'sites, changed'],
      [{ changed: false }, 'changed'],
      [{ sites: [{ id: 1 }] }, 'sites.0'],
      [{ sites: [99_999_999] }, 'sites.0'],
      [{ template: 99_999_999 }, 'template'],
      [{ footprint: 'x y' }, 'footprint'],
    ]
    for (const [json, field] of cases) {
      const res = await rest('POST', '/fleet-deployments', { token: w.tokens.admin, json })
      expect(res.status, JSON.stringify(json)).toBe(400)
      expect(res.body.errors[0].field).toBe(field)
      expect(res.body.errors[0].message.length).toBeGreaterThan(10)
    }
    expect((await w.payload.count({ collection: 'fleet-deployments' as never })).totalDocs).toBe(before)
  })

  it('an editor deploys only their own sites: 403 naming the others, nothing queued', async () => {
    const deploymentsBefore = (await w.payload.count({ collection: 'deployments' })).totalDocs
    const res = await rest('POST', '/fleet-deployments', { token: w.tokens.editorA, json: { sites: [w.siteA.id, w.siteB.id] } })
    expect(res.status).toBe(403)
    expect(res.body.errors[0].message).toContain(w.siteB.domain)
    expect((await w.payload.count({ collection: 'deployments' })).totalDocs).toBe(deploymentsBefore)
  })

  it('refuses a site in the trash (409), queueing none of the others', async () => {
    const kept = await newSite('kept')
    const trashed = await newSite('trashed')
    await w.payload.update({ collection: 'sites', id: trashed.id, data: { deletedAt: new Date().toISOString() } as never, overrideAccess: true })
    const res = await rest('POST', '/fleet-deployments', { token: w.tokens.admin, json: { sites: [kept.id, trashed.id] } })
    expect(res.status).toBe(409)
    expect(res.body.errors[0].message).toContain(trashed.domain)
    expect((await w.payload.count({ collection: 'deployments', where: { site: { equals: kept.id } } })).totalDocs).toBe(0)
  })
})

describe('choosing sites: changed, template', () => {
  let editor: User
  let token: string
  let sites: Site[]
  let ownTemplate: Template

  beforeAll(async () => {
    ownTemplate = (await w.payload.create({ collection: 'templates', data: { name: unique('Own template '), type: 'monolithic', html: LAYOUT } as never })) as Template
    sites = [await newSite('chg'), await newSite('chg'), await newSite('chg', { templateId: ownTemplate.id })]
    const email = `${unique('fleet-editor')}@panel.test`
    editor = (await w.payload.create({ collection: 'users', data: { email, password: PASSWORD, role: 'editor', sites: sites.map((site) => ({ site: site.id })) } as never })) as User
    token = await login(email, PASSWORD)
  })

  const changedIds = async () => {
    const res = await rest('GET', '/fleet-deployments/preview?changed=true', { token })
    expect(res.status).toBe(200)
    return (res.body.sites as { id: number }[]).map((site) => site.id).sort()
  }

  it('"changed" is every never-deployed site, then only sites saved since their live build', async () => {
    expect(await changedIds()).toEqual(sites.map((site) => site.id).sort())
    const res = await rest('POST', '/fleet-deployments', { token, json: { changed: true } })
    expect(res.status).toBe(202)
    const created = res.body.doc as FleetDoc
    expect(created.kind).toBe('changed')
    expect(created.items.map((item) => item.site).sort()).toEqual(sites.map((site) => site.id).sort())
    await drain()
    const done = await fleetOf(created.id, token)
    expect(done.progress).toMatchObject({ total: 3, success: 3, failed: 0, isDone: true })

    expect(await changedIds()).toEqual([])
    const nothing = await rest('POST', '/fleet-deployments', { token, json: { changed: true } })
    expect(nothing.status).toBe(409)
    expect(nothing.body.errors[0].message).toMatch(/nothing to deploy/)

    const page = (await w.payload.find({ collection: 'pages', where: { site: { equals: sites[1]!.id } }, limit: 1 })).docs[0]!
    await w.payload.update({ collection: 'pages', id: page.id, data: { h1: 'Changed' } as never })
    expect(await changedIds()).toEqual([sites[1]!.id])
    await w.payload.update({ collection: 'templates', id: ownTemplate.id, data: { html: `${LAYOUT}<!-- v2 -->` } as never })
    expect(await changedIds()).toEqual([sites[1]!.id, sites[2]!.id].sort())
  })

  it('"template" deploys the caller\'s sites using it; editors read only their own fleet deployments', async () => {
    const preview = await rest('GET', `/fleet-deployments/preview?template=${ownTemplate.id}`, { token })
    expect(preview.body.count).toBe(1)
    const res = await rest('POST', '/fleet-deployments', { token, json: { template: ownTemplate.id } })
    expect(res.status).toBe(202)
    expect((res.body.doc as FleetDoc).items.map((item) => item.site)).toEqual([sites[2]!.id])
    // the shared template: only this editor's two sites, not the other sites using it
    const shared = await rest('POST', '/fleet-deployments', { token, json: { template: template.id } })
    expect((shared.body.doc as FleetDoc).items.map((item) => item.site).sort()).toEqual([sites[0]!.id, sites[1]!.id].sort())
    expect((await rest('GET', `/fleet-deployments/${res.body.doc.id}`, { token: w.tokens.editorA })).status).toBe(404)
    expect((await rest('POST', `/fleet-deployments/${res.body.doc.id}/retry`, { token: w.tokens.editorA })).status).toBe(404)
    await drain()
    expect((await rest('POST', `/fleet-deployments/${res.body.doc.id}/retry`, { token })).status).toBe(409)
    expect(editor.id).toBeTruthy()
  })
})

describe.skipIf(!isPostgres)('30 sites, two worker processes, DEPLOY_CONCURRENCY=4', () => {
  const LIMIT = 4
  const workers: { child: ChildProcess; exited: Promise<number | null>; output: () => string }[] = []

  const spawnWorker = () => {
    let output = ''
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/worker.ts'), '--queue', 'deploy'], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_ENV: 'production', PUBLIC_URL: process.env.PUBLIC_URL || 'http://localhost:4120', PUBLISH_DIR: tmp, DEPLOY_CONCURRENCY: String(LIMIT) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.stderr!.on('data', (chunk) => (output += chunk))
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/Worker running/.test(output)) {
          clearInterval(timer)
          resolve()
        }
      }, 100)
      void exited.then((code) => {
        clearInterval(timer)
        reject(new Error(`a worker exited (${code}) before it listened:\n${output}`))
      })
    })
    workers.push({ child, exited, output: () => output })
    return ready
  }

  beforeAll(async () => {
    await drain()
    await Promise.all([spawnWorker(), spawnWorker()])
  })

  afterAll(async () => {
    for (const worker of workers) worker.child.kill('SIGTERM')
    await Promise.all(workers.map((worker) => worker.exited))
  })

  it('deploys them all, never more than 4 at once nor one site twice at once; the failed one is retried alone', async () => {
    const sites: Site[] = []
    for (let i = 0; i < 30; i++) sites.push(await newSite('fleet', { pages: 3 }))
    // the local folder cannot be written for this one: its deployment fails
    const broken = sites[17]!
    fs.writeFileSync(path.join(tmp, broken.domain), 'not a folder')

    const res = await rest('POST', '/fleet-deployments', { token: w.tokens.admin, json: { sites: sites.map((site) => site.id) } })
    expect(res.status).toBe(202)
    const first = await settled(res.body.doc.id)
    const logs = () => workers.map((worker) => worker.output()).join('\n')
    expect(first.progress, logs()).toMatchObject({ total: 30, success: 29, failed: 1, running: 0, queued: 0 })
    // each worker takes a deploy slot before it takes a job: no deployment was taken only to be put back to wait
    // for a slot (when workers took jobs in passes of ten, two workers put most of them back)
    const firstRun = (await w.payload.find({ collection: 'deployments', where: { id: { in: first.items.map((item) => item.deployment) } }, depth: 0, pagination: false })).docs as Deployment[]
    expect(firstRun).toHaveLength(30)
    expect(firstRun.filter((d) => (d.log ?? '').includes(SLOT_WAIT_LINE)).map((d) => d.id)).toEqual([])
    const failed = first.progress.sites.find((row) => row.status === 'failed')!
    expect(failed.site).toBe(broken.id)
    expect(failed.error).toBeTruthy()

    // retry failed: a new deployment for that site only
    fs.rmSync(path.join(tmp, broken.domain))
    const retry = await rest('POST', `/fleet-deployments/${first.id}/retry`, { token: w.tokens.admin })
    expect(retry.status).toBe(202)
    const second = await settled(first.id)
    expect(second.progress).toMatchObject({ total: 30, success: 30, failed: 0 })
    for (const item of second.items) {
      const before = first.items.find((row) => row.site === item.site)!
      if (item.site === broken.id) {
        expect(item.attempts).toBe(2)
        expect(item.deployment).not.toBe(before.deployment)
      } else {
        expect(item.deployment).toBe(before.deployment)
        expect(item.attempts).toBe(1)
      }
    }
    expect((await w.payload.count({ collection: 'deployments', where: { site: { equals: broken.id } } })).totalDocs).toBe(2)
    expect((await rest('POST', `/fleet-deployments/${first.id}/retry`, { token: w.tokens.admin })).status).toBe(409)

    // two deployments of each of 6 sites queued at once (as two saves far apart would leave them), straight into the
    // queue so neither supersedes the other: the workers race for them
    const doubled: Deployment[] = []
    for (const site of sites.slice(0, 6)) {
      for (let i = 0; i < 2; i++) {
        const deployment = (await w.payload.db.create({ collection: 'deployments', data: { site: site.id, status: 'queued', trigger: 'manual' } })) as Deployment
        await w.payload.jobs.queue({ task: 'deploySite', input: { deploymentId: String(deployment.id) }, queue: 'deploy' })
        doubled.push(deployment)
      }
    }
    await announceJob({ payload: w.payload } as never, 'deploy')
    for (let i = 0; i < 12_000; i++) {
      const { docs } = await w.payload.find({ collection: 'deployments', where: { id: { in: doubled.map((d) => d.id) } }, depth: 0, pagination: false })
      if (docs.every((d) => !['queued', 'building', 'uploading'].includes(d.status))) break
      await new Promise((resolve) => setTimeout(resolve, 250))
    }

    const all = (
      await w.payload.find({ collection: 'deployments', where: { site: { in: sites.map((site) => site.id) } }, depth: 0, pagination: false, sort: 'id' })
    ).docs as Deployment[]
    expect(all).toHaveLength(30 + 1 + 12)
    expect(all.filter((d) => d.status === 'success')).toHaveLength(30 + 12)
    const ran = all.filter((d) => d.startedAt && d.finishedAt)
    expect(ran).toHaveLength(all.length)
    const peak = peakOverlap(ran)
    expect(peak, 'deployments running at once').toBeLessThanOrEqual(LIMIT)
    for (const site of sites) {
      expect(peakOverlap(ran.filter((d) => (typeof d.site === 'object' ? d.site?.id : d.site) === site.id)), site.domain).toBeLessThanOrEqual(1)
    }
    // both processes deployed (each deployment's log says nothing of its process; the workers' own output does)
    console.info(`peak concurrent deployments: ${peak}`)
  })
})
