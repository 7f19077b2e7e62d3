import type { Endpoint } from 'payload'

import { CUSTOM_ENDPOINT, cookieRefusal } from '../hooks/guardOperation'

const READS = new Set(['get', 'head', 'options'])

/**
 * One guard for every custom endpoint (ours and plugins'): a write that
 * carries the sign-in cookie from another origin is refused with 403 before
 * the handler runs, whether or not the handler checks `req.user`. An endpoint
 * meant to be called from other sites sets `custom: { allowCrossOrigin: true }`.
 */
export const sameOriginWrites = (endpoint: Endpoint): Endpoint => {
  const isWrite = !READS.has(endpoint.method) && endpoint.custom?.allowCrossOrigin !== true
  const { handler } = endpoint
  return {
    ...endpoint,
    handler: async (req) => {
      req.context[CUSTOM_ENDPOINT] = true
      const problem = isWrite ? cookieRefusal(req) : null
      if (problem) return Response.json({ errors: [{ message: problem }] }, { status: 403 })
      return handler(req)
    },
  }
}
