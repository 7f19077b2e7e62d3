import { describe, expect, it } from 'vitest'

import type { BuildResult } from '../../../plugins/site-builder/core/types'
import { lexical, makeSnapshot, pageBySlug } from '../../fixtures/snapshot'
import { build, fileText, partials } from './helpers'

const texts = (result: BuildResult): Record<string, string> =>
  Object.fromEntries([...result.files.keys()].map((path) => [path, fileText(result, path)]))

/** Paths whose bytes differ between two builds (or exist in only one). */
const changedFiles = (a: BuildResult, b: BuildResult): string[] => {
  const before = texts(a)
  const after = texts(b)
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((p) => before[p] !== after[p]).sort()
}

const statuses = (result: BuildResult) => Object.fromEntries(result.pages.map((p) => [p.slug, p.status]))

describe('deterministic builds', () => {
  it('gives byte-identical files for the same snapshot', () => {
    const first = build(makeSnapshot())
    const second = build(makeSnapshot())
    expect([...second.files.keys()]).toEqual([...first.files.keys()])
    expect(texts(second)).toEqual(texts(first))
    expect(second.assets).toEqual(first.assets)
    expect(second.pages.map((p) => p.hash)).toEqual(first.pages.map((p) => p.hash))
  })

  it('does not depend on the order of pages, media or links in the snapshot', () => {
    const shuffled = makeSnapshot()
    shuffled.pages.reverse()
    shuffled.media = Object.fromEntries(Object.entries(shuffled.media).reverse())
    shuffled.affiliateLinks = Object.fromEntries(Object.entries(shuffled.affiliateLinks).reverse())
    expect(changedFiles(build(makeSnapshot()), build(shuffled))).toEqual([])
  })

  it('is byte-identical with every kind of rich text list, check lists included', () => {
    const snapshot = makeSnapshot()
    const checklist = lexical.list('bullet', [[lexical.text('Set a budget')], [lexical.text('Take breaks')]]) as Record<string, unknown>
    checklist.listType = 'check'
    checklist.tag = 'ul'
    ;(checklist.children as Record<string, unknown>[])[0].checked = true
    pageBySlug(snapshot, 'faq').blocks[1].content = lexical.root(checklist as never)
    const first = build(snapshot)
    expect(fileText(first, 'faq/index.html')).toContain('Take breaks')
    expect(changedFiles(first, build(snapshot))).toEqual([])
    expect(build(snapshot, { cache: first.cache }).stats).toMatchObject({ rendered: 0, skipped: 5 })
  })
})

describe('incremental builds', () => {
  it('re-renders only the edited page, and sitemap.xml only for its new lastmod', () => {
    const first = build(makeSnapshot())
    const edited = makeSnapshot()
    const guide = pageBySlug(edited, 'guide')
    guide.blocks[1].heading = 'Volatility, explained'
    guide.updatedAt = '2026-10-20T08:00:00.000Z'

    const second = build(edited, { cache: first.cache })
    expect(second.stats).toMatchObject({ rendered: 1, skipped: 4 })
    expect(statuses(second)).toEqual({ index: 'skipped', reviews: 'skipped', guide: 'rendered', faq: 'skipped', about: 'skipped' })
    expect(changedFiles(first, second)).toEqual(['guide/index.html', 'sitemap.xml'])
    expect(fileText(second, 'guide/index.html')).toContain('Volatility, explained')
    expect(fileText(second, 'sitemap.xml')).toContain('<lastmod>2026-10-20</lastmod>')
  })

  it('leaves sitemap.xml alone when the edit keeps the page date', () => {
    const first = build(makeSnapshot())
    const edited = makeSnapshot()
    ;(pageBySlug(edited, 'faq').blocks[0].items as { answer: string }[])[0].answer = 'Yes, when the casino is licensed.'
    const second = build(edited, { cache: first.cache })
    expect(second.stats).toMatchObject({ rendered: 1, skipped: 4 })
    expect(changedFiles(first, second)).toEqual(['faq/index.html'])
  })

  it('gives the same bytes from the cache as from a fresh render', () => {
    const first = build(makeSnapshot())
    const cached = build(makeSnapshot(), { cache: first.cache })
    expect(cached.stats).toMatchObject({ rendered: 0, skipped: 5 })
    expect(changedFiles(first, cached)).toEqual([])
  })

  it('re-renders the pages that use a changed preset or affiliate link', () => {
    const first = build(makeSnapshot())
    const edited = makeSnapshot()
    edited.presets['1'].buttonText = 'Spin now'
    const second = build(edited, { cache: first.cache })
    expect(statuses(second)).toMatchObject({ index: 'rendered', reviews: 'skipped', guide: 'skipped' })
    expect(fileText(second, 'index.html')).toContain('Spin now')
  })

  it('re-renders every page when the template changes', () => {
    const first = build(makeSnapshot())
    const edited = makeSnapshot()
    edited.template.sections[2].html = '<footer class="site-footer"><p>{{ brand_name }}, {{ year }}</p></footer>'
    const second = build(edited, { cache: first.cache })
    expect(second.stats).toMatchObject({ rendered: 5, skipped: 0 })
    for (const page of second.pages) expect(fileText(second, page.path)).toContain('Sunny Slots, 2026</p></footer>')
  })

  it('re-renders every page when a default block partial changes', () => {
    const first = build(makeSnapshot())
    const faq = `<section id="{{ block_id }}" class="block block--faq">{{ items.size }} questions</section>`
    const second = build(makeSnapshot(), { cache: first.cache, partials: { ...partials, faq } })
    expect(second.stats).toMatchObject({ rendered: 5, skipped: 0 })
    expect(fileText(second, 'faq/index.html')).toContain('3 questions</section>')
  })
})
