import type { CollectionConfig, Config, Field, Plugin } from 'payload'

import { normalizeTags, tagsProblem } from './core/tags'
import { overviewEndpoint, tagsEndpoint } from './endpoints'

export type FleetDashboardOptions = {
  /** Off: no dashboard or endpoints (the tags field stays, so the schema is the same). */
  enabled?: boolean
}

const DASHBOARD = '/plugins/fleet/dashboard/components/FleetDashboard#FleetDashboardServer'
/** The analytics plugin's home widget: the fleet dashboard shows everything it did (sites, sparkline, last deployment). */
const ANALYTICS_WIDGET = '/plugins/analytics/components/DashboardWidget#AnalyticsWidget'

/**
 * Tags are a hasMany text field on the site rather than a collection of their own: nothing to create before
 * using one, no access rules of its own (whoever may edit a site may label it), and `where[tags][equals]=x`
 * filters lists and the dashboard through one side table (sites_texts, a row per tag).
 */
export const tagsField: Field = {
  name: 'tags',
  type: 'text',
  hasMany: true,
  admin: { position: 'sidebar', description: 'Labels to group sites on the dashboard and filter lists (e.g. a client, a niche); lower case' },
  hooks: { beforeValidate: [({ value }) => (Array.isArray(value) ? normalizeTags(value) : value)] },
  validate: (value: unknown) => (Array.isArray(value) ? (tagsProblem(value as string[]) ?? true) : true),
}

const withTags = (sites: CollectionConfig): CollectionConfig => ({
  ...sites,
  fields: [...sites.fields, tagsField],
  admin: {
    ...sites.admin,
    defaultColumns: [...(sites.admin?.defaultColumns ?? []), 'tags'],
  },
})

/**
 * The fleet dashboard (admin home): one row per site the user may see with its last deployment, page
 * counts, health, 30-day visitors and AI tokens, filters and bulk actions; `GET /api/fleet/overview`
 * and `POST /api/fleet/tags`; and site tags. After the analytics plugin, whose home widget it replaces.
 */
export const fleetDashboardPlugin =
  (options: FleetDashboardOptions = {}): Plugin =>
  (config: Config): Config => {
    const isEnabled = options.enabled !== false
    const collections = (config.collections ?? []).map((collection) => (collection.slug === 'sites' ? withTags(collection) : collection))
    if (!isEnabled) return { ...config, collections }
    const components = config.admin?.components
    return {
      ...config,
      collections,
      endpoints: [...(config.endpoints ?? []), overviewEndpoint, tagsEndpoint],
      admin: {
        ...config.admin,
        components: {
          ...components,
          beforeDashboard: [...(components?.beforeDashboard ?? []), DASHBOARD],
          afterDashboard: (components?.afterDashboard ?? []).filter((c) => c !== ANALYTICS_WIDGET),
        },
      },
    }
  }
