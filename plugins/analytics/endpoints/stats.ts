import type { Endpoint } from 'payload'

import { daysCsv } from '../core/csv'
import { loadDays, parseRange, parseSiteId, siteStats, StatsInputError } from '../stats'

/**
 * GET /api/analytics/stats?site=<id>&from=YYYY-MM-DD&to=YYYY-MM-DD[&format=csv]
 * The dashboard's figures for automation: signed in (session or API key),
 * and only for the caller's sites. CSV gives one line per day.
 */
export const statsEndpoint: Endpoint = {
  path: '/stats',
  method: 'get',
  handler: async (req) => {
    try {
      const url = new URL(req.url ?? '', 'http://localhost')
      const format = url.searchParams.get('format') ?? 'json'
      if (format !== 'json' && format !== 'csv') throw new StatsInputError('"format" must be json or csv', 400)
      if (!req.user) throw new StatsInputError('Log in or send an API key to read analytics', 401)
      const siteId = parseSiteId(url.searchParams.get('site'))
      const range = parseRange({ from: url.searchParams.get('from'), to: url.searchParams.get('to') })
      const stats = await siteStats({ payload: req.payload, user: req.user, siteId, range })
      if (format === 'csv') {
        const rows = await loadDays({ payload: req.payload, user: req.user, siteId, range })
        return new Response(daysCsv(rows, range), {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': `attachment; filename="analytics-${stats.site.domain.replace(/[^a-z0-9.-]/gi, '_')}-${range.from}-${range.to}.csv"`,
            'cache-control': 'no-store',
          },
        })
      }
      return Response.json(stats, { headers: { 'cache-control': 'no-store' } })
    } catch (err) {
      if (err instanceof StatsInputError) return Response.json({ errors: [{ message: err.message }] }, { status: err.status })
      throw err
    }
  },
}
