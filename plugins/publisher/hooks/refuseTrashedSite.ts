import type { CollectionBeforeChangeHook } from 'payload'
import { APIError } from 'payload'

import { trashedSiteDomain } from '@/lib/trash'

/** A site in the trash is not published: no deployment of it is queued, however it is asked for. */
export const refuseTrashedSite: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const site = data?.site && typeof data.site === 'object' ? data.site.id : data?.site
  if (site === null || site === undefined) return data
  const domain = await trashedSiteDomain(req, site)
  if (domain !== null) throw new APIError(trashedSiteMessage(domain), 409, undefined, true)
  return data
}

export const trashedSiteMessage = (domain: string): string =>
  `${domain} is in the trash and cannot be deployed: an admin must restore it first (its published site stays as it is).`
