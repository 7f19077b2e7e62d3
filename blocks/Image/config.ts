import type { Block } from 'payload'

import { link } from '@/fields/link'
import { promptField } from '@/fields/promptField'
import { blockThumbnail } from '../thumbnail'

export const ImageBlock: Block = {
  slug: 'image',
  admin: blockThumbnail('image', 'One picture, with an optional caption and link'),
  interfaceName: 'ImageBlock',
  labels: { singular: 'Image', plural: 'Images' },
  fields: [
    { name: 'image', type: 'upload', relationTo: 'media', required: true },
    { name: 'caption', type: 'text', maxLength: 300 },
    { name: 'size', type: 'select', defaultValue: 'content', options: [
        { label: 'Content width', value: 'content' },
        { label: 'Wide', value: 'wide' },
        { label: 'Full width', value: 'full' },
      ] },
    link({ name: 'link', label: 'Link (optional)' }),
    promptField({ blockType: 'image' }),
  ],
}
