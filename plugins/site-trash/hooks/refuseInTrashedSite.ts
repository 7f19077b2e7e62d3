import type { CollectionBeforeChangeHook } from 'payload'
import { APIError } from 'payload'

import { idOf } from '@/lib/siteScope/references'
import { trashedSiteDomain } from '@/lib/trash'

/**
 * Nothing comes to life in a site that is in the trash: no new document, no
 * document restored or moved into it. Its documents come back with the site.
 */
export const refuseInTrashedSite = (): CollectionBeforeChangeHook => async ({ data, originalDoc, operation, req }) => {
  if (data?.deletedAt) return data
  const site = idOf(data?.site ?? originalDoc?.site)
  if (site === null) return data
  const isComingToLife = operation === 'create' || Boolean(originalDoc?.deletedAt) || String(idOf(originalDoc?.site)) !== String(site)
  if (!isComingToLife) return data
  const domain = await trashedSiteDomain(req, site)
  if (domain !== null) throw new APIError(`${domain} is in the trash: an admin must restore the site first.`, 409, undefined, true)
  return data
}
