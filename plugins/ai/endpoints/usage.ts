import type { Endpoint, PayloadHandler } from 'payload'

import { usageSummary } from '../usage'
import { json } from './shared'

/** GET /api/ai/usage?site=&from=YYYY-MM-DD — tokens and cost per site and provider (this month by default). */
export const usageHandler: PayloadHandler = async (req) => {
  if (!req.user) return json({ errors: [{ message: 'Log in to see AI usage.' }] }, 401)
  const params = new URL(req.url ?? 'http://x/', 'http://x').searchParams
  const fromText = params.get('from')
  const from = fromText ? new Date(fromText) : undefined
  if (from && Number.isNaN(from.getTime())) return json({ errors: [{ message: '"from" must be a date like 2026-11-01.' }] }, 400)
  const siteText = params.get('site')
  if (siteText && !/^\d+$/.test(siteText)) return json({ errors: [{ message: '"site" must be a site id.' }] }, 400)
  const rows = await usageSummary({ payload: req.payload, user: req.user, from, siteId: siteText ? Number(siteText) : null })
  return json({ rows }, 200)
}

export const usageEndpoint: Endpoint = { path: '/ai/usage', method: 'get', handler: usageHandler }
