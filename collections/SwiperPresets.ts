import type { CollectionConfig } from 'payload'

import { authenticated, trashOrAdminDelete } from '@/access'
import { swiperItemFields } from '@/fields/swiperItem'

export const SwiperPresets: CollectionConfig<'swiper-presets'> = {
  slug: 'swiper-presets',
  labels: { singular: 'Swiper preset', plural: 'Swiper presets' },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'site', 'updatedAt'], group: 'Content' },
  // editors move their sites' documents to the trash and back; emptying it is for admins
  access: { read: authenticated, create: authenticated, update: authenticated, delete: trashOrAdminDelete(authenticated) },
  trash: true,
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    { name: 'buttonText', label: 'Button text', type: 'text', defaultValue: 'Play now', maxLength: 80 },
    { name: 'items', type: 'array', minRows: 1, maxRows: 30, required: true, fields: swiperItemFields },
  ],
}
