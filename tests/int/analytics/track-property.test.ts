import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Site } from '@/payload-types'
import { getWorld } from '../../helpers/world'
import { BROWSER_UA, createSite, startCollector, type Running } from './helpers'

let site: Site
let c: Running

beforeAll(async () => {
  const w = await getWorld()
  site = await createSite(w)
  c = await startCollector()
})
afterAll(async () => {
  await c?.close()
})

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constantFrom('__proto__', 'constructor', '../../etc/passwd', "' OR 1=1 --", '"; DROP TABLE page_views; --', '\u0000', '\ud800', '<script>alert(1)</script>', '%00', 'javascript:alert(1)'),
  fc.string({ minLength: 1000, maxLength: 3000 }),
)
const value = fc.oneof(hostile, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 2 }))

/** Bodies from plausible to absurd: right shape with wrong values, random JSON, random bytes, huge. */
const body = fc.oneof(
  fc.record(
    { s: fc.oneof(fc.constant(0), fc.integer(), fc.constant(2 ** 53), value), t: fc.oneof(fc.constantFrom('pageview', 'click'), value), h: value, p: fc.oneof(fc.constant('/'), hostile.map((x) => `/${x}`), value), q: value, r: value, x: value },
    { requiredKeys: [] },
  ).map((o) => JSON.stringify(o)),
  fc.json(),
  hostile,
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.integer({ min: 8000, max: 20000 }).map((n) => `{"s":1,"p":"/${'a'.repeat(n)}"}`),
)

const headers = fc.record(
  {
    'content-type': fc.constantFrom('text/plain', 'application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain; charset=utf-16', 'garbage'),
    'user-agent': fc.oneof(fc.constant(BROWSER_UA), fc.string({ maxLength: 600 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'x'))),
    'x-forwarded-for': fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'x'))),
    referer: fc.webUrl(),
  },
  { requiredKeys: [] },
)

describe('POST /track under random and hostile input', () => {
  it('never answers 5xx; every rejection is a 4xx with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(body, headers, fc.boolean(), async (text, h, siteShaped) => {
        // half the time the body names the real site and host, so checks past the site lookup are reached too
        const payload = siteShaped && text.startsWith('{') ? text.replace(/^\{/, `{"s":${site.id},"h":"${site.domain}",`) : text
        const res = await fetch(`${c.url}/track`, { method: 'POST', headers: h, body: payload })
        const answer = await res.text()
        expect(res.status, answer).toBeLessThan(500)
        if (res.status >= 400) {
          const parsed = JSON.parse(answer) as { error?: unknown }
          expect(typeof parsed.error).toBe('string')
          expect((parsed.error as string).length).toBeGreaterThan(5)
        } else {
          expect([202, 204]).toContain(res.status)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('never answers 5xx to random methods and paths', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'POST'), fc.webPath(), async (method, path) => {
        const res = await fetch(`${c.url}${path.startsWith('/') ? path : `/${path}`}`, { method, redirect: 'manual' })
        await res.arrayBuffer()
        expect(res.status).toBeLessThan(500)
      }),
      { numRuns: 150 },
    )
  })
})
