import type { Block } from 'payload'

import { promptField } from '@/fields/promptField'

export const ArticleBlock: Block = {
  slug: 'article',
  interfaceName: 'ArticleBlock',
  labels: { singular: 'Article', plural: 'Articles' },
  fields: [
    { name: 'heading', type: 'text', maxLength: 200 },
    { name: 'content', type: 'richText', required: true },
    promptField({ blockType: 'article' }),
  ],
}
