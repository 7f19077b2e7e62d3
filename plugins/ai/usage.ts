import type { Payload, PayloadRequest, Where } from 'payload'

import { isAdminUser } from '@/access/roles'
import { userSiteIds } from '@/access/siteAccess'
import { GENERATIONS_SLUG } from './constants'
import { monthStart } from './core/limits'

export type UsageRow = {
  site: number | string
  domain: string
  provider: string
  calls: number
  failed: number
  inputTokens: number
  outputTokens: number
  totalTokens: number
  costEstimate: number
  budget: number | null
}

/**
 * Tokens and estimated cost per site and provider since `from` (the start
 * of this month by default), for the sites the user may see.
 */
export const usageSummary = async ({ payload, user, from = monthStart(), siteId }: { payload: Payload; user: PayloadRequest['user']; from?: Date; siteId?: number | string | null }): Promise<UsageRow[]> => {
  if (!user) return []
  const and: Where[] = [{ createdAt: { greater_than_equal: from.toISOString() } }]
  if (!isAdminUser(user as never)) and.push({ site: { in: userSiteIds(user as never) } })
  if (siteId !== null && siteId !== undefined) and.push({ site: { equals: siteId } })
  const { docs } = await payload.find({
    collection: GENERATIONS_SLUG as 'ai-generations',
    where: { and },
    select: { site: true, provider: true, status: true, inputTokens: true, outputTokens: true, totalTokens: true, costEstimate: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const rows = new Map<string, UsageRow>()
  for (const raw of docs as Record<string, any>[]) {
    const site = typeof raw.site === 'object' && raw.site ? raw.site.id : raw.site
    const key = `${site}\n${raw.provider}`
    let row = rows.get(key)
    if (!row) {
      row = { site, domain: String(site), provider: raw.provider ?? 'unknown', calls: 0, failed: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, costEstimate: 0, budget: null }
      rows.set(key, row)
    }
    row.calls += 1
    if (raw.status !== 'success') row.failed += 1
    row.inputTokens += raw.inputTokens ?? 0
    row.outputTokens += raw.outputTokens ?? 0
    row.totalTokens += raw.totalTokens ?? 0
    row.costEstimate = Math.round((row.costEstimate + (raw.costEstimate ?? 0)) * 1e6) / 1e6
  }
  const siteIds = [...new Set([...rows.values()].map((row) => row.site))]
  if (siteIds.length) {
    const { docs: sites } = await payload.find({
      collection: 'sites',
      where: { id: { in: siteIds } },
      select: { domain: true, aiMonthlyTokenBudget: true },
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    const byId = new Map(sites.map((site) => [String(site.id), site]))
    for (const row of rows.values()) {
      const site = byId.get(String(row.site))
      row.domain = site?.domain ?? row.domain
      row.budget = site?.aiMonthlyTokenBudget ?? null
    }
  }
  return [...rows.values()].sort((a, b) => a.domain.localeCompare(b.domain) || a.provider.localeCompare(b.provider))
}
