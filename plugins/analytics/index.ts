import type { CollectionConfig, Config, Plugin } from 'payload'

import { Analytics } from './collections/Analytics'
import { AnalyticsSalts } from './collections/AnalyticsSalts'
import { PageViews } from './collections/PageViews'
import { statsEndpoint } from './endpoints/stats'
import { naiveTrackEndpoint } from './endpoints/naiveTrack'
import { deleteSiteAnalytics } from './hooks/deleteSiteAnalytics'
import { ANALYTICS_QUEUE } from './jobs/constants'
import { rollupTask } from './jobs/rollup'

export type AnalyticsOptions = {
  /** Off: no rollup job, stats endpoint, collector or admin views (the collections stay, so the schema is the same). */
  enabled?: boolean
  /** Start the collector inside `next dev` (default on; ANALYTICS_COLLECTOR=off also turns it off). */
  devCollector?: boolean
}

const withSiteCleanup = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: { ...collection.hooks, beforeDelete: [...(collection.hooks?.beforeDelete ?? []), deleteSiteAnalytics()] },
})

const isNextDev = (): boolean => Boolean(process.env.NEXT_RUNTIME) && process.env.NODE_ENV !== 'production'

/**
 * Analytics: page views (raw, written by the collector in collector/), daily
 * rollups (the analyticsRollup job, every 10 minutes on the "analytics"
 * queue), GET /api/analytics/stats, the Analytics admin view and the
 * dashboard widget. The tracker and affiliate redirects reach sites through
 * the site builder (core/tracker.ts).
 */
export const analyticsPlugin =
  (options: AnalyticsOptions = {}): Plugin =>
  (config: Config): Config => {
    const isEnabled = options.enabled !== false
    const collections = (config.collections ?? []).map((c) => (c.slug === 'sites' ? withSiteCleanup(c) : c))
    const analytics: CollectionConfig = isEnabled ? { ...Analytics, endpoints: [statsEndpoint] } : Analytics
    if (!isEnabled) return { ...config, collections: [...collections, PageViews, analytics, AnalyticsSalts] }
    const shouldStartCollector = options.devCollector !== false && process.env.ANALYTICS_COLLECTOR !== 'off'
    // the benchmark's naive path (bench/track); never on unless asked for
    const pageViews: CollectionConfig = process.env.ANALYTICS_NAIVE_ENDPOINT === '1' ? { ...PageViews, endpoints: [naiveTrackEndpoint] } : PageViews
    return {
      ...config,
      collections: [...collections, pageViews, analytics, AnalyticsSalts],
      admin: {
        ...config.admin,
        components: {
          ...config.admin?.components,
          afterNavLinks: [...(config.admin?.components?.afterNavLinks ?? []), '/plugins/analytics/components/NavLink.client#AnalyticsNavLink'],
          afterDashboard: [...(config.admin?.components?.afterDashboard ?? []), '/plugins/analytics/components/DashboardWidget#AnalyticsWidget'],
          views: {
            ...config.admin?.components?.views,
            analytics: { Component: '/plugins/analytics/components/AnalyticsView#AnalyticsView', path: '/analytics', exact: true },
          },
        },
      },
      jobs: {
        ...config.jobs,
        tasks: [...(config.jobs?.tasks ?? []), rollupTask],
        autoRun: [
          // with a scheduled task in the config, Payload handles schedules on every autoRun tick, even where
          // shouldAutoRun says no (tests, scripts, next start): only `next dev` and `npm run worker` may schedule
          ...(Array.isArray(config.jobs?.autoRun) ? config.jobs.autoRun : []).map((entry) => ({ ...entry, disableScheduling: entry.disableScheduling ?? !isNextDev() })),
          // `next dev` schedules and rolls up in-process; elsewhere (next start, scripts, tests) autoRun must not queue
          // scheduled jobs: Payload schedules even where shouldAutoRun says no, and `npm run worker` does it in production
          { cron: '*/10 * * * * *', queue: ANALYTICS_QUEUE, limit: 1, disableScheduling: !isNextDev() },
        ],
      },
      onInit: async (payload) => {
        await config.onInit?.(payload)
        if (shouldStartCollector && isNextDev()) {
          const { startDevCollector } = await import('./collector/dev')
          await startDevCollector(payload)
        }
      },
    }
  }
