import type { Endpoint, PayloadHandler, PayloadRequest, Where } from 'payload'
import { commitTransaction, initTransaction, killTransaction } from 'payload'

import { isAdminUser } from '@/access/roles'
import { userSiteIds } from '@/access/siteAccess'
import { queueDeployment } from '@/plugins/publisher/jobs/queue'
import type { Site } from '@/payload-types'
import { changedSites } from './changed'
import { FLEET_DEPLOYMENTS_SLUG, type FleetKind } from './constants'
import { parseFleetRequest, type FleetRequest } from './core/request'
import { fleetProgress, type FleetItem } from './progress'

type ID = number | string
type SiteRow = Pick<Site, 'id' | 'domain' | 'updatedAt' | 'template' | 'footprint' | 'deletedAt'>

const json = (body: unknown, status: number) => Response.json(body, { status })
const fail = (status: number, message: string, field?: string) => json({ errors: [field === undefined ? { message } : { field, message }] }, status)
const isApiKeyRequest = (req: PayloadRequest) => /\bAPI-Key\b/.test(req.headers.get('authorization') ?? '')
const SITE_SELECT = { domain: true, updatedAt: true, template: true, footprint: true, deletedAt: true } as const
const listOf = (domains: string[]) => (domains.length > 5 ? `${domains.slice(0, 5).join(', ')} and ${domains.length - 5} more` : domains.join(', '))

const readBody = async (req: PayloadRequest): Promise<unknown> => {
  try {
    return req.json ? await req.json() : undefined
  } catch {
    return undefined
  }
}

/** The caller's sites: every site for an admin, the assigned ones for an editor (site scope). */
const scopeOf = (req: PayloadRequest): Where =>
  isAdminUser(req.user as never) ? {} : { id: { in: userSiteIds(req.user as never).length ? userSiteIds(req.user as never) : [-1] } }

const findSites = async (req: PayloadRequest, where: Where): Promise<SiteRow[]> =>
  (await req.payload.find({ collection: 'sites', where, select: SITE_SELECT, depth: 0, pagination: false, sort: 'domain', overrideAccess: true })).docs as SiteRow[]

type Chosen = { sites: SiteRow[]; label: string } | Response

/** The sites a request chooses, limited to the caller's; a Response when the request cannot be done. */
const chooseSites = async (req: PayloadRequest, request: FleetRequest): Promise<Chosen> => {
  const scope = scopeOf(req)
  if (request.kind === 'selected') {
    const found = (await req.payload.find({ collection: 'sites', where: { id: { in: request.sites } }, select: SITE_SELECT, depth: 0, pagination: false, trash: true, overrideAccess: true })).docs as SiteRow[]
    const byId = new Map(found.map((site) => [String(site.id), site]))
    const missing = request.sites.findIndex((id) => !byId.has(String(id)))
    if (missing !== -1) return fail(400, `There is no site ${request.sites[missing]}: choose existing sites.`, `sites.${missing}`)
    const sites = request.sites.map((id) => byId.get(String(id))!)
    if (!isAdminUser(req.user as never)) {
      const mine = new Set(userSiteIds(req.user as never).map(String))
      const foreign = sites.filter((site) => !mine.has(String(site.id))).map((site) => site.domain)
      if (foreign.length) return fail(403, `You can deploy only the sites assigned to you; not ${listOf(foreign)}. Nothing was deployed.`, 'sites')
    }
    const trashed = sites.filter((site) => site.deletedAt).map((site) => site.domain)
    if (trashed.length) return fail(409, `${listOf(trashed)} ${trashed.length > 1 ? 'are' : 'is'} in the trash and cannot be deployed: leave ${trashed.length > 1 ? 'them' : 'it'} out or ask an admin to restore ${trashed.length > 1 ? 'them' : 'it'}. Nothing was deployed.`, 'sites')
    return { sites, label: `Deploy ${sites.length} selected site${sites.length === 1 ? '' : 's'}` }
  }
  if (request.kind === 'changed') {
    const all = await findSites(req, scope)
    const ids = new Set((await changedSites(req.payload, all)).map(String))
    const sites = all.filter((site) => ids.has(String(site.id)))
    if (!sites.length) return fail(409, `None of your ${all.length} sites changed since its last successful deployment: nothing to deploy.`)
    return { sites, label: `Deploy all changed: ${sites.length} of ${all.length} sites` }
  }
  const collection = request.kind === 'template' ? 'templates' : 'template-footprints'
  const id = request.kind === 'template' ? request.template : request.footprint
  const owner = (await req.payload.find({ collection, where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: true })).docs[0] as { name?: string } | undefined
  if (!owner) return fail(400, `There is no ${request.kind} ${id}: choose an existing ${request.kind}.`, request.kind)
  const sites = await findSites(req, { and: [scope, { [request.kind]: { equals: id } }] })
  const name = owner.name ?? String(id)
  if (!sites.length) return fail(409, `None of your sites uses the ${request.kind} "${name}": nothing to deploy.`, request.kind)
  return { sites, label: `Deploy the ${sites.length} site${sites.length === 1 ? '' : 's'} using ${request.kind} "${name}"` }
}

