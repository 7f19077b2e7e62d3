import type { CollectionConfig } from 'payload'

import { hiddenFromEditors } from '@/access/hiddenFromEditors'
import { hasSiteAccess } from '@/access/siteAccess'
import { jsonView } from '@/fields/jsonView'

const never = () => false

const ranked = (name: string, label: string, description: string) => jsonView({ name, label, admin: { description } })

/** Daily rollups, one per site per UTC day, written only by the analyticsRollup job. */
export const Analytics: CollectionConfig = {
  slug: 'analytics',
  labels: { singular: 'Daily analytics', plural: 'Analytics' },
  // "analytics" is singular and plural alike: GraphQL needs two names
  graphQL: { singularName: 'DailyAnalytics', pluralName: 'Analytics' },
  admin: {
    // editors read these in the Analytics view
    hidden: hiddenFromEditors,
    group: 'Analytics',
    useAsTitle: 'date',
    defaultColumns: ['date', 'site', 'visitors', 'pageViews', 'bounceRate', 'conversions', 'revenue'],
    description: 'Per site per day, computed from page views by the rollup job. Read only.',
  },
  // written only by the app's own jobs and servers, never edited in the admin: nothing to lock (and no lock lookup per write)
  lockDocuments: false,
  access: { read: hasSiteAccess(), create: never, update: never, delete: never },
  fields: [
    { name: 'site', type: 'relationship', relationTo: 'sites', required: true },
    { name: 'date', type: 'text', required: true, index: true, admin: { description: 'UTC day, YYYY-MM-DD' } },
    {
      type: 'row',
      fields: [
        { name: 'visitors', type: 'number', defaultValue: 0 },
        { name: 'pageViews', label: 'Page views', type: 'number', defaultValue: 0 },
        { name: 'sessions', type: 'number', defaultValue: 0 },
        { name: 'bounces', type: 'number', defaultValue: 0 },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'bounceRate', label: 'Bounce rate (%)', type: 'number', defaultValue: 0, admin: { description: '% of sessions with one page view' } },
        { name: 'pagesPerSession', label: 'Pages per session', type: 'number', defaultValue: 0 },
        { name: 'clicks', type: 'number', defaultValue: 0, admin: { description: 'Affiliate and outbound link clicks' } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'conversions', type: 'number', defaultValue: 0, admin: { description: 'Affiliate redirects' } },
        { name: 'revenue', type: 'number', defaultValue: 0, admin: { description: 'Sum of the links’ payouts' } },
      ],
    },
    ranked('sources', 'Sources', 'Sessions by source: { direct, organic, referral, social, paid, email }'),
    ranked('topPages', 'Top pages', '[{ name: path, count: page views }]'),
    ranked('topReferrers', 'Top referrers', '[{ name: host, count: sessions }]'),
    { name: 'isFinal', label: 'Final', type: 'checkbox', defaultValue: false, admin: { description: 'Computed after the day ended: its raw page views may be deleted' } },
    { name: 'computedAt', label: 'Computed at', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
  indexes: [{ fields: ['site', 'date'], unique: true }],
  timestamps: true,
}
