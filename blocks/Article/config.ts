import type { Block } from 'payload'

import { promptField } from '@/fields/promptField'
import { blockThumbnail } from '../thumbnail'

export const ArticleBlock: Block = {
  slug: 'article',
  admin: blockThumbnail('article', 'Rich text: headings, paragraphs, lists, links and tables'),
  interfaceName: 'ArticleBlock',
  labels: { singular: 'Article', plural: 'Articles' },
  fields: [
    { name: 'heading', type: 'text', maxLength: 200 },
    { name: 'content', type: 'richText', required: true },
    promptField({ blockType: 'article' }),
  ],
}
