import type { CollectionConfig } from 'payload'

import { authenticated, hiddenFromEditors, isAdmin } from '@/access'
import { validateLanguageCode } from '@/fields/validators'
import { refuseDeleteWhileUsed } from './hooks/refuseDeleteWhileUsed'

export const Languages: CollectionConfig<'languages'> = {
  slug: 'languages',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'code', 'active'], group: 'Settings', hidden: hiddenFromEditors },
  access: { read: authenticated, create: isAdmin, update: isAdmin, delete: isAdmin },
  fields: [
    {
      name: 'code',
      type: 'text',
      required: true,
      unique: true,
      validate: (value: unknown) => validateLanguageCode(value),
      admin: { description: 'BCP 47 code written into <html lang>, e.g. en, de, pt-BR' },
    },
    { name: 'name', type: 'text', required: true, maxLength: 80 },
    { name: 'active', type: 'checkbox', defaultValue: true },
  ],
  hooks: { beforeDelete: [refuseDeleteWhileUsed({ by: 'sites', field: 'language', fix: 'choose another language there first' })] },
}
