import { escapeHtml } from './safe'

/**
 * Rich text (Lexical JSON as Payload stores it) to HTML, for every node the editor offers: Payload's default
 * features plus tables (payload.config.ts). Payload's own converter writes `<li class="" style="" value="1">`,
 * inline styles for alignment, indentation, underline and tables, and `<span>unknown node</span>`; here the
 * markup is plain and valid: no inline styles, no empty attributes, `value` only on an `<ol>` item that does
 * not follow on from the one before. What the editor chose that only CSS can show is a class the template
 * styles: `text-center`, `text-right`, `text-end`, `text-justify` (alignment, the names Bootstrap and Tailwind
 * use) and `indent-1` … `indent-6`; check lists are `<ul class="checklist">`.
 */

/** Every node type handled here; the editor's own list is compared with it in tests/unit/site-builder/rich-text.test.ts. */
export const RICH_TEXT_NODE_TYPES = [
  'root',
  'paragraph',
  'text',
  'linebreak',
  'tab',
  'heading',
  'quote',
  'list',
  'listitem',
  'link',
  'autolink',
  'horizontalrule',
  'upload',
  'relationship',
  'table',
  'tablerow',
  'tablecell',
] as const

export type RichTextLink = { href: string; label: string; rel: string | null }

/** What the converter cannot know from the JSON alone: where the site's documents and files are published. */
export type RichTextRefs = {
  /** The published URL and name of a document (internal links, relationship nodes); null when it is not on the site. */
  doc: (relationTo: string, value: unknown) => RichTextLink | null
  /** The markup of an upload node ('' when its file is not on the site). */
  upload: (relationTo: string, value: unknown) => string
}

type Node = { type?: string; children?: Node[]; [key: string]: unknown }

/** Lexical's text format bits, innermost tag first. */
const FORMATS: [bit: number, tag: string][] = [
  [16, 'code'],
  [32, 'sub'],
  [64, 'sup'],
  [4, 's'],
  [8, 'u'],
  [2, 'em'],
  [1, 'strong'],
  [128, 'mark'],
]

const ALIGN: Record<string, string> = { center: 'text-center', right: 'text-right', end: 'text-end', justify: 'text-justify' }
const MAX_INDENT = 6

const childrenOf = (node: Node): Node[] => (Array.isArray(node.children) ? node.children : [])

/** ` class="…"` for what the editor set on a block (alignment, indentation), or nothing. */
const blockClass = (node: Node, extra: string[] = []): string => {
  const classes = [...extra]
  if (typeof node.format === 'string' && Object.hasOwn(ALIGN, node.format)) classes.push(ALIGN[node.format])
  const indent = typeof node.indent === 'number' ? Math.min(Math.floor(node.indent), MAX_INDENT) : 0
  if (indent > 0 && node.type !== 'listitem') classes.push(`indent-${indent}`)
  return classes.length ? ` class="${classes.join(' ')}"` : ''
}

