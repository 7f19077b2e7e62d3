import { load } from 'cheerio'
import { Liquid } from 'liquidjs'
import postcss from 'postcss'
import { describe, expect, it } from 'vitest'

import {
  classPrefixError,
  fingerprintTemplate,
  FingerprintError,
  newClassPrefix,
  renameHtmlClasses,
  type FingerprintInput,
} from '../../../plugins/fingerprint/core/index'
import { cssClasses, demoInput, htmlClasses } from './helpers'

const PREFIX = 'k7x2m9'

/** Sample values for every variable the demo layout and the block partials read. */
const context = {
  site: { language: 'en', domain: 'example.com', logo: { url: '/logo.png' } },
  brand_name: 'Trail',
  tagline: 'Walk on',
  footer_note: 'Note',
  year: '2025',
  page: { title: 'Home', h1: 'Home' },
  navigation: [
    { url: '/', label: 'Home', current: true },
    { url: '/b/', label: 'B', current: false },
  ],
  content: '<p>Body</p>',
  block_id: 'block-1',
  heading: 'Heading',
  subheading: 'Sub',
  text: 'Text',
  variant: 'split',
  style: 'accent',
  size: 'wide',
  image_position: 'right',
  button_text: 'Go',
  link: { href: '/go/', target: '_blank', rel: 'noopener' },
  image: { url: '/a.png', alt: 'A', width: 10, height: 10, srcset: '', sizes: '' },
  caption: 'Caption',
  columns: 3,
  items: [{ title: 'One', question: 'Q?', answer: 'A.', image: { url: '/b.png', alt: 'B' }, rating: 4, badge: 'Top', description: 'D', link: { href: '/x/' } }],
  images: [{ image: { url: '/c.png', alt: 'C' }, caption: 'Cap' }],
}

const render = (source: string) => new Liquid().parseAndRenderSync(source, context)

/** Every class attribute of a rendered document, in document order. */
const classLists = (html: string): string[][] => {
  const $ = load(html)
  return $('[class]')
    .toArray()
    .map((el) => ($(el).attr('class') ?? '').split(/\s+/).filter(Boolean))
}

describe('fingerprintTemplate on the demo template and the default block partials', () => {
  const input = demoInput()
  const out = fingerprintTemplate(input)

  it('renders the same markup with every class prefixed, and reports nothing', () => {
    expect(out.warnings).toEqual([])
    for (const [name, source] of Object.entries(input.sources.liquid)) {
      const before = classLists(render(source))
      const after = classLists(render(out.liquid[name]))
      expect(after, name).toEqual(before.map((list) => list.map((c) => `${PREFIX}-${c}`)))
      // nothing else moved: removing the prefix gives the source back
      expect(out.liquid[name].replaceAll(`${PREFIX}-`, ''), name).toBe(source)
    }
  })

  it('renames the CSS rule of every class the rendered markup or the script uses', () => {
    const defined = cssClasses(out.css)
    const used = new Set(Object.values(input.sources.liquid).flatMap((source) => [...htmlClasses(render(source))]))
    const styled = [...used].filter((c) => cssClasses(input.sources.css).has(c))
    expect(styled.length).toBeGreaterThan(20)
    for (const c of styled) expect(defined, c).toContain(`${PREFIX}-${c}`)
    for (const c of defined) expect(c.startsWith(`${PREFIX}-`), c).toBe(true)
    expect(out.js).toContain(`.${PREFIX}-site-nav__toggle`)
    expect(out.js).toContain(`'${PREFIX}-is-open'`)
    expect(out.js.replaceAll(`${PREFIX}-`, '')).toBe(input.sources.js)
  })

  it('lists every renamed class in the class map, in name order', () => {
    const keys = Object.keys(out.classMap)
    expect(keys).toEqual([...keys].sort())
    expect(out.classMap['site-nav']).toBe(`${PREFIX}-site-nav`)
    expect(out.classMap['is-open']).toBe(`${PREFIX}-is-open`)
    for (const c of cssClasses(input.sources.css)) expect(out.classMap[c], c).toBe(`${PREFIX}-${c}`)
  })

  it('gives two sites from one template disjoint class names', () => {
    const a = fingerprintTemplate(demoInput({ prefix: 'sitea1' }))
    const b = fingerprintTemplate(demoInput({ prefix: 'siteb2' }))
    const classesOf = (o: typeof a) => new Set([...cssClasses(o.css), ...Object.values(o.liquid).flatMap((s) => [...htmlClasses(render(s))])])
    const inA = classesOf(a)
    const inB = classesOf(b)
    expect(inA.size).toBeGreaterThan(30)
    expect([...inA].filter((c) => inB.has(c))).toEqual([])
    expect(a.css).not.toBe(b.css)
  })

  it('is deterministic: the same input, in any key order, gives the same bytes', () => {
    const again = fingerprintTemplate(demoInput())
    expect(JSON.stringify(again)).toBe(JSON.stringify(out))
    const reordered: FingerprintInput = {
      ...input,
      colors: Object.fromEntries(Object.entries(input.colors).reverse()),
      sources: { ...input.sources, liquid: Object.fromEntries(Object.entries(input.sources.liquid).reverse()) },
    }
    const shuffled = fingerprintTemplate(reordered)
    expect(shuffled.css).toBe(out.css)
    expect(shuffled.js).toBe(out.js)
    expect(shuffled.classMap).toEqual(out.classMap)
    for (const name of Object.keys(out.liquid)) expect(shuffled.liquid[name]).toBe(out.liquid[name])
    const minified = fingerprintTemplate({ ...input, minify: true })
    expect(fingerprintTemplate({ ...input, minify: true })).toEqual(minified)
  })

  it('keeps preserved classes everywhere', () => {
    const kept = fingerprintTemplate(demoInput({ preserved: ['container', 'site-nav*'] }))
    expect(kept.classMap).not.toHaveProperty('container')
    expect(kept.classMap).not.toHaveProperty('site-nav__toggle')
    expect(cssClasses(kept.css)).toContain('container')
    expect(cssClasses(kept.css)).toContain('site-nav__list')
    expect(htmlClasses(render(kept.liquid.layout))).toContain('container')
    expect(kept.js).toContain(`'.site-nav__toggle'`)
    expect(kept.js).toContain(`'${PREFIX}-is-open'`)
  })

  it('sets the site colours on :root', () => {
    const coloured = fingerprintTemplate(demoInput({ colors: { primary: '#0f766e', brandnew: 'rebeccapurple' } }))
    const root = postcss.parse(coloured.css).nodes.find((n): n is postcss.Rule => n.type === 'rule' && n.selector === ':root')
    const declared = Object.fromEntries((root?.nodes ?? []).map((n) => (n.type === 'decl' ? [n.prop, n.value] : ['', ''])))
    expect(declared).toMatchObject({ '--primary': '#0f766e', '--brandnew': 'rebeccapurple' })
    expect(coloured.css.match(/--primary:/g)).toHaveLength(1)
  })

  it('minifies CSS and JS without losing a renamed class', () => {
    const minified = fingerprintTemplate({ ...input, minify: true })
    expect(minified.css.length).toBeLessThan(out.css.length)
    expect(minified.js.length).toBeLessThan(out.js.length)
    expect(cssClasses(minified.css)).toEqual(cssClasses(out.css))
    expect(minified.js).toContain(`"${PREFIX}-is-open"`)
    expect(minified.liquid).toEqual(out.liquid)
  })
})