/**
 * Queues one deployment per site and, in the same transaction, the fleet deployment that groups them: either
 * all of it exists afterwards or none (jobs are announced to the workers after the commit).
 */
const queueAll = async (req: PayloadRequest, siteIds: ID[], write: (items: FleetItem[]) => Promise<{ id: ID }>) => {
  const shouldCommit = await initTransaction(req)
  try {
    const items: FleetItem[] = []
    for (const site of siteIds) {
      const deployment = await queueDeployment({
        payload: req.payload,
        req,
        siteId: site as number,
        trigger: isApiKeyRequest(req) ? 'api' : 'manual',
        userId: req.user?.collection === 'users' ? (req.user.id as number) : null,
      })
      items.push({ site, deployment: deployment.id })
    }
    const doc = await write(items)
    if (shouldCommit) await commitTransaction(req)
    return doc
  } catch (err) {
    await killTransaction(req)
    throw err
  }
}

const readFleet = (req: PayloadRequest, id: ID) =>
  req.payload.findByID({ collection: FLEET_DEPLOYMENTS_SLUG as 'fleet-deployments', id, depth: 0, overrideAccess: true })

/**
 * POST /api/fleet-deployments — `{sites: [ids]}`, `{changed: true}`, `{template: id}` or `{footprint: id}`:
 * queues a deployment of each chosen site (limited to the caller's sites) and answers 202 with the fleet
 * deployment, whose `progress` has every site's status; GET `watch` to follow it.
 */
export const createFleetHandler: PayloadHandler = async (req) => {
  if (!req.user) return fail(401, 'Log in to deploy sites.')
  const parsed = parseFleetRequest(await readBody(req))
  if ('problems' in parsed) return json({ errors: parsed.problems }, 400)
  const request = parsed.value
  const chosen = await chooseSites(req, request)
  if (chosen instanceof Response) return chosen
  const kind: FleetKind = request.kind
  const created = await queueAll(
    req,
    chosen.sites.map((site) => site.id),
    (items) =>
      req.payload.create({
        collection: FLEET_DEPLOYMENTS_SLUG as 'fleet-deployments',
        data: {
          label: chosen.label,
          kind,
          template: request.kind === 'template' ? request.template : null,
          footprint: request.kind === 'footprint' ? request.footprint : null,
          requestedBy: req.user?.collection === 'users' ? req.user.id : null,
          items,
        } as never,
        depth: 0,
        overrideAccess: true,
        req,
      }),
  )
  const doc = await readFleet(req, created.id)
  return json({ message: `${chosen.label}: ${chosen.sites.length} deployment${chosen.sites.length === 1 ? '' : 's'} queued.`, doc, watch: `/api/${FLEET_DEPLOYMENTS_SLUG}/${doc.id}` }, 202)
}

/**
 * POST /api/fleet-deployments/:id/retry — queues a new deployment for each site whose deployment failed, and only
 * those; the fleet deployment follows the new ones (attempts + 1). 409 when nothing failed (or it still runs for
 * those sites: a retry never doubles a running deployment).
 */
