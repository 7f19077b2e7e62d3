import { SOURCES, type DayStats, type Ranked, type RollupEvent, type Source } from './types'

/** A visitor idle for longer than this starts a new session. */
export const SESSION_IDLE_MS = 30 * 60 * 1000
export const TOP_N = 20

const emptySources = (): Record<Source, number> => Object.fromEntries(SOURCES.map((s) => [s, 0])) as Record<Source, number>

const rank = (counts: Map<string, number>, top: number): Ranked[] =>
  [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([name, count]) => ({ name, count }))

const bump = (counts: Map<string, number>, key: string, by = 1) => counts.set(key, (counts.get(key) ?? 0) + by)

const round = (value: number, places: number): number => Math.round(value * 10 ** places) / 10 ** places

/**
 * One site's day of raw events made into the day's figures. A session is a
 * visitor's run of page views with no gap over 30 minutes; a bounce is a
 * session of one page view; a session's source and referrer are those of its
 * first page view. Pure and order-independent: the same events give the same
 * figures, which is what makes the rollup job safe to run twice.
 */
export const rollupDay = (events: RollupEvent[], { top = TOP_N }: { top?: number } = {}): DayStats => {
  const byVisitor = new Map<string, RollupEvent[]>()
  let clicks = 0
  let conversions = 0
  let revenue = 0
  for (const event of events) {
    if (event.type === 'click') clicks++
    else if (event.type === 'conversion') {
      conversions++
      revenue += event.revenue ?? 0
    } else {
      const list = byVisitor.get(event.visitorId)
      if (list) list.push(event)
      else byVisitor.set(event.visitorId, [event])
    }
  }
  const pages = new Map<string, number>()
  const referrers = new Map<string, number>()
  const sources = emptySources()
  let pageViews = 0
  let sessions = 0
  let bounces = 0
  for (const views of byVisitor.values()) {
    views.sort((a, b) => a.occurredAt - b.occurredAt || (a.pathname < b.pathname ? -1 : a.pathname > b.pathname ? 1 : 0))
    let sessionViews = 0
    let last = -Infinity
    for (const view of views) {
      pageViews++
      bump(pages, view.pathname)
      if (view.occurredAt - last > SESSION_IDLE_MS) {
        if (sessionViews === 1) bounces++
        sessions++
        sessionViews = 0
        sources[view.source] = (sources[view.source] ?? 0) + 1
        if (view.referrerHost && view.source !== 'direct') bump(referrers, view.referrerHost)
      }
      sessionViews++
      last = view.occurredAt
    }
    if (sessionViews === 1) bounces++
  }
  return {
    visitors: byVisitor.size,
    pageViews,
    sessions,
    bounces,
    bounceRate: sessions ? round((bounces / sessions) * 100, 1) : 0,
    pagesPerSession: sessions ? round(pageViews / sessions, 2) : 0,
    clicks,
    conversions,
    revenue: round(revenue, 2),
    sources,
    topPages: rank(pages, top),
    topReferrers: rank(referrers, top),
  }
}

/** A stored day (a row of the analytics collection) for the range figures. */
export type StoredDay = DayStats & { date: string }

export type RangeStats = Omit<DayStats, 'bounceRate' | 'pagesPerSession'> & {
  bounceRate: number
  pagesPerSession: number
  conversionRate: number
  days: { date: string; visitors: number; pageViews: number; sessions: number; conversions: number; revenue: number }[]
}

/**
 * Days summed into a range. Visitors are summed per day: visitor ids change
 * with the daily salt, so one person on two days counts twice (as Plausible's
 * daily-salted counts do). Rates are recomputed from the sums, not averaged.
 */
export const combineDays = (rows: StoredDay[], { from, to, top = TOP_N }: { from: string; to: string; top?: number }): RangeStats => {
  const byDate = new Map(rows.map((r) => [r.date, r]))
  const pages = new Map<string, number>()
  const referrers = new Map<string, number>()
  const sources = emptySources()
  const total = { visitors: 0, pageViews: 0, sessions: 0, bounces: 0, clicks: 0, conversions: 0, revenue: 0 }
  const days: RangeStats['days'] = []
  for (let day = from; day <= to; day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
    const row = byDate.get(day)
    days.push({
      date: day,
      visitors: row?.visitors ?? 0,
      pageViews: row?.pageViews ?? 0,
      sessions: row?.sessions ?? 0,
      conversions: row?.conversions ?? 0,
      revenue: row?.revenue ?? 0,
    })
    if (!row) continue
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += Number(row[key] ?? 0)
    for (const s of SOURCES) sources[s] += Number(row.sources?.[s] ?? 0)
    for (const p of row.topPages ?? []) bump(pages, p.name, p.count)
    for (const r of row.topReferrers ?? []) bump(referrers, r.name, r.count)
  }
  return {
    ...total,
    revenue: round(total.revenue, 2),
    bounceRate: total.sessions ? round((total.bounces / total.sessions) * 100, 1) : 0,
    pagesPerSession: total.sessions ? round(total.pageViews / total.sessions, 2) : 0,
    conversionRate: total.sessions ? round((total.conversions / total.sessions) * 100, 2) : 0,
    sources,
    topPages: rank(pages, top),
    topReferrers: rank(referrers, top),
    days,
  }
}
