import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import type { Redirect, Site, TemplateFootprint } from '@/payload-types'
import { isSitePurging } from '@/plugins/site-trash/hooks/purgeSite'

import { pathKey } from '../core/paths'
import { idOf, loadPathOf } from '../sitePaths'

/**
 * A change of how a site addresses its pages (its URL style, its footprint or the footprint's page URL style, its
 * home page) moves every published page it touches at once: each old address gets a 301 to its page, as a slug
 * change does for one page (hooks/pageMoves.ts). Recorded as redirects, so the next deployment publishes them and
 * the live site still equals a clean build of the site's data.
 *
 * Only for a site that has been published (a successful deployment): before that no address was live, and a site
 * being set up (its first pages making one the home page, a clone being filled) moves nothing anyone has seen.
 *
 * A site can have thousands of pages, and the redirects collection's own save checks each rule against every page
 * and rule of the site, so these are written through the adapter in the save's transaction, already in the form
 * that check would leave them: from a normalised page address, to the page (so later moves are followed), a
 * rule from the same address updated instead of a second one, rules that led by path to a moved address pointed at
 * its page (no two hops), and rules from an address a page now has removed (the page wins).
 */

type Addresses = Map<string, string> // page id -> path

const wasAt = (siteId: unknown) => `fleet-redirects:site-was-at:${String(siteId)}`

/** The site's published pages and their addresses under its rules as stored now (in `req`'s transaction). */
const addressesOf = async (req: PayloadRequest, siteId: number | string): Promise<Addresses | null> => {
  const pathOf = await loadPathOf(req, siteId)
  if (!pathOf) return null
  const { docs } = await req.payload.find({
    collection: 'pages',
    // the collection's row is the published version
    where: { and: [{ site: { equals: siteId } }, { _status: { equals: 'published' } }] },
    select: { slug: true },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return new Map(docs.map((page) => [String(page.id), pathOf(page)]))
}

/** Whether the site has been published: some deployment of it succeeded. */
const wasPublished = async (req: PayloadRequest, siteId: number | string): Promise<boolean> =>
  (
    await req.payload.count({
      collection: 'deployments',
      where: { and: [{ site: { equals: siteId } }, { status: { equals: 'success' } }] },
      overrideAccess: true,
      req,
    })
  ).totalDocs > 0

/** Records a 301 from each address `before` had that the page no longer has. Returns how many were written. */
export const recordAddressMoves = async (req: PayloadRequest, siteId: number | string, before: Addresses): Promise<number> => {
  const after = await addressesOf(req, siteId)
  if (!after) return 0
  const moved = [...before].filter(([id, path]) => after.has(id) && pathKey(after.get(id)!) !== pathKey(path))
  if (moved.length === 0) return 0
  const liveNow = new Set([...after.values()].map(pathKey))
  const { docs: rules } = (await req.payload.find({
    collection: 'redirects',
    where: { site: { equals: siteId } },
    trash: true,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })) as { docs: Redirect[] }
  const byFrom = new Map(rules.map((r) => [pathKey(r.from), r]))
  const movedTo = new Map(moved.map(([id, path]) => [pathKey(path), Number(id)]))
  const stamp = new Date().toISOString()
  // a page lives at the address now: a rule from it would hide the page
  const reclaimed = rules.filter((r) => liveNow.has(pathKey(r.from)))
  for (const r of reclaimed) await req.payload.db.deleteOne({ collection: 'redirects', where: { id: { equals: r.id } }, req })
  let written = 0
  for (const [id, path] of moved) {
    const key = pathKey(path)
    if (liveNow.has(key)) continue // another page has the old address now
    const data = { from: path, toPage: Number(id), toPath: null, status: '301', origin: 'url-change', deletedAt: null, updatedAt: stamp }
    const same = byFrom.get(key)
    if (same) await req.payload.db.updateOne({ collection: 'redirects', id: same.id, data, req })
    else await req.payload.db.create({ collection: 'redirects', data: { ...data, site: Number(siteId), createdAt: stamp }, req })
    written++
  }
  // rules that led to a moved address by path now lead to its page
  for (const r of rules) {
    const to = r.toPath ? movedTo.get(pathKey(r.toPath)) : undefined
    if (to === undefined || liveNow.has(pathKey(r.from)) || movedTo.has(pathKey(r.from))) continue
    await req.payload.db.updateOne({ collection: 'redirects', id: r.id, data: { toPage: to, toPath: null, updatedAt: stamp }, req })
  }
  return written
}

const ADDRESSING: (keyof Site)[] = ['urlStyle', 'footprint', 'homePage']

/** Before a save of a published site that changes how it addresses its pages: the addresses they had. */
export const rememberSiteAddresses: CollectionBeforeChangeHook<Site> = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc?.id) return data
  const changes = ADDRESSING.some((field) => field in data && String(idOf(data[field]) ?? '') !== String(idOf(originalDoc[field]) ?? ''))
  if (!changes || !(await wasPublished(req, originalDoc.id))) return data
  const before = await addressesOf(req, originalDoc.id)
  // req.context, set after the await: a Local API call given `req` replaces it with a merged copy
  req.context[wasAt(originalDoc.id)] = before
  return data
}

/** After it: a 301 from every address a published page lost. */
export const recordSiteAddressMoves: CollectionAfterChangeHook<Site> = async ({ doc, req }) => {
  const before = req.context[wasAt(doc.id)] as Addresses | null | undefined
  if (!before || isSitePurging(doc.id)) return doc
  delete req.context[wasAt(doc.id)]
  await recordAddressMoves(req, doc.id, before)
  return doc
}

/** Sites addressed by this footprint's page URL style (URL style "as the footprint", or none chosen). */
const sitesOfFootprint = async (req: PayloadRequest, footprintId: number | string) =>
  (
    await req.payload.find({
      collection: 'sites',
      where: { and: [{ footprint: { equals: footprintId } }, { or: [{ urlStyle: { equals: 'footprint' } }, { urlStyle: { exists: false } }] }] },
      select: { domain: true },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    })
  ).docs.map((s) => s.id)

const footprintWasAt = (id: unknown) => `fleet-redirects:footprint-was-at:${String(id)}`

/** Before a footprint's page URL style changes: the addresses of the pages of every site it addresses. */
export const rememberFootprintAddresses: CollectionBeforeChangeHook<TemplateFootprint> = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc?.id || !('pageUrlStyle' in data) || data.pageUrlStyle === originalDoc.pageUrlStyle) return data
  const before = new Map<string, Addresses>()
  for (const siteId of await sitesOfFootprint(req, originalDoc.id)) {
    if (!(await wasPublished(req, siteId))) continue
    const addresses = await addressesOf(req, siteId)
    if (addresses?.size) before.set(String(siteId), addresses)
  }
  req.context[footprintWasAt(originalDoc.id)] = before
  return data
}

export const recordFootprintAddressMoves: CollectionAfterChangeHook<TemplateFootprint> = async ({ doc, req }) => {
  const before = req.context[footprintWasAt(doc.id)] as Map<string, Addresses> | undefined
  if (!before) return doc
  delete req.context[footprintWasAt(doc.id)]
  for (const [siteId, addresses] of before) await recordAddressMoves(req, siteId, addresses)
  return doc
}
