import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { storeOf } from '@/plugins/analytics/store'
import type { Site } from '@/payload-types'
import { getWorld, type World } from '../../helpers/world'
import { BROWSER_UA, createSite, pageViewsOf, startCollector, track, type Running } from './helpers'

let w: World
let site: Site
let offSite: Site
let c: Running

beforeAll(async () => {
  w = await getWorld()
  site = await createSite(w)
  offSite = await createSite(w, { analyticsEnabled: false })
  c = await startCollector()
})
afterAll(async () => {
  await c?.close()
})

const view = (extra: Record<string, unknown> = {}) => ({ s: site.id, h: site.domain, p: '/', ...extra })

describe('collector: POST /track', () => {
  it('stores a page view with its source, campaign and a cookieless visitor id, answering 202 after the commit', async () => {
    const res = await track(c.url, view({ p: '/reviews/', q: '?utm_source=newsletter&utm_medium=email&utm_campaign=spring', r: 'https://mail.google.com/' }), {
      'x-forwarded-for': '203.0.113.9',
    })
    expect(res.status).toBe(202)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('set-cookie')).toBeNull()
    // answered means committed: readable at once through Payload
    const rows = await pageViewsOf(w.payload, site.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      type: 'pageview',
      pathname: '/reviews/',
      hostname: site.domain,
      referrerHost: 'mail.google.com',
      source: 'email',
      utmSource: 'newsletter',
      utmMedium: 'email',
      utmCampaign: 'spring',
    })
    expect(rows[0].visitorId).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(Math.abs(Date.parse(rows[0].occurredAt) - Date.now())).toBeLessThan(60_000)
  })

  it('accepts the www. host of the domain and records clicks with their target', async () => {
    const res = await track(c.url, view({ h: `www.${site.domain}`, t: 'click', x: 'https://partner.example/offer' }))
    expect(res.status).toBe(202)
    const rows = await pageViewsOf(w.payload, site.id)
    expect(rows.find((r) => r.type === 'click')).toMatchObject({ target: 'https://partner.example/offer', hostname: `www.${site.domain}` })
  })

  it('gives the same visitor the same id within a day, and another visitor another id', async () => {
    const before = (await pageViewsOf(w.payload, site.id)).length
    await track(c.url, view({ p: '/a/' }))
    await track(c.url, view({ p: '/b/' }))
    await track(c.url, view({ p: '/c/' }), { 'user-agent': BROWSER_UA.replace('131', '130') })
    const rows = (await pageViewsOf(w.payload, site.id)).slice(before)
    expect(rows[0].visitorId).toBe(rows[1].visitorId)
    expect(rows[2].visitorId).not.toBe(rows[0].visitorId)
  })

  it.each([
    ['an unknown site', () => view({ s: 2_000_000_000 }), 404, /no site/],
    ['a site with analytics off', () => ({ s: offSite.id, h: offSite.domain, p: '/' }), 403, /Analytics is off/],
    ['another host name', () => view({ h: 'evil.example' }), 403, /is not the domain/],
    ['a subdomain of the domain', () => view({ h: `shop.${site.domain}` }), 403, /is not the domain/],
    ['no path', () => view({ p: undefined }), 400, /"p"/],
    ['a path without a slash', () => view({ p: 'x' }), 400, /"p"/],
    ['a string site id', () => view({ s: String(site.id) }), 400, /"s"/],
    ['an unknown event type', () => view({ t: 'purchase' }), 400, /"t"/],
    ['a click without its link', () => view({ t: 'click' }), 400, /"x"/],
    ['a javascript: referrer', () => view({ r: 'javascript:alert(1)' }), 400, /"r"/],
    ['a path over the length limit', () => view({ p: `/${'a'.repeat(1024)}` }), 400, /longer than 1024/],
    ['not JSON', () => 'hello', 400, /JSON/],
    ['a JSON array', () => '[1,2]', 400, /object/],
  ])('rejects %s with a 4xx and a reason', async (_name, body, status, reason) => {
    const res = await track(c.url, body())
    expect(res.status).toBe(status)
    expect(res.json?.error).toMatch(reason)
  })

  it('refuses a body over 8 KB with 413, by header or by counting', async () => {
    const big = JSON.stringify(view({ q: 'x'.repeat(9000) }))
    expect((await track(c.url, big)).status).toBe(413)
    // chunked, no content-length: counted while reading
    const res = await fetch(`${c.url}/track`, {
      method: 'POST',
      headers: { 'user-agent': BROWSER_UA },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big))
          controller.close()
        },
      }),
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
  })

  it('answers wrong methods and paths with 4xx', async () => {
    expect((await fetch(`${c.url}/track`)).status).toBe(405)
    expect((await fetch(`${c.url}/nothing`)).status).toBe(404)
    const preflight = await fetch(`${c.url}/track`, { method: 'OPTIONS' })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
  })

  it('drops bots and headless browsers without storing them', async () => {
    const before = (await pageViewsOf(w.payload, site.id)).length
    for (const ua of ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', BROWSER_UA.replace('Chrome/', 'HeadlessChrome/'), 'curl/8.5.0', '']) {
      const res = await track(c.url, view(), { 'user-agent': ua })
      expect(res.status).toBe(204)
      expect(res.headers.get('x-analytics-dropped')).toBe('bot')
    }
    expect((await pageViewsOf(w.payload, site.id)).length).toBe(before)
  })

  it('drops referrer spam without storing it', async () => {
    const before = (await pageViewsOf(w.payload, site.id)).length
    const res = await track(c.url, view({ r: 'http://www.semalt.com/crawler' }))
    expect(res.status).toBe(204)
    expect(res.headers.get('x-analytics-dropped')).toBe('referrer-spam')
    expect((await pageViewsOf(w.payload, site.id)).length).toBe(before)
  })
})

