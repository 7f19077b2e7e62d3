import type { Endpoint } from 'payload'

import { classifySource } from '../core/source'
import { isInvalidBody, paramsOf, parseTrackBody, utmOf } from '../core/validate'

/**
 * POST /api/page-views/naive-track — only with ANALYTICS_NAIVE_ENDPOINT=1, for
 * bench/track: what ingestion costs done the obvious way, one Payload create
 * per request inside Next.js, to compare the collector with. Same body and
 * validation as the collector; no salts, bots or rate limit.
 */
export const naiveTrackEndpoint: Endpoint = {
  path: '/naive-track',
  method: 'post',
  // beacons come from the published sites, on other origins; it acts for no user
  custom: { allowCrossOrigin: true },
  handler: async (req) => {
    const body = parseTrackBody((await req.text?.()) ?? '')
    if (isInvalidBody(body)) return Response.json({ error: body.error }, { status: 400 })
    const params = paramsOf(body.search)
    const { referrerHost } = body
    await req.payload.create({
      collection: 'page-views',
      overrideAccess: true,
      depth: 0,
      data: {
        site: body.site,
        occurredAt: new Date().toISOString(),
        type: body.type,
        pathname: body.pathname,
        hostname: body.hostname,
        referrer: body.referrer,
        referrerHost,
        source: classifySource({ referrerHost, siteDomain: body.hostname, params }),
        utmSource: utmOf(params, 'utm_source'),
        visitorId: 'naive',
        target: body.target,
      },
    })
    return Response.json({ ok: true }, { status: 202 })
  },
}
