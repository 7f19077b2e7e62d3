import type { Block } from 'payload'

import { promptField } from '@/fields/promptField'
import { blockThumbnail } from '../thumbnail'

export const TextImageBlock: Block = {
  slug: 'textImage',
  admin: blockThumbnail('textImage', 'Rich text beside a picture, on the left or the right'),
  interfaceName: 'TextImageBlock',
  labels: { singular: 'Text + image', plural: 'Text + image' },
  fields: [
    { name: 'heading', type: 'text', maxLength: 200 },
    { name: 'text', type: 'richText', required: true },
    { name: 'image', type: 'upload', relationTo: 'media', required: true },
    {
      name: 'imagePosition',
      label: 'Image position',
      type: 'radio',
      defaultValue: 'right',
      options: [
        { label: 'Left', value: 'left' },
        { label: 'Right', value: 'right' },
      ],
      admin: { layout: 'horizontal' },
    },
    promptField({ blockType: 'textImage' }),
  ],
}