describe('collector: rate limit', () => {
  it('answers 429 with Retry-After past the per-IP limit, per address', async () => {
    const limited = await startCollector({ rateLimit: 3, trustProxy: true })
    try {
      const from = (ip: string) => track(limited.url, view(), { 'x-forwarded-for': ip })
      const statuses = [await from('198.51.100.1'), await from('198.51.100.1'), await from('198.51.100.1'), await from('198.51.100.1')].map((r) => r.status)
      expect(statuses).toEqual([202, 202, 202, 429])
      const over = await from('198.51.100.1')
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(over.json?.error).toMatch(/Too many/)
      expect((await from('198.51.100.2')).status).toBe(202)
    } finally {
      await limited.close()
    }
  })
})

describe('collector: daily salts', () => {
  it('rotates the salt each UTC day, keeps yesterday\'s and deletes older ones', async () => {
    let now = new Date('2031-01-10T23:59:00Z')
    const dated = await startCollector({ now: () => now })
    const siteOwn = await createSite(w)
    const store = storeOf(w.payload)
    const salts = async () => {
      const { docs } = await w.payload.find({ collection: 'analytics-salts', where: { day: { greater_than_equal: '2031-01-01' } }, sort: 'day', pagination: false })
      return docs.map((d) => d.day)
    }
    try {
      const send = () => track(dated.url, { s: siteOwn.id, h: siteOwn.domain, p: '/' })
      await send()
      await send()
      now = new Date('2031-01-11T00:01:00Z')
      await send()
      expect(await salts()).toEqual(['2031-01-10', '2031-01-11'])
      now = new Date('2031-01-12T09:00:00Z')
      await send()
      expect(await salts()).toEqual(['2031-01-11', '2031-01-12'])
      const rows = await pageViewsOf(w.payload, siteOwn.id)
      expect(rows.map((r) => r.occurredAt.slice(0, 10))).toEqual(['2031-01-10', '2031-01-10', '2031-01-11', '2031-01-12'])
      const ids = rows.map((r) => r.visitorId)
      expect(ids[0]).toBe(ids[1])
      expect(new Set(ids).size).toBe(3)
      expect(await store.countEvents({ siteId: siteOwn.id })).toBe(4)
    } finally {
      await dated.close()
    }
  })
})

describe('collector: no loss', () => {
  it('N concurrent events answered 202 are N rows, written in batches', async () => {
    const own = await startCollector()
    const siteOwn = await createSite(w)
    try {
      const N = 400
      const results = await Promise.all(Array.from({ length: N }, (_, i) => track(own.url, { s: siteOwn.id, h: siteOwn.domain, p: `/p${i}/` })))
      const accepted = results.filter((r) => r.status === 202).length
      expect(accepted).toBe(N)
      expect(await storeOf(w.payload).countEvents({ siteId: siteOwn.id })).toBe(accepted)
      // group commit did happen: fewer transactions than events
      expect(own.collector.writer.stats.batches).toBeLessThan(N)
      expect(own.collector.writer.stats.largestBatch).toBeGreaterThan(1)
    } finally {
      await own.close()
    }
  })

  it('a stopping collector commits what it holds: every 202 is a row', async () => {
    const own = await startCollector()
    const siteOwn = await createSite(w)
    const N = 200
    const pending = Array.from({ length: N }, (_, i) => track(own.url, { s: siteOwn.id, h: siteOwn.domain, p: `/s${i}/` }).catch(() => ({ status: 0 })))
    // stop while events are held in memory or being written
    while (own.collector.writer.stats.events + own.collector.writer.pending === 0) await new Promise((resolve) => setTimeout(resolve, 1))
    const stopped = own.close()
    const results = await Promise.all(pending)
    await stopped
    const accepted = results.filter((r) => r.status === 202).length
    expect(accepted).toBeGreaterThan(0)
    expect(results.every((r) => r.status === 202 || r.status === 503 || r.status === 0)).toBe(true)
    expect(await storeOf(w.payload).countEvents({ siteId: siteOwn.id })).toBe(accepted)
  })
})
