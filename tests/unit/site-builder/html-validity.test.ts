import type { Message } from 'html-validate'
import { describe, expect, it } from 'vitest'

import type { SiteSnapshot } from '../../../plugins/site-builder/core/types'
import { lexical, makeMonolithicSnapshot, makeSnapshot, pageBySlug } from '../../fixtures/snapshot'
import { htmlValidator } from '../../helpers/htmlValidate'
import { build, fileText, htmlFiles } from './helpers'

const validator = htmlValidator

const problems = async (snapshot: SiteSnapshot): Promise<string[]> => {
  const result = build(snapshot)
  const files = htmlFiles(result)
  expect(files.length).toBeGreaterThan(5)
  const found: string[] = []
  for (const file of files) {
    const report = await validator.validateString(fileText(result, file), file)
    const messages: Message[] = report.results.flatMap((r) => r.messages)
    for (const m of messages) found.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`)
  }
  return found
}

describe('html-validate', () => {
  it('finds no error on any page of the sectional fixture site', async () => {
    expect(await problems(makeSnapshot())).toEqual([])
  })

  it('finds no error on any page of the monolithic fixture site', async () => {
    expect(await problems(makeMonolithicSnapshot())).toEqual([])
  })

  it('finds no error with legacy .php URLs, www, a 404 redirect and indexing off', async () => {
    expect(await problems(makeSnapshot({ site: { urlStyle: 'php', useWww: true, redirect404ToHome: true, allowIndexing: false } }))).toEqual([])
  })

  it('finds no error in blocks without optional fields or with every hero variant', async () => {
    const snapshot = makeSnapshot()
    const home = pageBySlug(snapshot, 'index')
    home.blocks = [
      { blockType: 'hero', heading: 'Only a heading', variant: 'background' },
      { blockType: 'article', content: lexical.root(lexical.paragraph()) },
      { blockType: 'cta', heading: 'No text', buttonText: 'Go', button: { type: 'url', url: 'https://example.com/' } },
      { blockType: 'faq', items: [{ question: 'Q?', answer: 'A.' }] },
      { blockType: 'swiper', source: 'inline', items: [{ title: 'Bare card' }] },
      { blockType: 'gallery', images: [{ image: 5 }] },
      { blockType: 'textImage', text: lexical.root(lexical.paragraph(lexical.text('Text only'))), image: null },
      { blockType: 'hero', heading: 'Centered', variant: 'centered', image: 1 },
    ]
    expect(await problems(snapshot)).toEqual([])
  })

  it('finds no error in rich text with bullet, numbered and check lists', async () => {
    const snapshot = makeSnapshot()
    const checklist = lexical.list('bullet', [[lexical.text('Set a budget')], [lexical.text('Take breaks')]])
    checklist.listType = 'check'
    ;(checklist.children as Record<string, unknown>[])[1].checked = true
    pageBySlug(snapshot, 'faq').blocks[1].content = lexical.root(
      lexical.heading('h2', lexical.text('Before you play')),
      checklist,
      lexical.list('number', [[lexical.text('One')], [lexical.text('Two')]]),
      lexical.paragraph(lexical.link('mailto:help@sunny-slots.test', [lexical.text('Write to us')])),
    )
    expect(await problems(snapshot)).toEqual([])
  })
})
