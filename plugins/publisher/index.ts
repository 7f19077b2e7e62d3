import type { CollectionConfig, Config, Field, Plugin } from 'payload'

import { reclaimBeforeRun } from '@/lib/jobs'

import { Deployments, DEPLOYMENT_STATUSES } from './collections/Deployments'
import {
  cancelDeploymentEndpoint,
  createDeploymentEndpoint,
  deploySiteEndpoint,
  redeployDeploymentEndpoint,
  rollbackDeploymentEndpoint,
} from './endpoints/deploy'
import { installAfterCommit } from '@/lib/afterCommit'
import { installJobClaimLock } from '@/lib/jobClaim'
import { deployOnChange } from './hooks/deployOnChange'
import { stopDeploysWhenDeleted, stopDeploysWhenTrashed } from './hooks/stopSiteDeploys'
import { DEPLOY_QUEUE } from './jobs/constants'
import { deploySiteTask } from './jobs/deploySite'
import { reclaimStaleDeployJobs } from './jobs/reclaim'

export type PublisherOptions = {
  /** Off: no endpoints, hooks or jobs (the deployments collection and site fields stay, so the schema is the same). */
  enabled?: boolean
  /** Collections whose saves trigger autoDeploy. */
  autoDeployCollections?: string[]
}

const DEFAULT_AUTO_DEPLOY = ['pages', 'sites', 'templates', 'media', 'swiper-presets']
const COMPONENTS = '/plugins/publisher/components'

const withAfterChange = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: { ...collection.hooks, afterChange: [...(collection.hooks?.afterChange ?? []), deployOnChange()] },
})

/** A site going to the trash or away for good takes no deployment with it (and never unpublishes). */
const withDeployStops = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    afterChange: [...(collection.hooks?.afterChange ?? []), stopDeploysWhenTrashed()],
    beforeDelete: [...(collection.hooks?.beforeDelete ?? []), stopDeploysWhenDeleted()],
  },
})

const withEndpoints = (collection: CollectionConfig, endpoints: NonNullable<CollectionConfig['endpoints']>): CollectionConfig => ({
  ...collection,
  endpoints: [...(Array.isArray(collection.endpoints) ? collection.endpoints : []), ...(Array.isArray(endpoints) ? endpoints : [])],
})

const nobody = () => false

/** Written by the deployments collection's hook (recordOnSite), read by the sites list: no query per row. */
const siteDeployFields: Field[] = [
  {
    name: 'lastDeployStatus',
    label: 'Last deployment',
    type: 'select',
    options: DEPLOYMENT_STATUSES.map((value) => ({ label: value[0].toUpperCase() + value.slice(1), value })),
    access: { create: nobody, update: nobody },
    admin: { readOnly: true, position: 'sidebar', components: { Cell: `${COMPONENTS}/DeployStatusCell.client#DeployStatusCell` } },
  },
  {
    name: 'liveUrl',
    label: 'Live URL',
    type: 'text',
    access: { create: nobody, update: nobody },
    admin: { readOnly: true, position: 'sidebar', components: { Cell: `${COMPONENTS}/LiveUrlCell.client#LiveUrlCell` } },
  },
  { name: 'lastDeployAt', label: 'Last deployed', type: 'date', access: { create: nobody, update: nobody }, admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
  {
    name: 'lastDeployWarnings',
    label: 'Broken links',
    type: 'number',
    access: { create: nobody, update: nobody },
    admin: { readOnly: true, position: 'sidebar', description: 'Links to missing pages found by the last successful deployment' },
  },
  {
    name: 'lastDeployWarningText',
    label: 'Broken links found',
    type: 'textarea',
    access: { create: nobody, update: nobody },
    admin: { readOnly: true, position: 'sidebar', condition: (data) => Boolean(data?.lastDeployWarnings) },
  },
  { name: 'lastDeploymentId', type: 'number', access: { create: nobody, update: nobody }, admin: { hidden: true } },
]

/** A column with a Deploy button per row (a ui field stores nothing; it has no form field). */
const deployColumn: Field = {
  name: 'deployNow',
  label: 'Deploy',
  type: 'ui',
  admin: { components: { Cell: `${COMPONENTS}/DeployRowButton.client#DeployRowButton` }, disableListColumn: false },
}

const withSiteDeployState = (collection: CollectionConfig, isEnabled: boolean): CollectionConfig => ({
  ...collection,
  admin: {
    ...collection.admin,
    defaultColumns: [...(collection.admin?.defaultColumns ?? []), 'lastDeployStatus', 'lastDeployWarnings', 'liveUrl', ...(isEnabled ? ['deployNow'] : [])],
    components: {
      ...collection.admin?.components,
      edit: {
        ...collection.admin?.components?.edit,
        beforeDocumentControls: [
          ...(collection.admin?.components?.edit?.beforeDocumentControls ?? []),
          ...(isEnabled ? [`${COMPONENTS}/DeployButton.client#DeployButton`] : []),
        ],
      },
    },
  },
  fields: [...collection.fields, ...siteDeployFields, ...(isEnabled ? [deployColumn] : [])],
})

/**
 * Publishes sites: the deployments collection, the deploySite job (queue
 * "deploy"), POST /api/sites/:id/deploy, POST /api/deployments/:id/cancel,
 * /rollback and /redeploy, autoDeploy hooks, and the admin's Deploy button,
 * live deployment view and sites-list columns.
 */
export const publisherPlugin =
  (options: PublisherOptions = {}): Plugin =>
  (config: Config): Config => {
    const isEnabled = options.enabled !== false
    const autoDeploy = new Set(options.autoDeployCollections ?? DEFAULT_AUTO_DEPLOY)
    const collections = (config.collections ?? []).map((collection) => {
      let next = collection
      if (collection.slug === 'sites') next = withSiteDeployState(next, isEnabled)
      if (!isEnabled) return next
      if (autoDeploy.has(collection.slug)) next = withAfterChange(next)
      if (collection.slug === 'sites') next = withDeployStops(withEndpoints(next, [deploySiteEndpoint]))
      return next
    })
    const deployments = isEnabled
      ? withEndpoints(Deployments, [createDeploymentEndpoint, cancelDeploymentEndpoint, rollbackDeploymentEndpoint, redeployDeploymentEndpoint])
      : Deployments
    return {
      ...config,
      collections: [...collections, deployments],
      jobs: {
        ...config.jobs,
        tasks: [...(config.jobs?.tasks ?? []), ...(isEnabled ? [deploySiteTask] : [])],
        ...(isEnabled ? { processingOrder: reclaimBeforeRun(config.jobs?.processingOrder, DEPLOY_QUEUE, 'deploy jobs', reclaimStaleDeployJobs) } : {}),
        // `next dev` runs deploys in-process; in production `npm run worker` does (docker-compose has one)
        autoRun: [
          ...(Array.isArray(config.jobs?.autoRun) ? config.jobs.autoRun : []),
          ...(isEnabled ? [{ cron: '*/5 * * * * *', queue: DEPLOY_QUEUE, limit: 1 }] : []),
        ],
        shouldAutoRun: () => isEnabled && Boolean(process.env.NEXT_RUNTIME) && process.env.NODE_ENV !== 'production',
      },
      onInit: async (payload) => {
        if (isEnabled) {
          installAfterCommit(payload)
          // two workers (or two lanes of one worker) must never claim one deploy job both
          installJobClaimLock(payload)
        }
        await config.onInit?.(payload)
      },
    }
  }
