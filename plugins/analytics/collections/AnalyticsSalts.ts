import type { CollectionConfig } from 'payload'

const never = () => false

/**
 * The daily random salts of visitor ids. Only the collector reads and writes
 * them (directly in the database); nobody can through the API, and old ones
 * are deleted so yesterday's visitors cannot be re-identified.
 */
export const AnalyticsSalts: CollectionConfig = {
  slug: 'analytics-salts',
  labels: { singular: 'Analytics salt', plural: 'Analytics salts' },
  admin: { hidden: true },
  graphQL: false,
  // written only by the app's own jobs and servers, never edited in the admin: nothing to lock (and no lock lookup per write)
  lockDocuments: false,
  access: { read: never, create: never, update: never, delete: never },
  timestamps: false,
  fields: [
    { name: 'day', type: 'text', required: true, unique: true },
    { name: 'salt', type: 'text', required: true },
  ],
}
