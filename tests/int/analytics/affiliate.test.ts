import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runRollup } from '@/plugins/analytics/jobs/rollup'
import type { AffiliateLink, Site } from '@/payload-types'
import { getWorld, type World } from '../../helpers/world'
import { BROWSER_UA, createSite, pageViewsOf, startCollector, type Running } from './helpers'

let w: World
let site: Site
let other: Site
let link: AffiliateLink
let c: Running

const go = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${c.url}${path}`, { redirect: 'manual', headers: { 'user-agent': BROWSER_UA, ...headers } })

beforeAll(async () => {
  w = await getWorld()
  site = await createSite(w)
  other = await createSite(w)
  link = await w.payload.create({
    collection: 'affiliate-links',
    data: { name: 'Casino', code: 'casino-royal', url: 'https://partner.example/offer?ref=panel', payout: 12.5, site: site.id } as never,
  })
  await w.payload.create({ collection: 'affiliate-links', data: { name: 'Off', code: 'paused', url: 'https://partner.example/paused', active: false, site: site.id } as never })
  await w.payload.create({ collection: 'affiliate-links', data: { name: 'Other', code: 'theirs', url: 'https://other.example/', site: other.id } as never })
  c = await startCollector()
})
afterAll(async () => {
  await c?.close()
})

describe('affiliate redirects', () => {
  it('answers 302 to the stored URL, counts the click and records a conversion worth the payout', async () => {
    for (const path of [`/go/${site.id}/casino-royal`, `/go/${site.id}/casino-royal/`]) {
      const res = await go(path)
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe('https://partner.example/offer?ref=panel')
      expect(res.headers.get('set-cookie')).toBeNull()
    }
    const stored = await w.payload.findByID({ collection: 'affiliate-links', id: link.id })
    expect(stored.clicks).toBe(2)
    const conversions = (await pageViewsOf(w.payload, site.id)).filter((r) => r.type === 'conversion')
    expect(conversions).toHaveLength(2)
    expect(conversions[0]).toMatchObject({ revenue: 12.5, pathname: '/go/casino-royal/', target: 'https://partner.example/offer?ref=panel' })
    expect(typeof conversions[0].affiliateLink === 'object' ? conversions[0].affiliateLink?.id : conversions[0].affiliateLink).toBe(link.id)

    const result = await runRollup({ payload: w.payload, siteIds: [site.id] })
    expect(result.written).toBe(1)
    const day = (await w.payload.find({ collection: 'analytics', where: { site: { equals: site.id } } })).docs[0]
    expect(day).toMatchObject({ conversions: 2, revenue: 25 })
  })

  it('redirects bots without counting them', async () => {
    const res = await go(`/go/${site.id}/casino-royal`, { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' })
    expect(res.status).toBe(302)
    expect((await w.payload.findByID({ collection: 'affiliate-links', id: link.id })).clicks).toBe(2)
  })

  it.each([
    ['an unknown code', () => `/go/${site.id}/nope`],
    ['a paused link', () => `/go/${site.id}/paused`],
    ["another site's code", () => `/go/${site.id}/theirs`],
    ['an unknown site', () => '/go/2000000000/casino-royal'],
    ['a site id that is not a number', () => '/go/abc/casino-royal'],
    ['a URL as the code', () => `/go/${site.id}/https%3A%2F%2Fevil.example`],
    ['a protocol-relative URL as the code', () => `/go/${site.id}/%2F%2Fevil.example`],
    ['a path climbing out', () => `/go/${site.id}/..%2F..%2Fevil`],
    ['an upper-case code', () => `/go/${site.id}/CASINO-ROYAL`],
    ['broken percent-encoding', () => `/go/${site.id}/%E0%A4%A`],
  ])('answers 404 (never a redirect) for %s', async (_name, path) => {
    const res = await go(path())
    expect(res.status).toBe(404)
    expect(res.headers.get('location')).toBeNull()
  })

  it('ignores anything in the request that names another destination', async () => {
    const res = await go(`/go/${site.id}/casino-royal?url=https://evil.example&redirect=//evil.example&to=javascript:alert(1)`, {
      referer: 'https://evil.example/',
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
    })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('https://partner.example/offer?ref=panel')
  })

  it('refuses other methods', async () => {
    const res = await fetch(`${c.url}/go/${site.id}/casino-royal`, { method: 'POST', redirect: 'manual' })
    expect(res.status).toBe(405)
  })
})
