import type { FilterOptions, Payload, PayloadRequest } from 'payload'

import type { Page } from '@/payload-types'
import { HOME_SLUG } from '@/plugins/site-builder/core/urls'

type ID = number | string

const refId = (value: unknown): ID | null => {
  if (typeof value === 'number' || (typeof value === 'string' && value !== '')) return value
  if (value && typeof value === 'object' && 'id' in value) return refId((value as { id: unknown }).id)
  return null
}

/** Only a page of this site can be its home page (none while the site is being created: it has no pages yet). */
export const pagesOfThisSite: FilterOptions = ({ id }) => (id ? { site: { equals: id } } : false)

type PageSummary = Pick<Page, 'id' | 'title' | 'slug' | '_status'>

export type HomePageStatus =
  /** Chosen and published: `/` serves it. */
  | { kind: 'chosen'; page: PageSummary }
  /** None chosen, but a page has the slug "index": sites from before the choice existed keep using it. */
  | { kind: 'implicit'; page: PageSummary }
  /** Chosen, but only a draft so far: the published site has no page at `/` until it is published. */
  | { kind: 'unpublished'; page: PageSummary }
  /** None: `/` of the published site, its logo and its Home links lead nowhere. */
  | { kind: 'missing'; pages: number }

/** Where a site's home page stands, read with the access of `req`'s user. */
export const homePageStatus = async ({
  payload,
  req,
  siteId,
  homePage,
}: {
  payload: Payload
  req?: Partial<PayloadRequest>
  siteId: ID
  homePage: unknown
}): Promise<HomePageStatus> => {
  const access = { req, user: req?.user, overrideAccess: !req?.user, depth: 0 } as const
  const select = { title: true, slug: true, _status: true } as const
  const chosenId = refId(homePage)
  if (chosenId !== null) {
    const { docs } = await payload.find({
      collection: 'pages',
      where: { and: [{ id: { equals: chosenId } }, { site: { equals: siteId } }] },
      limit: 1,
      select,
      ...access,
    })
    const page = docs[0] as PageSummary | undefined
    // the main document is published once any version was: a newer draft does not unpublish it
    if (page) return page._status === 'published' ? { kind: 'chosen', page } : { kind: 'unpublished', page }
  }
  const { docs } = await payload.find({
    collection: 'pages',
    where: { and: [{ site: { equals: siteId } }, { slug: { equals: HOME_SLUG } }] },
    limit: 1,
    select,
    ...access,
  })
  const index = docs[0] as PageSummary | undefined
  if (index) return { kind: 'implicit', page: index }
  const { totalDocs } = await payload.count({ collection: 'pages', where: { site: { equals: siteId } }, ...access })
  return { kind: 'missing', pages: totalDocs }
}
