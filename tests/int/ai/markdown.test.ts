import config from '@payload-config'
import { convertLexicalToHTML, defaultHTMLConverters } from '@payloadcms/richtext-lexical/html'
import { describe, expect, it } from 'vitest'

import { markdownToLexical } from '@/plugins/ai/lexical'

/** Every construct the AI writes, in one document. */
const MARKDOWN = `## Why boots matter

Good boots keep you **dry**, *comfortable* and ***safe***; see the [sizing guide](https://example.com/sizing) and use \`code\` sparingly.

### What to check

- Waterproof **membrane**
- Ankle support

1. Try them on
2. Walk for *ten* minutes

> Break them in before a long hike.

| Boot | Weight | Price |
| --- | --- | --- |
| Trail Pro | 900 g | $120 |
| Summit X | 1100 g | $180 |

Last words.`

type Node = { type: string; children?: Node[]; [key: string]: unknown }

/** The tree without Lexical's bookkeeping (version, direction, indent...), to compare by shape. */
const shape = (node: Node): unknown => {
  if (node.type === 'text') return { text: node.text, format: node.format }
  const keep: Record<string, unknown> = { type: node.type }
  for (const key of ['tag', 'listType', 'headerState']) if (key in node) keep[key] = node[key]
  if (node.type === 'link') keep.url = (node.fields as { url: string }).url
  if (node.children) keep.children = node.children.map(shape)
  return keep
}

const BOLD = 1
const ITALIC = 2
const CODE = 16
const t = (text: string, format = 0) => ({ text, format })
const cell = (text: string, headerState: number) => ({ type: 'tablecell', headerState, children: [{ type: 'paragraph', children: [t(text)] }] })

describe('markdown to Lexical rich text', () => {
  it('keeps headings, emphasis, links, code, lists, quotes and tables', async () => {
    const state = await markdownToLexical({ config: await config, markdown: MARKDOWN })
    expect((state.root.children as Node[]).map(shape)).toEqual([
      { type: 'heading', tag: 'h2', children: [t('Why boots matter')] },
      {
        type: 'paragraph',
        children: [
          t('Good boots keep you '),
          t('dry', BOLD),
          t(', '),
          t('comfortable', ITALIC),
          t(' and '),
          t('safe', BOLD | ITALIC),
          t('; see the '),
          { type: 'link', url: 'https://example.com/sizing', children: [t('sizing guide')] },
          t(' and use '),
          t('code', CODE),
          t(' sparingly.'),
        ],
      },
      { type: 'heading', tag: 'h3', children: [t('What to check')] },
      {
        type: 'list',
        tag: 'ul',
        listType: 'bullet',
        children: [
          { type: 'listitem', children: [t('Waterproof '), t('membrane', BOLD)] },
          { type: 'listitem', children: [t('Ankle support')] },
        ],
      },
      {
        type: 'list',
        tag: 'ol',
        listType: 'number',
        children: [
          { type: 'listitem', children: [t('Try them on')] },
          { type: 'listitem', children: [t('Walk for '), t('ten', ITALIC), t(' minutes')] },
        ],
      },
      { type: 'quote', children: [t('Break them in before a long hike.')] },
      {
        type: 'table',
        children: [
          { type: 'tablerow', children: [cell('Boot', 1), cell('Weight', 1), cell('Price', 1)] },
          { type: 'tablerow', children: [cell('Trail Pro', 0), cell('900 g', 0), cell('$120', 0)] },
          { type: 'tablerow', children: [cell('Summit X', 0), cell('1100 g', 0), cell('$180', 0)] },
        ],
      },
      { type: 'paragraph', children: [t('Last words.')] },
    ])
  })

  it('renders through the site builder’s HTML converters with every construct intact', async () => {
    const state = await markdownToLexical({ config: await config, markdown: MARKDOWN })
    const html = convertLexicalToHTML({ converters: defaultHTMLConverters, data: state as never })
    for (const fragment of ['<h2', '<strong>dry</strong>', '<em>comfortable</em>', 'href="https://example.com/sizing"', '<ul', '<ol', '<blockquote', '<table', 'Trail Pro']) {
      expect(html).toContain(fragment)
    }
  })

  it('treats text without markdown as one paragraph, and CRLF line ends like LF', async () => {
    const state = await markdownToLexical({ config: await config, markdown: 'First line\r\n\r\nSecond line' })
    expect((state.root.children as Node[]).map(shape)).toEqual([
      { type: 'paragraph', children: [t('First line')] },
      { type: 'paragraph', children: [t('Second line')] },
    ])
  })
})
