import type { PayloadRequest } from 'payload'

import { isAdminUser } from '@/access/roles'
import { userSiteIds } from '@/access/siteAccess'
import type { Page, Site } from '@/payload-types'
import { AiError } from '../core/types'

export const json = (body: unknown, status: number, headers: Record<string, string> = {}) => Response.json(body, { status, headers })

export const errorResponse = (err: AiError) =>
  json(
    { errors: [{ message: err.message, code: err.code }] },
    err.status,
    err.retryAfterSeconds !== undefined ? { 'retry-after': String(err.retryAfterSeconds) } : {},
  )

export const readJson = async (req: PayloadRequest): Promise<Record<string, unknown>> => {
  try {
    const body = req.json ? await req.json() : null
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>
  } catch {
    // answered below
  }
  throw new AiError('bad_request', 'Send a JSON object in the request body.')
}

export const canUseSite = (req: PayloadRequest, siteId: number | string): boolean =>
  isAdminUser(req.user as never) || userSiteIds(req.user as never).map(String).includes(String(siteId))

export const toId = (value: unknown, what: string): number | string => {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value)
  if (typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value)) return value
  throw new AiError('bad_request', `${what} must be a document id.`)
}

export const refId = (value: unknown): number | string | null => {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'object') return (value as { id?: number | string }).id ?? null
  return value as number | string
}

/**
 * The site (and page) a request is about, checked against the caller:
 * unknown ids are 404, sites of someone else 403.
 */
export const resolveSiteAndPage = async (
  req: PayloadRequest,
  body: Record<string, unknown>,
): Promise<{ site: Site; page: Page | null }> => {
  const { payload } = req
  let page: Page | null = null
  let siteId: number | string | null = body.site !== undefined && body.site !== null ? toId(body.site, 'site') : null
  if (body.page !== undefined && body.page !== null) {
    const pageId = toId(body.page, 'page')
    page = ((await payload.find({ collection: 'pages', where: { id: { equals: pageId } }, limit: 1, depth: 0, draft: true, overrideAccess: true })).docs[0] ??
      null) as Page | null
    if (!page) throw new AiError('bad_request', `Page ${pageId} does not exist.`, { status: 404 })
    const pageSite = refId(page.site)
    if (siteId !== null && pageSite !== null && String(pageSite) !== String(siteId)) {
      throw new AiError('bad_request', `Page ${pageId} belongs to another site than site ${siteId}.`)
    }
    siteId = pageSite
  }
  if (siteId === null) throw new AiError('bad_request', 'Say which site this is for: send "site" (and "page" for a saved page).')
  const site = (await payload.find({ collection: 'sites', where: { id: { equals: siteId } }, limit: 1, depth: 1, overrideAccess: true })).docs[0] as Site | undefined
  if (!site) throw new AiError('bad_request', `Site ${siteId} does not exist.`, { status: 404 })
  if (!canUseSite(req, site.id)) throw new AiError('bad_request', `You do not have access to ${site.domain}.`, { status: 403 })
  return { site, page }
}
