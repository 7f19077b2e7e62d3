import type { CollectionSlug, Endpoint, PayloadHandler, PayloadRequest } from 'payload'
import { ValidationError } from 'payload'

import { isAdminUser } from '@/access/roles'
import { userSiteIds } from '@/access/siteAccess'
import { normalizeDomain, validateDomain } from '@/fields/validators'
import { sameId } from '@/lib/siteScope/scope'
import type { Site, User } from '@/payload-types'
import { CLONES_SLUG, CLONE_TASK, FLEET_QUEUE } from './constants'
import { parseCloneRequest, type CloneRequestProblem } from './core/request'
import { cloneSiteData } from './siteData'

type ID = number | string

const json = (body: unknown, status: number) => Response.json(body, { status })
const problems = (list: CloneRequestProblem[], status = 400) => json({ errors: list.map(({ field, message }) => ({ field, message })) }, status)
const common = { depth: 0, overrideAccess: true } as const

/**
 * Who may clone: admins any site; an editor only a site assigned to them (Users → Sites), and the clone is
 * assigned to them too (editors cannot create sites otherwise: a clone is the one way, and only from theirs).
 */
export const canClone = (user: PayloadRequest['user'], siteId: ID): boolean =>
  isAdminUser(user as never) || userSiteIds(user as never).some((id) => sameId(id, siteId))

const readBody = async (req: PayloadRequest): Promise<unknown> => {
  try {
    return req.json ? await req.json() : undefined
  } catch {
    return undefined
  }
}

const exists = async (req: PayloadRequest, collection: CollectionSlug, id: ID) =>
  (await req.payload.count({ collection, where: { id: { equals: id } }, overrideAccess: true })).totalDocs > 0

const queueClone = async (req: PayloadRequest, cloneId: ID) =>
  req.payload.jobs.queue({ task: CLONE_TASK as never, input: { cloneId: String(cloneId) } as never, queue: FLEET_QUEUE })

/**
 * POST /api/sites/:id/clone — {domain, brandName, template?, footprint?, rewriteWithAi?}. Makes the new site at
 * once (its domain and brand checked like any site's: 400 naming the field), queues the copy of the content as
 * a cloneSite job and answers 202 with the site-clones record, whose status, phase and counts the job keeps
 * current (`watch`: GET it). Small sites finish in a second, large ones in seconds: the path is the same.
 */
