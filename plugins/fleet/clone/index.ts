import type { CollectionConfig, Config, Plugin } from 'payload'

import { reclaimBeforeRun } from '@/lib/jobs'

import { SiteClones } from './collections/SiteClones'
import { FLEET_QUEUE } from './constants'
import { cloneSiteEndpoint, retryCloneEndpoint } from './endpoints'
import { cloneSiteTask } from './job'
import { reclaimStaleClones } from './reclaim'

export type FleetCloneOptions = {
  /** Off: no endpoints, job or button (the site-clones collection stays, so the schema is the same). */
  enabled?: boolean
}

const BUTTON = '/plugins/fleet/clone/components/CloneButton.client#CloneButton'

const withEndpoints = <T extends Pick<CollectionConfig, 'endpoints'>>(collection: T, endpoints: NonNullable<CollectionConfig['endpoints']>): T => ({
  ...collection,
  endpoints: [...(Array.isArray(collection.endpoints) ? collection.endpoints : []), ...(Array.isArray(endpoints) ? endpoints : [])],
})

/**
 * Payload's Duplicate would copy the site row alone (no pages, the same class prefix) and fails on the
 * unique domain: sites get Clone instead, which copies everything and gives the copy its own fingerprint.
 */
const withClone = (sites: CollectionConfig): CollectionConfig => ({
  ...withEndpoints(sites, [cloneSiteEndpoint]),
  disableDuplicate: true,
  admin: {
    ...sites.admin,
    components: {
      ...sites.admin?.components,
      edit: {
        ...sites.admin?.components?.edit,
        beforeDocumentControls: [...(sites.admin?.components?.edit?.beforeDocumentControls ?? []), BUTTON],
      },
    },
  },
})

/**
 * Clone a site: POST /api/sites/:id/clone (202, a site-clones record to watch), the cloneSite job on the
 * "fleet" queue, and a Clone button in the site's edit view.
 */
export const fleetClonePlugin =
  (options: FleetCloneOptions = {}): Plugin =>
  (config: Config): Config => {
    const isEnabled = options.enabled !== false
    const collections = (config.collections ?? []).map((collection) =>
      collection.slug === 'sites' ? (isEnabled ? withClone(collection) : { ...collection, disableDuplicate: true }) : collection,
    )
    return {
      ...config,
      collections: [...collections, isEnabled ? withEndpoints(SiteClones, [retryCloneEndpoint]) : SiteClones],
      jobs: {
        ...config.jobs,
        tasks: [...(config.jobs?.tasks ?? []), ...(isEnabled ? [cloneSiteTask] : [])],
        // `next dev` runs clones in-process (shouldAutoRun is the publisher's); in production `npm run worker` runs every queue
        autoRun: [
          ...(Array.isArray(config.jobs?.autoRun) ? config.jobs.autoRun : []),
          ...(isEnabled ? [{ cron: '*/5 * * * * *', queue: FLEET_QUEUE, limit: 1 }] : []),
        ],
        ...(isEnabled ? { processingOrder: reclaimBeforeRun(config.jobs?.processingOrder, FLEET_QUEUE, 'clone jobs', reclaimStaleClones) } : {}),
      },
    }
  }
