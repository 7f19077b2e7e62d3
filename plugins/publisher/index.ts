import type { CollectionConfig, Config, Plugin } from 'payload'

import { Deployments } from './collections/Deployments'
import { cancelDeploymentEndpoint, deploySiteEndpoint } from './endpoints/deploy'
import { deployOnChange } from './hooks/deployOnChange'
import { DEPLOY_QUEUE } from './jobs/constants'
import { deploySiteTask } from './jobs/deploySite'

export type PublisherOptions = {
  /** Off: no endpoints, hooks or jobs (the deployments collection stays, so the schema is the same). */
  enabled?: boolean
  /** Collections whose saves trigger autoDeploy. */
  autoDeployCollections?: string[]
}

const DEFAULT_AUTO_DEPLOY = ['pages', 'sites', 'templates', 'media', 'swiper-presets']

const withAfterChange = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: { ...collection.hooks, afterChange: [...(collection.hooks?.afterChange ?? []), deployOnChange()] },
})

const withDeployEndpoint = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  endpoints: [...(Array.isArray(collection.endpoints) ? collection.endpoints : []), deploySiteEndpoint],
})

const withCancelEndpoint = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  endpoints: [...(Array.isArray(collection.endpoints) ? collection.endpoints : []), cancelDeploymentEndpoint],
})

/**
 * Publishes sites: the deployments collection, the deploySite job (queue
 * "deploy"), POST /api/sites/:id/deploy, POST /api/deployments/:id/cancel
 * and autoDeploy hooks.
 */
export const publisherPlugin =
  (options: PublisherOptions = {}): Plugin =>
  (config: Config): Config => {
    const isEnabled = options.enabled !== false
    const autoDeploy = new Set(options.autoDeployCollections ?? DEFAULT_AUTO_DEPLOY)
    const collections = (config.collections ?? []).map((collection) => {
      if (!isEnabled) return collection
      let next = collection
      if (autoDeploy.has(collection.slug)) next = withAfterChange(next)
      if (collection.slug === 'sites') next = withDeployEndpoint(next)
      return next
    })
    return {
      ...config,
      collections: [...collections, isEnabled ? withCancelEndpoint(Deployments) : Deployments],
      jobs: {
        ...config.jobs,
        tasks: [...(config.jobs?.tasks ?? []), ...(isEnabled ? [deploySiteTask] : [])],
        // `next dev` runs deploys in-process; in production `npm run worker` does (docker-compose has one)
        autoRun: [
          ...(Array.isArray(config.jobs?.autoRun) ? config.jobs.autoRun : []),
          ...(isEnabled ? [{ cron: '*/5 * * * * *', queue: DEPLOY_QUEUE, limit: 1 }] : []),
        ],
        shouldAutoRun: () => isEnabled && Boolean(process.env.NEXT_RUNTIME) && process.env.NODE_ENV !== 'production',
      },
    }
  }
