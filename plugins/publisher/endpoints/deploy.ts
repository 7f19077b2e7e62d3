import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { queueDeployment } from '../jobs/queue'

const json = (body: unknown, status: number) => Response.json(body, { status })

/** The document named by the route's :id, if the caller may read it (one query, with their access). */
const findReadable = async <T extends 'sites' | 'deployments'>(req: PayloadRequest, collection: T) => {
  const id = req.routeParams?.id as string | undefined
  if (!id) return undefined
  const found = await req.payload.find({ collection, where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: false, user: req.user, req })
  return found.docs[0]
}

/** POST /api/sites/:id/deploy — queues a deployment of a site the caller can read. */
export const deploySiteHandler: PayloadHandler = async (req) => {
  if (!req.user) return json({ errors: [{ message: 'Log in to deploy a site.' }] }, 401)
  const site = await findReadable(req, 'sites')
  if (!site) return json({ errors: [{ message: 'Site not found.' }] }, 404)
  // an API key sends "<collection> API-Key <key>"; a browser session or JWT does not
  const isApiKey = /\bAPI-Key\b/.test(req.headers.get('authorization') ?? '')
  const deployment = await queueDeployment({
    payload: req.payload,
    req,
    siteId: site.id,
    trigger: isApiKey ? 'api' : 'manual',
    userId: req.user.collection === 'users' ? (req.user.id as number) : null,
  })
  return json({ message: 'Deployment queued.', doc: deployment }, 202)
}

export const deploySiteEndpoint: Endpoint = { path: '/:id/deploy', method: 'post', handler: deploySiteHandler }

/** POST /api/deployments/:id/cancel — cancels a queued deployment the caller can read. */
export const cancelDeploymentHandler: PayloadHandler = async (req) => {
  if (!req.user) return json({ errors: [{ message: 'Log in to cancel a deployment.' }] }, 401)
  const deployment = await findReadable(req, 'deployments')
  if (!deployment) return json({ errors: [{ message: 'Deployment not found.' }] }, 404)
  if (deployment.status !== 'queued') {
    return json({ errors: [{ message: `Only a queued deployment can be cancelled; this one is ${deployment.status}.` }] }, 409)
  }
  const doc = await req.payload.update({
    collection: 'deployments',
    id: deployment.id,
    data: { status: 'cancelled', error: 'Cancelled', finishedAt: new Date().toISOString() },
    overrideAccess: true,
    depth: 0,
    req,
  })
  return json({ message: 'Deployment cancelled.', doc }, 200)
}

export const cancelDeploymentEndpoint: Endpoint = { path: '/:id/cancel', method: 'post', handler: cancelDeploymentHandler }
