import type { CollectionConfig } from 'payload'

import { authenticated, nobody, trashOrAdminDelete } from '@/access'
import { uniqueWithinSite } from '@/fields/uniqueWithinSite'
import { validateHttpUrl } from '@/fields/validators'

export const AffiliateLinks: CollectionConfig<'affiliate-links'> = {
  slug: 'affiliate-links',
  labels: { singular: 'Affiliate link', plural: 'Affiliate links' },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'code', 'url', 'clicks', 'active'], group: 'Content' },
  // editors move their sites' documents to the trash and back; emptying it is for admins
  access: { read: authenticated, create: authenticated, update: authenticated, delete: trashOrAdminDelete(authenticated) },
  trash: true,
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'code',
      type: 'text',
      required: true,
      index: true,
      admin: { description: 'Used in the site URL /go/<code>/ — lowercase letters, digits and hyphens.' },
      validate: async (value: unknown, args: { req: any; siblingData: any; id?: number | string }) => {
        if (typeof value !== 'string' || !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) || value.length > 64) {
          return 'Use 1–64 lowercase letters, digits and hyphens, e.g. casino-royal'
        }
        return uniqueWithinSite({ collection: 'affiliate-links', field: 'code', label: 'affiliate link code' })(value, args)
      },
    },
    {
      name: 'url',
      label: 'URL',
      type: 'text',
      required: true,
      maxLength: 2048,
      validate: (value: unknown) => validateHttpUrl(value, { required: true }),
    },
    {
      type: 'row',
      fields: [
        { name: 'payout', type: 'number', min: 0, defaultValue: 0, admin: { description: 'Paid per conversion' } },
        {
          name: 'clicks',
          type: 'number',
          defaultValue: 0,
          access: { create: nobody, update: nobody },
          admin: { readOnly: true, description: 'Counted by the analytics collector' },
        },
      ],
    },
    { name: 'active', type: 'checkbox', defaultValue: true },
  ],
  indexes: [{ fields: ['site', 'code'], unique: true }],
}
