import type { CollectionConfig } from 'payload'

import { hasSiteAccess } from '@/access/siteAccess'
import { EVENT_TYPES, SOURCES } from '../core/types'

const never = () => false

/**
 * Raw events written by the collector (plugins/analytics/collector), never
 * through the API: editors read their own sites' events, nobody edits them.
 * No timestamps (occurredAt is the time) and one composite index, so the
 * group-committed inserts stay cheap. Column names are the collector's
 * contract (store/columns.ts): change both together.
 */
export const PageViews: CollectionConfig = {
  slug: 'page-views',
  admin: {
    group: 'Analytics',
    useAsTitle: 'pathname',
    defaultColumns: ['occurredAt', 'site', 'type', 'pathname', 'source', 'referrerHost'],
    description: 'Raw page views and clicks as the collector received them; rolled up daily into Analytics.',
  },
  // written only by the app's own jobs and servers, never edited in the admin: nothing to lock (and no lock lookup per write)
  lockDocuments: false,
  access: { read: hasSiteAccess(), create: never, update: never, delete: never },
  timestamps: false,
  fields: [
    { name: 'site', type: 'relationship', relationTo: 'sites', required: true },
    { name: 'occurredAt', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'type', type: 'select', required: true, defaultValue: 'pageview', options: EVENT_TYPES.map((value) => ({ label: value, value })) },
    { name: 'pathname', type: 'text', required: true },
    { name: 'hostname', type: 'text', required: true },
    { name: 'referrer', type: 'text' },
    { name: 'referrerHost', type: 'text' },
    { name: 'source', type: 'select', required: true, defaultValue: 'direct', options: SOURCES.map((value) => ({ label: value, value })) },
    { name: 'utmSource', type: 'text' },
    { name: 'utmMedium', type: 'text' },
    { name: 'utmCampaign', type: 'text' },
    { name: 'visitorId', type: 'text', required: true, admin: { description: 'Hash of a daily salt, the site, the IP and the user agent: no cookie, not reversible' } },
    { name: 'target', type: 'text', admin: { description: 'The link clicked' } },
    { name: 'affiliateLink', type: 'relationship', relationTo: 'affiliate-links' },
    { name: 'revenue', type: 'number' },
  ],
  indexes: [{ fields: ['site', 'occurredAt'] }],
}
