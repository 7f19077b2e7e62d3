import { APIError, type CollectionBeforeOperationHook, type PayloadRequest, type SanitizedCollectionConfig } from 'payload'

import { crossOriginCookieProblem } from '../core/origin'
import { type JoinSpec, restQueryProblem } from '../core/restQuery'

/** Set on requests to custom endpoints, whose query strings are theirs to read. */
export const CUSTOM_ENDPOINT = 'apiGuardCustomEndpoint'

const WRITES = new Set(['create', 'update', 'delete', 'restoreVersion'])
// hooks are told 'read' for findVersions and findVersionByID too, so versions are recognised by the route
const ID_OPERATIONS = new Set(['read', 'update', 'delete', 'restoreVersion'])
const VERSIONS_ROUTE = /\/versions(?:\/[^/]+)?\/?$/

const refuse = (message: string, status: number): never => {
  throw new APIError(message, status, null, true)
}

export const cookieRefusal = (req: PayloadRequest): string | null =>
  crossOriginCookieProblem({
    headers: req.headers,
    allowedOrigins: req.payload.config.csrf,
    cookieName: `${req.payload.config.cookiePrefix}-token`,
  })

/** "Affiliate Links" -> "affiliate links", "API tokens" stays. */
const labelOf = (collection: SanitizedCollectionConfig): string => {
  const plural = collection.labels?.plural
  return (typeof plural === 'string' ? plural : collection.slug)
    .split(' ')
    .map((word) => (/^[A-Z][a-z]/.test(word) ? word.toLowerCase() : word))
    .join(' ')
}

const joinsOf = (collection: SanitizedCollectionConfig): JoinSpec[] =>
  [...Object.values(collection.joins ?? {}).flat(), ...(collection.polymorphicJoins ?? [])].map((join) => ({
    path: join.joinPath,
    defaultLimit: join.field.defaultLimit ?? 10,
  }))

const isPlainObject = (value: unknown): boolean => Boolean(value) && typeof value === 'object' && !Array.isArray(value)

/**
 * Payload's own Trash button (ListEmptyTrashButton) counts a collection's
 * trash with `limit=0&depth=0&trash=true&where[deletedAt][exists]=true` and
 * reads only `totalDocs`: one document gives the same count as the whole
 * trash, so that request is answered from one instead of refused.
 */
const isTrashCount = (query: Record<string, unknown>): boolean => {
  const where = query.where as { deletedAt?: { exists?: unknown } } | undefined
  return (
    Number(query.limit) === 0 &&
    String(query.trash) === 'true' &&
    isPlainObject(where) &&
    Object.keys(where!).length === 1 &&
    String(where!.deletedAt?.exists) === 'true'
  )
}

/**
 * Runs before every operation of every collection (added by the api-guard
 * plugin), for requests that came in over REST or GraphQL:
 * - writes that carry the sign-in cookie from another origin are refused (403);
 * - the URL's `depth`, `limit`, `pagination` and `joins` stay within QUERY_LIMITS (400);
 * - a write's body must be a document (400), ids in the URL must be ids (404),
 *   and versions exist only where the collection keeps them (404),
 * each with a message that says what to send instead: Payload would otherwise
 * fail later with a 500.
 */
export const guardOperation = (): CollectionBeforeOperationHook => async ({ args, collection, operation, req }) => {
  if (req.payloadAPI !== 'REST' && req.payloadAPI !== 'GraphQL') return args
  const label = labelOf(collection)

  if (WRITES.has(operation)) {
    const problem = cookieRefusal(req)
    if (problem) refuse(problem, 403)
  }

  // the rest is about what the URL and body of the request itself asked for, not operations run on its behalf
  if (req.payloadAPI !== 'REST' || req.context[CUSTOM_ENDPOINT] || req.routeParams?.collection !== collection.slug) return args
  const routeId = req.routeParams?.id as string | undefined
  const method = (req.method ?? 'GET').toUpperCase()
  const isVersions = VERSIONS_ROUTE.test(new URL(req.url ?? 'http://x/', 'http://x').pathname) || operation === 'restoreVersion' || operation === 'countVersions'
  if (isVersions && !collection.versions) {
    refuse(`${label[0]!.toUpperCase()}${label.slice(1)} keep no versions, so there are none to read or restore.`, 404)
  }

  // with X-HTTP-Method-Override: GET the parameters may come as a JSON body, which findByID reads too
  const fromBody = method === 'GET' && isPlainObject(req.data) ? (req.data as Record<string, unknown>) : {}
  const query = { ...(req.query as Record<string, unknown> | undefined), ...fromBody }
  const isListRead = method === 'GET' && !routeId && operation === 'read'
  if (isListRead && isTrashCount(query)) {
    ;(args as { limit?: number }).limit = 1
    query.limit = 1
  }
  const problem = restQueryProblem({
    query,
    label,
    isListRead,
    isBulkWrite: (method === 'PATCH' || method === 'DELETE') && !routeId,
    joins: joinsOf(collection),
    defaultDepth: req.payload.config.defaultDepth,
  })
  if (problem) refuse(problem, 400)

  // Payload reads the id with parseFloat: "abc" becomes NaN (a 500 from the database) and "12abc" becomes 12
  const isIdOperation = ID_OPERATIONS.has(operation) || operation === 'create'
  const idType = req.payload.collections[collection.slug]?.customIDType ?? req.payload.db.defaultIDType
  if (routeId !== undefined && isIdOperation && idType === 'number' && !/^[0-9]{1,15}$/.test(routeId)) {
    const what = isVersions ? 'version' : 'document'
    refuse(`There is no ${what} "${routeId}" in ${label}: ids here are whole numbers.`, 404)
  }

  if ((operation === 'create' || operation === 'update') && (method === 'POST' || method === 'PATCH' || method === 'PUT')) {
    const data = (args as { data?: unknown }).data
    if (!isPlainObject(data)) {
      refuse(
        'The request has no document to save: send it as a JSON object with Content-Type: application/json, ' +
          'or as multipart/form-data with the fields as a JSON object in a "_payload" part (and the file in "file").',
        400,
      )
    }
  }
  return args
}
