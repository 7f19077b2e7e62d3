import type { CollectionConfig, Config, Plugin } from 'payload'

import { FleetDeployments } from './collections/FleetDeployments'
import { createFleetEndpoint, previewFleetEndpoint, retryFleetEndpoint } from './endpoints'

export type FleetDeployManyOptions = {
  /** Off: no endpoints or buttons (the fleet-deployments collection stays, so the schema is the same). */
  enabled?: boolean
}

const COMPONENTS = '/plugins/fleet/deploy-many/components'

const withListBar = (sites: CollectionConfig): CollectionConfig => ({
  ...sites,
  admin: {
    ...sites.admin,
    components: {
      ...sites.admin?.components,
      beforeListTable: [...(sites.admin?.components?.beforeListTable ?? []), `${COMPONENTS}/DeploySelected.client#DeploySelected`],
    },
  },
})

const withDeployUsers = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  admin: {
    ...collection.admin,
    components: {
      ...collection.admin?.components,
      edit: {
        ...collection.admin?.components?.edit,
        beforeDocumentControls: [...(collection.admin?.components?.edit?.beforeDocumentControls ?? []), `${COMPONENTS}/DeployUsers.client#DeployUsers`],
      },
    },
  },
})

/**
 * Deploy many sites as one action: POST /api/fleet-deployments ({sites} | {changed} | {template} | {footprint}),
 * POST /api/fleet-deployments/:id/retry, GET /api/fleet-deployments/preview; Deploy selected and Deploy all
 * changed above the sites list, "N sites use this: deploy them" on templates and footprints, and the fleet
 * deployment's progress view. The deployments themselves are the publisher's, run by its deploySite job under
 * its global limit (DEPLOY_CONCURRENCY, lib/deploySlots.ts).
 */
export const fleetDeployManyPlugin =
  (options: FleetDeployManyOptions = {}): Plugin =>
  (config: Config): Config => {
    const isEnabled = options.enabled !== false
    const collections = (config.collections ?? []).map((collection) => {
      if (!isEnabled) return collection
      if (collection.slug === 'sites') return withListBar(collection)
      if (collection.slug === 'templates' || collection.slug === 'template-footprints') return withDeployUsers(collection)
      return collection
    })
    const fleet: CollectionConfig = isEnabled ? { ...FleetDeployments, endpoints: [previewFleetEndpoint, createFleetEndpoint, retryFleetEndpoint] } : FleetDeployments
    return { ...config, collections: [...collections, fleet] }
  }
