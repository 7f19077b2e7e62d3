import type { Block } from 'payload'

import { link } from '@/fields/link'
import { promptField } from '@/fields/promptField'
import { blockThumbnail } from '../thumbnail'

export const CtaBlock: Block = {
  slug: 'cta',
  admin: blockThumbnail('cta', 'A short pitch with one prominent button'),
  interfaceName: 'CtaBlock',
  labels: { singular: 'Call to action', plural: 'Calls to action' },
  fields: [
    { name: 'heading', type: 'text', required: true, maxLength: 200 },
    { name: 'text', type: 'textarea', maxLength: 1000 },
    { name: 'buttonText', label: 'Button text', type: 'text', required: true, maxLength: 80 },
    link({ name: 'button', label: 'Button link', required: true }),
    { name: 'style', type: 'select', defaultValue: 'primary', options: [
        { label: 'Primary button', value: 'primary' },
        { label: 'Secondary button', value: 'secondary' },
        { label: 'Full-width banner', value: 'banner' },
      ] },
    promptField({ blockType: 'cta' }),
  ],
}
