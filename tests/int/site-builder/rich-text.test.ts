import config from '@payload-config'
import { beforeAll, describe, expect, it } from 'vitest'

import { RICH_TEXT_NODE_TYPES } from '@/plugins/site-builder/core/richText'
import type { BuildResult } from '@/plugins/site-builder/core/types'
import { everyNode, everyNodeText, FORMAT, richTextMedia } from '../../fixtures/richText'
import { makeSnapshot, pageBySlug } from '../../fixtures/snapshot'
import { htmlProblems } from '../../helpers/htmlValidate'
import { vnuErrors } from '../../helpers/vnu'
import { build, fileText, parseHtml } from '../../unit/site-builder/helpers'

const BOOLEAN_ATTRIBUTES = new Set(['checked', 'disabled', 'controls'])

/** Lexical's own nodes, there whatever the features. */
const CORE_NODES = ['root', 'paragraph', 'text', 'linebreak', 'tab']

type Node = { type: string; children?: Node[]; [key: string]: unknown }
const nodeTypes = (node: Node, into = new Set<string>()): Set<string> => {
  into.add(node.type)
  for (const child of node.children ?? []) nodeTypes(child, into)
  return into
}

/** The node types the editor of a block's rich text field offers, from the project's config. */
const editorNodeTypes = async (blockType: string, fieldName: string): Promise<string[]> => {
  const sanitized = await config
  const pages = sanitized.collections.find((c) => c.slug === 'pages')!
  const blocksField = pages.flattenedFields.find((f) => f.type === 'blocks') as unknown as { blocks: { slug: string; fields: { name?: string; editor?: unknown }[] }[] }
  const field = blocksField.blocks.find((b) => b.slug === blockType)!.fields.find((f) => f.name === fieldName)!
  const { editorConfig } = field.editor as { editorConfig: { features: { nodes: { node: { getType: () => string } }[] } } }
  return [...CORE_NODES, ...editorConfig.features.nodes.map((n) => n.node.getType())]
}

describe('rich text: every node the editor offers', () => {
  let result: BuildResult
  let body: Element
  let pageHtml: string

  beforeAll(() => {
    const snapshot = makeSnapshot()
    Object.assign(snapshot.media, richTextMedia())
    const home = pageBySlug(snapshot, 'index')
    home.blocks = [{ blockType: 'article', id: 'rich', blockName: null, heading: 'Everything the editor can write', content: everyNode() }]
    result = build(snapshot)
    pageHtml = fileText(result, 'index.html')
    body = parseHtml(pageHtml).querySelector('#block-1 .article__body')!
  })

  it('has a fixture and a converter for every node of the Article and Text + image editors', async () => {
    const fixture = nodeTypes(everyNode().root as Node)
    for (const [block, field] of [['article', 'content'], ['textImage', 'text']]) {
      const offered = await editorNodeTypes(block, field)
      expect(offered.length).toBeGreaterThan(CORE_NODES.length)
      expect(offered.filter((type) => !fixture.has(type)), `${block}: nodes missing from the fixture`).toEqual([])
      expect(offered.filter((type) => !(RICH_TEXT_NODE_TYPES as readonly string[]).includes(type)), `${block}: nodes without a converter`).toEqual([])
    }
    const formats = [...JSON.stringify(everyNode()).matchAll(/"format":(\d+)/g)].reduce((all, [, bits]) => all | Number(bits), 0)
    for (const [name, bit] of Object.entries(FORMAT)) expect(formats & bit, `text format ${name}`).toBe(bit)
  })

  it('renders a page the W3C checker and html-validate find no error in', async () => {
    expect(await vnuErrors(new Map([['index.html', pageHtml]]))).toEqual([])
    expect(await htmlProblems('index.html', pageHtml)).toEqual([])
  })

  it('keeps all of the text, in order, and adds none', () => {
    const snapshot = makeSnapshot()
    const expected = everyNodeText({
      pageTitles: Object.fromEntries(snapshot.pages.map((p) => [String(p.id), p.title])),
      partners: Object.fromEntries(Object.values(snapshot.affiliateLinks).map((l) => [String(l.id), l.name])),
    })
    const squash = (s: string) => s.replace(/\s+/g, '')
    expect(squash(body.textContent ?? '')).toBe(squash(expected))
  })

  it('writes clean markup: no style, no empty attribute, value only on an ol item that needs it', () => {
    expect(body.querySelectorAll('[style]')).toHaveLength(0)
    const empty = [...body.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].filter((a) => a.value === '' && !BOOLEAN_ATTRIBUTES.has(a.name)).map((a) => `${e.tagName.toLowerCase()}[${a.name}]`),
    )
    expect(empty).toEqual([])
    expect(body.innerHTML).not.toMatch(/unknown node/)
    expect([...body.querySelectorAll('li[value]')].map((li) => [li.parentElement!.tagName, li.getAttribute('value')])).toEqual([['OL', '10']])
    expect(body.querySelector('ol')!.getAttribute('start')).toBe('3')
    // Lexical keeps a nested list in an item of its own; in HTML it sits in the item before it
    for (const li of body.querySelectorAll('li')) expect(li.firstElementChild?.matches('ul, ol') && li.childNodes.length === 1, li.outerHTML).toBeFalsy()
    expect(body.querySelector('h1')).toBeNull()
    for (const th of body.querySelectorAll('th')) expect(['col', 'row']).toContain(th.getAttribute('scope'))
  })

  it('shows what the editor chose as classes and elements the template can style', () => {
    const classes = [...body.querySelectorAll('[class]')].map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute('class')}`)
    expect(classes).toEqual(
      expect.arrayContaining(['p.text-center', 'p.text-right', 'p.text-justify', 'p.text-end', 'p.indent-2', 'h2.text-center', 'ul.checklist', 'td.text-right']),
    )
    for (const tag of ['strong', 'em', 'u', 's', 'code', 'sub', 'sup', 'blockquote', 'hr', 'thead', 'tbody', 'video']) expect(body.querySelector(tag), tag).not.toBeNull()
    expect([...body.querySelectorAll('input[type="checkbox"]')].map((i) => i.hasAttribute('checked'))).toEqual([true, false, true])
  })

  it('links only where the link leads somewhere published, with the right rel', () => {
    const links = [...body.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')])
    expect(links).toEqual([
      ['the web', 'https://example.com/', 'noopener noreferrer', '_blank'],
      ['mail', 'mailto:help@example.com', null, null],
      ['a page', '/guide/', null, null],
      ['a partner', '/go/golden/', 'sponsored nofollow', '_blank'],
      ['https://autolinked.example/', 'https://autolinked.example/', null, null],
      ['Payout table (PDF)', '/assets/images/payout-table.pdf', null, null],
      ['A spin in slow motion', '/assets/images/spin.mp4', null, null],
      ['Reviews', '/reviews/', null, null],
      ['Lucky Seven casino', '/go/lucky/', 'sponsored nofollow', null],
    ])
    // the files it links to are published with the site
    expect(result.assets.map((a) => a.path)).toEqual(expect.arrayContaining(['assets/images/payout-table.pdf', 'assets/images/spin.mp4', 'assets/images/golden-reels.jpg']))
  })
})
