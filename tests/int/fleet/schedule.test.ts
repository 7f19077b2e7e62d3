import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createLocalReq } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { advanceClock, now, resetClock } from '@/lib/clock'
import type { Page, Site, Template, User } from '@/payload-types'
import { DAY_MS } from '@/plugins/fleet/schedule/core/drip'
import { DRIP_TASK, SCHEDULE_QUEUE } from '@/plugins/fleet/schedule/constants'
import { runDrip, type DripResult } from '@/plugins/fleet/schedule/jobs/drip'
// the admin's own server function behind Schedule publish (the schedule drawer calls it)
import { schedulePublishHandler } from '../../../node_modules/@payloadcms/ui/dist/utilities/schedulePublishHandler.js'
import { login, rest } from '../../helpers/rest'
import { getWorld, PASSWORD, unique, type World } from '../../helpers/world'

// Pages publish at a chosen time (Payload's scheduled publish) or one at a time from a site's drip queue; either
// way the site deploys once after each publish, and nothing goes out before its time. Time moves with
// lib/clock.ts (advanceClock), which the job queue follows.

const LAYOUT = `<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>`
const HOUR = 3_600_000

let w: World
let tmp: string
let template: Template
let editor: User
let editorToken: string
const savedDir = process.env.PUBLISH_DIR

