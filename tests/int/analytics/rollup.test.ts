import { beforeAll, describe, expect, it } from 'vitest'

import type { RawEvent } from '@/plugins/analytics/core/types'
import { ANALYTICS_QUEUE, ROLLUP_TASK } from '@/plugins/analytics/jobs/constants'
import { runRollup } from '@/plugins/analytics/jobs/rollup'
import { storeOf } from '@/plugins/analytics/store'
import type { Site } from '@/payload-types'
import { getWorld, type World } from '../../helpers/world'
import { createSite } from './helpers'

let w: World
let site: Site

const event = (at: string, visitorId: string, pathname = '/', extra: Partial<RawEvent> = {}): RawEvent => ({
  siteId: site.id,
  occurredAt: new Date(at),
  type: 'pageview',
  pathname,
  hostname: site.domain,
  referrer: null,
  referrerHost: null,
  source: 'direct',
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  visitorId,
  target: null,
  affiliateLinkId: null,
  revenue: null,
  ...extra,
})

const rows = async () => {
  const { docs } = await w.payload.find({ collection: 'analytics', where: { site: { equals: site.id } }, sort: 'date', pagination: false, depth: 0 })
  return docs.map(({ updatedAt: _u, createdAt: _c, computedAt: _d, ...rest }) => rest)
}

beforeAll(async () => {
  w = await getWorld()
  site = await createSite(w)
  await storeOf(w.payload).insertEvents([
    // 2030-05-01: a reads 3 pages in one session from Google; b bounces twice (idle gap); c clicks out
    event('2030-05-01T10:00:00Z', 'a', '/', { source: 'organic', referrerHost: 'google.com', referrer: 'https://www.google.com/' }),
    event('2030-05-01T10:05:00Z', 'a', '/reviews/'),
    event('2030-05-01T10:20:00Z', 'a', '/reviews/best/'),
    event('2030-05-01T11:00:00Z', 'b', '/'),
    event('2030-05-01T13:00:00Z', 'b', '/reviews/'),
    event('2030-05-01T23:59:59Z', 'c', '/', { source: 'social', referrerHost: 't.co' }),
    event('2030-05-01T23:59:59Z', 'c', '/', { type: 'click', target: 'https://x.example/' }),
    // 2030-05-02: one visitor
    event('2030-05-02T00:00:00Z', 'd', '/faq/'),
    // 2030-05-04 (05-03 has nothing)
    event('2030-05-04T08:00:00Z', 'e', '/'),
    event('2030-05-04T08:10:00Z', 'e', '/faq/'),
  ])
})

describe('rollups', () => {
  it('writes one row per site per day with the day\'s figures', async () => {
    const result = await runRollup({ payload: w.payload, now: new Date('2030-05-04T09:00:00Z'), siteIds: [site.id], retentionDays: 0 })
    expect(result.written).toBe(3)
    const days = await rows()
    expect(days.map((d) => d.date)).toEqual(['2030-05-01', '2030-05-02', '2030-05-04'])
    expect(days[0]).toMatchObject({
      visitors: 3,
      pageViews: 6,
      sessions: 4,
      bounces: 3,
      bounceRate: 75,
      pagesPerSession: 1.5,
      clicks: 1,
      conversions: 0,
      isFinal: true,
      sources: { direct: 2, organic: 1, social: 1, referral: 0, paid: 0, email: 0 },
      topReferrers: [
        { name: 'google.com', count: 1 },
        { name: 't.co', count: 1 },
      ],
    })
    expect((days[0].topPages as { name: string; count: number }[])[0]).toEqual({ name: '/', count: 3 })
    expect(days[1]).toMatchObject({ visitors: 1, pageViews: 1, sessions: 1, bounces: 1, isFinal: true })
    // today is not over: recomputed on the next run
    expect(days[2]).toMatchObject({ visitors: 1, pageViews: 2, bounceRate: 0, isFinal: false })
  })

  it('gives the same rows when run again, and recomputes only the open day', async () => {
    const before = await rows()
    const again = await runRollup({ payload: w.payload, now: new Date('2030-05-04T09:00:00Z'), siteIds: [site.id], retentionDays: 0 })
    expect(again.written).toBe(1)
    expect(await rows()).toEqual(before)
    // a later event on the open day changes only that row, in place
    await storeOf(w.payload).insertEvents([event('2030-05-04T20:00:00Z', 'f', '/')])
    await runRollup({ payload: w.payload, now: new Date('2030-05-05T00:30:00Z'), siteIds: [site.id], retentionDays: 0 })
    const after = await rows()
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id))
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2))
    expect(after[2]).toMatchObject({ visitors: 2, pageViews: 3, isFinal: true })
  })

  it('deletes raw events past the retention period only once their days are rolled up', async () => {
    const store = storeOf(w.payload)
    const late = await createSite(w)
    await store.insertEvents([
      { ...event('2030-05-01T10:00:00Z', 'z'), siteId: late.id },
      { ...event('2030-05-09T10:00:00Z', 'z'), siteId: late.id },
    ])
    // 7 days kept on 2030-05-10: 05-01 goes, 05-09 stays; its rollup exists first
    const result = await runRollup({ payload: w.payload, now: new Date('2030-05-10T12:00:00Z'), siteIds: [late.id], retentionDays: 7 })
    expect(result.deleted).toBe(1)
    expect(await store.countEvents({ siteId: late.id })).toBe(1)
    const { docs } = await w.payload.find({ collection: 'analytics', where: { site: { equals: late.id } }, sort: 'date' })
    expect(docs.map((d) => [d.date, d.pageViews, d.isFinal])).toEqual([
      ['2030-05-01', 1, true],
      ['2030-05-09', 1, true],
    ])
  })

  it('runs as the scheduled analyticsRollup job on the analytics queue', async () => {
    const scheduled = await createSite(w)
    await storeOf(w.payload).insertEvents([{ ...event(new Date().toISOString(), 'q'), siteId: scheduled.id }])
    await w.payload.jobs.queue({ task: ROLLUP_TASK, input: {}, queue: ANALYTICS_QUEUE })
    await w.payload.jobs.run({ queue: ANALYTICS_QUEUE })
    const { docs } = await w.payload.find({ collection: 'analytics', where: { site: { equals: scheduled.id } } })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ visitors: 1, pageViews: 1, isFinal: false })
  })

  it('deleting a site deletes its page views and rollups', async () => {
    const gone = await createSite(w)
    await storeOf(w.payload).insertEvents([{ ...event('2030-05-01T10:00:00Z', 'x'), siteId: gone.id }])
    await runRollup({ payload: w.payload, now: new Date('2030-05-02T00:00:00Z'), siteIds: [gone.id], retentionDays: 0 })
    await w.payload.delete({ collection: 'sites', id: gone.id })
    expect(await storeOf(w.payload).countEvents({ siteId: gone.id })).toBe(0)
    expect((await w.payload.count({ collection: 'analytics', where: { site: { equals: gone.id } } })).totalDocs).toBe(0)
  })
})
