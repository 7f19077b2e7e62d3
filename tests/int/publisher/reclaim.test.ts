import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { advanceClock, resetClock } from '@/lib/clock'
import { staleAfterMs } from '@/plugins/publisher/watch'
import type { Deployment, Site, Template } from '@/payload-types'
import { startFakeCloudflare, type FakeCloudflare } from '../../fakes/cloudflare'
import { rest } from '../../helpers/rest'
import { getWorld, unique, type World } from '../../helpers/world'

// A worker killed mid-upload leaves its job at processing: true
// (payloadcms/payload#17645): the next run reclaims it, and the deployment
// finishes; a deployment whose worker keeps dying ends failed.

const LAYOUT = '<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>'
const UNSETTLED_TOP_LEVEL_AWAIT = 13

let w: World
let fake: FakeCloudflare
let tmp: string
let site: Site
let pageId: number
const saved = {
  PUBLISH_DIR: process.env.PUBLISH_DIR,
  CLOUDFLARE_API_BASE_URL: process.env.CLOUDFLARE_API_BASE_URL,
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const runJobs = () => w.payload.jobs.run({ queue: 'deploy', sequential: true })
/**
 * Runs every deploy job other test files left queued, one after another (two of one site at once would find it
 * busy and wait), so the worker below picks this file's job.
 */
const drain = async () => {
  for (let i = 0; i < 20; i++) {
    const ran = await w.payload.jobs.run({ queue: 'deploy', limit: 50, sequential: true })
    if (!ran.jobStatus || Object.keys(ran.jobStatus).length === 0) return
  }
}
const deployment = async (id: number | string): Promise<Deployment> =>
  (await w.payload.findByID({ collection: 'deployments', id, depth: 0 })) as Deployment
/** Runs this deployment's own jobs until it ends: waits on the deployment, never on the clock. */
const settle = async (id: number | string): Promise<Deployment> => {
  for (let round = 0; round < 50; round++) {
    const current = await deployment(id)
    if (!['queued', 'building', 'uploading'].includes(current.status)) return current
    const open = (await jobsOf(id)).filter((job) => !job.completedAt && !job.processing && !job.hasError)
    if (open.length === 0) throw new Error(`deployment ${id} is ${current.status} with no job left to run`)
    // runByID runs a job whatever its waitUntil says
    for (const job of open) await w.payload.jobs.runByID({ id: job.id })
  }
  throw new Error(`deployment ${id} did not end`)
}
const jobsOf = async (deploymentId: number | string) =>
  (await w.payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'deploySite' } }, depth: 0, pagination: false })).docs.filter(
    (job) => (job.input as { deploymentId?: string } | null)?.deploymentId === String(deploymentId),
  )

/** `payload jobs:run --queue deploy`, exactly as `npm run worker` runs it, against this test's database and fake. */
const startWorker = (): ChildProcess =>
  spawn(process.execPath, [path.resolve('node_modules/payload/bin.js'), 'jobs:run', '--queue', 'deploy', '--limit', '10'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_OPTIONS: '--no-deprecation',
      // as a production worker runs: no schema push (the test has pushed it), which also starts faster
      NODE_ENV: 'production',
      // production refuses to start without the address Panel is opened at
      PUBLIC_URL: process.env.PUBLIC_URL || 'http://localhost:3000',
      CLOUDFLARE_API_BASE_URL: fake.baseURL,
      PUBLISH_DIR: tmp,
      DEPLOY_STALE_AFTER_MS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'publisher-reclaim-'))
  process.env.PUBLISH_DIR = tmp
  fake = await startFakeCloudflare({ pollsUntilDone: 1 })
  process.env.CLOUDFLARE_API_BASE_URL = fake.baseURL
  const template = (await w.payload.create({
    collection: 'templates',
    data: { name: unique('Reclaim template '), type: 'monolithic', html: LAYOUT } as never,
  })) as Template
  const token = await w.payload.create({
    collection: 'api-tokens',
    data: { label: unique('CF reclaim '), service: 'cloudflare', secret: fake.apiToken, accountId: fake.accountId } as never,
  })
  site = await makeSite(template.id, token.id)
  pageId = (await w.payload.create({ collection: 'pages', data: { title: 'Home', slug: 'index', h1: 'Before the crash', site: site.id, _status: 'published' } as never })).id
})

let tokenId: number
let templateId: number
const makeSite = async (template: number, token: number): Promise<Site> => {
  templateId = template
  tokenId = token
  return (await w.payload.create({
    collection: 'sites',
    data: {
      domain: `${unique('reclaim')}.test`,
      brandName: 'Reclaim',
      language: w.languageId,
      template,
      publishing: { target: 'cloudflare-pages', cloudflareToken: token },
    } as never,
  })) as Site
}

