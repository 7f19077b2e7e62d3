import type { CollectionBeforeDeleteHook } from 'payload'

/**
 * A deleted site takes its page views and rollups with it (their site column
 * cannot be emptied). One DELETE per table in the delete's transaction,
 * however many raw events there are.
 */
export const deleteSiteAnalytics = (): CollectionBeforeDeleteHook => async ({ id, req }) => {
  for (const collection of ['page-views', 'analytics'] as const) {
    await req.payload.db.deleteMany({ collection, where: { site: { equals: id } }, req })
  }
}
