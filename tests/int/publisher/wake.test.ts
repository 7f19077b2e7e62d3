import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { JOB_CHANNEL, listenForJobs } from '@/lib/jobSignal'
import { lockSite } from '@/lib/siteLock'
import type { Deployment, Site, Template } from '@/payload-types'
import { runDeployJob } from '@/plugins/publisher/jobs/deploySite'
import { rest } from '../../helpers/rest'
import { getWorld, unique, type World } from '../../helpers/world'

// A queued deployment wakes the worker (no poll), and two workers never run
// one site's deployments at once.

const isPostgres = Boolean(process.env.DATABASE_URL)
const LAYOUT = '<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>'

let w: World
let tmp: string
let template: Template
const saved = process.env.PUBLISH_DIR

const newSite = async (): Promise<Site> => {
  const site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('wake')}.test`, brandName: 'Wake', language: w.languageId, template: template.id } as never,
  })) as Site
  await w.payload.create({ collection: 'pages', data: { title: 'Home', slug: 'index', h1: 'Awake', site: site.id, _status: 'published' } as never })
  return site
}
const deployment = async (id: number | string) => (await w.payload.findByID({ collection: 'deployments', id, depth: 0 })) as Deployment
const jobsOf = async (deploymentId: number | string) =>
  (await w.payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'deploySite' } }, depth: 0, pagination: false })).docs.filter(
    (job) => (job.input as { deploymentId?: string } | null)?.deploymentId === String(deploymentId),
  )

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'publisher-wake-'))
  process.env.PUBLISH_DIR = tmp
  template = (await w.payload.create({ collection: 'templates', data: { name: unique('Wake template '), type: 'monolithic', html: LAYOUT } as never })) as Template
})

afterAll(() => {
  if (saved === undefined) delete process.env.PUBLISH_DIR
  else process.env.PUBLISH_DIR = saved
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('queueing a deployment', () => {
  it('signals this process once the job is committed', async () => {
    const site = await newSite()
    const heard: Promise<{ queue: string; jobs: number }> = new Promise((resolve) => {
      const listener = listenForJobs(w.payload, (queue) => {
        void listener.close()
        // what a woken worker would find at that moment
        void w.payload
          .count({ collection: 'payload-jobs', where: { and: [{ taskSlug: { equals: 'deploySite' } }, { processing: { equals: false } }] } })
          .then(({ totalDocs }) => resolve({ queue, jobs: totalDocs }))
      })
    })
    const res = await rest('POST', `/sites/${site.id}/deploy`, { token: w.tokens.admin })
    expect(res.status).toBe(202)
    const signal = await heard
    expect(signal.queue).toBe('deploy')
    expect(signal.jobs).toBeGreaterThan(0)
    expect(await jobsOf(res.body.doc.id)).toHaveLength(1)
    await w.payload.jobs.run({ queue: 'deploy', sequential: true })
  })

  it.skipIf(!isPostgres)('notifies other processes on PostgreSQL, after the commit: the job is visible on another connection', async () => {
    const site = await newSite()
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
    await client.connect()
    try {
      await client.query(`LISTEN ${JOB_CHANNEL}`)
      const seen = new Promise<{ queue: string; deploymentIds: string[] }>((resolve) => {
        client.on('notification', (message) => {
          void client
            .query<{ input: { deploymentId?: string } }>(`SELECT input FROM payload_jobs WHERE task_slug = 'deploySite' AND completed_at IS NULL`)
            .then(({ rows }) => resolve({ queue: message.payload ?? '', deploymentIds: rows.map((row) => String(row.input?.deploymentId)) }))
        })
      })
      const res = await rest('POST', `/sites/${site.id}/deploy`, { token: w.tokens.admin })
      expect(res.status).toBe(202)
      const notification = await seen
      expect(notification.queue).toBe('deploy')
      expect(notification.deploymentIds).toContain(String(res.body.doc.id))
    } finally {
      await client.end()
    }
    await w.payload.jobs.run({ queue: 'deploy', sequential: true })
  })

  it.skipIf(!isPostgres)('wakes an idle worker whose poll is an hour away, which then deploys it', async () => {
    // what other files left queued would only make the worker's first pass longer: run it here
    for (let i = 0; i < 10; i++) {
      const ran = await w.payload.jobs.run({ queue: 'deploy', limit: 50, sequential: true })
      if (Object.keys(ran.jobStatus ?? {}).length === 0) break
    }
    const site = await newSite()
    let output = ''
    const worker: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/worker.ts'), '--queue', 'deploy'], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_ENV: 'production', PUBLIC_URL: process.env.PUBLIC_URL || 'http://localhost:3000', PUBLISH_DIR: tmp, WORKER_INTERVAL_MS: String(60 * 60_000) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const exited = new Promise<number | null>((resolve) => worker.on('exit', resolve))
    try {
      // listening, and its first pass (run at start) done: only a signal can make it run again within the hour
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk
          if (/Worker running/.test(output)) resolve()
        }
        worker.stdout!.on('data', onData)
        worker.stderr!.on('data', (chunk) => (output += chunk))
        void exited.then((code) => reject(new Error(`the worker exited (${code}) before it listened:\n${output}`)))
      })
      const res = await rest('POST', `/sites/${site.id}/deploy`, { token: w.tokens.admin })
      expect(res.status).toBe(202)
      let done = await deployment(res.body.doc.id)
      for (let i = 0; i < 2_400 && ['queued', 'building', 'uploading'].includes(done.status); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        done = await deployment(res.body.doc.id)
      }
      expect(done.status, `${done.error ?? ''}\n${output}`).toBe('success')
      expect(fs.readFileSync(path.join(tmp, site.domain, 'current', 'index.html'), 'utf8')).toContain('Awake')
    } finally {
      worker.kill('SIGTERM')
      await exited
    }
  })
})

describe('two deployments of one site picked at the same moment', () => {
  it('run one after the other: one runs, the other waits for the site', async () => {
    const site = await newSite()
    const first = await rest('POST', `/sites/${site.id}/deploy`, { token: w.tokens.admin })
    const second = await rest('POST', `/sites/${site.id}/deploy`, { token: w.tokens.admin })
    expect([first.status, second.status]).toEqual([202, 202])
    // the second superseded the first; as two workers would find them: both queued
    await w.payload.update({ collection: 'deployments', id: first.body.doc.id, data: { status: 'queued', error: null, finishedAt: null } as never })

    const outcomes = await Promise.all([runDeployJob(w.payload, String(first.body.doc.id)), runDeployJob(w.payload, String(second.body.doc.id))])
    const statuses = outcomes.map((outcome) => outcome.output.status).sort()
    expect(statuses).toEqual(['success', 'waiting'])
    const waiting = outcomes[0].output.status === 'waiting' ? first.body.doc.id : second.body.doc.id
    expect((await deployment(waiting)).status).toBe('queued')
    // its retry (due later) then runs it alone
    const retry = (await jobsOf(waiting)).find((job) => !job.completedAt && !job.processing)
    expect(retry?.waitUntil).toBeTruthy()
    await w.payload.jobs.runByID({ id: retry!.id })
    expect((await deployment(waiting)).status).toBe('success')
  })

  it('waits while another worker holds the site, even before that one has marked anything as running', async () => {
    const site = await newSite()
    const res = await rest('POST', `/sites/${site.id}/deploy`, { token: w.tokens.admin })
    expect(res.status).toBe(202)
    // another worker has taken the site and is between its check and its first write: nothing says "building" yet
    const other = await lockSite(w.payload, site.id)
    expect(other).not.toBeNull()
    try {
      expect(await lockSite(w.payload, site.id)).toBeNull()
      expect((await runDeployJob(w.payload, String(res.body.doc.id))).output.status).toBe('waiting')
      expect((await deployment(res.body.doc.id)).status).toBe('queued')
    } finally {
      await other!.release()
    }
    expect((await runDeployJob(w.payload, String(res.body.doc.id))).output.status).toBe('success')
  })
})
