import type { CollectionAfterChangeHook, Where } from 'payload'

import type { Page } from '@/payload-types'
import { HOME_SLUG } from '@/plugins/site-builder/core/urls'

const refId = (value: unknown): number | string | null => {
  if (typeof value === 'number' || (typeof value === 'string' && value !== '')) return value
  if (value && typeof value === 'object' && 'id' in value) return refId((value as { id: unknown }).id)
  return null
}

/**
 * A site gets a home page with its first page: when a page is created in a site that has none, the
 * site's page with the slug "index" (what sites from before the choice used) or else its first page
 * created becomes it. Stored on the site, so the editor sees the choice and can change it; a site whose
 * home page was deleted keeps none until someone chooses (and its edit view says so).
 */
export const defaultHomePage: CollectionAfterChangeHook<Page> = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const siteId = refId(doc.site)
  if (siteId === null) return doc
  const { payload } = req
  const common = { req, depth: 0, overrideAccess: true } as const
  const site = await payload.findByID({ collection: 'sites', id: siteId, select: { homePage: true }, disableErrors: true, ...common })
  if (!site || refId(site.homePage) !== null) return doc
  const firstOf = async (where: Where, sort?: string) =>
    (await payload.find({ collection: 'pages', where, sort, limit: 1, select: { slug: true }, ...common })).docs[0]
  const home =
    (await firstOf({ and: [{ site: { equals: siteId } }, { slug: { equals: HOME_SLUG } }] })) ??
    (await firstOf({ site: { equals: siteId } }, 'createdAt')) ??
    doc
  // straight to the adapter, in the page's transaction: a bookkeeping write, not an edit of the site (no
  // validation of the rest of it, no autoDeploy for it: a published page queues its own deployment)
  await payload.db.updateOne({ collection: 'sites', id: siteId, data: { homePage: home.id }, req, returning: false })
  return doc
}
