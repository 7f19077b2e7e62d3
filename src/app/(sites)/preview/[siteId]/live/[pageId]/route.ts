import config from '@payload-config'

import { isAdminUser } from '@/access/roles'
import type { Page } from '@/payload-types'
import { renderSnapshot } from '@/plugins/site-builder/build'
import type { BuildCache } from '@/plugins/site-builder/core/types'
import { crossOriginCookieProblem } from '@/plugins/api-guard/core/origin'
import { loadSiteSnapshot } from '@/plugins/site-builder/load/snapshot'
import { authorizePreview, type Authorized } from '../../../_lib/access'
import { liveShell } from '../../../_lib/liveShell'
import { buildErrorResponse, fileResponse, textResponse } from '../../../_lib/respond'

export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ siteId: string; pageId: string }> }

const MAX_BODY = 5 * 1024 * 1024
const NOT_FOUND = 'This page is not part of the site, or you may not see it.'

/** Fields the form may not decide: who owns the page, and what only admins may change. */
const livePageData = (data: Record<string, unknown>, auth: Authorized): Omit<Partial<Page>, 'id'> => {
  const { id: _id, site: _site, _status, createdAt: _c, updatedAt: _u, customHeadHtml, ...rest } = data
  return { ...rest, ...(isAdminUser(auth.user as never) && typeof customHeadHtml === 'string' ? { customHeadHtml } : {}) } as Omit<Partial<Page>, 'id'>
}

/** Renders the site's latest drafts (with one page's unsaved values over its draft) and returns that page. */
/** The last live render per site and user: the next keystroke re-renders only the pages it changed. */
const liveCaches = new Map<string, BuildCache>()

const renderPage = async (auth: Authorized, pageId: string, data?: Record<string, unknown>): Promise<Response> => {
  try {
    const snapshot = await loadSiteSnapshot({
      payload: auth.payload,
      siteId: auth.site.id,
      user: auth.user,
      draft: true,
      livePage: data ? { ...livePageData(data, auth), id: pageId } : undefined,
    })
    const key = `${auth.site.id}:${auth.user.collection}:${auth.user.id}`
    const result = await renderSnapshot({ snapshot, cache: liveCaches.get(key), fingerprint: { pictures: false } })
    liveCaches.delete(key)
    liveCaches.set(key, result.cache)
    if (liveCaches.size > 16) liveCaches.delete(liveCaches.keys().next().value!)
    const page = result.pages.find((p) => String(p.id) === pageId)
    const file = page && result.files.get(page.path)
    if (!file) return textResponse(404, NOT_FOUND)
    return fileResponse(file, `/preview/${auth.site.id}`)
  } catch (err) {
    return buildErrorResponse(err)
  }
}

/**
 * /preview/<siteId>/live/<pageId>: Payload's live preview of a page.
 * Without ?frame the live shell (see liveShell), with ?frame=1 the page as
 * its latest draft renders, both only for users who may read the site.
 */
export async function GET(request: Request, context: Context): Promise<Response> {
  const { siteId, pageId } = await context.params
  const auth = await authorizePreview(request, siteId)
  if (auth instanceof Response) return auth
  if (new URL(request.url).searchParams.has('frame')) return renderPage(auth, pageId)
  return new Response(liveShell({ title: auth.site.domain }), {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex, nofollow' },
  })
}

/** The admin's unsaved form values (posted by the live shell) rendered through the builder. */
export async function POST(request: Request, context: Context): Promise<Response> {
  // JSON only and from this origin: a cross-site form cannot make the preview render (and run) what it posts
  const fetchSite = request.headers.get('sec-fetch-site')
  if (fetchSite && fetchSite !== 'same-origin') return textResponse(403, 'Live preview accepts requests from Panel itself only.')
  const { csrf, cookiePrefix } = await config
  const crossOrigin = crossOriginCookieProblem({ headers: request.headers, allowedOrigins: csrf, cookieName: `${cookiePrefix}-token` })
  if (crossOrigin) return textResponse(403, crossOrigin)
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) return textResponse(415, 'Send the page as JSON.')
  const { siteId, pageId } = await context.params
  const auth = await authorizePreview(request, siteId)
  if (auth instanceof Response) return auth
  const raw = await request.text()
  if (raw.length > MAX_BODY) return textResponse(413, 'The page is too large to preview.')
  let data: unknown
  try {
    data = (JSON.parse(raw) as { data?: unknown })?.data
  } catch {
    return textResponse(400, 'The body is not JSON.')
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return textResponse(400, 'Send { "data": { …page fields } }.')
  return renderPage(auth, pageId, data as Record<string, unknown>)
}
