import type { Payload, TypedUser, Where } from 'payload'

import { isAdminUser } from '@/access/roles'
import { budgetMonth } from '@/plugins/ai/core/budget'
import { monthStart } from '@/plugins/ai/core/limits'
import { addDays, utcDay } from '@/plugins/analytics/core/visitor'
import { DEPLOYMENT_STATUSES } from '@/plugins/publisher/collections/Deployments'
import { normalizeTag, tagProblem } from './core/tags'
import { imagesWithoutAlt, oversizedPages, pageFigures, tagsOf, tokensThisMonth } from './sql'

export const VISITOR_DAYS = 30
export const DEFAULT_LIMIT = 25
export const MAX_LIMIT = 100
/** A page's HTML above this is reported as oversized (about 30 s to load on a slow 3G link). */
export const DEFAULT_MAX_PAGE_BYTES = 200 * 1024

export const STATUS_FILTERS = [...DEPLOYMENT_STATUSES, 'never'] as const
export type StatusFilter = (typeof STATUS_FILTERS)[number]

export class OverviewInputError extends Error {
  readonly status = 400
}

export type OverviewQuery = { status: StatusFilter | null; template: number | null; tag: string | null; page: number; limit: number }

const ID = /^[1-9][0-9]{0,9}$/

/** `?status=&template=&tag=&page=&limit=` as the endpoint receives them; a bad value is a 400 naming it. */
export const parseOverviewQuery = (params: URLSearchParams): OverviewQuery => {
  const text = (name: string) => params.get(name)?.trim() || null
  const status = text('status')
  if (status && !(STATUS_FILTERS as readonly string[]).includes(status)) {
    throw new OverviewInputError(`"status" must be one of ${STATUS_FILTERS.join(', ')} (got "${status}")`)
  }
  const template = text('template')
  if (template && !ID.test(template)) throw new OverviewInputError(`"template" must be a template id (got "${template}")`)
  const rawTag = text('tag')
  const tag = rawTag === null ? null : normalizeTag(rawTag)
  const problem = tag === null ? null : tagProblem(tag)
  if (problem) throw new OverviewInputError(`"tag": ${problem}`)
  const page = text('page') ?? '1'
  if (!ID.test(page)) throw new OverviewInputError(`"page" must be a whole number from 1 (got "${page}")`)
  const limit = text('limit') ?? String(DEFAULT_LIMIT)
  if (!ID.test(limit) || Number(limit) > MAX_LIMIT) throw new OverviewInputError(`"limit" must be a whole number from 1 to ${MAX_LIMIT} (got "${limit}")`)
  return { status: status as StatusFilter | null, template: template ? Number(template) : null, tag, page: Number(page), limit: Number(limit) }
}

export type SiteHealth = {
  /** Broken internal links (and other warnings) of the last successful deployment, and its first few lines. */
  brokenLinks: number
  brokenLinkSamples: string[]
  missingHomePage: boolean
  pagesWithoutDescription: number
  pagesWithoutH1: number
  imagesWithoutAlt: number
  oversizedPages: number
  /** How many of the above are problems (a count each, the home page 1). */
  total: number
}

export type OverviewRow = {
  id: number
  domain: string
  brandName: string
  tags: string[]
  template: { id: number; name: string } | null
  deployment: { id: number; status: string; at: string | null; url: string | null } | null
  pages: { published: number; draft: number; scheduled: number }
  health: SiteHealth
  visitors: { total: number; days: { date: string; visitors: number }[] }
  ai: { used: number; budget: number | null }
}

export type Overview = {
  rows: OverviewRow[]
  totalDocs: number
  page: number
  totalPages: number
  limit: number
  range: { from: string; to: string }
  month: string
  maxPageBytes: number
  filters: { statuses: readonly string[]; templates: { id: number; name: string }[]; tags: string[] }
}

const idOf = (value: unknown): number | null => {
  if (value && typeof value === 'object' && 'id' in value) return Number((value as { id: unknown }).id)
  return value === null || value === undefined ? null : Number(value)
}

