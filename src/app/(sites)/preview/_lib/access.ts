import config from '@payload-config'
import { Forbidden, getPayload, NotFound, type Payload, type TypedUser } from 'payload'

import type { Site } from '@/payload-types'
import { textResponse } from './respond'

export type Authorized = { payload: Payload; user: TypedUser; site: Site }

/**
 * The signed-in user (JWT header, API key or the admin's cookie) and the site,
 * read with their access: 401 for anonymous, 404 when the site is not theirs
 * (the same answer as a site that does not exist, so ids cannot be probed).
 */
export const authorizePreview = async (
  request: Request,
  siteId: string,
  { action = 'preview' }: { action?: 'preview' | 'open' } = {},
): Promise<Authorized | Response> => {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: request.headers })
  if (!user) return textResponse(401, `Sign in to Panel to ${action} this site.`)
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(siteId)) return textResponse(404, 'There is no such site, or it is not one of yours.')
  try {
    const site = await payload.findByID({ collection: 'sites', id: siteId, user, overrideAccess: false, depth: 0, joins: false })
    return { payload, user, site }
  } catch (err) {
    if (err instanceof NotFound || err instanceof Forbidden) return textResponse(404, 'There is no such site, or it is not one of yours.')
    throw err
  }
}
