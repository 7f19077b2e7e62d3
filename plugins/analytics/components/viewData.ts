import type { Payload, TypedUser } from 'payload'

import { parseRange, parseSiteId, siteStats, StatsInputError, type SiteStats } from '../stats'

export type AnalyticsViewData = { sites: { id: number; domain: string }[]; stats: SiteStats | null; error: string | null }

const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)

/**
 * What the Analytics view shows, read as the user: the sites they may pick
 * and one site's figures (the first of theirs unless ?site= says which).
 * Another site's figures are never loaded; the refusal becomes the view's message.
 */
export const analyticsViewData = async ({
  payload,
  user,
  searchParams,
}: {
  payload: Payload
  user: TypedUser
  searchParams: Record<string, string | string[] | undefined>
}): Promise<AnalyticsViewData> => {
  const sites = await payload.find({ collection: 'sites', depth: 0, limit: 500, sort: 'domain', overrideAccess: false, user, select: { domain: true } })
  let stats: SiteStats | null = null
  let error: string | null = null
  const requested = one(searchParams.site) ?? (sites.docs[0] ? String(sites.docs[0].id) : undefined)
  if (requested) {
    try {
      const siteId = parseSiteId(requested)
      const range = parseRange({ from: one(searchParams.from), to: one(searchParams.to) })
      stats = await siteStats({ payload, user, siteId, range })
    } catch (err) {
      if (!(err instanceof StatsInputError)) throw err
      error = err.message
    }
  }
  return { sites: sites.docs.map((s) => ({ id: s.id, domain: s.domain })), stats, error }
}