export const retryFleetHandler: PayloadHandler = async (req) => {
  if (!req.user) return fail(401, 'Log in to retry a fleet deployment.')
  const id = req.routeParams?.id as string | undefined
  const found = id
    ? await req.payload.find({ collection: FLEET_DEPLOYMENTS_SLUG as 'fleet-deployments', where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: false, user: req.user })
    : null
  if (!found?.docs[0]) return fail(404, 'Fleet deployment not found.')
  const fleet = await readFleet(req, found.docs[0].id)
  const items = (fleet.items ?? []) as (FleetItem & { id?: string | null })[]
  const progress = await fleetProgress(req.payload, items)
  const failed = progress.sites.filter((row) => row.site !== null && (row.status === 'failed' || row.status === 'missing'))
  if (!failed.length) return fail(409, progress.isDone ? 'No site of this fleet deployment failed: nothing to retry.' : 'No site has failed so far: nothing to retry yet.')
  const siteIds = failed.map((row) => row.site!)
  const sites = (await req.payload.find({ collection: 'sites', where: { id: { in: siteIds } }, select: SITE_SELECT, depth: 0, pagination: false, trash: true, overrideAccess: true })).docs as SiteRow[]
  if (!isAdminUser(req.user as never)) {
    const mine = new Set(userSiteIds(req.user as never).map(String))
    const foreign = sites.filter((site) => !mine.has(String(site.id))).map((site) => site.domain)
    if (foreign.length) return fail(403, `${listOf(foreign)} ${foreign.length > 1 ? 'are' : 'is'} no longer assigned to you: ask an admin to retry. Nothing was deployed.`)
  }
  const trashed = sites.filter((site) => site.deletedAt).map((site) => site.domain)
  if (trashed.length) return fail(409, `${listOf(trashed)} ${trashed.length > 1 ? 'are' : 'is'} in the trash: restore before retrying. Nothing was deployed.`)
  const retried = new Set(siteIds.map(String))
  await queueAll(req, siteIds, async (queued) => {
    const next = new Map(queued.map((item) => [String(item.site), item.deployment]))
    return req.payload.update({
      collection: FLEET_DEPLOYMENTS_SLUG as 'fleet-deployments',
      id: fleet.id,
      data: {
        items: items.map((item) => {
          const site = typeof item.site === 'object' && item.site ? (item.site as { id: ID }).id : (item.site as ID | null)
          return site !== null && retried.has(String(site)) ? { ...item, deployment: next.get(String(site)), attempts: (item.attempts ?? 1) + 1 } : item
        }),
      } as never,
      depth: 0,
      overrideAccess: true,
      req,
    })
  })
  const doc = await readFleet(req, fleet.id)
  return json({ message: `Retrying ${siteIds.length} failed site${siteIds.length === 1 ? '' : 's'}.`, doc }, 202)
}

/**
 * GET /api/fleet-deployments/preview?changed=true | ?template=id | ?footprint=id — which of the caller's sites a
 * POST with the same choice would deploy (the admin's "N sites use this" and "Deploy all changed (N)").
 */
export const previewFleetHandler: PayloadHandler = async (req) => {
  if (!req.user) return fail(401, 'Log in to deploy sites.')
  const query = req.searchParams ?? new URL(req.url ?? 'http://x').searchParams
  const body: Record<string, unknown> = {}
  for (const key of ['template', 'footprint'] as const) if (query.get(key)) body[key] = /^\d+$/.test(query.get(key)!) ? Number(query.get(key)) : query.get(key)
  if (query.get('changed') === 'true') body.changed = true
  const parsed = parseFleetRequest(body)
  if ('problems' in parsed) return json({ errors: parsed.problems }, 400)
  const chosen = await chooseSites(req, parsed.value)
  if (chosen instanceof Response) return chosen.status === 409 ? json({ count: 0, sites: [] }, 200) : chosen
  return json({ count: chosen.sites.length, label: chosen.label, sites: chosen.sites.map((site) => ({ id: site.id, domain: site.domain })) }, 200)
}

export const createFleetEndpoint: Endpoint = { path: '/', method: 'post', handler: createFleetHandler }
export const retryFleetEndpoint: Endpoint = { path: '/:id/retry', method: 'post', handler: retryFleetHandler }
export const previewFleetEndpoint: Endpoint = { path: '/preview', method: 'get', handler: previewFleetHandler }
