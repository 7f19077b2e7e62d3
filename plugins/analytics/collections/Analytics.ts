import type { CollectionConfig } from 'payload'

import { hasSiteAccess } from '@/access/siteAccess'

const never = () => false

const ranked = (name: string, description: string) => ({ name, type: 'json' as const, admin: { description } })

/** Daily rollups, one per site per UTC day, written only by the analyticsRollup job. */
export const Analytics: CollectionConfig = {
  slug: 'analytics',
  labels: { singular: 'Daily analytics', plural: 'Analytics' },
  // "analytics" is singular and plural alike: GraphQL needs two names
  graphQL: { singularName: 'DailyAnalytics', pluralName: 'Analytics' },
  admin: {
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
        { name: 'pageViews', type: 'number', defaultValue: 0 },
        { name: 'sessions', type: 'number', defaultValue: 0 },
        { name: 'bounces', type: 'number', defaultValue: 0 },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'bounceRate', type: 'number', defaultValue: 0, admin: { description: '% of sessions with one page view' } },
        { name: 'pagesPerSession', type: 'number', defaultValue: 0 },
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
    ranked('sources', 'Sessions by source: { direct, organic, referral, social, paid, email }'),
    ranked('topPages', '[{ name: path, count: page views }]'),
    ranked('topReferrers', '[{ name: host, count: sessions }]'),
    { name: 'isFinal', type: 'checkbox', defaultValue: false, admin: { description: 'Computed after the day ended: its raw page views may be deleted' } },
    { name: 'computedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
  indexes: [{ fields: ['site', 'date'], unique: true }],
  timestamps: true,
}
