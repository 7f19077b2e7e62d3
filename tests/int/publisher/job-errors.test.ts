import { beforeAll, describe, expect, it } from 'vitest'

import type { Deployment, Site, Template } from '@/payload-types'
import { deploySiteTask, DEPLOY_RETRIES } from '@/plugins/publisher/jobs/deploySite'
import { queueDeployment } from '@/plugins/publisher/jobs/queue'
import type { Payload, PayloadRequest } from 'payload'
import { getWorld, unique, type World } from '../../helpers/world'

// What goes wrong around a deployment (the database dropping a connection, say) fails the job's attempt, and
// Payload tries it again (retries: 2). After the last attempt the deployment must not stay "queued" for ever:
// it ends failed with the reason.

let w: World
let site: Site

/** Payload as the job sees it, with `find` failing the way a dropped database connection does. */
const withFailingFind = (payload: Payload): Payload =>
  new Proxy(payload, {
    get(target, prop) {
      if (prop === 'find') return () => Promise.reject(new Error('Connection terminated unexpectedly'))
      const value = Reflect.get(target, prop)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })

const handler = deploySiteTask.handler as Exclude<typeof deploySiteTask.handler, string>

const attempt = (deploymentId: number, totalTried: number) =>
  handler({
    input: { deploymentId: String(deploymentId) },
    job: { totalTried } as never,
    req: { payload: withFailingFind(w.payload) } as PayloadRequest,
    inlineTask: undefined as never,
    tasks: undefined as never,
  })

const status = async (id: number) => ((await w.payload.findByID({ collection: 'deployments', id, depth: 0 })) as Deployment)

beforeAll(async () => {
  w = await getWorld()
  const template = (await w.payload.create({
    collection: 'templates',
    data: { name: unique('Job errors template '), type: 'monolithic', html: '<html><body>{{ content }}</body></html>' } as never,
  })) as Template
  site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('joberr')}.test`, brandName: 'Job errors', language: w.languageId, template: template.id } as never,
  })) as Site
})

describe('a deploy job whose attempts fail around the deployment', () => {
  it('leaves the deployment queued while attempts remain, and ends it failed with the reason after the last', async () => {
    const queued = await queueDeployment({ payload: w.payload, siteId: site.id, trigger: 'manual' })
    for (let tried = 0; tried < DEPLOY_RETRIES; tried++) {
      await expect(attempt(queued.id, tried)).rejects.toThrow('Connection terminated unexpectedly')
      expect((await status(queued.id)).status).toBe('queued')
    }
    await expect(attempt(queued.id, DEPLOY_RETRIES)).rejects.toThrow('Connection terminated unexpectedly')
    const ended = await status(queued.id)
    expect(ended.status).toBe('failed')
    expect(ended.error).toBe(`The deployment could not be run after ${DEPLOY_RETRIES + 1} attempts: Connection terminated unexpectedly`)
    expect(ended.finishedAt).toBeTruthy()
    expect(ended.log).toContain('could not be run')
  })

  // (the jobs queued here end at once when another file's run picks them up: their deployments are no longer queued)
  it('does not touch a deployment that has already ended', async () => {
    const queued = await queueDeployment({ payload: w.payload, siteId: site.id, trigger: 'manual' })
    await w.payload.update({ collection: 'deployments', id: queued.id, data: { status: 'cancelled', error: 'Cancelled' }, overrideAccess: true })
    // the deployment is read first (findByID), so an ended one returns before anything can fail
    await expect(attempt(queued.id, DEPLOY_RETRIES)).resolves.toEqual({ output: { status: 'cancelled' } })
    expect((await status(queued.id)).status).toBe('cancelled')
  })
})
