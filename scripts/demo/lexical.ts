/**
 * Just enough of Lexical's serialized JSON to write demo articles by hand:
 * the same shapes `exportJSON()` produces in lexical 0.x (version 1 nodes
 * with direction, format and indent), so the admin opens them unchanged.
 */

export type SerializedNode = { type: string; version: number; [key: string]: unknown }

export type RichText = {
  root: { type: 'root'; version: 1; children: SerializedNode[]; direction: 'ltr'; format: ''; indent: 0 }
}

const BOLD = 1
const ITALIC = 2

export const element = (type: string, children: SerializedNode[], extra: Record<string, unknown> = {}): SerializedNode => ({
  type,
  version: 1,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  ...extra,
})

export const textNode = (text: string, format = 0): SerializedNode => ({
  type: 'text',
  version: 1,
  text,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
})

/** A run of text: a plain string, or `{ bold }` / `{ italic }` for emphasis. */
export type Inline = string | { bold: string } | { italic: string }

const inline = (part: Inline): SerializedNode =>
  typeof part === 'string' ? textNode(part) : 'bold' in part ? textNode(part.bold, BOLD) : textNode(part.italic, ITALIC)

export const p = (...parts: Inline[]): SerializedNode => {
  const children = parts.map(inline)
  const first = children[0]
  return element('paragraph', children, { textFormat: (first?.format as number) ?? 0, textStyle: '' })
}

export const h = (tag: 'h2' | 'h3' | 'h4', text: string): SerializedNode => element('heading', [textNode(text)], { tag })

export const ul = (...items: Inline[][]): SerializedNode =>
  element(
    'list',
    items.map((parts, i) => element('listitem', parts.map(inline), { value: i + 1 })),
    { listType: 'bullet', start: 1, tag: 'ul' },
  )

export const ol = (...items: Inline[][]): SerializedNode =>
  element(
    'list',
    items.map((parts, i) => element('listitem', parts.map(inline), { value: i + 1 })),
    { listType: 'number', start: 1, tag: 'ol' },
  )

export const quote = (...parts: Inline[]): SerializedNode => element('quote', parts.map(inline))

export const richText = (...children: SerializedNode[]): RichText => ({
  root: { type: 'root', version: 1, children, direction: 'ltr', format: '', indent: 0 },
})
