import type { Block } from 'payload'

import { link } from '@/fields/link'
import { promptField } from '@/fields/promptField'

export const ImageBlock: Block = {
  slug: 'image',
  interfaceName: 'ImageBlock',
  labels: { singular: 'Image', plural: 'Images' },
  fields: [
    { name: 'image', type: 'upload', relationTo: 'media', required: true },
    { name: 'caption', type: 'text', maxLength: 300 },
    { name: 'size', type: 'select', defaultValue: 'content', options: ['content', 'wide', 'full'] },
    link({ name: 'link', label: 'Link (optional)' }),
    promptField({ blockType: 'image' }),
  ],
}
