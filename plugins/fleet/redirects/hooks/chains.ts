import { ValidationError, type CollectionAfterChangeHook, type CollectionBeforeChangeHook, type PayloadRequest } from 'payload'

import type { Page, Redirect } from '@/payload-types'

import { followChain, normalizePath, pathKey, type Rule } from '../core/paths'
import { idOf, loadPathOf, type PathOf } from '../sitePaths'

/**
 * Pages whose addresses are being redirected because they go away (each is still published while it does), by id.
 * In this process, not in `req.context`: Payload deletes the pages matched by one `where` side by side with one
 * `req`, and every Local API call replaces `req.context` with a merged copy, so one page's mark could replace
 * another's before its redirect was checked, and the delete failed with "from: the address of the published page"
 * (a site's pages deleted together, under load).
 */
const leavingPages = new Map<string, number>()

/** Runs `fn` with page `id` marked as going away. */
export const whileLeaving = async <T>(id: number | string, fn: () => Promise<T>): Promise<T> => {
  const key = String(id)
  leavingPages.set(key, (leavingPages.get(key) ?? 0) + 1)
  try {
    return await fn()
  } finally {
    const left = (leavingPages.get(key) ?? 1) - 1
    if (left > 0) leavingPages.set(key, left)
    else leavingPages.delete(key)
  }
}

const fail = (req: PayloadRequest, path: string, message: string): never => {
  throw new ValidationError({ collection: 'redirects', errors: [{ path, message }], req }, req.t)
}

type SiteState = { pathOf: PathOf; pages: Pick<Page, 'id' | 'slug' | 'title' | '_status'>[]; others: Redirect[] }

/** The site's pages (as published) and its other redirects: what a redirect is checked against. */
const loadSiteState = async (req: PayloadRequest, siteId: number | string, selfId: unknown): Promise<SiteState | null> => {
  const pathOf = await loadPathOf(req, siteId)
  if (!pathOf) return null
  const [pages, others] = await Promise.all([
    req.payload.find({
      collection: 'pages',
      where: { site: { equals: siteId } },
      select: { slug: true, title: true, _status: true },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    }),
    req.payload.find({
      collection: 'redirects',
      where: { and: [{ site: { equals: siteId } }, ...(selfId != null ? [{ id: { not_equals: selfId } }] : [])] },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    }),
  ])
  return { pathOf, pages: pages.docs, others: others.docs }
}

/** Where a redirect leads as a path, or null when its page is not one of the site's. */
const targetOf = (state: SiteState, redirect: Pick<Redirect, 'toPage' | 'toPath'>): string | null => {
  const pageId = idOf(redirect.toPage)
  if (pageId === null) return redirect.toPath ?? null
  const page = state.pages.find((p) => String(p.id) === String(pageId))
  return page ? state.pathOf(page) : null
}

/**
 * Checks a redirect before it is saved, with a 400 naming the field: `from` and `toPath` are paths of the site,
 * one target is given, `from` is neither another redirect's source nor a published page's address, and following
 * the target through the site's other redirects never comes back to `from` (a loop). A target that is itself
 * redirected is collapsed to where that chain ends (A→B with B→C saves A→C).
 */
export const checkRedirect: CollectionBeforeChangeHook<Redirect> = async ({ data, originalDoc, req }) => {
  const merged = { ...originalDoc, ...data } as Partial<Redirect>
  const from = normalizePath(merged.from)
  if ('error' in from) return fail(req, 'from', `From path ${from.error}`)
  data.from = from.path
  if (!merged.status) data.status = '301'
  const pageId = idOf(merged.toPage)
  const hasPath = typeof merged.toPath === 'string' && merged.toPath.trim() !== ''
  if (pageId === null && !hasPath) return fail(req, 'toPath', 'Choose the page this address leads to, or give a path')
  if (pageId !== null && hasPath) return fail(req, 'toPath', 'Give either a page or a path, not both: clear one of them')
  if (hasPath) {
    const to = normalizePath(merged.toPath)
    if ('error' in to) return fail(req, 'toPath', `To path ${to.error}`)
    data.toPath = to.path
  } else data.toPath = null

  const siteId = idOf(merged.site)
  if (siteId === null) return data
  const state = await loadSiteState(req, siteId, originalDoc?.id)
  if (!state) return data
  const key = pathKey(from.path)
  const twin = state.others.find((r) => pathKey(r.from) === key)
  if (twin) return fail(req, 'from', `${from.path} is redirected already (to ${targetOf(state, twin) ?? 'a page'}): edit that redirect instead`)
  const page = state.pages.find((p) => p._status === 'published' && !leavingPages.has(String(p.id)) && pathKey(state.pathOf(p)) === key)
  if (page) return fail(req, 'from', `${from.path} is the address of the published page "${page.title}": a redirect would hide it. Give the old address instead`)

  const target = hasPath ? data.toPath! : targetOf(state, { toPage: pageId as number | null })
  if (target === null) return data // a page of another site: site-scope refuses it with its own message
  const field = hasPath ? 'toPath' : 'toPage'
  const rules: Rule[] = state.others.flatMap((r) => {
    const to = targetOf(state, r)
    return to === null ? [] : [{ from: r.from, to }]
  })
  const chain = followChain(from.path, target, rules)
  if (chain.isLoop) {
    const through = chain.hops > 0 ? ` through ${chain.hops} other redirect(s)` : ''
    return fail(req, field, `This leads back to ${from.path}${through}: a redirect loop. Choose another target`)
  }
  if (hasPath && chain.hops > 0) {
    // collapse: point at the end of the chain, by page when the chain ends on one (so it follows that page)
    const last = state.others.find((r) => r.toPage != null && pathKey(targetOf(state, r) ?? '') === pathKey(chain.to))
    if (last) {
      data.toPage = idOf(last.toPage) as number
      data.toPath = null
    } else data.toPath = chain.to
  }
  return data
}

/** Points a redirect at a target already checked (no hooks: a flag in the request's context would outlive the call). */
export const repoint = async (req: PayloadRequest, id: number | string, to: { toPage: number | string | null; toPath: string | null }) => {
  await req.payload.db.updateOne({ collection: 'redirects', id, data: to, req })
}

/**
 * After a redirect A→B is saved, the redirects that led to A lead to B instead (X→A becomes X→B), so no visitor
 * takes two hops. A redirect kept in the trash keeps its target.
 */
export const followRedirectsToThis: CollectionAfterChangeHook<Redirect> = async ({ doc, req }) => {
  if (doc.deletedAt) return doc
  const siteId = idOf(doc.site)
  if (siteId === null) return doc
  const key = pathKey(doc.from)
  const variants = [...new Set([doc.from, key, `${key}/`])]
  const { docs } = await req.payload.find({
    collection: 'redirects',
    where: { and: [{ site: { equals: siteId } }, { toPath: { in: variants } }, { id: { not_equals: doc.id } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  // straight to the rows: the new target was checked with this save (a loop through them was refused)
  for (const before of docs) await repoint(req, before.id, { toPage: idOf(doc.toPage), toPath: doc.toPath ?? null })
  return doc
}
