import type { Block } from 'payload'

import { promptField } from '@/fields/promptField'

export const TextImageBlock: Block = {
  slug: 'textImage',
  interfaceName: 'TextImageBlock',
  labels: { singular: 'Text + image', plural: 'Text + image' },
  fields: [
    { name: 'heading', type: 'text', maxLength: 200 },
    { name: 'text', type: 'richText', required: true },
    { name: 'image', type: 'upload', relationTo: 'media', required: true },
    {
      name: 'imagePosition',
      type: 'radio',
      defaultValue: 'right',
      options: ['left', 'right'],
      admin: { layout: 'horizontal' },
    },
    promptField({ blockType: 'textImage' }),
  ],
}
