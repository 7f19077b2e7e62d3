import type { CollectionBeforeDeleteHook, CollectionSlug, PayloadRequest, Where } from 'payload'
import { APIError } from 'payload'

import { singularLabel } from '@/lib/siteScope/scope'
import { siteContent } from '../content'

/** Deletes for good, with each document's own delete hooks (an upload's files go with it); any failure rolls the site's delete back. */
const deleteAll = async (req: PayloadRequest, collection: CollectionSlug, where: Where) => {
  const { errors } = await req.payload.delete({ collection, where, trash: true, overrideAccess: true, depth: 0, req })
  if (errors.length > 0) {
    const label = singularLabel(req.payload, collection)
    throw new APIError(`The site was not deleted: ${label} ${errors.map((e) => `${e.id}: ${e.message}`).join('; ')}`, 500)
  }
}

/**
 * Before a site is deleted for good: its pages, media (with their files),
 * affiliate links and swiper presets, in the trash or not, and its media
 * folders go with it, and no user keeps it in their list of sites. What is
 * history stays or goes in the plugins that own it (deployments keep their
 * record with no site; page views, rollups and AI budgets are deleted).
 */
export const purgeSite = (): CollectionBeforeDeleteHook => async ({ id, req }) => {
  const site = { site: { equals: id } }
  // what the site's documents' own hooks would keep for it (a redirect from a deleted page's address) goes with it
  purgingSites.add(String(id))
  try {
    await purgeContent(req, id, site)
  } finally {
    purgingSites.delete(String(id))
  }
}

/** Sites being deleted for good in this process, by id. */
const purgingSites = new Set<string>()

/** Whether site `id` is being deleted for good: its documents' hooks need not keep anything for it. */
export const isSitePurging = (id: unknown): boolean => id !== null && id !== undefined && purgingSites.has(String(id))

const purgeContent = async (req: PayloadRequest, id: number | string, site: Where) => {
  const { payload } = req
  for (const collection of siteContent(payload)) await deleteAll(req, collection, site)
  const folders = payload.config.folders ? (payload.config.folders.slug as CollectionSlug) : null
  if (folders) {
    // top folders first: Payload deletes a folder's subfolders with it
    await deleteAll(req, folders, { and: [site, { folder: { exists: false } }] })
    await deleteAll(req, folders, site)
  }
  const users = payload.config.admin.user as CollectionSlug
  const assigned = await payload.find({ collection: users, where: { 'sites.site': { in: [id] } }, depth: 0, limit: 0, pagination: false, overrideAccess: true, req })
  for (const user of assigned.docs as { id: number | string; sites?: { site?: unknown }[] | null }[]) {
    const sites = (user.sites ?? []).filter((row) => {
      const ref = row.site && typeof row.site === 'object' ? (row.site as { id: unknown }).id : row.site
      return String(ref) !== String(id)
    })
    await payload.update({ collection: users, id: user.id, data: { sites } as never, depth: 0, overrideAccess: true, req })
  }
}
