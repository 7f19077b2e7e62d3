import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { collectorSettings } from '@/plugins/analytics/config'
import { clientAddress } from '@/plugins/analytics/core/clientAddress'
import type { Site } from '@/payload-types'
import { getWorld } from '../helpers/world'
import { createSite, startCollector, track } from '../int/analytics/helpers'

let site: Site

beforeAll(async () => {
  site = await createSite(await getWorld(), { prefix: 'hops' })
})

describe('the visitor address behind proxies', () => {
  const at = (forwardedFor: string | undefined, trustedHops: number, socketAddress = '::ffff:10.0.0.2') => clientAddress({ socketAddress, forwardedFor, trustedHops })

  it('counts trusted hops from the right, as Express and proxy-addr do', () => {
    expect(at('6.6.6.6, 203.0.113.7', 0)).toBe('10.0.0.2')
    expect(at('6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7')
    expect(at('6.6.6.6, 203.0.113.7, 10.0.0.1', 2)).toBe('203.0.113.7')
    expect(at(undefined, 1)).toBe('10.0.0.2')
    // more hops trusted than there are addresses: the furthest one
    expect(at('203.0.113.7', 3)).toBe('203.0.113.7')
  })

  it('reads ANALYTICS_TRUST_PROXY as a number of hops ("true" is one)', () => {
    const read = (value: string | undefined) => {
      const saved = process.env.ANALYTICS_TRUST_PROXY
      if (value === undefined) delete process.env.ANALYTICS_TRUST_PROXY
      else process.env.ANALYTICS_TRUST_PROXY = value
      try {
        return collectorSettings().trustProxy
      } finally {
        if (saved === undefined) delete process.env.ANALYTICS_TRUST_PROXY
        else process.env.ANALYTICS_TRUST_PROXY = saved
      }
    }
    expect(read(undefined)).toBe(0)
    expect(read('1')).toBe(1)
    expect(read('2')).toBe(2)
    expect(read('true')).toBe(1)
    expect(read('false')).toBe(0)
    expect(() => read('yes')).toThrow(/ANALYTICS_TRUST_PROXY must be a whole number/)
  })
})

describe('the collector rate limit behind proxies', () => {
  let running: Awaited<ReturnType<typeof startCollector>> | undefined
  afterEach(async () => {
    await running?.close()
    running = undefined
  })

  const statuses = async (hops: number, forwardedFor: (i: number) => string) => {
    running = await startCollector({ rateLimit: 20, trustProxy: hops })
    const out: number[] = []
    for (let i = 0; i < 30; i++) out.push((await track(running.url, { s: site.id, h: site.domain, p: '/' }, { 'x-forwarded-for': forwardedFor(i) })).status)
    return out
  }

  it('30 requests with distinct client-written X-Forwarded-For values do not pass a limit of 20 (one proxy)', async () => {
    const got = await statuses(1, (i) => `198.18.0.${i}, 203.0.113.7`)
    expect(got.filter((s) => s === 202)).toHaveLength(20)
    expect(got.filter((s) => s === 429)).toHaveLength(10)
  })

  it('nor behind two proxies', async () => {
    const got = await statuses(2, (i) => `198.18.0.${i}, 203.0.113.8, 10.0.0.1`)
    expect(got.filter((s) => s === 202)).toHaveLength(20)
  })
})
