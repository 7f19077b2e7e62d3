import type { Payload, PayloadRequest } from 'payload'

import type { Deployment } from '@/payload-types'
import { TRUSTED_CREATE } from './constants'

export { DEPLOY_QUEUE } from './constants'

/** Creates a queued deployment; its afterChange hook queues the job and supersedes older queued ones. */
export const queueDeployment = async ({
  payload,
  req,
  siteId,
  trigger,
  userId,
  data,
}: {
  payload: Payload
  req?: Partial<PayloadRequest>
  siteId: number
  trigger: Deployment['trigger']
  userId?: number | null
  /** More fields of the new deployment (rollbackOf, redeployOf). */
  data?: Partial<Pick<Deployment, 'rollbackOf' | 'redeployOf'>>
}): Promise<Deployment> =>
  payload.create({
    collection: 'deployments',
    data: { ...data, site: siteId, status: 'queued', trigger, requestedBy: userId ?? null },
    overrideAccess: true,
    depth: 0,
    req,
    context: { [TRUSTED_CREATE]: true },
  })
