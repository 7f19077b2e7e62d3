import type { CollectionConfig } from 'payload'

import { hiddenFromEditors } from '@/access/hiddenFromEditors'
import { hasSiteAccess } from '@/access/siteAccess'
import { labelledOptions } from '@/fields/options'
import type { EventType, Source } from '../core/types'

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
  labels: { singular: 'Page view', plural: 'Page views' },
  admin: {
    // editors read their sites' figures in the Analytics view
    hidden: hiddenFromEditors,
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
    { name: 'occurredAt', label: 'Occurred at', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'type', type: 'select', required: true, defaultValue: 'pageview', options: labelledOptions<EventType>({ pageview: 'Page view', click: 'Click', conversion: 'Conversion' }) },
    { name: 'pathname', type: 'text', required: true },
    { name: 'hostname', type: 'text', required: true },
    { name: 'referrer', type: 'text' },
    { name: 'referrerHost', label: 'Referrer host', type: 'text' },
    { name: 'source', type: 'select', required: true, defaultValue: 'direct', options: labelledOptions<Source>({ direct: 'Direct', organic: 'Organic search', referral: 'Referral', social: 'Social', paid: 'Paid', email: 'Email' }) },
    { name: 'utmSource', label: 'UTM source', type: 'text' },
    { name: 'utmMedium', label: 'UTM medium', type: 'text' },
    { name: 'utmCampaign', label: 'UTM campaign', type: 'text' },
    { name: 'visitorId', label: 'Visitor ID', type: 'text', required: true, admin: { description: 'Hash of a daily salt, the site, the IP and the user agent: no cookie, not reversible' } },
    { name: 'target', type: 'text', admin: { description: 'The link clicked' } },
    { name: 'affiliateLink', label: 'Affiliate link', type: 'relationship', relationTo: 'affiliate-links' },
    { name: 'revenue', type: 'number' },
  ],
  indexes: [{ fields: ['site', 'occurredAt'] }],
}
