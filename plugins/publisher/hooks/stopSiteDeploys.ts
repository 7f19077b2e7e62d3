import type { CollectionAfterChangeHook, CollectionBeforeDeleteHook, PayloadRequest } from 'payload'

import { trashTransition } from '@/lib/trash'

/**
 * A site leaving stops its deployments: queued ones are cancelled, running
 * ones asked to stop at their next step. Either way the live site stays as it
 * was: leaving Panel does not unpublish a site.
 */
const stopDeploys = async (req: PayloadRequest, siteId: number | string, reason: string) => {
  const now = new Date().toISOString()
  const common = { overrideAccess: true, depth: 0, req } as const
  const site = { site: { equals: siteId } }
  // queued first: one that starts meanwhile is then running, and asked to stop below
  await req.payload.update({ collection: 'deployments', where: { and: [site, { status: { equals: 'queued' } }] }, data: { status: 'cancelled', error: reason, finishedAt: now }, ...common })
  await req.payload.update({ collection: 'deployments', where: { and: [site, { status: { in: ['building', 'uploading'] } }] }, data: { cancelRequestedAt: now }, ...common })
}

export const stopDeploysWhenTrashed = (): CollectionAfterChangeHook => async ({ doc, previousDoc, req }) => {
  if (trashTransition(doc, previousDoc) === 'trashed') await stopDeploys(req, doc.id, 'Cancelled: the site was moved to the trash')
  return doc
}

export const stopDeploysWhenDeleted = (): CollectionBeforeDeleteHook => async ({ id, req }) => {
  await stopDeploys(req, id, 'Cancelled: the site was deleted')
}
