import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { takeDeploySlot, type DeploySlot } from '@/lib/deploySlots'
import type { Deployment, Site } from '@/payload-types'
import { runDeployJob } from '@/plugins/publisher/jobs/deploySite'
import { wakeSlotWaiter } from '@/plugins/publisher/jobs/slotWait'
import { rest } from '../../helpers/rest'
import { getWorld, unique, type World } from '../../helpers/world'

// The global limit on concurrent deployments: slots (PostgreSQL advisory locks, an in-process semaphore on
// SQLite), and a deployment without a slot that waits, still queued, until a slot is freed.

let w: World
let tmp: string
const saved = { dir: process.env.PUBLISH_DIR, concurrency: process.env.DEPLOY_CONCURRENCY }

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deploy-slots-'))
  process.env.PUBLISH_DIR = tmp
})

afterAll(() => {
  for (const [key, value] of [['PUBLISH_DIR', saved.dir], ['DEPLOY_CONCURRENCY', saved.concurrency]] as const) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  fs.rmSync(tmp, { recursive: true, force: true })
})

const slotJobsOf = async (deploymentId: number | string) =>
  (await w.payload.find({ collection: 'payload-jobs', where: { taskSlug: { equals: 'deploySite' } }, depth: 0, pagination: false })).docs.filter((job) => {
    const input = job.input as { deploymentId?: string; waitingFor?: string } | null
    return input?.deploymentId === String(deploymentId) && input.waitingFor === 'slot' && !job.completedAt
  })

describe('deploy slots', () => {
  it('hands out at most the limit at once, and a released slot again', async () => {
    const held: DeploySlot[] = []
    try {
      for (let i = 0; i < 3; i++) {
        const slot = await takeDeploySlot(w.payload, 3)
        expect(slot, `slot ${i}`).not.toBeNull()
        held.push(slot!)
      }
      expect(new Set(held.map((slot) => slot.index)).size).toBe(3)
      expect(await takeDeploySlot(w.payload, 3)).toBeNull()
      const freed = held.shift()!
      await freed.release()
      const again = await takeDeploySlot(w.payload, 3)
      expect(again?.index).toBe(freed.index)
      held.push(again!)
      expect(await takeDeploySlot(w.payload, 3)).toBeNull()
    } finally {
      await Promise.all(held.map((slot) => slot.release()))
    }
  })

  it('a deployment finding every slot taken waits queued, and is made due when a slot is freed', async () => {
    process.env.DEPLOY_CONCURRENCY = '1'
    const site = (await w.payload.create({
      collection: 'sites',
      data: { domain: `${unique('slots')}.test`, brandName: 'Slots', language: w.languageId, template: w.templateId } as never,
    })) as Site
    await w.payload.create({ collection: 'pages', data: { title: 'Home', slug: 'index', h1: 'Slots', site: site.id, _status: 'published' } as never })
    // what other files left queued must not take the one slot below
    await w.payload.jobs.run({ queue: 'deploy', limit: 100, sequential: true })
    const other = await takeDeploySlot(w.payload)
    expect(other).not.toBeNull()
    let id: number
    try {
      const res = await rest('POST', `/sites/${site.id}/deploy`, { token: w.tokens.admin })
      expect(res.status).toBe(202)
      id = res.body.doc.id
      expect((await runDeployJob(w.payload, String(id))).output.status).toBe('waiting')
      expect(((await w.payload.findByID({ collection: 'deployments', id })) as Deployment).status).toBe('queued')
      const [waiting] = await slotJobsOf(id)
      expect(waiting, 'a job waiting for a slot').toBeTruthy()
      // not due before a slot frees (or the long fallback): no worker polls it in the meantime
      expect(new Date(waiting!.waitUntil!).getTime()).toBeGreaterThan(Date.now())
    } finally {
      await other!.release()
    }
    await wakeSlotWaiter(w.payload)
    const [woken] = await slotJobsOf(id!)
    expect(new Date(woken!.waitUntil!).getTime()).toBeLessThanOrEqual(Date.now())
    await w.payload.jobs.runByID({ id: woken!.id })
    expect(((await w.payload.findByID({ collection: 'deployments', id: id! })) as Deployment).status).toBe('success')
    delete process.env.DEPLOY_CONCURRENCY
  })
})