const whereOf = (q: OverviewQuery): Where => {
  const and: Where[] = []
  if (q.status === 'never') and.push({ lastDeployStatus: { exists: false } })
  else if (q.status) and.push({ lastDeployStatus: { equals: q.status } })
  if (q.template) and.push({ template: { equals: q.template } })
  if (q.tag) and.push({ tags: { equals: q.tag } })
  return and.length ? { and } : {}
}

/**
 * Per page's published-to-be drafts: pending jobs of Payload's scheduled publish (when pages have it) naming
 * a page of these sites. Two queries: the jobs, then their pages' sites.
 */
const scheduledPages = async (payload: Payload, siteIds: number[]): Promise<Map<number, number>> => {
  const out = new Map<number, number>()
  const hasTask = (payload.config.jobs?.tasks ?? []).some((task) => task.slug === 'schedulePublish')
  if (!hasTask || siteIds.length === 0) return out
  const jobs = await payload.find({
    collection: 'payload-jobs',
    where: { and: [{ taskSlug: { equals: 'schedulePublish' } }, { completedAt: { exists: false } }, { hasError: { not_equals: true } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    select: { input: true },
  })
  const pageIds = new Set<number>()
  for (const job of jobs.docs) {
    const input = (job as { input?: { type?: string; doc?: { relationTo?: string; value?: unknown } } }).input
    if (input?.type === 'publish' && input.doc?.relationTo === 'pages') {
      const id = idOf(input.doc.value)
      if (id !== null) pageIds.add(id)
    }
  }
  if (pageIds.size === 0) return out
  const pages = await payload.find({
    collection: 'pages',
    where: { and: [{ id: { in: [...pageIds] } }, { site: { in: siteIds } }] },
    pagination: false,
    depth: 0,
    draft: true,
    overrideAccess: true,
    select: { site: true },
  })
  for (const page of pages.docs) {
    const site = idOf(page.site)
    if (site !== null) out.set(site, (out.get(site) ?? 0) + 1)
  }
  return out
}

/**
 * The fleet dashboard's figures for one page of the sites `user` may see (editors: their sites), filtered.
 * A fixed number of queries whatever the page size: the sites, then one per figure for all of them.
 */
export const fleetOverview = async ({
  payload,
  user,
  query,
  now = new Date(),
  maxPageBytes = DEFAULT_MAX_PAGE_BYTES,
}: {
  payload: Payload
  user: TypedUser
  query: OverviewQuery
  now?: Date
  maxPageBytes?: number
}): Promise<Overview> => {
  const sites = await payload.find({
    collection: 'sites',
    where: whereOf(query),
    page: query.page,
    limit: query.limit,
    sort: 'domain',
    depth: 0,
    overrideAccess: false,
    user,
    select: {
      domain: true,
      brandName: true,
      tags: true,
      template: true,
      homePage: true,
      lastDeploymentId: true,
      lastDeployStatus: true,
      lastDeployAt: true,
      liveUrl: true,
      lastDeployWarnings: true,
      lastDeployWarningText: true,
      aiMonthlyTokenBudget: true,
    },
  })
  const ids = sites.docs.map((site) => site.id)
  const to = utcDay(now)
  const from = addDays(to, -(VISITOR_DAYS - 1))
  const month = budgetMonth(now)
  const homeIds = sites.docs.map((site) => idOf(site.homePage)).filter((id): id is number => id !== null)
  const templateIds = [...new Set(sites.docs.map((site) => idOf(site.template)).filter((id): id is number => id !== null))]
  // the sites the user may see at all, for the filter lists (editors: their few; admins: every site)
  const visible = isAdminUser(user as never)
    ? null
    : (await payload.find({ collection: 'sites', pagination: false, depth: 0, overrideAccess: false, user, select: { template: true } })).docs
  const visibleIds = visible ? visible.map((s) => s.id) : null
  const usedTemplates = visible ? visible.map((s) => idOf(s.template)).filter((id): id is number => id !== null) : []
  const [pages, images, oversized, tokens, scheduled, rollups, homes, allTemplates, tags] = await Promise.all([
    pageFigures(payload, ids),
    imagesWithoutAlt(payload, ids),
    oversizedPages(payload, ids, maxPageBytes),
    tokensThisMonth(payload, ids, { month, monthStart: monthStart(now).toISOString() }),
    scheduledPages(payload, ids),
    ids.length
      ? payload.find({
          collection: 'analytics',
          where: { and: [{ site: { in: ids } }, { date: { greater_than_equal: from } }, { date: { less_than_equal: to } }] },
          pagination: false,
          depth: 0,
          overrideAccess: false,
          user,
          select: { site: true, date: true, visitors: true },
        })
      : { docs: [] },
    homeIds.length
      ? payload.find({ collection: 'pages', where: { and: [{ id: { in: homeIds } }, { _status: { equals: 'published' } }] }, pagination: false, depth: 0, overrideAccess: true, select: { slug: true } })
      : { docs: [] as { id: number }[] },
    // templates are shared: any signed-in user may read their names
    payload.find({ collection: 'templates', pagination: false, depth: 0, sort: 'name', overrideAccess: true, select: { name: true }, ...(visible ? { where: { id: { in: [...templateIds, ...usedTemplates, 0] } } } : {}) }),
    tagsOf(payload, visibleIds),
  ])
  const visitors = new Map<string, number>()
  for (const r of rollups.docs) visitors.set(`${idOf(r.site)}:${r.date}`, Number(r.visitors ?? 0))
  const liveHomes = new Set(homes.docs.map((page) => page.id))
  const templateNames = new Map(allTemplates.docs.map((t) => [t.id, t.name]))

  const rows: OverviewRow[] = sites.docs.map((site) => {
    const figures = pages.get(site.id) ?? { published: 0, draft: 0, withoutDescription: 0, withoutH1: 0 }
    const home = idOf(site.homePage)
    const health = {
      brokenLinks: Number(site.lastDeployWarnings ?? 0),
      brokenLinkSamples: (site.lastDeployWarningText ?? '').split('\n').filter(Boolean).slice(0, 5),
      // a site without published pages has nothing to show at "/" yet: that is its draft count, not a health problem
      missingHomePage: figures.published > 0 && (home === null || !liveHomes.has(home)),
      pagesWithoutDescription: figures.withoutDescription,
      pagesWithoutH1: figures.withoutH1,
      imagesWithoutAlt: images.get(site.id) ?? 0,
      oversizedPages: oversized.get(site.id) ?? 0,
      total: 0,
    }
    health.total = health.brokenLinks + (health.missingHomePage ? 1 : 0) + health.pagesWithoutDescription + health.pagesWithoutH1 + health.imagesWithoutAlt + health.oversizedPages
    const days = Array.from({ length: VISITOR_DAYS }, (_, i) => {
      const date = addDays(from, i)
      return { date, visitors: visitors.get(`${site.id}:${date}`) ?? 0 }
    })
    const templateId = idOf(site.template)
    return {
      id: site.id,
      domain: site.domain,
      brandName: site.brandName,
      tags: (site.tags as string[] | null | undefined) ?? [],
      template: templateId === null ? null : { id: templateId, name: templateNames.get(templateId) ?? `Template ${templateId}` },
      deployment: site.lastDeploymentId
        ? { id: site.lastDeploymentId, status: site.lastDeployStatus ?? 'queued', at: site.lastDeployAt ?? null, url: site.liveUrl ?? null }
        : null,
      pages: { published: figures.published, draft: figures.draft, scheduled: scheduled.get(site.id) ?? 0 },
      health,
      visitors: { total: days.reduce((sum, d) => sum + d.visitors, 0), days },
      ai: { used: tokens.get(site.id) ?? 0, budget: site.aiMonthlyTokenBudget ?? null },
    }
  })

  return {
    rows,
    totalDocs: sites.totalDocs,
    page: sites.page ?? query.page,
    totalPages: sites.totalPages,
    limit: query.limit,
    range: { from, to },
    month,
    maxPageBytes,
    filters: { statuses: STATUS_FILTERS, templates: allTemplates.docs.map((t) => ({ id: t.id, name: t.name })), tags },
  }
}
