import type { Payload, TypedUser } from 'payload'

import { isAdminUser } from '@/access/roles'
import { userSiteIds } from '@/access/siteAccess'
import { combineDays, type RangeStats, type StoredDay } from './core/rollup'
import { addDays, utcDay } from './core/visitor'

export const MAX_RANGE_DAYS = 366
export const DEFAULT_RANGE_DAYS = 30

const DAY = /^\d{4}-\d{2}-\d{2}$/
const isDay = (value: string): boolean => DAY.test(value) && utcDay(Date.parse(`${value}T00:00:00Z`) || 0) === value

export class StatsInputError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 | 404,
  ) {
    super(message)
  }
}

export type Range = { from: string; to: string }

/** ?from=&to= (YYYY-MM-DD, UTC, inclusive); the last 30 days when absent. */
export const parseRange = ({ from, to }: { from?: string | null; to?: string | null }, today = utcDay(new Date())): Range => {
  const end = to || today
  const start = from || addDays(end, -(DEFAULT_RANGE_DAYS - 1))
  if (!isDay(start)) throw new StatsInputError(`"from" must be a date as YYYY-MM-DD (got "${start}")`, 400)
  if (!isDay(end)) throw new StatsInputError(`"to" must be a date as YYYY-MM-DD (got "${end}")`, 400)
  if (start > end) throw new StatsInputError('"from" must not be after "to"', 400)
  if (addDays(start, MAX_RANGE_DAYS - 1) < end) throw new StatsInputError(`A range is at most ${MAX_RANGE_DAYS} days`, 400)
  return { from: start, to: end }
}

/** The sites a user may see analytics of: all for admins, their assigned ones for editors. */
export const canSeeSite = (user: TypedUser | null | undefined, siteId: number | string): boolean => {
  if (!user) return false
  if (isAdminUser(user as never)) return true
  return userSiteIds(user as never).map(String).includes(String(siteId))
}

export const parseSiteId = (value: string | null | undefined): number => {
  if (!value || !/^[1-9][0-9]{0,9}$/.test(value)) throw new StatsInputError('"site" must be the id of one of your sites', 400)
  return Number(value)
}

export type SiteStats = RangeStats & { site: { id: number; domain: string }; from: string; to: string }

/** Stored daily rows of a site in a range, read as the user (access control applies twice: here and in canSeeSite). */
export const loadDays = async ({ payload, user, siteId, range }: { payload: Payload; user: TypedUser; siteId: number; range: Range }): Promise<StoredDay[]> => {
  const { docs } = await payload.find({
    collection: 'analytics',
    where: { and: [{ site: { equals: siteId } }, { date: { greater_than_equal: range.from } }, { date: { less_than_equal: range.to } }] },
    pagination: false,
    depth: 0,
    sort: 'date',
    overrideAccess: false,
    user,
  })
  return docs.map((d) => ({
    date: d.date,
    visitors: Number(d.visitors ?? 0),
    pageViews: Number(d.pageViews ?? 0),
    sessions: Number(d.sessions ?? 0),
    bounces: Number(d.bounces ?? 0),
    bounceRate: Number(d.bounceRate ?? 0),
    pagesPerSession: Number(d.pagesPerSession ?? 0),
    clicks: Number(d.clicks ?? 0),
    conversions: Number(d.conversions ?? 0),
    revenue: Number(d.revenue ?? 0),
    sources: (d.sources ?? {}) as StoredDay['sources'],
    topPages: (Array.isArray(d.topPages) ? d.topPages : []) as StoredDay['topPages'],
    topReferrers: (Array.isArray(d.topReferrers) ? d.topReferrers : []) as StoredDay['topReferrers'],
  }))
}

/** A site's figures over a range for a user who may see them; throws StatsInputError otherwise. */
export const siteStats = async ({ payload, user, siteId, range }: { payload: Payload; user: TypedUser | null | undefined; siteId: number; range: Range }): Promise<SiteStats> => {
  if (!user) throw new StatsInputError('Log in or send an API key to read analytics', 401)
  if (!canSeeSite(user, siteId)) throw new StatsInputError(`You have no access to site ${siteId}`, 403)
  const site = await payload.find({ collection: 'sites', where: { id: { equals: siteId } }, depth: 0, limit: 1, overrideAccess: false, user, select: { domain: true } })
  if (!site.docs[0]) throw new StatsInputError(`There is no site ${siteId}`, 404)
  const rows = await loadDays({ payload, user, siteId, range })
  return { site: { id: siteId, domain: site.docs[0].domain }, ...range, ...combineDays(rows, range) }
}
