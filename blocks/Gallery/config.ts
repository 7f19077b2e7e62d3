import type { Block } from 'payload'

import { promptField } from '@/fields/promptField'
import { blockThumbnail } from '../thumbnail'

export const GalleryBlock: Block = {
  slug: 'gallery',
  admin: blockThumbnail('gallery', 'A grid of pictures with captions, in 1 to 6 columns'),
  interfaceName: 'GalleryBlock',
  labels: { singular: 'Gallery', plural: 'Galleries' },
  fields: [
    { name: 'heading', type: 'text', maxLength: 200 },
    {
      name: 'images',
      type: 'array',
      minRows: 1,
      maxRows: 60,
      required: true,
      fields: [
        { name: 'image', type: 'upload', relationTo: 'media', required: true },
        { name: 'caption', type: 'text', maxLength: 300 },
      ],
    },
    { name: 'columns', type: 'number', defaultValue: 3, min: 1, max: 6 },
    promptField({ blockType: 'gallery' }),
  ],
}
