import type { CollectionAfterChangeHook, CollectionSlug, PayloadRequest } from 'payload'

import { trashTransition } from '@/lib/trash'

import { queueDeployment } from '../jobs/queue'
import { afterCommit } from '@/lib/afterCommit'

const refId = (value: unknown): number | null => {
  const id = value !== null && typeof value === 'object' ? (value as { id?: unknown }).id : value
  return typeof id === 'number' ? id : typeof id === 'string' && id !== '' && !Number.isNaN(Number(id)) ? Number(id) : null
}

/** The sites a saved document belongs to. */
const affectedSites = async (collection: CollectionSlug, doc: Record<string, unknown>, req: PayloadRequest): Promise<number[]> => {
  if (collection === 'sites') return [refId(doc.id)].filter((id): id is number => id !== null)
  if (collection === 'templates') {
    const sites = await req.payload.find({
      collection: 'sites',
      where: { and: [{ template: { equals: doc.id } }, { autoDeploy: { equals: true } }] },
      pagination: false,
      depth: 0,
      overrideAccess: true,
    })
    return sites.docs.map((site) => site.id)
  }
  const site = refId(doc.site)
  return site === null ? [] : [site]
}

/**
 * After a published change, queues one deployment per affected site with
 * autoDeploy on, unless one is already queued for it (debounce). The work
 * runs once the save has committed, in its own transactions: a failure to
 * queue is logged and can never roll the save back.
 */
export const deployOnChange =
  (): CollectionAfterChangeHook =>
  async ({ collection, doc, previousDoc, req }) => {
    if (collection.slug === 'pages' && doc?._status !== 'published') return doc
    // a site going to the trash or coming back is not a change to publish: its live site stays as it is
    if (collection.slug === 'sites' && trashTransition(doc, previousDoc)) return doc
    const { payload } = req
    const userId = refId(req.user?.id)
    await afterCommit(req, async () => {
      try {
        for (const siteId of await affectedSites(collection.slug as CollectionSlug, doc, req)) {
          const site = await payload.findByID({ collection: 'sites', id: siteId, depth: 0, overrideAccess: true, disableErrors: true })
          if (!site?.autoDeploy) continue
          const pending = await payload.count({
            collection: 'deployments',
            where: { and: [{ site: { equals: siteId } }, { status: { equals: 'queued' } }] },
            overrideAccess: true,
          })
          if (pending.totalDocs > 0) continue
          await queueDeployment({ payload, siteId, trigger: 'auto', userId })
        }
      } catch (err) {
        payload.logger.error({ msg: `Could not queue an automatic deployment after a change to ${collection.slug} ${doc?.id}`, err })
      }
    })
    return doc
  }
