import type { Payload, TaskConfig } from 'payload'

import { now } from '@/lib/clock'
import { DRIP_LOCK, lockSite } from '@/lib/siteLock'
import type { Page, Site } from '@/payload-types'

import { DRIP_TASK, SCHEDULE_QUEUE } from '../constants'
import { nextAfterPublish } from '../core/drip'

export type DripResult = { published: number }

/** The site's queued drafts, oldest first: what the drip publishes, in that order. */
export const dripQueueOf = async (payload: Payload, siteId: number, { limit }: { limit?: number } = {}): Promise<Page[]> =>
  (
    await payload.find({
      collection: 'pages',
      // the collection's row is the published version: a page never published is a draft there
      where: { and: [{ site: { equals: siteId } }, { dripQueued: { equals: true } }, { _status: { equals: 'draft' } }] },
      sort: ['createdAt', 'id'],
      depth: 0,
      overrideAccess: true,
      ...(limit ? { limit } : { pagination: false }),
    })
  ).docs

/**
 * Publishes, for every site whose drip is due, the oldest page of its queue, then moves the site's next due time
 * one period on. A site with nothing queued keeps its due time: the next page queued goes out at the next run.
 * The publish is an ordinary save, so the site's automatic deployment follows it as after any publish.
 */
export type DripOptions = {
  /**
   * Called after a page is published and before the site's due time moves on: the window in which another drip
   * run must not publish for the same due time. Tests run a second drip there to prove the lock keeps it out.
   */
  afterPublish?: (siteId: number) => Promise<void>
}

export const runDrip = async (payload: Payload, { afterPublish }: DripOptions = {}): Promise<DripResult> => {
  const at = now()
  const { docs: sites } = await payload.find({
    collection: 'sites',
    where: { and: [{ 'drip.enabled': { equals: true } }, { 'drip.nextAt': { less_than_equal: new Date(at).toISOString() } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  let published = 0
  for (const listed of sites as Site[]) {
    // one publish per due time, however many drip runs look at once (two workers whose schedules both queued a
    // run): the site's drip lock, then the due time read again, which the run before may have moved on
    const lock = await lockSite(payload, listed.id, DRIP_LOCK)
    if (!lock) continue
    try {
      const site = (await payload.findByID({ collection: 'sites', id: listed.id, depth: 0, overrideAccess: true })) as Site
      const due = Date.parse(site.drip?.nextAt ?? '')
      if (!site.drip?.enabled || !Number.isFinite(due) || due > at) continue
      const [page] = await dripQueueOf(payload, site.id, { limit: 1 })
      if (!page) continue
      try {
        await payload.update({ collection: 'pages', id: page.id, data: { _status: 'published', dripQueued: false }, depth: 0, overrideAccess: true })
        published++
      } catch (err) {
        payload.logger.error({ msg: `The drip queue of ${site.domain} could not publish page ${page.id}; it stays queued`, err })
        continue
      }
      await afterPublish?.(site.id)
      // straight to the row: the due time is bookkeeping, not a change of the site to deploy
      await payload.db.updateOne({
        collection: 'sites',
        id: site.id,
        data: { drip: { ...site.drip, nextAt: new Date(nextAfterPublish(due, site.drip?.everyDays ?? 1, at)).toISOString() } },
      })
    } finally {
      await lock.release()
    }
  }
  return { published }
}

export const dripTask: TaskConfig<typeof DRIP_TASK> = {
  slug: DRIP_TASK,
  label: 'Publish the next page of each drip queue',
  outputSchema: [{ name: 'published', type: 'number' }],
  retries: 1,
  // each minute: a page goes out within a minute of its time (npm run worker handles schedules)
  schedule: [{ cron: '0 * * * * *', queue: SCHEDULE_QUEUE }],
  handler: async ({ req }) => ({ output: await runDrip(req.payload) }),
}
