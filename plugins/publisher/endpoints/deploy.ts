import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'
import { addDataAndFileToRequest } from 'payload'

import { trashedSiteMessage } from '../hooks/refuseTrashedSite'
import { queueDeployment } from '../jobs/queue'
import { replayProblem } from '../replay'

const json = (body: unknown, status: number) => Response.json(body, { status })

// an API key sends "<collection> API-Key <key>"; a browser session or JWT does not
const isApiKeyRequest = (req: PayloadRequest) => /\bAPI-Key\b/.test(req.headers.get('authorization') ?? '')

/**
 * The document named by the route's :id, if the caller may read it (`trash`: in the trash too): found with their
 * access, then read whole, since field access hides a deployment's internals (target ids, manifest) from editors
 * and the actions need them.
 */
const findReadable = async <T extends 'sites' | 'deployments'>(req: PayloadRequest, collection: T, { trash = false } = {}) => {
  const id = req.routeParams?.id as string | undefined
  if (!id) return undefined
  const found = await req.payload.find({ collection, where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: false, user: req.user, trash, req })
  const visible = found.docs[0]
  if (!visible) return undefined
  return req.payload.findByID({ collection, id: visible.id, depth: 0, overrideAccess: true, trash, req })
}

/** POST /api/sites/:id/deploy — queues a deployment of a site the caller can read. */
export const deploySiteHandler: PayloadHandler = async (req) => {
  if (!req.user) return json({ errors: [{ message: 'Log in to deploy a site.' }] }, 401)
  const site = await findReadable(req, 'sites', { trash: true })
  if (!site) return json({ errors: [{ message: 'Site not found.' }] }, 404)
  if (site.deletedAt) return json({ errors: [{ message: trashedSiteMessage(site.domain) }] }, 409)
  const isApiKey = isApiKeyRequest(req)
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

/**
 * POST /api/deployments — the collection's create, kept for API clients
 * while the collection's own create is closed (so the admin offers no
 * create form): `{ site }` of one of the caller's sites queues a deployment
 * (201). checkSite keeps only the site and records who asked.
 */
export const createDeploymentHandler: PayloadHandler = async (req) => {
  if (!req.user) return json({ errors: [{ message: 'Log in to deploy a site.' }] }, 401)
  await addDataAndFileToRequest(req)
  const data = req.data && typeof req.data === 'object' && !Array.isArray(req.data) ? req.data : {}
  // checkSite (beforeValidate) keeps only the site, checks it is the caller's, and sets status, trigger and requestedBy
  const doc = await req.payload.create({ collection: 'deployments', data: data as never, overrideAccess: true, depth: 0, req })
  return json({ message: 'Deployment queued.', doc }, 201)
}

export const createDeploymentEndpoint: Endpoint = { path: '/', method: 'post', handler: createDeploymentHandler }

/**
 * POST /api/deployments/:id/cancel — cancels a deployment the caller can
 * read: a queued one at once; a building or uploading one is asked to stop
 * and ends cancelled at its next step, leaving the live site as it was
 * (202). Too late once the new version is being switched live.
 */
export const cancelDeploymentHandler: PayloadHandler = async (req) => {
  if (!req.user) return json({ errors: [{ message: 'Log in to cancel a deployment.' }] }, 401)
  const deployment = await findReadable(req, 'deployments')
  if (!deployment) return json({ errors: [{ message: 'Deployment not found.' }] }, 404)
  if (deployment.status === 'building' || deployment.status === 'uploading') {
    const doc = await req.payload.update({
      collection: 'deployments',
      id: deployment.id,
      data: { cancelRequestedAt: new Date().toISOString() },
      overrideAccess: true,
      depth: 0,
      req,
    })
    return json({ message: 'Cancelling: the deployment stops at its next step and the live site stays as it is.', doc }, 202)
  }
  if (deployment.status !== 'queued') {
    return json({ errors: [{ message: `Deployment ${deployment.id} has already ended (${deployment.status}); there is nothing to cancel.` }] }, 409)
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

/**
 * Queues a rollback to (or a redeploy of) a past successful deployment the
 * caller can read; the deploy job runs it, one deployment at a time per
 * site. Answers 409 with the reason when it cannot be done.
 */
const replayHandler =
  (kind: 'rollback' | 'redeploy'): PayloadHandler =>
  async (req) => {
    const verb = kind === 'rollback' ? 'roll back' : 'redeploy'
    if (!req.user) return json({ errors: [{ message: `Log in to ${verb} a deployment.` }] }, 401)
    const source = await findReadable(req, 'deployments')
    if (!source) return json({ errors: [{ message: 'Deployment not found.' }] }, 404)
    const siteId = typeof source.site === 'object' && source.site !== null ? source.site.id : source.site
    if (siteId === null || siteId === undefined) return json({ errors: [{ message: `The site of deployment ${source.id} was deleted: there is nothing to ${verb}.` }] }, 409)
    const site = await req.payload.findByID({ collection: 'sites', id: siteId, depth: 0, overrideAccess: true, trash: true, req })
    if (site.deletedAt) return json({ errors: [{ message: trashedSiteMessage(site.domain) }] }, 409)
    const problem = await replayProblem({ payload: req.payload, source, site, kind })
    if (problem) return json({ errors: [{ message: problem }] }, 409)
    const deployment = await queueDeployment({
      payload: req.payload,
      req,
      siteId: site.id,
      trigger: kind === 'rollback' ? 'rollback' : isApiKeyRequest(req) ? 'api' : 'manual',
      userId: req.user.collection === 'users' ? (req.user.id as number) : null,
      data: kind === 'rollback' ? { rollbackOf: source.id } : { redeployOf: source.id },
    })
    return json({ message: kind === 'rollback' ? 'Rollback queued.' : 'Redeploy queued.', doc: deployment }, 202)
  }

/** POST /api/deployments/:id/rollback — makes that deployment's version live again (trigger "rollback"). */
export const rollbackDeploymentEndpoint: Endpoint = { path: '/:id/rollback', method: 'post', handler: replayHandler('rollback') }

/** POST /api/deployments/:id/redeploy — publishes that deployment's files again as a new deployment. */
export const redeployDeploymentEndpoint: Endpoint = { path: '/:id/redeploy', method: 'post', handler: replayHandler('redeploy') }
