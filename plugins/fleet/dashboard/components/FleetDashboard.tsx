import type { ServerProps } from 'payload'
import React from 'react'

import { DEFAULT_LIMIT, fleetOverview } from '../overview'
import { FleetDashboard } from './FleetDashboard.client'

/**
 * The admin home's fleet dashboard: the first page of the user's sites is read here, as the user, so the
 * rows are in the HTML; filters, pages and actions then go through GET /api/fleet/overview.
 */
export const FleetDashboardServer = async ({ payload, user }: ServerProps) => {
  if (!user) return null
  const initial = await fleetOverview({ payload, user, query: { status: null, template: null, tag: null, page: 1, limit: DEFAULT_LIMIT } })
  return <FleetDashboard initial={initial} />
}
