import type { Endpoint, PayloadHandler } from 'payload'

import type { Site } from '@/payload-types'

import { scheduleOverview } from '../overview'

const json = (body: unknown, status: number) => Response.json(body, { status })

/**
 * GET /api/sites/:id/schedule — the site's scheduled publishes and its drip queue with expected dates. The site
 * is read with the asker's access: an editor gets only their sites (another's answers 404, as if it did not exist).
 */
export const scheduleHandler: PayloadHandler = async (req) => {
  const { payload, user } = req
  if (!user) return json({ errors: [{ message: 'Log in to see the schedule.' }] }, 401)
  const id = req.routeParams?.id as string | undefined
  const found = id && /^\d+$/.test(id) ? await payload.find({ collection: 'sites', where: { id: { equals: id } }, limit: 1, depth: 0, overrideAccess: false, user }) : null
  const site = found?.docs[0] as Site | undefined
  if (!site) return json({ errors: [{ message: 'Site not found.' }] }, 404)
  return json(await scheduleOverview(payload, site), 200)
}

export const scheduleEndpoint: Endpoint = { path: '/:id/schedule', method: 'get', handler: scheduleHandler }
