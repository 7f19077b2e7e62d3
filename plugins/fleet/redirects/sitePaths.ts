import type { PayloadRequest } from 'payload'

import { pagePublicPath } from '@/collections/Pages/publicUrl'
import type { Page } from '@/payload-types'

export type PathOf = (page: Pick<Page, 'id' | 'slug'>) => string

const idOf = (value: unknown): number | string | null => {
  const id = value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : value
  return typeof id === 'number' || (typeof id === 'string' && id !== '') ? id : null
}

/**
 * How a site's pages are addressed (its URL style, its footprint's, its home page): the path function of
 * collections/Pages/publicUrl.ts, with the site read once. Null when the site is gone.
 */
export const loadPathOf = async (req: PayloadRequest, siteId: number | string): Promise<PathOf | null> => {
  const site = await req.payload.findByID({ collection: 'sites', id: siteId, depth: 0, overrideAccess: true, req, trash: true, disableErrors: true })
  if (!site) return null
  const footprintId = idOf(site.footprint)
  const footprint =
    site.urlStyle === 'footprint' && footprintId !== null
      ? await req.payload.findByID({ collection: 'template-footprints', id: footprintId, depth: 0, overrideAccess: true, req, disableErrors: true })
      : null
  return (page) => pagePublicPath({ ...site, footprint: null }, page, footprint?.pageUrlStyle)
}

export { idOf }
