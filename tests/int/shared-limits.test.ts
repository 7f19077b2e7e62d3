/**
 * Several processes behave as one: with a Redis store, the collectors' per-IP limit and the AI's
 * per-user limit are counted once across every process that enforces them, not once per process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { closeRedisClients } from '@/lib/rateLimit'
import type { Site } from '@/payload-types'
import { resolveOptions } from '@/plugins/ai/options'
import { createSite, startCollector, track, type Running } from './analytics/helpers'
import { dropKeys, requireRedis, testLimitStore } from '../helpers/redis'
import { getWorld, type World } from '../helpers/world'

const store = testLimitStore()
let w: World
let site: Site
let hasRedis = false
const running: Running[] = []

beforeAll(async () => {
  await requireRedis()
  hasRedis = true
  w = await getWorld()
  site = await createSite(w)
})

afterAll(async () => {
  await Promise.all(running.map((c) => c.close()))
  if (hasRedis) await dropKeys(store)
  await closeRedisClients()
})

describe('collectors sharing Redis', () => {
  it('two collectors behind no proxy accept one limit of events from an address between them', async () => {
    const LIMIT = 10
    const [a, b] = [await startCollector({ rateLimit: LIMIT, limitStore: store }), await startCollector({ rateLimit: LIMIT, limitStore: store })]
    running.push(a, b)
    const view = (n: number) => ({ s: site.id, h: site.domain, p: `/shared-${n}/` })

    const answers: { collector: 'a' | 'b'; status: number; retryAfter: string | null }[] = []
    for (let n = 0; n < 3 * LIMIT; n++) {
      const collector = n % 2 === 0 ? a : b
      const res = await track(collector.url, view(n))
      answers.push({ collector: collector === a ? 'a' : 'b', status: res.status, retryAfter: res.headers.get('retry-after') })
    }

    const accepted = answers.filter((x) => x.status === 202)
    expect(accepted).toHaveLength(LIMIT)
    expect(answers.filter((x) => x.status === 429)).toHaveLength(2 * LIMIT)
    // each collector took its part of the one limit, and refused the rest with when to try again
    expect(new Set(accepted.map((x) => x.collector))).toEqual(new Set(['a', 'b']))
    for (const refused of answers.filter((x) => x.status === 429)) expect(Number(refused.retryAfter)).toBeGreaterThan(0)
    const stored = await w.payload.count({ collection: 'page-views', where: { and: [{ site: { equals: site.id } }, { pathname: { like: '/shared-' } }] } })
    expect(stored.totalDocs).toBe(LIMIT)
  })
})

describe('AI generation limit sharing Redis', () => {
  it('two app processes allow a user the limit once between them, and other users their own', async () => {
    const saved = { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: process.env.REDIS_PREFIX }
    Object.assign(process.env, { REDIS_URL: store.url, REDIS_PREFIX: store.prefix })
    try {
      // each app process resolves the plugin's options once, with its own limiter
      const [first, second] = [resolveOptions({ rateLimit: { requests: 3, windowSeconds: 60 } }), resolveOptions({ rateLimit: { requests: 3, windowSeconds: 60 } })]
      const waits: number[] = []
      for (let n = 0; n < 6; n++) waits.push(await (n % 2 === 0 ? first : second).rateLimiter.take('user:users:1'))
      expect(waits.filter((wait) => wait === 0)).toHaveLength(3)
      expect(waits.slice(3).every((wait) => wait > 0 && wait <= 60)).toBe(true)
      expect(await second.rateLimiter.take('user:users:2')).toBe(0)
      // a reset (tests, an admin lifting the limit) is seen by every process
      await first.rateLimiter.reset()
      expect(await second.rateLimiter.take('user:users:1')).toBe(0)
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key]
        else process.env[key] = value
      }
    }
  })
})
