/** Plain data shared by the tracker, the collector and the rollups. core/ never imports Payload. */

export const SOURCES = ['direct', 'organic', 'referral', 'social', 'paid', 'email'] as const
export type Source = (typeof SOURCES)[number]

/** pageview: a page loaded; click: an affiliate or outbound link clicked (tracker); conversion: an affiliate redirect counted by the collector. */
export const EVENT_TYPES = ['pageview', 'click', 'conversion'] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** One row of the page-views collection, as the collector writes it. */
export type RawEvent = {
  siteId: number
  occurredAt: Date
  type: EventType
  pathname: string
  hostname: string
  referrer: string | null
  referrerHost: string | null
  source: Source
  utmSource: string | null
  utmMedium: string | null
  utmCampaign: string | null
  visitorId: string
  /** The link clicked (click events). */
  target: string | null
  affiliateLinkId: number | null
  revenue: number | null
}

/** What the rollup needs of a raw event. */
export type RollupEvent = Pick<RawEvent, 'visitorId' | 'type' | 'pathname' | 'referrerHost' | 'source' | 'revenue'> & { occurredAt: number }

export type Ranked = { name: string; count: number }

/** One site, one UTC day: the analytics collection's figures. */
export type DayStats = {
  visitors: number
  pageViews: number
  sessions: number
  bounces: number
  /** 0..100 */
  bounceRate: number
  pagesPerSession: number
  clicks: number
  conversions: number
  revenue: number
  /** sessions by source (the source of each session's first page view) */
  sources: Record<Source, number>
  topPages: Ranked[]
  topReferrers: Ranked[]
}
