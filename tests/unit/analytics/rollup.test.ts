import { describe, expect, it } from 'vitest'

import { combineDays, rollupDay, SESSION_IDLE_MS } from '@/plugins/analytics/core/rollup'
import type { RollupEvent } from '@/plugins/analytics/core/types'

const T0 = Date.parse('2026-03-01T08:00:00Z')
const MIN = 60_000
const view = (visitorId: string, minute: number, pathname = '/', extra: Partial<RollupEvent> = {}): RollupEvent => ({
  visitorId,
  type: 'pageview',
  pathname,
  referrerHost: null,
  source: 'direct',
  revenue: null,
  occurredAt: T0 + minute * MIN,
  ...extra,
})

describe('sessions and bounces', () => {
  it('one page view is one visitor, one session, one bounce', () => {
    const s = rollupDay([view('a', 0)])
    expect(s).toMatchObject({ visitors: 1, pageViews: 1, sessions: 1, bounces: 1, bounceRate: 100, pagesPerSession: 1 })
  })

  it('a visitor idle for more than 30 minutes starts a new session; exactly 30 does not', () => {
    const s = rollupDay([view('a', 0, '/'), view('a', 30, '/b'), view('a', 61, '/c')])
    // 0 -> 30 is within the idle time (same session), 30 -> 61 is 31 minutes (new session)
    expect(s).toMatchObject({ visitors: 1, pageViews: 3, sessions: 2, bounces: 1, bounceRate: 50, pagesPerSession: 1.5 })
    expect(SESSION_IDLE_MS).toBe(30 * MIN)
  })

  it('counts sessions per visitor and bounces only for single-view sessions', () => {
    const events = [
      view('a', 0), view('a', 5, '/x'), view('a', 10, '/y'), // a: 1 session, 3 views
      view('b', 0), // b: bounce
      view('c', 0), view('c', 100), // c: 2 sessions, both bounces
      view('d', 50, '/x', { source: 'organic', referrerHost: 'google.com' }), view('d', 51, '/y'),
    ]
    const s = rollupDay(events)
    expect(s.visitors).toBe(4)
    expect(s.pageViews).toBe(8)
    expect(s.sessions).toBe(5)
    expect(s.bounces).toBe(3)
    expect(s.bounceRate).toBe(60)
    expect(s.pagesPerSession).toBe(1.6)
    expect(s.sources).toEqual({ direct: 4, organic: 1, referral: 0, social: 0, paid: 0, email: 0 })
    expect(s.topReferrers).toEqual([{ name: 'google.com', count: 1 }])
    expect(s.topPages).toEqual([
      { name: '/', count: 4 },
      { name: '/x', count: 2 },
      { name: '/y', count: 2 },
    ])
  })

  it('takes a session\'s source from its first page view, whatever order events arrive in', () => {
    const events = [view('a', 3, '/b'), view('a', 0, '/', { source: 'social', referrerHost: 't.co' })]
    const s = rollupDay(events)
    expect(s.sources.social).toBe(1)
    expect(s.sources.direct).toBe(0)
    expect(rollupDay([...events].reverse())).toEqual(s)
  })

  it('counts clicks, conversions and revenue apart from page views', () => {
    const s = rollupDay([
      view('a', 0),
      { ...view('a', 1), type: 'click' },
      { ...view('a', 2), type: 'conversion', revenue: 12.5 },
      { ...view('b', 2), type: 'conversion', revenue: 0.1 },
      { ...view('b', 3), type: 'conversion', revenue: 0.2 },
    ])
    expect(s).toMatchObject({ pageViews: 1, sessions: 1, visitors: 1, clicks: 1, conversions: 3, revenue: 12.8 })
  })

  it('gives zeros, not NaN, for a day without events', () => {
    expect(rollupDay([])).toMatchObject({ visitors: 0, sessions: 0, bounceRate: 0, pagesPerSession: 0, revenue: 0 })
  })

  it('keeps the top N pages', () => {
    const events = Array.from({ length: 30 }, (_, i) => view(`v${i}`, i, `/p${i % 25}`))
    expect(rollupDay(events, { top: 5 }).topPages).toHaveLength(5)
  })
})

describe('ranges', () => {
  it('sums days, recomputes rates from the sums and fills missing days with zeros', () => {
    const a = { ...rollupDay([view('a', 0), view('a', 1)]), date: '2026-03-01' }
    const b = { ...rollupDay([view('b', 0), view('c', 0)]), date: '2026-03-03' }
    const r = combineDays([a, b], { from: '2026-03-01', to: '2026-03-03' })
    expect(r).toMatchObject({ visitors: 3, pageViews: 4, sessions: 3, bounces: 2, bounceRate: 66.7, pagesPerSession: 1.33 })
    expect(r.days.map((d) => [d.date, d.visitors])).toEqual([
      ['2026-03-01', 1],
      ['2026-03-02', 0],
      ['2026-03-03', 2],
    ])
  })
})