/** Links the editor may write: the web, mail, phone, and paths or anchors on the site. */
const SAFE_HREF = /^(https?:|mailto:|tel:|\/|#)/i

const text = (node: Node): string => {
  let out = escapeHtml(typeof node.text === 'string' ? node.text : '')
  const format = typeof node.format === 'number' ? node.format : 0
  for (const [bit, tag] of FORMATS) if (format & bit) out = `<${tag}>${out}</${tag}>`
  return out
}

const isBlank = (html: string): boolean => html.replace(/<br>/g, '').trim() === ''

export const richTextToHtml = (state: unknown, refs: RichTextRefs): string => {
  const root = state && typeof state === 'object' ? ((state as { root?: Node }).root ?? null) : null
  if (!root) return ''

  const inline = (nodes: Node[]): string => nodes.map(node).join('')

  const link = (n: Node): string => {
    const content = inline(childrenOf(n))
    const fields = (n.fields ?? {}) as { url?: unknown; newTab?: unknown; linkType?: unknown; doc?: { relationTo?: unknown; value?: unknown } | null }
    let href: string | null = null
    let rel: string | null = null
    if (fields.linkType === 'internal') {
      const target = fields.doc ? refs.doc(String(fields.doc.relationTo ?? ''), fields.doc.value) : null
      href = target?.href ?? null
      rel = target?.rel ?? null
    } else if (typeof fields.url === 'string' && SAFE_HREF.test(fields.url.trim())) {
      href = fields.url.trim()
    }
    // a link to nothing published (or to a scheme such as javascript:) keeps its words, not the link
    if (!href) return content
    const newTab = fields.newTab === true
    const rels = [rel, newTab && !rel ? 'noopener noreferrer' : null].filter(Boolean).join(' ')
    return `<a href="${escapeHtml(href)}"${newTab ? ' target="_blank"' : ''}${rels ? ` rel="${rels}"` : ''}>${content}</a>`
  }

  const list = (n: Node): string => {
    const isChecklist = n.listType === 'check'
    const tag = n.listType === 'number' || (n.listType === undefined && n.tag === 'ol') ? 'ol' : 'ul'
    const start = typeof n.start === 'number' && Number.isInteger(n.start) ? n.start : 1
    // a nested list is an item of its own in Lexical (holding only the list): in HTML it belongs inside the item before it
    const items: { open: string; body: string; nested: string[] }[] = []
    let expected = start
    for (const item of childrenOf(n)) {
      if (item.type !== 'listitem') continue
      const kids = childrenOf(item)
      const nested = kids.filter((k) => k.type === 'list').map(list)
      const content = inline(kids.filter((k) => k.type !== 'list'))
      if (content.trim() === '' && nested.length > 0 && items.length > 0) {
        items[items.length - 1].nested.push(...nested)
        continue
      }
      let value = ''
      if (tag === 'ol') {
        if (typeof item.value === 'number' && Number.isInteger(item.value) && item.value !== expected) {
          value = ` value="${item.value}"`
          expected = item.value
        }
        expected++
      }
      const body = isChecklist
        ? `<label><input type="checkbox" disabled${item.checked === true ? ' checked' : ''}> ${content}</label>`
        : content
      items.push({ open: `<li${blockClass(item)}${value}>`, body, nested })
    }
    if (items.length === 0) return ''
    const attrs = `${tag === 'ol' && start !== 1 ? ` start="${start}"` : ''}${blockClass(n, isChecklist ? ['checklist'] : [])}`
    return `<${tag}${attrs}>${items.map((i) => `${i.open}${i.body}${i.nested.join('')}</li>`).join('')}</${tag}>`
  }

  const table = (n: Node): string => {
    const rows = childrenOf(n).filter((r) => r.type === 'tablerow')
    const cell = (c: Node): string => {
      const header = typeof c.headerState === 'number' ? c.headerState : 0
      // Lexical's header states: 1 = in a header row (a column's header), 2 = in a header column (a row's header)
      const tag = header > 0 ? 'th' : 'td'
      const scope = header & 1 ? ' scope="col"' : header & 2 ? ' scope="row"' : ''
      const span = (name: string, value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value > 1 ? ` ${name}="${value}"` : '')
      const kids = childrenOf(c)
      // the usual cell holds one paragraph: its words go straight into the cell
      const only = kids.length === 1 && kids[0].type === 'paragraph' ? kids[0] : null
      const content = only ? inline(childrenOf(only)) : blocks(kids)
      return `<${tag}${scope}${span('colspan', c.colSpan)}${span('rowspan', c.rowSpan)}${only ? blockClass(only) : ''}>${content}</${tag}>`
    }
    const row = (r: Node) => `<tr>${childrenOf(r).filter((c) => c.type === 'tablecell').map(cell).join('')}</tr>`
    if (rows.length === 0) return ''
    const isHeaderRow = (r: Node) => childrenOf(r).length > 0 && childrenOf(r).every((c) => typeof c.headerState === 'number' && (c.headerState & 1) === 1)
    const head = isHeaderRow(rows[0]) ? `<thead>${row(rows[0])}</thead>` : ''
    const body = rows.slice(head ? 1 : 0)
    return `<table${blockClass(n)}>${head}${body.length ? `<tbody>${body.map(row).join('')}</tbody>` : ''}</table>`
  }

  function node(n: Node): string {
    switch (n.type) {
      case 'text':
        return text(n)
      case 'tab':
        return '\t'
      case 'linebreak':
        return '<br>'
      case 'link':
      case 'autolink':
        return link(n)
      case 'paragraph': {
        const content = inline(childrenOf(n))
        // empty paragraphs are the editor's spacing, not content
        return isBlank(content) ? '' : `<p${blockClass(n)}>${content}</p>`
      }
      case 'heading': {
        const content = inline(childrenOf(n))
        // the page's h1 is the layout's (or its opening hero's): headings in blocks start at h2
        const level = Math.min(6, Math.max(2, Number(String(n.tag ?? '').replace(/^h/i, '')) || 2))
        return isBlank(content) ? '' : `<h${level}${blockClass(n)}>${content}</h${level}>`
      }
      case 'quote': {
        const content = inline(childrenOf(n))
        return isBlank(content) ? '' : `<blockquote${blockClass(n)}><p>${content}</p></blockquote>`
      }
      case 'list':
        return list(n)
      case 'horizontalrule':
        return '<hr>'
      case 'upload':
        return refs.upload(String(n.relationTo ?? ''), n.value)
      case 'relationship': {
        const target = refs.doc(String(n.relationTo ?? ''), n.value)
        return target ? `<p><a href="${escapeHtml(target.href)}"${target.rel ? ` rel="${target.rel}"` : ''}>${escapeHtml(target.label)}</a></p>` : ''
      }
      case 'table':
        return table(n)
      default:
        // a node from a feature added later: its words, never a placeholder
        if (Array.isArray(n.children)) return inline(n.children)
        return typeof n.text === 'string' ? escapeHtml(n.text) : ''
    }
  }

  function blocks(nodes: Node[]): string {
    return nodes.map(node).join('')
  }

  return blocks(childrenOf(root))
}