afterAll(async () => {
  resetClock()
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  await fake?.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('a worker killed mid-upload', () => {
  it('leaves a job that the next run reclaims, and the deployment then finishes', async () => {
    const first = await rest('POST', `/sites/${site.id}/deploy`, { token: w.tokens.admin })
    expect(first.status).toBe(202)
    const live = await settle(first.body.doc.id)
    expect(live.status).toBe('success')
    await drain()

    await w.payload.update({ collection: 'pages', id: pageId, data: { h1: 'After the crash' } })
    const res = await rest('POST', `/sites/${site.id}/deploy`, { token: w.tokens.admin })
    expect(res.status).toBe(202)
    const id = res.body.doc.id as number
    // the fake makes the upload slow: the worker waits out a long retry-after, mid-upload
    fake.faults.queue('upload', { kind: 'rateLimit', retryAfterSeconds: 60 })

    let output = ''
    let worker: ChildProcess | undefined
    let isMidUpload = false
    for (let attempt = 0; attempt < 6 && !isMidUpload; attempt++) {
      worker = startWorker()
      worker.stdout?.on('data', (chunk) => (output += chunk))
      worker.stderr?.on('data', (chunk) => (output += chunk))
      const exited = new Promise<number | null>((resolve) => worker!.on('exit', (code) => resolve(code)))
      let exitCode: number | null | undefined
      void exited.then((code) => (exitCode = code))
      for (let i = 0; i < 1800 && exitCode === undefined; i++) {
        await sleep(100)
        const calls = fake.state.calls.filter((call) => call.route === 'upload' && call.status === 429)
        if (calls.length > 0) {
          isMidUpload = true
          break
        }
      }
      // Node 20 sometimes stops while loading Payload (exit 13) before anything ran, and a run
      // can find the SQLite queue locked by another writer and pick nothing: start it again, as cron would
      const isUntouched = (await deployment(id)).status === 'queued' && (await jobsOf(id)).every((job) => !job.processing)
      if (!isMidUpload && exitCode !== UNSETTLED_TOP_LEVEL_AWAIT && !(exitCode === 0 && isUntouched)) {
        const state = JSON.stringify({ deployment: (await deployment(id)).status, jobs: await jobsOf(id), calls: fake.routes() })
        throw new Error(`the worker never reached the upload (exit ${exitCode}); ${state}:\n${output}`)
      }
    }
    expect(isMidUpload).toBe(true)
    expect(worker!.kill('SIGKILL')).toBe(true)
    await new Promise((resolve) => worker!.once('exit', resolve))

    // what a dead worker leaves behind
    expect((await deployment(id)).status).toBe('uploading')
    const [stuck] = await jobsOf(id)
    expect(stuck.processing).toBe(true)

    // a run before the timeout leaves it alone: the worker might only be slow
    await runJobs()
    expect((await deployment(id)).status).toBe('uploading')
    expect((await jobsOf(id))[0].processing).toBe(true)

    // the stale window passes (an injected clock, not a wait): the next run reclaims it and finishes it
    advanceClock(staleAfterMs() + 1_000)
    await runJobs()
    const done = await deployment(id)
    expect(done.error ?? null).toBeNull()
    expect(done.status).toBe('success')
    expect(done.attempts).toBe(1)
    expect(done.log).toMatch(/The worker running this deployment stopped .*trying again/)
    const project = fake.state.projects.get(site.domain.replace(/[^a-z0-9]+/g, '-'))!
    expect(project.canonical_deployment?.id).toBe(done.targetDeploymentId)
    expect(project.canonical_deployment?.id).not.toBe(live.targetDeploymentId)
    const stillRunning = await w.payload.count({
      collection: 'deployments',
      where: { and: [{ site: { equals: site.id } }, { status: { in: ['building', 'uploading'] } }] },
    })
    expect(stillRunning.totalDocs).toBe(0)
  }, 300_000)

  it('ends failed, with the reason, once the worker has died on the same deployment three times', async () => {
    // its own site: whatever the test above left, this one starts from a site with nothing running
    const other = await makeSite(templateId, tokenId)
    await w.payload.create({ collection: 'pages', data: { title: 'Home', slug: 'index', h1: 'Crash loop', site: other.id, _status: 'published' } as never })
    const res = await rest('POST', `/sites/${other.id}/deploy`, { token: w.tokens.admin })
    expect(res.status).toBe(202)
    const id = res.body.doc.id as number
    // the state two crashes earlier and a third dead worker leave: uploading, its job stuck in processing
    await w.payload.update({ collection: 'deployments', id, data: { status: 'uploading', attempts: 2 } as never })
    const [job] = await jobsOf(id)
    await w.payload.update({ collection: 'payload-jobs', id: job.id, data: { processing: true } })

    advanceClock(staleAfterMs() + 1_000)
    await runJobs()
    const done = await deployment(id)
    expect(done.status).toBe('failed')
    expect(done.error).toMatch(/stopped 3 times; deploy again/)
    expect(done.finishedAt).toBeTruthy()
    expect((await jobsOf(id)).every((left) => !left.processing)).toBe(true)
  })
})
