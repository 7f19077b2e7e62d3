import type { Block } from 'payload'

import { swiperItemFields } from '@/fields/swiperItem'
import { promptField } from '@/fields/promptField'
import { blockThumbnail } from '../thumbnail'

export const SwiperBlock: Block = {
  slug: 'swiper',
  admin: blockThumbnail('swiper', 'A sliding row of cards: picture, rating, badge and button'),
  interfaceName: 'SwiperBlock',
  labels: { singular: 'Swiper', plural: 'Swipers' },
  fields: [
    { name: 'heading', type: 'text', maxLength: 200 },
    {
      name: 'source',
      type: 'radio',
      defaultValue: 'preset',
      options: [
        { label: 'Preset', value: 'preset' },
        { label: 'Items on this page', value: 'inline' },
      ],
      admin: { layout: 'horizontal' },
    },
    {
      name: 'preset',
      type: 'relationship',
      relationTo: 'swiper-presets',
      admin: { condition: (_, sibling) => sibling?.source !== 'inline' },
      validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
        siblingData?.source !== 'inline' && !value ? 'Choose a swiper preset, or switch to items on this page' : true,
    },
    {
      name: 'items',
      type: 'array',
      maxRows: 30,
      admin: { condition: (_, sibling) => sibling?.source === 'inline' },
      validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
        siblingData?.source === 'inline' && (!Array.isArray(value) || value.length === 0)
          ? 'Add at least one item, or choose a preset'
          : true,
      fields: swiperItemFields,
    },
    { name: 'buttonText', label: 'Button text', type: 'text', maxLength: 80, admin: { description: 'Overrides the preset button text.' } },
    promptField({ blockType: 'swiper' }),
  ],
}
