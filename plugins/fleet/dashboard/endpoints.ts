import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'
import { commitTransaction, initTransaction, killTransaction } from 'payload'

import { applyTagChange, normalizeTags, tagsProblem } from './core/tags'
import { fleetOverview, OverviewInputError, parseOverviewQuery } from './overview'

const json = (body: unknown, status: number) => Response.json(body, { status })
const problem = (message: string, status: number) => json({ errors: [{ message }] }, status)

export const MAX_SITES_PER_ACTION = 500

/** GET /api/fleet/overview?status=&template=&tag=&page=&limit= — one page of the caller's sites with their figures. */
export const overviewHandler: PayloadHandler = async (req) => {
  if (!req.user) return problem('Log in to see the fleet dashboard.', 401)
  try {
    const query = parseOverviewQuery(new URL(req.url ?? '/', 'http://panel').searchParams)
    return json(await fleetOverview({ payload: req.payload, user: req.user, query }), 200)
  } catch (err) {
    if (err instanceof OverviewInputError) return problem(err.message, err.status)
    throw err
  }
}

const readBody = async (req: PayloadRequest): Promise<Record<string, unknown> | null> => {
  try {
    const body = req.json ? await req.json() : null
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null
  } catch {
    return null
  }
}

const isIdList = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((id) => typeof id === 'number' && Number.isInteger(id) && id > 0)

/**
 * POST /api/fleet/tags {sites: [ids], add?: [tags], remove?: [tags]} — adds and removes tags on sites the
 * caller may edit. All or nothing: one site the caller cannot see (or that does not exist) and nothing is
 * written. Tags are written without a site save, so a site with automatic deploys is not redeployed for a
 * label that is not on the site.
 */
export const tagsHandler: PayloadHandler = async (req) => {
  if (!req.user) return problem('Log in to tag sites.', 401)
  const body = await readBody(req)
  if (!body) return problem('Send a JSON object: {"sites": [site ids], "add": [tags], "remove": [tags]}.', 400)
  const { sites, add = [], remove = [] } = body
  if (!isIdList(sites) || sites.length === 0) return problem('"sites" must be a non-empty list of site ids.', 400)
  if (sites.length > MAX_SITES_PER_ACTION) return problem(`Tag at most ${MAX_SITES_PER_ACTION} sites at once (got ${sites.length}).`, 400)
  if (!Array.isArray(add) || !add.every((t) => typeof t === 'string')) return problem('"add" must be a list of tags (text).', 400)
  if (!Array.isArray(remove) || !remove.every((t) => typeof t === 'string')) return problem('"remove" must be a list of tags (text).', 400)
  const toAdd = normalizeTags(add)
  const toRemove = normalizeTags(remove)
  if (toAdd.length === 0 && toRemove.length === 0) return problem('Say which tags to add ("add") or remove ("remove").', 400)
  const invalid = tagsProblem(toAdd)
  if (invalid) return problem(invalid, 400)

  const ids = [...new Set(sites)]
  const found = await req.payload.find({
    collection: 'sites',
    where: { id: { in: ids } },
    pagination: false,
    depth: 0,
    overrideAccess: false,
    user: req.user,
    select: { domain: true, tags: true },
    req,
  })
  const missing = ids.filter((id) => !found.docs.some((site) => site.id === id))
  if (missing.length) return problem(`No site ${missing.join(', ')} among your sites: nothing was tagged.`, 404)
  const changes = found.docs.map((site) => ({ site, tags: applyTagChange((site.tags as string[] | null) ?? [], { add: toAdd, remove: toRemove }) }))
  const tooMany = changes.find((c) => tagsProblem(c.tags))
  if (tooMany) return problem(`${tooMany.site.domain}: ${tagsProblem(tooMany.tags)} Nothing was tagged.`, 400)

  const shouldCommit = await initTransaction(req)
  try {
    for (const { site, tags } of changes) {
      await req.payload.db.updateOne({ collection: 'sites', id: site.id, data: { tags }, req, returning: false })
    }
    if (shouldCommit) await commitTransaction(req)
  } catch (err) {
    if (shouldCommit) await killTransaction(req)
    throw err
  }
  return json({ message: `Tags changed on ${changes.length} site${changes.length === 1 ? '' : 's'}.`, sites: changes.map((c) => ({ id: c.site.id, domain: c.site.domain, tags: c.tags })) }, 200)
}

export const overviewEndpoint: Endpoint = { path: '/fleet/overview', method: 'get', handler: overviewHandler }
export const tagsEndpoint: Endpoint = { path: '/fleet/tags', method: 'post', handler: tagsHandler }