describe('fingerprintTemplate input checks and warnings', () => {
  const base = (over: Partial<FingerprintInput['sources']>, prefix = 'p1'): FingerprintInput => ({
    prefix,
    preserved: [],
    colors: {},
    sources: { liquid: {}, css: '', js: '', ...over },
    minify: false,
  })

  it('refuses a prefix that could overlap another site or is not a CSS name', () => {
    for (const bad of ['', 'a', '1abc', 'ab-cd', 'a b', 'x'.repeat(33)]) {
      expect(() => fingerprintTemplate(base({}, bad)), bad).toThrow(FingerprintError)
    }
    expect(classPrefixError('k7x2m9')).toBeNull()
  })

  it('makes prefixes that are valid, and repeatable from a seeded source', () => {
    let seed = 1
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    const made = Array.from({ length: 50 }, () => newClassPrefix(random))
    for (const p of made) expect(classPrefixError(p), p).toBeNull()
    seed = 1
    expect(Array.from({ length: 50 }, () => newClassPrefix(random))).toEqual(made)
    expect(new Set(made).size).toBe(50)
  })

  it('names the part and line of a class Liquid computes, once', () => {
    const out = fingerprintTemplate(base({ liquid: { header: '<div>\n<p class="{{ cls }}">', footer: '<p class="a">' }, css: '.a{}' }))
    expect(out.warnings).toEqual([
      `Template part "header" line 2: the class "{{ cls }}" is computed, so it is not renamed; write the class out, or list it in the template's preserved classes.`,
    ])
  })

  it('renames a class the template uses only in markup or only in its script, consistently', () => {
    const out = fingerprintTemplate(base({ liquid: { layout: '<div class="js-hook">' }, js: `document.querySelector('.js-hook')` }))
    expect(out.liquid.layout).toBe('<div class="p1-js-hook">')
    expect(out.js).toBe(`document.querySelector('.p1-js-hook')`)
    expect(out.classMap).toEqual({ 'js-hook': 'p1-js-hook' })
  })
})

describe('renameHtmlClasses (rich text and other page content)', () => {
  const classMap = { 'list-item-checkbox': 'p1-list-item-checkbox', prose: 'p1-prose' }

  it('renames the template classes and leaves others', () => {
    expect(renameHtmlClasses('<ul><li class="list-item-checkbox lexical-x">a &amp; b&nbsp;c</li></ul>', classMap)).toBe(
      '<ul><li class="p1-list-item-checkbox lexical-x">a &amp; b&nbsp;c</li></ul>',
    )
  })

  it('returns the very same string when there is nothing to rename', () => {
    const html = '<p class="other">x<br/>&eacute;</p>'
    expect(renameHtmlClasses(html, classMap)).toBe(html)
    expect(renameHtmlClasses('<p>no classes</p>', classMap)).toBe('<p>no classes</p>')
  })

  it('is not fooled by class names that are Object properties', () => {
    expect(renameHtmlClasses('<p class="constructor __proto__ toString">x</p>', classMap)).toBe('<p class="constructor __proto__ toString">x</p>')
  })
})
