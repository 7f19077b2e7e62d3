import type { CollectionConfig, Config, Plugin } from 'payload'

import { reclaimBeforeRun } from '@/lib/jobs'
import { FLEET_QUEUE } from '@/plugins/fleet/clone/constants'

import { SiteImports } from './collections/SiteImports'
import { importSitesEndpoint } from './endpoints'
import { importSitesTask } from './job'
import { reclaimStaleImports } from './reclaim'

export type FleetImportOptions = {
  /** Off: no endpoint, job or admin view (the site-imports collection stays, so the schema is the same). */
  enabled?: boolean
}

const withEndpoint = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  endpoints: [importSitesEndpoint, ...(Array.isArray(collection.endpoints) ? collection.endpoints : [])],
})

/**
 * Create sites in bulk from a CSV: POST /api/site-imports (dry run or import), the importSites job on the
 * "fleet" queue (the clone job's: imports that clone run clones), and the admin view /admin/import-sites.
 */
export const fleetImportPlugin =
  (options: FleetImportOptions = {}): Plugin =>
  (config: Config): Config => {
    const isEnabled = options.enabled !== false
    if (!isEnabled) return { ...config, collections: [...(config.collections ?? []), SiteImports] }
    return {
      ...config,
      collections: [...(config.collections ?? []), withEndpoint(SiteImports)],
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          afterNavLinks: [...(config.admin?.components?.afterNavLinks ?? []), '/plugins/fleet/import/components/NavLink.client#ImportSitesNavLink'],
          views: {
            ...config.admin?.components?.views,
            importSites: { Component: '/plugins/fleet/import/components/ImportView#ImportView', path: '/import-sites', exact: true },
          },
        },
      },
      jobs: {
        ...config.jobs,
        tasks: [...(config.jobs?.tasks ?? []), importSitesTask],
        // the fleet queue's autoRun entry (next dev) is the clone plugin's
        processingOrder: reclaimBeforeRun(config.jobs?.processingOrder, FLEET_QUEUE, 'site imports', reclaimStaleImports),
      },
    }
  }
