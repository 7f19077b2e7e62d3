export const FLEET_DEPLOYMENTS_SLUG = 'fleet-deployments'
/** What chose the sites of a fleet deployment. */
export const FLEET_KINDS = ['selected', 'changed', 'template', 'footprint'] as const
export type FleetKind = (typeof FLEET_KINDS)[number]
/** Deployment statuses that have not ended yet. */
export const UNFINISHED = new Set(['queued', 'building', 'uploading'])
