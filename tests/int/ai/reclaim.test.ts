import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { advanceClock, resetClock } from '@/lib/clock'
import type { Page, Site } from '@/payload-types'
import { ABANDONED_MESSAGE, batchStaleAfterMs } from '@/plugins/ai/jobs/reclaim'
import { rest } from '../../helpers/rest'
import { unique } from '../../helpers/world'
import { resetLimits, setupAi, type AiWorld } from './helpers'

// A worker that dies mid-run leaves its job at processing: true for ever
// (payloadcms/payload#17645) and the bulk run at "running". The next run of
// the ai queue ends such a run failed, with what to do, and releases its job;
// a run that is alive (its heartbeat keeps it fresh) is left alone.

let w: AiWorld
let site: Site
const saved = { stale: process.env.AI_BATCH_STALE_AFTER_MS, heartbeat: process.env.AI_BATCH_HEARTBEAT_MS }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const batch = async (id: number | string) => (await w.payload.findByID({ collection: 'ai-batches', id, depth: 0 })) as Record<string, any>
const jobOf = async (batchId: number | string) =>
  (await w.payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'aiGenerateBatch' } }, depth: 0, pagination: false })).docs.find(
    (job) => (job.input as { batchId?: string } | null)?.batchId === String(batchId),
  )

/** "Generate page" through REST for a new draft page with one empty hero; returns the queued bulk run's id. */
const bulkRunForNewPage = async (title: string): Promise<number> => {
  const page = (await w.payload.create({
    collection: 'pages',
    data: { title, slug: unique(`${title.toLowerCase()}-`), site: site.id, blocks: [{ blockType: 'hero', heading: '' }] } as never,
    draft: true,
  })) as Page
  const res = await rest('POST', '/ai/bulk', { token: w.tokens.admin, json: { scope: 'page', page: page.id } })
  expect(res.status).toBe(202)
  return res.body.doc.id as number
}

/** A bulk run as a dead worker leaves it: the run "running", its job "processing". */
const abandonedRun = async (): Promise<number> => {
  const id = await bulkRunForNewPage('Abandoned')
  await w.payload.update({ collection: 'ai-batches', id, data: { status: 'running', startedAt: new Date().toISOString() } as never })
  await w.payload.update({ collection: 'payload-jobs', id: (await jobOf(id))!.id, data: { processing: true } })
  return id
}

beforeAll(async () => {
  w = await setupAi()
  site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('reclaim-ai')}.test`, brandName: 'Reclaim', language: w.languageId, template: w.templateId } as never,
  })) as Site
})

afterAll(async () => {
  resetClock()
  for (const [key, value] of [['AI_BATCH_STALE_AFTER_MS', saved.stale], ['AI_BATCH_HEARTBEAT_MS', saved.heartbeat]] as const) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  await w?.restore()
})

describe('bulk runs left behind by a dead worker', () => {
  it('are left alone while fresh, then end failed with what to do, and their job is released and completed', async () => {
    // what other files of this worker left queued runs first: the passes below must meet only this file's run
    for (let i = 0; i < 50; i++) if ((await w.payload.jobs.run({ queue: 'ai', sequential: true, limit: 100 })).noJobsRemaining) break
    resetLimits(w)
    w.openai.reset()
    w.anthropic.reset()
    const id = await abandonedRun()

    // fresh: a worker may still be on it
    await w.payload.jobs.run({ queue: 'ai', sequential: true })
    expect((await batch(id)).status).toBe('running')
    expect((await jobOf(id))?.processing).toBe(true)

    // the stale window passes: an injected clock, not a wait
    advanceClock(batchStaleAfterMs() + 1_000)
    await w.payload.jobs.run({ queue: 'ai', sequential: true })
    resetClock()
    const ended = await batch(id)
    expect(ended.status).toBe('failed')
    expect(ended.error).toBe(ABANDONED_MESSAGE)
    expect(ended.finishedAt).toBeTruthy()
    // released and run again in the same pass: the run is no longer queued, so the job completes (and Payload deletes
    // completed jobs) without calling a model
    const job = await jobOf(id)
    expect(job === undefined || (job.processing === false && Boolean(job.completedAt)), JSON.stringify(job)).toBe(true)
    expect(w.openai.requests.length + w.anthropic.requests.length).toBe(0)
  })

  it('a live run writes a heartbeat while a model is slow, so it is never taken for abandoned', async () => {
    resetLimits(w)
    process.env.AI_BATCH_HEARTBEAT_MS = '200'
    process.env.AI_BATCH_STALE_AFTER_MS = '1000'
    // whichever provider the prompt names is slow
    for (const fake of [w.openai, w.anthropic]) {
      fake.reset()
      fake.latencyMs = 2_500
      fake.fallback = () => ({ json: { heading: 'Slow hero', subheading: 's', buttonText: 'b' } })
    }
    try {
      const id = await bulkRunForNewPage('Slow')
      const running = w.payload.jobs.run({ queue: 'ai', sequential: true })
      // while the model takes 2.5 s, a second worker looks at the queue after the stale time has passed
      await sleep(1_600)
      const mid = await batch(id)
      expect(mid.status).toBe('running')
      expect(Date.now() - new Date(mid.updatedAt).getTime()).toBeLessThan(1_000)
      await w.payload.jobs.run({ queue: 'ai', sequential: true })
      expect((await batch(id)).status).toBe('running')
      await running
      const done = await batch(id)
      expect(done.status, done.error).toBe('done')
      expect(done.progress.generated, JSON.stringify(done.results)).toBe(1)
      expect(w.openai.requests.length + w.anthropic.requests.length).toBe(1)
    } finally {
      for (const fake of [w.openai, w.anthropic]) {
        fake.latencyMs = 0
        fake.fallback = (request) => ({ text: `fallback ${request.path}` })
      }
      delete process.env.AI_BATCH_HEARTBEAT_MS
    }
  })
})
