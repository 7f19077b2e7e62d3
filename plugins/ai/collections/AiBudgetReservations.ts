import type { CollectionConfig } from 'payload'

import { isAdmin } from '@/access'
import { RESERVATIONS_SLUG } from '../constants'

/**
 * Tokens held for a generation in flight: its most possible usage, taken
 * before the provider is called and settled with the real usage after it.
 * A process that dies leaves its reservation behind; it stops counting at
 * `expiresAt`, which a live generation keeps pushing forward.
 */
export const AiBudgetReservations: CollectionConfig = {
  slug: RESERVATIONS_SLUG,
  labels: { singular: 'AI token reservation', plural: 'AI token reservations' },
  admin: { group: 'AI', hidden: true },
  lockDocuments: false,
  access: { read: isAdmin, create: () => false, update: () => false, delete: () => false },
  fields: [
    { name: 'budgetKey', label: 'Budget key', type: 'text', required: true, index: true, admin: { readOnly: true } },
    { name: 'site', type: 'relationship', relationTo: 'sites', required: true, admin: { readOnly: true } },
    { name: 'tokens', type: 'number', required: true, admin: { readOnly: true } },
    { name: 'expiresAt', label: 'Expires', type: 'date', required: true, index: true, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
  ],
  timestamps: true,
}
