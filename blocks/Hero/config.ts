import type { Block } from 'payload'

import { link } from '@/fields/link'
import { promptField } from '@/fields/promptField'
import { blockThumbnail } from '../thumbnail'

export const HeroBlock: Block = {
  slug: 'hero',
  admin: blockThumbnail('hero', 'Opening band: heading, subheading, a picture and a button'),
  interfaceName: 'HeroBlock',
  labels: { singular: 'Hero', plural: 'Heroes' },
  fields: [
    { name: 'heading', type: 'text', required: true, maxLength: 200 },
    { name: 'subheading', type: 'textarea', maxLength: 600 },
    { name: 'image', type: 'upload', relationTo: 'media' },
    {
      type: 'row',
      fields: [
        { name: 'buttonText', label: 'Button text', type: 'text', maxLength: 80 },
        {
          name: 'variant',
          type: 'select',
          defaultValue: 'centered',
          options: [
            { label: 'Centered', value: 'centered' },
            { label: 'Text beside image', value: 'split' },
            { label: 'Image behind text', value: 'background' },
          ],
        },
      ],
    },
    link({ name: 'button', label: 'Button link' }),
    promptField({ blockType: 'hero' }),
  ],
}
