import type { CollectionConfig } from 'payload'

const never = () => false

/**
 * The daily random salts of visitor ids. Only the collector reads and writes
 * them (directly in the database); nobody can through the API, and old ones
 * are deleted so yesterday's visitors cannot be re-identified.
 */
export const AnalyticsSalts: CollectionConfig = {
  slug: 'analytics-salts',
  admin: { hidden: true },
  graphQL: false,
  access: { read: never, create: never, update: never, delete: never },
  timestamps: false,
  fields: [
    { name: 'day', type: 'text', required: true, unique: true },
    { name: 'salt', type: 'text', required: true },
  ],
}
