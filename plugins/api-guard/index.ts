import type { CollectionConfig, Config, Endpoint, GlobalConfig, Plugin } from 'payload'

import { queryCostRule, type QueryLimitName } from './core/graphqlCost'
import { sameOriginWrites } from './endpoints/sameOrigin'
import { explainClientErrors } from './errors'
import { QUERY_LIMIT_HEADER } from './graphqlStatus'
import { guardOperation } from './hooks/guardOperation'
import { uploadResponseHeaders } from './uploadHeaders'

export { QUERY_LIMITS } from './core/limits'

const guardEndpoints = <T extends CollectionConfig | GlobalConfig | Config>(entity: T): T =>
  Array.isArray(entity.endpoints) ? { ...entity, endpoints: (entity.endpoints as Endpoint[]).map(sameOriginWrites) } : entity

const guardCollection = (collection: CollectionConfig): CollectionConfig => {
  const upload = collection.upload === true ? {} : collection.upload
  return guardEndpoints({
    ...collection,
    ...(upload ? { upload: { ...upload, modifyResponseHeaders: uploadResponseHeaders(upload.modifyResponseHeaders) } } : {}),
    hooks: { ...collection.hooks, beforeOperation: [guardOperation(), ...(collection.hooks?.beforeOperation ?? [])] },
  })
}

/** Marks the GraphQL answer, so the route can answer 400 (graphql-http answers validation errors with 200 for application/json). */
const markRefused = (contextValue: unknown, limit: QueryLimitName) => {
  const headers = (contextValue as { headers?: Record<string, string> } | undefined)?.headers
  if (headers) headers[QUERY_LIMIT_HEADER] = limit
}

/**
 * What every API request goes through, added in one place: query limits for
 * REST (a beforeOperation hook on every collection) and GraphQL (a validation
 * rule), the cross-origin cookie guard on every custom endpoint and write,
 * 4xx answers for requests Payload would fail with a 500, and safe headers on
 * uploaded files. Last in the plugin list, so it sees every collection and
 * endpoint the others added.
 */
export const apiGuardPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...guardEndpoints(config),
    collections: (config.collections ?? []).map(guardCollection),
    globals: (config.globals ?? []).map(guardEndpoints),
    graphQL: {
      ...config.graphQL,
      validationRules: (args) => [
        ...(config.graphQL?.validationRules?.(args) ?? []),
        queryCostRule({
          variables: args.variableValues,
          isIntrospectionOff: Boolean(config.graphQL?.disableIntrospectionInProduction) && process.env.NODE_ENV === 'production',
          onRefusal: (limit) => markRefused(args.contextValue, limit),
        }),
      ],
    },
    hooks: { ...config.hooks, afterError: [explainClientErrors, ...(config.hooks?.afterError ?? [])] },
  })
