import type { Block } from 'payload'

import { promptField } from '@/fields/promptField'
import { blockThumbnail } from '../thumbnail'

export const FaqBlock: Block = {
  slug: 'faq',
  admin: blockThumbnail('faq', 'Questions whose answers open on click'),
  interfaceName: 'FaqBlock',
  labels: { singular: 'FAQ', plural: 'FAQs' },
  fields: [
    { name: 'heading', type: 'text', defaultValue: 'Frequently asked questions', maxLength: 200 },
    {
      name: 'items',
      type: 'array',
      minRows: 1,
      maxRows: 50,
      required: true,
      label: 'Questions',
      labels: { singular: 'Question', plural: 'Questions' },
      // a new FAQ block opens with a question to fill in (Publish then names it if left empty; drafts may stay unfinished)
      defaultValue: () => [{ question: '', answer: '' }],
      fields: [
        { name: 'question', type: 'text', required: true, maxLength: 300 },
        { name: 'answer', type: 'textarea', required: true, maxLength: 4000 },
      ],
    },
    promptField({ blockType: 'faq' }),
  ],
}
