import type { CollectionConfig } from 'payload'

import { isAdmin } from '@/access'
import { BUDGETS_SLUG } from '../constants'

/**
 * One row per site and calendar month: the tokens its generations were
 * charged. The row is what concurrent reservations lock (budget.ts), so
 * checking the budget and reserving are one transaction in every process.
 * Written only through SQL in budget/store.ts.
 */
export const AiBudgets: CollectionConfig = {
  slug: BUDGETS_SLUG,
  labels: { singular: 'AI budget month', plural: 'AI budget months' },
  admin: { group: 'AI', hidden: true, useAsTitle: 'key' },
  lockDocuments: false,
  access: { read: isAdmin, create: () => false, update: () => false, delete: () => false },
  fields: [
    { name: 'key', type: 'text', required: true, unique: true, admin: { readOnly: true, description: 'site id:YYYY-MM' } },
    { name: 'site', type: 'relationship', relationTo: 'sites', required: true, index: true, admin: { readOnly: true } },
    { name: 'month', type: 'text', required: true, admin: { readOnly: true, description: 'YYYY-MM (UTC)' } },
    { name: 'used', type: 'number', required: true, defaultValue: 0, admin: { readOnly: true, description: 'Tokens charged this month' } },
  ],
  timestamps: true,
}
