import { beforeAll, describe, expect, it } from 'vitest'

import { analyticsViewData } from '@/plugins/analytics/components/viewData'
import type { RawEvent } from '@/plugins/analytics/core/types'
import { utcDay } from '@/plugins/analytics/core/visitor'
import { runRollup } from '@/plugins/analytics/jobs/rollup'
import { storeOf } from '@/plugins/analytics/store'
import { getWorld, type World } from '../../helpers/world'
import { graphql, rest } from '../../helpers/rest'

let w: World

const views = (siteId: number, domain: string, n: number): RawEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    siteId,
    occurredAt: new Date(Date.now() - 60_000 * (i + 1)),
    type: 'pageview' as const,
    pathname: `/p${i}/`,
    hostname: domain,
    referrer: null,
    referrerHost: null,
    source: 'direct' as const,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    visitorId: `v${siteId}-${i}`,
    target: null,
    affiliateLinkId: null,
    revenue: null,
  }))

beforeAll(async () => {
  w = await getWorld()
  await storeOf(w.payload).insertEvents([...views(w.siteA.id, w.siteA.domain, 3), ...views(w.siteB.id, w.siteB.domain, 5)])
  await runRollup({ payload: w.payload, siteIds: [w.siteA.id, w.siteB.id], retentionDays: 0 })
})

const today = () => utcDay(new Date())

describe('stats endpoint', () => {
  it("gives an editor their own site's figures", async () => {
    const res = await rest('GET', `/analytics/stats?site=${w.siteA.id}`, { token: w.tokens.editorA })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ site: { id: w.siteA.id, domain: w.siteA.domain }, visitors: 3, pageViews: 3, to: today() })
    expect(res.body.days).toHaveLength(30)
  })

  it("refuses another site's figures to an editor, and everything to strangers", async () => {
    const theirs = await rest('GET', `/analytics/stats?site=${w.siteB.id}`, { token: w.tokens.editorA })
    expect(theirs.status).toBe(403)
    expect(theirs.body.errors[0].message).toMatch(/no access/)
    expect(JSON.stringify(theirs.body)).not.toMatch(/pageViews/)
    const anonymous = await rest('GET', `/analytics/stats?site=${w.siteA.id}`)
    expect(anonymous.status).toBe(401)
  })

  it('lets an admin read any site', async () => {
    const res = await rest('GET', `/analytics/stats?site=${w.siteB.id}`, { token: w.tokens.admin })
    expect(res.status).toBe(200)
    expect(res.body.visitors).toBe(5)
  })

  it.each([
    ['no site', ''],
    ['a site that is not an id', 'site=abc'],
    ['a bad date', 'site=SITE&from=2026-02-30'],
    ['a reversed range', 'site=SITE&from=2026-03-02&to=2026-03-01'],
    ['a range over a year', 'site=SITE&from=2020-01-01&to=2026-01-01'],
    ['an unknown format', 'site=SITE&format=xml'],
  ])('answers 400 with a reason for %s', async (_name, query) => {
    const res = await rest('GET', `/analytics/stats?${query.replace('SITE', String(w.siteA.id))}`, { token: w.tokens.editorA })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message.length).toBeGreaterThan(10)
  })

  it('exports CSV, one line per day', async () => {
    const res = await rest('GET', `/analytics/stats?site=${w.siteA.id}&from=${today()}&to=${today()}&format=csv`, { token: w.tokens.editorA })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="analytics-site-a\.test-/)
    const lines = String(res.body).trim().split('\r\n')
    expect(lines[0]).toMatch(/^date,visitors,pageViews,sessions,bounces,bounceRate,pagesPerSession,clicks,conversions,revenue,sessions_direct/)
    expect(lines[1]).toMatch(new RegExp(`^${today()},3,3,3,3,100,1,0,0,0,3,`))
    expect(lines).toHaveLength(2)
  })
})

describe('collections', () => {
  it('show an editor only their own sites\' rollups and page views over REST', async () => {
    for (const collection of ['analytics', 'page-views']) {
      const res = await rest('GET', `/${collection}?limit=100&depth=0`, { token: w.tokens.editorA })
      expect(res.status).toBe(200)
      expect(res.body.docs.length).toBeGreaterThan(0)
      expect(res.body.docs.every((d: { site: number }) => d.site === w.siteA.id)).toBe(true)
      const asked = await rest('GET', `/${collection}?where[site][equals]=${w.siteB.id}&depth=0`, { token: w.tokens.editorA })
      expect(asked.body.docs).toHaveLength(0)
    }
  })

  it('show an editor only their own sites over GraphQL', async () => {
    const res = await graphql('{ Analytics(limit: 100) { docs { site { id } pageViews } } PageViews(limit: 100) { docs { site { id } pathname } } }', { token: w.tokens.editorA })
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined()
    const sites = [...res.body.data.Analytics.docs, ...res.body.data.PageViews.docs].map((d: { site: { id: number } }) => d.site.id)
    expect(sites.length).toBeGreaterThan(0)
    expect(new Set(sites)).toEqual(new Set([w.siteA.id]))
    const byId = await graphql(`{ PageViews(where: { site: { equals: ${w.siteB.id} } }) { docs { id } } }`, { token: w.tokens.editorA })
    expect(byId.body.data.PageViews.docs).toHaveLength(0)
  })

  it('cannot be written by anyone through the API, admins included', async () => {
    const existing = (await w.payload.find({ collection: 'analytics', where: { site: { equals: w.siteA.id } } })).docs[0]
    for (const token of [w.tokens.admin, w.tokens.editorA]) {
      expect((await rest('POST', '/analytics', { token, json: { site: w.siteA.id, date: '2030-01-01', visitors: 999 } })).status).toBe(403)
      expect((await rest('PATCH', `/analytics/${existing.id}`, { token, json: { visitors: 999 } })).status).toBe(403)
      expect((await rest('DELETE', `/analytics/${existing.id}`, { token })).status).toBe(403)
      expect((await rest('POST', '/page-views', { token, json: { site: w.siteA.id, occurredAt: new Date().toISOString(), pathname: '/', hostname: 'x', visitorId: 'x' } })).status).toBe(403)
    }
    expect((await w.payload.findByID({ collection: 'analytics', id: existing.id })).visitors).toBe(existing.visitors)
  })

  it('never reveal the visitor-id salts', async () => {
    const res = await rest('GET', '/analytics-salts', { token: w.tokens.admin })
    expect(res.status).toBe(403)
    const gql = await graphql('{ AnalyticsSalts { docs { salt } } }', { token: w.tokens.admin })
    expect(gql.body.errors?.[0]?.message).toMatch(/Cannot query field/)
  })
})

describe('Analytics admin view', () => {
  // the view's loader (components/viewData.ts), as AnalyticsView calls it with the signed-in user
  const render = (user: unknown, searchParams: Record<string, string>) => analyticsViewData({ payload: w.payload, user: user as never, searchParams })

  it("shows an editor their own site's figures and lists only their sites", async () => {
    const props = await render({ ...w.editorA, collection: 'users' }, { site: String(w.siteA.id) })
    expect(props.error).toBeNull()
    expect(props.stats).toMatchObject({ visitors: 3, site: { id: w.siteA.id } })
    expect(props.sites.map((s: { id: number }) => s.id)).toEqual([w.siteA.id])
  })

  it("refuses an editor another site's figures", async () => {
    const props = await render({ ...w.editorA, collection: 'users' }, { site: String(w.siteB.id) })
    expect(props.stats).toBeNull()
    expect(props.error).toMatch(/no access/)
  })
})
