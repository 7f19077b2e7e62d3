import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionBeforeDeleteHook, PayloadRequest } from 'payload'

import { trashTransition } from '@/lib/trash'
import type { Page, Redirect } from '@/payload-types'
import { isSitePurging } from '@/plugins/site-trash/hooks/purgeSite'

import { pathKey } from '../core/paths'
import { idOf, loadPathOf } from '../sitePaths'
import { repoint, whileLeaving } from './chains'

/** The published address a page had before this save, kept from beforeChange to afterChange. */
const wasAt = (id: unknown) => `fleet-redirects:was-at:${String(id)}`

type Live = { siteId: number | string; path: string }

/**
 * Where the page is live now: the published row (Payload keeps the published version in the collection's
 * table; drafts live in the versions table), addressed by the site's URL rules. Null when it is not live.
 */
const liveAddress = async (req: PayloadRequest, id: number | string): Promise<(Live & { page: Page }) | null> => {
  const page = (await req.payload.db.findOne({ collection: 'pages', where: { id: { equals: id } }, req })) as Page | null
  if (!page || page._status !== 'published' || page.deletedAt) return null
  const siteId = idOf(page.site)
  if (siteId === null) return null
  const pathOf = await loadPathOf(req, siteId)
  return pathOf ? { siteId, path: pathOf(page), page } : null
}

/** Records (or updates, or brings back from the trash) the redirect from `from` to a page. */
const record = async ({
  req,
  siteId,
  from,
  toPage,
  origin,
  leaving,
}: {
  req: PayloadRequest
  siteId: number | string
  from: string
  toPage: number
  origin: Redirect['origin']
  /** A page going away, still published while it does: its address is free to redirect. */
  leaving?: number | string
}) => {
  const key = pathKey(from)
  const { docs } = await req.payload.find({
    collection: 'redirects',
    where: { and: [{ site: { equals: siteId } }, { from: { in: [...new Set([from, key, `${key}/`])] } }] },
    trash: true,
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const data = { from, toPage, toPath: null, status: '301' as const, origin, deletedAt: null }
  const save = async () => {
    if (docs[0]) await req.payload.update({ collection: 'redirects', id: docs[0].id, data, trash: true, depth: 0, overrideAccess: true, req })
    else await req.payload.create({ collection: 'redirects', data: { ...data, site: siteId as number }, depth: 0, overrideAccess: true, req })
  }
  await (leaving !== undefined ? whileLeaving(leaving, save) : save())
}

/** A page live at `path` again takes its address back: a redirect from it would hide the page. */
const reclaim = async (req: PayloadRequest, siteId: number | string, path: string) => {
  const key = pathKey(path)
  await req.payload.delete({
    collection: 'redirects',
    where: { and: [{ site: { equals: siteId } }, { from: { in: [...new Set([path, key, `${key}/`])] } }] },
    trash: true,
    depth: 0,
    overrideAccess: true,
    req,
  })
}

/** Where the visitors of a page that goes away are sent: the page chosen on it, else the site's home page. */
const replacementOf = async (req: PayloadRequest, page: Page, siteId: number | string): Promise<number | null> => {
  const live = async (id: unknown) => {
    const pageId = idOf(id)
    if (pageId === null || String(pageId) === String(page.id)) return null
    const found = (await req.payload.db.findOne({ collection: 'pages', where: { id: { equals: pageId } }, req })) as Page | null
    return found && found._status === 'published' && !found.deletedAt && String(idOf(found.site)) === String(siteId) ? found : null
  }
  const chosen = await live(page.redirectOnDelete)
  if (chosen) return chosen.id
  const site = await req.payload.findByID({ collection: 'sites', id: siteId, depth: 0, overrideAccess: true, req, disableErrors: true })
  const home = (await live(site?.homePage)) ?? (await req.payload.find({
    collection: 'pages',
    where: { and: [{ site: { equals: siteId } }, { slug: { equals: 'index' } }, { _status: { equals: 'published' } }, { id: { not_equals: page.id } }] },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })).docs[0]
  return home?.id ?? null
}

/** A page going away: its address leads to its replacement, and so do the redirects that led to it. */
const pageGone = async (req: PayloadRequest, page: Page, live: Live | null) => {
  const siteId = live?.siteId ?? idOf(page.site)
  // the site is being deleted for good, its redirects with it
  if (siteId === null || isSitePurging(siteId)) return
  const to = await replacementOf(req, page, siteId)
  const { docs: leading } = await req.payload.find({
    collection: 'redirects',
    where: { toPage: { equals: page.id } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  for (const r of leading) {
    if (to === null) await req.payload.delete({ collection: 'redirects', id: r.id, trash: true, overrideAccess: true, req })
    else await repoint(req, r.id, { toPage: to, toPath: null })
  }
  if (live && to !== null) await record({ req, siteId, from: live.path, toPage: to, origin: 'page-deleted', leaving: page.id })
}

/** Before a publish or a move to the trash: the address the page is live at, for afterChange to compare. */
export const rememberLiveAddress: CollectionBeforeChangeHook<Page> = async ({ data, operation, originalDoc, req }) => {
  if (operation !== 'update' || !originalDoc?.id) return data
  if (data._status !== 'published' && !data.deletedAt) return data
  const live = (await liveAddress(req, originalDoc.id)) ?? null
  // req.context, read after the await: every Local API call given `req` replaces it with a merged copy
  req.context[wasAt(originalDoc.id)] = live
  return data
}

/**
 * After a save: a published page whose address changed leaves a 301 from its old address to itself (by page, so
 * a later change is followed without a chain); a page moved to the trash leaves one to the page chosen on it or
 * the home page. A page published at an address takes it back from any redirect.
 */
export const recordPageMoves: CollectionAfterChangeHook<Page> = async ({ doc, previousDoc, req }) => {
  const before = req.context[wasAt(doc.id)] as (Live & { page: Page }) | null | undefined
  if (trashTransition(doc, previousDoc) === 'trashed') {
    await pageGone(req, doc, before ?? null)
    return doc
  }
  if (doc._status !== 'published' || doc.deletedAt) return doc
  const siteId = idOf(doc.site)
  if (siteId === null) return doc
  // the common case, a site without redirects (a clone being filled, a new site): one count, nothing to take back
  if (!before && (await req.payload.count({ collection: 'redirects', where: { site: { equals: siteId } }, overrideAccess: true, req })).totalDocs === 0) return doc
  const pathOf = await loadPathOf(req, siteId)
  if (!pathOf) return doc
  const now = pathOf(doc)
  await reclaim(req, siteId, now)
  if (before && String(before.siteId) === String(siteId) && pathKey(before.path) !== pathKey(now)) {
    await record({ req, siteId, from: before.path, toPage: doc.id, origin: 'slug-change' })
  }
  return doc
}

/** Deleted for good without the trash: the same as moving it there (a page from the trash had its redirect made then). */
export const recordPageDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const page = (await req.payload.db.findOne({ collection: 'pages', where: { id: { equals: id } }, req })) as Page | null
  if (!page) return
  await pageGone(req, page, page.deletedAt ? null : await liveAddress(req, id))
}
