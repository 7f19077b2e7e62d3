import type { CollectionAfterChangeHook, PayloadRequest } from 'payload'

import { announceJob } from '@/lib/jobSignal'

import { DEPLOY_QUEUE } from '../jobs/constants'

/**
 * Every new queued deployment, however it was created, gets its job; a newer
 * queued deployment supersedes older queued ones of the same site.
 */
export const queueJobForDeployment: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create' || doc.status !== 'queued') return doc
  const site = typeof doc.site === 'object' && doc.site !== null ? doc.site.id : doc.site
  await req.payload.update({
    collection: 'deployments',
    where: { and: [{ site: { equals: site } }, { status: { equals: 'queued' } }, { id: { not_equals: doc.id } }] },
    data: { status: 'cancelled', error: `Superseded by deployment ${doc.id}`, finishedAt: new Date().toISOString() },
    overrideAccess: true,
    depth: 0,
    req,
  })
  await req.payload.jobs.queue({ task: 'deploySite', input: { deploymentId: String(doc.id) }, queue: DEPLOY_QUEUE, req: req as PayloadRequest })
  // a listening worker starts it as soon as this save commits, not at its next poll
  await announceJob(req as PayloadRequest, DEPLOY_QUEUE)
  return doc
}