const makeSite = async (name: string) => {
  const site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique(name)}.test`, brandName: name, language: w.languageId, template: template.id, enablePageSpeed: false, analyticsEnabled: false, autoDeploy: true } as never,
  })) as Site
  await w.payload.create({ collection: 'pages', data: { title: 'Home', slug: 'index', site: site.id, _status: 'published' } as never })
  return site
}

const draft = async (site: Site, title: string, extra: Partial<Page> = {}) =>
  (await w.payload.create({ collection: 'pages', data: { title, slug: unique('p-'), site: site.id, _status: 'draft', ...extra } as never })) as Page

/** The published row's status (drafts live in the versions table). */
const statusOf = async (id: number) => (await w.payload.findByID({ collection: 'pages', id, depth: 0 }))._status

const deploymentsOf = async (site: Site) =>
  (await w.payload.find({ collection: 'deployments', where: { site: { equals: site.id } }, sort: 'createdAt', pagination: false, depth: 0 })).docs

/** What `npm run worker` does for these queues in one pass. */
// one job at a time, until the queue has nothing due: jobs.run({ limit }) runs jobs side by side, and two
// deployments writing at once on SQLite (one writer) end in SQLITE_BUSY
const runQueue = async (queue: string) => {
  for (let i = 0; i < 50; i++) {
    const res = await w.payload.jobs.run({ queue, limit: 1 })
    if (res.noJobsRemaining || Object.keys(res.jobStatus ?? {}).length === 0) return
  }
}

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schedule-'))
  process.env.PUBLISH_DIR = tmp
  template = (await w.payload.create({
    collection: 'templates',
    data: { name: unique('Schedule template '), type: 'monolithic', html: LAYOUT, css: 'body{margin:0}', cssOutput: 'external' } as never,
  })) as Template
  const email = `${unique('schedule-editor-')}@panel.test`
  editor = (await w.payload.create({ collection: 'users', data: { email, password: PASSWORD, role: 'editor', sites: [] } as never })) as User
  editorToken = await login(email, PASSWORD)
})

afterEach(() => resetClock())

afterAll(() => {
  resetClock()
  if (savedDir === undefined) delete process.env.PUBLISH_DIR
  else process.env.PUBLISH_DIR = savedDir
  fs.rmSync(tmp, { recursive: true, force: true })
})

const assign = async (site: Site) => {
  const sites = [...((editor.sites ?? []) as { site: number | Site }[]), { site: site.id }]
  editor = (await w.payload.update({ collection: 'users', id: editor.id, data: { sites } as never })) as User
  editorToken = await login(editor.email, PASSWORD)
}

describe('scheduled publishing', () => {
  it('publishes a draft once at the time the editor chose, and the site deploys once', async () => {
    const site = await makeSite('scheduled')
    await assign(site)
    // a deployment of the home page first, so the one after the publish is the only one it causes
    await runQueue('deploy')
    const baseline = (await deploymentsOf(site)).length
    const page = await draft(site, 'Launch day', { h1: 'Launch day' } as Partial<Page>)
    const at = new Date(now() + 2 * HOUR)
    const req = await createLocalReq({ user: { ...editor, collection: 'users' } as never }, w.payload)
    const answer = await schedulePublishHandler({ type: 'publish', date: at, doc: { relationTo: 'pages', value: String(page.id) }, req } as never)
    expect(answer).not.toHaveProperty('error')

    const listed = await rest('GET', `/sites/${site.id}/schedule`, { token: editorToken })
    expect(listed.status).toBe(200)
    expect(listed.body.scheduled).toEqual([expect.objectContaining({ pageId: page.id, title: 'Launch day', type: 'publish', at: at.toISOString() })])

    // an hour early: the worker passes over it
    advanceClock(HOUR)
    await runQueue('default')
    expect(await statusOf(page.id)).toBe('draft')
    expect(await deploymentsOf(site)).toHaveLength(baseline)

    advanceClock(HOUR + 60_000)
    await runQueue('default')
    expect(await statusOf(page.id)).toBe('published')
    const after = await deploymentsOf(site)
    expect(after).toHaveLength(baseline + 1)
    expect(after.at(-1)).toMatchObject({ status: 'queued', trigger: 'auto' })

    // once: further passes publish and deploy nothing more
    await runQueue('default')
    await runQueue('deploy')
    await runQueue('default')
    const done = await deploymentsOf(site)
    expect(done).toHaveLength(baseline + 1)
    expect(done.at(-1)!.status).toBe('success')
    const file = path.join(tmp, site.domain, 'current', page.slug!, 'index.html')
    expect(fs.readFileSync(file, 'utf8')).toContain('<h1>Launch day</h1>')
    expect((await rest('GET', `/sites/${site.id}/schedule`, { token: editorToken })).body.scheduled).toEqual([])
  })

  it("shows a site's schedule only to those who may read the site", async () => {
    const site = await makeSite('private-schedule')
    expect((await rest('GET', `/sites/${site.id}/schedule`)).status).toBe(401)
    expect((await rest('GET', `/sites/${site.id}/schedule`, { token: w.tokens.editorB })).status).toBe(404)
    expect((await rest('GET', `/sites/${site.id}/schedule`, { token: w.tokens.admin })).status).toBe(200)
  })
})

describe('the drip queue', () => {
  it('is run by the worker: a scheduled task on the queue `npm run worker` handles', () => {
    const task = w.payload.config.jobs.tasks?.find((t) => t.slug === DRIP_TASK)
    expect(task?.schedule).toEqual([expect.objectContaining({ queue: SCHEDULE_QUEUE })])
  })

  it('a drip run that looks after a page went out but before the due time moved on publishes nothing (the drip lock)', async () => {
    const site = await makeSite('drip-race')
    const first = await draft(site, 'First', { dripQueued: true })
    const second = await draft(site, 'Second', { dripQueued: true })
    await w.payload.update({ collection: 'sites', id: site.id, data: { drip: { enabled: true, everyDays: 1, time: new Date(now() + HOUR).toISOString().slice(11, 16) } } as never })
    await runQueue('deploy')
    advanceClock(2 * HOUR)
    // the window three runs started at once may not hit: a second run there sees the time still due and, without
    // the lock, publishes the next page as well
    const inWindow: DripResult[] = []
    const outer = await runDrip(w.payload, {
      afterPublish: async (siteId) => {
        if (siteId === site.id && inWindow.length === 0) inWindow.push(await runDrip(w.payload))
      },
    })
    await runQueue('deploy')
    expect(outer.published).toBeGreaterThanOrEqual(1)
    expect(inWindow).toEqual([{ published: 0 }])
    expect([await statusOf(first.id), await statusOf(second.id)]).toEqual(['published', 'draft'])
  })

  it('publishes the oldest queued draft once per period, in order, none before its time, one deploy each', async () => {
    const site = await makeSite('drip')
    const other = await makeSite('drip-other')
    await assign(site)
    const first = await draft(site, 'First', { dripQueued: true })
    const second = await draft(site, 'Second', { dripQueued: true })
    const third = await draft(site, 'Third', { dripQueued: true })
    const unqueued = await draft(site, 'Not queued')
    const elsewhere = await draft(other, 'Other site', { dripQueued: true })

    // every 2 days at a time of day three hours from now
    const slot = new Date(now() + 3 * HOUR)
    const time = slot.toISOString().slice(11, 16)
    const res = await rest('PATCH', `/sites/${site.id}`, { token: editorToken, json: { drip: { enabled: true, everyDays: 2, time } } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const nextAt = Date.parse(res.body.doc.drip.nextAt)
    expect(new Date(nextAt).toISOString().slice(11, 16)).toBe(time)
    expect(nextAt).toBeGreaterThan(now())
    expect(nextAt - now()).toBeLessThanOrEqual(3 * HOUR)
    // nobody sets the due time by hand
    const forged = await rest('PATCH', `/sites/${site.id}`, { token: editorToken, json: { drip: { nextAt: new Date(now() - DAY_MS).toISOString() } } })
    expect(Date.parse(forged.body.doc.drip.nextAt)).toBe(nextAt)
    // saving the site deploys it (autoDeploy): count from here
    await runQueue('deploy')
    const baseline = (await deploymentsOf(site)).length

    const listed = (await rest('GET', `/sites/${site.id}/schedule`, { token: editorToken })).body
    expect(listed.drip.queue.map((q: { pageId: number }) => q.pageId)).toEqual([first.id, second.id, third.id])
    expect(listed.drip.queue.map((q: { expectedAt: string }) => Date.parse(q.expectedAt))).toEqual([nextAt, nextAt + 2 * DAY_MS, nextAt + 4 * DAY_MS])

    const pass = async () => {
      await w.payload.jobs.queue({ task: DRIP_TASK as never, input: {} as never, queue: SCHEDULE_QUEUE })
      await runQueue(SCHEDULE_QUEUE)
      await runQueue('deploy')
    }
    const published = async () => {
      const list: number[] = []
      for (const page of [first, second, third, unqueued]) if ((await statusOf(page.id)) === 'published') list.push(page.id)
      return list
    }

    await pass()
    expect(await published()).toEqual([])
    advanceClock(nextAt - now() - 60_000) // a minute early
    await pass()
    expect(await published()).toEqual([])

    advanceClock(2 * 60_000)
    await pass()
    expect(await published()).toEqual([first.id])
    await pass()
    expect(await published()).toEqual([first.id])
    expect((await deploymentsOf(site)).length).toBe(baseline + 1)

    advanceClock(DAY_MS) // half a period
    await pass()
    expect(await published()).toEqual([first.id])

    advanceClock(DAY_MS)
    // three drip runs at once (two workers whose schedules both queued one): still one page for this due time
    await Promise.all([runDrip(w.payload), runDrip(w.payload), runDrip(w.payload)])
    await runQueue('deploy')
    expect(await published()).toEqual([first.id, second.id])
    await pass()
    expect(await published()).toEqual([first.id, second.id])

    // a worker away for a week: one page when it is back, not a burst
    advanceClock(7 * DAY_MS)
    await pass()
    await pass()
    expect(await published()).toEqual([first.id, second.id, third.id])

    advanceClock(4 * DAY_MS)
    await pass()
    expect(await published()).toEqual([first.id, second.id, third.id])
    expect(await statusOf(unqueued.id)).toBe('draft')
    expect(await statusOf(elsewhere.id)).toBe('draft')
    const deployments = await deploymentsOf(site)
    expect(deployments).toHaveLength(baseline + 3)
    expect(deployments.every((d) => d.status === 'success')).toBe(true)
    expect((await rest('GET', `/sites/${site.id}/schedule`, { token: editorToken })).body.drip.queue).toEqual([])
  })
})
