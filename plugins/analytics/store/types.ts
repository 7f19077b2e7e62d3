import type { RawEvent, RollupEvent } from '../core/types'

export type SiteInfo = { id: number; domain: string; analyticsEnabled: boolean }
export type LinkInfo = { id: number; siteId: number; url: string; payout: number; active: boolean }

/**
 * Everything analytics writes or reads in bulk, in plain SQL over the tables
 * Payload made for the page-views, analytics-salts and affiliate-links
 * collections. One interface, so a ClickHouse writer can replace the
 * PostgreSQL one for raw events without touching the collector.
 */
export type Store = {
  kind: 'postgres' | 'sqlite'
  /** Inserts all events in one transaction: either every row is committed or none. */
  insertEvents(events: RawEvent[]): Promise<void>
  findSite(id: number): Promise<SiteInfo | null>
  findLink(siteId: number, code: string): Promise<LinkInfo | null>
  /** The conversion event and the link's click counter, in one transaction. */
  recordConversion(event: RawEvent): Promise<void>
  /** The salt of a day: the stored one, or `candidate` stored now (the first collector to ask wins). */
  saltFor(day: string, candidate: string): Promise<string>
  /** Deletes salts of days before `day`. */
  deleteSaltsBefore(day: string): Promise<number>
  /** Raw events of one site in [from, to). */
  eventsBetween(siteId: number, from: Date, to: Date): Promise<RollupEvent[]>
  /** Per site, the first day with raw events. */
  firstEventDays(): Promise<{ siteId: number; day: string }[]>
  /** Deletes one site's raw events before `before`. */
  deleteEventsBefore(siteId: number, before: Date): Promise<number>
  countEvents(where?: { siteId?: number }): Promise<number>
  close(): Promise<void>
}

/** Column order of every insert into page_views (Payload's snake_case names of the PageViews fields). */
export const EVENT_COLUMNS = [
  'site_id', 'occurred_at', 'type', 'pathname', 'hostname', 'referrer', 'referrer_host', 'source',
  'utm_source', 'utm_medium', 'utm_campaign', 'visitor_id', 'target', 'affiliate_link_id', 'revenue',
] as const

export const eventValues = (e: RawEvent, date: (d: Date) => unknown): unknown[] => [
  e.siteId, date(e.occurredAt), e.type, e.pathname, e.hostname, e.referrer, e.referrerHost, e.source,
  e.utmSource, e.utmMedium, e.utmCampaign, e.visitorId, e.target, e.affiliateLinkId, e.revenue,
]

/** Rows per INSERT statement in SQLite: well under its 32,766 parameters. */
export const ROWS_PER_STATEMENT = 1000
