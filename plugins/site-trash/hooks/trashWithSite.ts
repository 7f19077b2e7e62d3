import { getTenantFromCookie } from '@payloadcms/plugin-multi-tenant/utilities'
import type { CollectionAfterChangeHook, CollectionSlug, PayloadRequest, Where } from 'payload'
import { generateCookie, mergeHeaders } from 'payload'

import { trashStamp, trashTransition } from '@/lib/trash'
import { siteContent } from '../content'

/** Enough ids per statement for any site, few enough for any database's limit on bound values. */
const CHUNK = 500

const chunks = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK))

/**
 * Sets `deletedAt` on documents and on their latest versions (what the
 * admin's lists of a collection with drafts read). Straight through the
 * adapter, in the site's transaction: going to the trash and back is not an
 * edit. Payload's update would stamp `updatedAt` (which names image variants
 * and dates the sitemap, so the site would not come back byte for byte), save
 * a version per document and run every save hook (autoDeploy) once per
 * document.
 */
const setDeletedAt = async ({ req, collection, where, deletedAt }: { req: PayloadRequest; collection: CollectionSlug; where: Where; deletedAt: string | null }) => {
  const { payload } = req
  const found = await payload.db.find({ collection, where, limit: 0, pagination: false, select: { deletedAt: true }, req })
  const hasDrafts = Boolean(payload.collections[collection].config.versions?.drafts)
  for (const ids of chunks(found.docs.map((doc) => doc.id))) {
    await payload.db.updateMany({ collection, where: { id: { in: ids } }, data: { deletedAt, updatedAt: null }, req, returning: false })
    if (!hasDrafts) continue
    const latest = await payload.db.findVersions({
      collection,
      where: { and: [{ parent: { in: ids } }, { latest: { equals: true } }] },
      limit: 0,
      pagination: false,
      req,
    })
    for (const version of latest.docs) {
      await payload.db.updateVersion({ collection, id: version.id, versionData: { version: { deletedAt }, updatedAt: null } as never, req, returning: false })
    }
  }
}

/** The admin's site selector must not stay on a site that just went to the trash (plugin-multi-tenant does the same on delete). */
const forgetSelectedSite = (req: PayloadRequest, siteId: number | string) => {
  if (String(getTenantFromCookie(req.headers, req.payload.db.defaultIDType)) !== String(siteId)) return
  const expired = generateCookie({ name: 'payload-tenant', value: '', path: '/', expires: new Date(Date.now() - 1000), returnCookieAsObject: false })
  const headers = new Headers({ 'Set-Cookie': expired as string })
  req.responseHeaders = req.responseHeaders ? mergeHeaders(req.responseHeaders, headers) : headers
}

/**
 * A site moved to the trash takes its documents with it, each stamped with
 * the site's own `deletedAt`; restoring the site brings back exactly those
 * (documents trashed on their own before stay in the trash).
 */
export const trashWithSite = (): CollectionAfterChangeHook => async ({ doc, previousDoc, req }) => {
  const transition = trashTransition(doc, previousDoc)
  if (!transition) return doc
  const site = { site: { equals: doc.id } }
  if (transition === 'trashed') {
    const deletedAt = trashStamp(doc.deletedAt)
    for (const collection of siteContent(req.payload)) {
      await setDeletedAt({ req, collection, where: { and: [site, { deletedAt: { exists: false } }] }, deletedAt })
    }
    forgetSelectedSite(req, doc.id)
  } else {
    const stamp = trashStamp(previousDoc.deletedAt)
    // dependencies first: a page comes back after the media and presets it shows
    for (const collection of siteContent(req.payload).reverse()) {
      await setDeletedAt({ req, collection, where: { and: [site, { deletedAt: { equals: stamp } }] }, deletedAt: null })
    }
  }
  return doc
}
