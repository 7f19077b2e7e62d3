import { describe, expect, it } from 'vitest'

import { renameCssText } from '../../../plugins/fingerprint/core/css'
import { renameSelector } from '../../../plugins/fingerprint/core/selectors'
import { FingerprintError } from '../../../plugins/fingerprint/core/renamer'
import { fingerprintTemplate } from '../../../plugins/fingerprint/core/index'
import { renamer } from './helpers'

const sel = (selector: string, preserved: string[] = []) => renameSelector(selector, renamer(preserved), 'test')
const css = (source: string, preserved: string[] = []) => renameCssText(source, renamer(preserved), 'test')

describe('CSS selectors', () => {
  it('renames class selectors, compound and combined', () => {
    expect(sel('.a')).toBe('.p1-a')
    expect(sel('.a.b')).toBe('.p1-a.p1-b')
    expect(sel('div.a > .b + .c ~ .d .e')).toBe('div.p1-a > .p1-b + .p1-c ~ .p1-d .p1-e')
    expect(sel('.a, .b::before, .c:hover')).toBe('.p1-a, .p1-b::before, .p1-c:hover')
  })

  it('renames classes inside :not(), :is(), :where(), :has() and :nth-child(of)', () => {
    expect(sel('.a:not(.b, .c)')).toBe('.p1-a:not(.p1-b, .p1-c)')
    expect(sel(':is(.a, .b) :where(.c)')).toBe(':is(.p1-a, .p1-b) :where(.p1-c)')
    expect(sel('.card:has(> .card__img)')).toBe('.p1-card:has(> .p1-card__img)')
    expect(sel('li:nth-child(2n of .odd)')).toBe('li:nth-child(2n of .p1-odd)')
    expect(sel('.a:not(:is(.b .c))')).toBe('.p1-a:not(:is(.p1-b .p1-c))')
  })

  it('keeps escaped class names escaped, matching the unescaped class in HTML', () => {
    const r = renamer()
    expect(renameSelector('.md\\:flex, .w-1\\/2', r, 'test')).toBe('.p1-md\\:flex, .p1-w-1\\/2')
    expect([...r.classMap.keys()]).toEqual(['md:flex', 'w-1/2'])
  })

  it('renames whole-class attribute selectors', () => {
    expect(sel('[class~="a"]')).toBe('[class~="p1-a"]')
    expect(sel('[class="a b"]')).toBe('[class="p1-a p1-b"]')
    expect(sel("[class~='a' i]")).toBe("[class~='p1-a' i]")
    expect(sel('[class~=a]')).toBe('[class~=p1-a]')
  })

  it('gives prefix-matching class attribute selectors the prefix, and leaves substring and suffix ones', () => {
    // every renamed class starts with the prefix, so "starts with col-" becomes "starts with p1-col-"
    expect(sel('[class^="col-"]')).toBe('[class^="p1-col-"]')
    expect(sel('[class*=" col-"]')).toBe('[class*=" p1-col-"]')
    expect(sel('[class|="lang"]')).toBe('[class|="p1-lang"]')
    // the middle or end of p1-col-6 is the middle or end of col-6
    expect(sel('[class*="col-"]')).toBe('[class*="col-"]')
    expect(sel('[class$="-6"]')).toBe('[class$="-6"]')
    // a class after a space is whole (or its start) again
    expect(sel('[class$="x y"]')).toBe('[class$="x p1-y"]')
  })

  it('leaves attribute selectors on other attributes alone', () => {
    expect(sel('a[href$=".pdf"], [data-class="a"], [title~="a"]')).toBe('a[href$=".pdf"], [data-class="a"], [title~="a"]')
  })

  it('does not rename preserved classes, exact or by family', () => {
    expect(sel('.swiper-slide .keep .mine', ['keep', 'swiper-*'])).toBe('.swiper-slide .keep .p1-mine')
    expect(sel('[class^="swiper-"]', ['swiper-*'])).toBe('[class^="swiper-"]')
  })
})

describe('CSS stylesheets', () => {
  it('renames rules inside @media, @supports, @layer and @container, and nested rules', () => {
    const out = css(`@media (min-width: 40rem) { @supports (display: grid) { @layer base { @container (min-width: 1px) { .a { color: red } } } } }
.n { &.o { .q & { color: blue } } }`)
    expect(out).toContain('.p1-a { color: red }')
    expect(out).toContain('.p1-n { &.p1-o { .p1-q & { color: blue } } }')
  })

  it('leaves keyframe selectors, at-rule parameters, declarations and comments as written', () => {
    const source = `/* .commented { } */
@keyframes spin { from { opacity: 0 } 50% { opacity: .5 } }
@media (min-width: 40rem) { a { content: ".not-a-class"; background: url(x.a.png) } }
`
    expect(css(source)).toBe(source)
  })

  it('keeps the formatting of rules it renames', () => {
    expect(css('.a,\n.b  >  .c {\n  color: red;\n}\n')).toBe('.p1-a,\n.p1-b  >  .p1-c {\n  color: red;\n}\n')
  })

  it('stops with the line to fix when the CSS does not parse', () => {
    expect(() => fingerprintTemplate({ prefix: 'p1', preserved: [], colors: {}, sources: { liquid: {}, css: '.a {\n.b { color: red }', js: '' }, minify: false })).toThrow(
      FingerprintError,
    )
    expect(() => css('.a { color: red')).toThrow(/line 1: Unclosed block/)
  })
})
