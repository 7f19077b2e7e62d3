import { beforeAll, describe, expect, it } from 'vitest'

import { createCollector } from '@/plugins/analytics/collector/server'
import { openStore, type Store } from '@/plugins/analytics/store'
import type { Site } from '@/payload-types'
import { getWorld, unique } from '../helpers/world'
import { createSite, track } from '../int/analytics/helpers'

let site: Site
let code: string

beforeAll(async () => {
  const w = await getWorld()
  site = await createSite(w, { prefix: 'outage' })
  code = unique('deal-')
  await w.payload.create({ collection: 'affiliate-links', data: { name: 'Deal', code, url: 'https://partner.example/deal', site: site.id } as never })
})

/** The real store, every call of which fails while `isDown` is set: the database is unreachable. */
const flaky = (store: Store) => {
  const state = { isDown: false }
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      state.isDown ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) : call(...args)
  const wrapped: Store = {
    ...store,
    insertEvents: guard(store.insertEvents),
    findSite: guard(store.findSite),
    findLink: guard(store.findLink),
    recordConversion: guard(store.recordConversion),
    saltFor: guard(store.saltFor),
  }
  return { store: wrapped, state }
}

describe('collector logs during a database outage', () => {
  it('logs the outage once with a count, and its end, not a line per refused event', async () => {
    const lines: { level: string; msg: string; extra?: Record<string, unknown> }[] = []
    const { store, state } = flaky(await openStore({ poolMax: 4 }))
    const collector = createCollector({ store, rateLimit: 0, log: (level, msg, extra) => lines.push({ level, msg, extra }) })
    const url = await collector.listen(0, '127.0.0.1')
    try {
      expect((await track(url, { s: site.id, h: site.domain, p: '/' })).status).toBe(202)
      state.isDown = true
      const refused = await Promise.all(Array.from({ length: 60 }, (_, i) => track(url, { s: site.id, h: site.domain, p: `/p${i}/` })))
      expect(refused.every((r) => r.status === 503)).toBe(true)
      expect(refused[0]!.json?.error).toMatch(/could not be stored right now; try again/)
      // affiliate links cannot be looked up either: 503 with Retry-After, counted in the same tally
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${url}/go/${site.id}/${code}/`, { redirect: 'manual' })
        expect(res.status).toBe(503)
        expect(res.headers.get('retry-after')).toBe('5')
      }
      expect(lines.filter((l) => l.level === 'error')).toHaveLength(1)
      expect(lines[0]!.msg).toMatch(/failed; events are being refused until the database answers again/)
      expect(lines[0]!.extra?.err).toMatch(/ECONNREFUSED/)

      state.isDown = false
      expect((await track(url, { s: site.id, h: site.domain, p: '/back/' })).status).toBe(202)
      expect(lines).toHaveLength(2)
      expect(lines[1]).toMatchObject({ level: 'info', extra: { refused: 65 } })
      expect(lines[1]!.msg).toMatch(/the database answers again after \d+ s; 65 events were refused meanwhile/)
    } finally {
      await collector.close()
    }
  })
})