export const cloneSiteHandler: PayloadHandler = async (req) => {
  const { payload, user } = req
  if (!user) return json({ errors: [{ message: 'Log in to clone a site.' }] }, 401)
  const parsed = parseCloneRequest(await readBody(req))
  if ('problems' in parsed) return problems(parsed.problems)
  const request = parsed.value

  const id = req.routeParams?.id as string | undefined
  const found = id ? await payload.find({ collection: 'sites', where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: false, user, trash: true }) : null
  const source = found?.docs[0] as Site | undefined
  if (!source) return json({ errors: [{ message: 'Site not found.' }] }, 404)
  if (source.deletedAt) return json({ errors: [{ message: `${source.domain} is in the trash: restore it before cloning it.` }] }, 409)
  if (!canClone(user, source.id)) {
    return json({ errors: [{ message: `You can clone only the sites you manage; ${source.domain} is not assigned to you. Ask an admin to clone it.` }] }, 403)
  }
  if (request.template !== undefined && !(await exists(req, 'templates', request.template))) {
    return problems([{ field: 'template', message: `There is no template ${request.template}: choose an existing template, or leave it out to keep ${source.domain}'s.` }])
  }
  if (request.footprint !== undefined && request.footprint !== null && !(await exists(req, 'template-footprints', request.footprint))) {
    return problems([{ field: 'footprint', message: `There is no footprint ${request.footprint}: choose an existing footprint, or leave it out to keep ${source.domain}'s.` }])
  }
  const domain = normalizeDomain(request.domain)
  const domainProblem = validateDomain(domain)
  if (domainProblem !== true) return problems([{ field: 'domain', message: domainProblem }])
  // the unique index counts sites in the trash too
  const taken = await payload.find({ collection: 'sites', where: { domain: { equals: domain } }, limit: 1, trash: true, select: { deletedAt: true }, ...common })
  if (taken.docs.length > 0) {
    const inTrash = taken.docs[0].deletedAt ? ' (a site in the trash)' : ''
    return problems([{ field: 'domain', message: `The domain ${domain} is already used by another site${inTrash}: choose another for the clone.` }])
  }

  let site: Site
  try {
    site = (await payload.create({ collection: 'sites', data: cloneSiteData(payload, source, { ...request, domain }) as never, ...common })) as Site
  } catch (err) {
    if (err instanceof ValidationError) {
      return problems(err.data.errors.map((e) => ({ field: e.path, message: e.message })))
    }
    throw err
  }
  try {
    const requestedBy = user.collection === 'users' ? (user.id as ID) : null
    if (!isAdminUser(user as never) && requestedBy !== null) {
      const me = (await payload.findByID({ collection: 'users', id: requestedBy, ...common })) as User
      const sites = (me.sites ?? []).map((row) => ({ site: typeof row.site === 'object' && row.site ? row.site.id : row.site }))
      await payload.update({ collection: 'users', id: requestedBy, data: { sites: [...sites, { site: site.id }] } as never, ...common })
    }
    const clone = await payload.create({
      collection: CLONES_SLUG as CollectionSlug,
      data: {
        label: `${source.domain} → ${site.domain}`,
        source: source.id,
        site: site.id,
        requestedBy,
        status: 'queued',
        phase: 'Queued',
        rewriteWithAi: request.rewriteWithAi,
      } as never,
      ...common,
    })
    await queueClone(req, clone.id)
    return json(
      {
        message: `Cloning ${source.domain} into ${site.domain}: follow the progress at /api/${CLONES_SLUG}/${clone.id}.`,
        doc: clone,
        site: { id: site.id, domain: site.domain, uniqueClassPrefix: site.uniqueClassPrefix },
        watch: `/api/${CLONES_SLUG}/${clone.id}`,
      },
      202,
    )
  } catch (err) {
    // nothing half-made stays behind: the new site has no content yet
    await payload.db.deleteOne({ collection: 'sites', where: { id: { equals: site.id } } }).catch(() => undefined)
    throw err
  }
}

/** POST /api/site-clones/:id/retry — runs a failed clone again from the start (what it had copied goes first). */
export const retryCloneHandler: PayloadHandler = async (req) => {
  const { payload, user } = req
  if (!user) return json({ errors: [{ message: 'Log in to retry a clone.' }] }, 401)
  const id = req.routeParams?.id as string | undefined
  const found = id ? await payload.find({ collection: CLONES_SLUG as CollectionSlug, where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: false, user }) : null
  const clone = found?.docs[0] as { id: ID; status?: string; source?: ID | null } | undefined
  if (!clone) return json({ errors: [{ message: 'Clone not found.' }] }, 404)
  if (clone.status !== 'failed') return json({ errors: [{ message: `This clone is ${clone.status}: only a failed clone is run again.` }] }, 409)
  if (clone.source === null || clone.source === undefined || !canClone(user, clone.source)) {
    return json({ errors: [{ message: 'You can retry only a clone of a site you manage.' }] }, 403)
  }
  const doc = await payload.update({ collection: CLONES_SLUG as CollectionSlug, id: clone.id, data: { status: 'queued', phase: 'Queued', error: null } as never, ...common })
  await queueClone(req, clone.id)
  return json({ message: 'Clone queued again.', doc }, 202)
}

export const cloneSiteEndpoint: Endpoint = { path: '/:id/clone', method: 'post', handler: cloneSiteHandler }
export const retryCloneEndpoint: Endpoint = { path: '/:id/retry', method: 'post', handler: retryCloneHandler }
