import type { Endpoint } from 'payload'

/**
 * For load balancers and compose health checks: 200 when the database answers
 * a trivial query, 503 otherwise. Public on purpose, and it reveals nothing
 * but reachability and latency.
 */
export const healthEndpoint: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const started = performance.now()
    try {
      await req.payload.count({ collection: 'languages', overrideAccess: true })
      return Response.json(
        { status: 'ok', database: { reachable: true, latencyMs: Math.round(performance.now() - started) } },
        { headers: { 'cache-control': 'no-store' } },
      )
    } catch (err) {
      req.payload.logger.error({ msg: 'Health check: database unreachable', err })
      return Response.json(
        { status: 'error', database: { reachable: false } },
        { status: 503, headers: { 'cache-control': 'no-store' } },
      )
    }
  },
}
