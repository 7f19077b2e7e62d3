import { load } from 'cheerio'
import type { Message } from 'html-validate'
import { describe, expect, it } from 'vitest'

import {
  buildImageIndex,
  dedupeVariants,
  mediaContentHash,
  pictureize,
  slotMaxWidth,
  variantLocation,
  variantWidths,
  type ImageInfo,
} from '../../../plugins/fingerprint/core/images'
import { makeSnapshot, makeMonolithicSnapshot } from '../../fixtures/snapshot'
import { htmlValidator } from '../../helpers/htmlValidate'
import { build, fileText, htmlFiles } from '../site-builder/helpers'

const HERO: ImageInfo = { width: 1600, height: 900, contentHash: '0123456789abcdef0123456789abcdef', mimeType: 'image/jpeg' }
const LOGO: ImageInfo = { width: 480, height: 120, contentHash: 'fedcba9876543210fedcba9876543210', mimeType: 'image/png' }
const SMALL: ImageInfo = { width: 300, height: 200, contentHash: 'aaaaaaaabbbbbbbb', mimeType: 'image/jpeg' }
const ICON: ImageInfo = { width: 64, height: 64, contentHash: 'cccccccc', mimeType: 'image/svg+xml' }

const index = new Map<string, ImageInfo>([
  ['/wp-content/uploads/2026/01/hero.jpg', HERO],
  ['/wp-content/uploads/logo.png', LOGO],
  ['/wp-content/uploads/small.jpg', SMALL],
  ['/wp-content/uploads/icon.svg', ICON],
])

const page = (body: string, head = '') =>
  `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Shoes</title>${head}</head>\n<body>${body}</body>\n</html>\n`

const STANDARD = page(
  `<header><a href="/"><img src="/wp-content/uploads/logo.png" alt="Shoe Shop"></a><nav><a href="/a/">A</a></nav></header>
<main><h1>Shoes</h1>
<p><img src="/wp-content/uploads/2026/01/hero.jpg" alt="A red shoe" loading="lazy" decoding="async"></p>
<p><img src="/wp-content/uploads/small.jpg" alt="A small shoe" width="150"></p>
<p><img src="https://cdn.example.com/ext.jpg" alt="External"></p>
</main>
<footer><p>Footer</p></footer>`,
)

const $of = (html: string) => load(html)
const srcsetWidths = (srcset: string) => srcset.split(',').map((part) => Number(/ (\d+)w$/.exec(part.trim())![1]))

const problems = async (html: string, name = 'page.html'): Promise<string[]> => {
  const report = await htmlValidator.validateString(html, name) // shared config; warnings count too
  return report.results.flatMap((r) => r.messages).map((m: Message) => `${name}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`)
}

describe('variant naming and widths', () => {
  it('names variants beside the original from (path, hash, width, format)', () => {
    expect(variantLocation('/wp-content/uploads/2026/01/shoe.jpg', 'deadbeefcafe', 640, 'avif')).toEqual({
      url: '/wp-content/uploads/2026/01/shoe-deadbeef-640.avif',
      path: 'wp-content/uploads/2026/01/shoe-deadbeef-640.avif',
    })
    // a hash that is not hex is hashed, so names stay [a-z0-9]
    expect(variantLocation('/shoe.png', '12:2026-01-01T00:00:00Z', 320, 'webp').url).toMatch(/^\/shoe-[0-9a-f]{8}-320\.webp$/)
    // names are reduced to safe characters (no escaping needed in srcset); directories decode for the file path
    expect(variantLocation('/up%20loads/caf%C3%A9,%20au%20lait.jpg', 'abcdef12', 320, 'avif')).toEqual({
      url: '/up%20loads/cafe-au-lait-abcdef12-320.avif',
      path: 'up loads/cafe-au-lait-abcdef12-320.avif',
    })
  })

  it('uses the ladder below the original plus the original width, never above it', () => {
    expect(variantWidths(1600)).toEqual([320, 640, 960, 1280, 1600])
    expect(variantWidths(1920)).toEqual([320, 640, 960, 1280, 1920])
    expect(variantWidths(1000)).toEqual([320, 640, 1000]) // 960 is within 10% of 1000
    expect(variantWidths(300)).toEqual([300])
    expect(variantWidths(6000)).toEqual([320, 640, 960, 1280, 1920, 2560]) // capped at maxWidth
    expect(variantWidths(6000, { maxWidth: 1200 })).toEqual([320, 640, 960, 1200])
    expect(variantWidths(800, { widths: [400, 200, 400] })).toEqual([200, 400, 800])
  })

  it('reads the widest slot a sizes value allows, and no bound where it cannot be sure', () => {
    expect(slotMaxWidth('(max-width: 768px) 100vw, 768px')).toBe(768) // what the block partials print
    expect(slotMaxWidth('(max-width: 600px) 50vw, (max-width: 40em) 80vw, 300px')).toBe(512)
    expect(slotMaxWidth('400px')).toBe(400)
    expect(slotMaxWidth('(min-width: 900px) 33vw, 100vw')).toBeNull()
    expect(slotMaxWidth('(max-width: 600px) or (orientation: landscape) 100vw, 500px')).toBeNull()
    expect(slotMaxWidth('calc(100vw - 2rem)')).toBeNull()
    expect(slotMaxWidth('auto')).toBeNull()
    expect(slotMaxWidth('')).toBeNull()
  })

  it('makes only the widths the sizes can use (2x the widest slot), never fewer than one', () => {
    const wide = new Map([['/big.jpg', { width: 2400, height: 1600, contentHash: 'b'.repeat(16), mimeType: 'image/jpeg' }]])
    const widthsOf = (img: string, options = {}) => [...new Set(pictureize(page(`<main>${img}</main>`), wide, options).variants.map((v) => v.width))]
    expect(widthsOf('<img src="/big.jpg" alt="" sizes="(max-width: 768px) 100vw, 768px">')).toEqual([320, 640, 960, 1280, 1536])
    expect(widthsOf('<img src="/big.jpg" alt="" sizes="(max-width: 768px) 100vw, 768px">', { maxDensity: 3 })).toEqual([320, 640, 960, 1280, 1920, 2304])
    expect(widthsOf('<img src="/big.jpg" alt="" width="300">')).toEqual([320, 600]) // default sizes: the img's own width
    expect(widthsOf('<img src="/big.jpg" alt="" sizes="100vw">')).toEqual([320, 640, 960, 1280, 1920, 2400]) // unbounded
    expect(widthsOf('<img src="/big.jpg" alt="">')).toEqual([320, 640, 960, 1280, 1920, 2400])
    expect(widthsOf('<img src="/big.jpg" alt="" sizes="100px">')).toEqual([200])
  })

  it('hashes media records into a stable content hash', () => {
    const a = mediaContentHash({ id: 7, filename: 'a.jpg', updatedAt: '2026-01-01T00:00:00.000Z', filesize: 10 })
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(mediaContentHash({ id: 7, filename: 'a.jpg', updatedAt: '2026-01-01T00:00:00.000Z', filesize: 10 })).toBe(a)
    expect(mediaContentHash({ id: 7, filename: 'a.jpg', updatedAt: '2026-01-02T00:00:00.000Z', filesize: 10 })).not.toBe(a)
  })
})

describe('pictureize: markup', () => {
  const { html, variants, pictures } = pictureize(STANDARD, index)
  const $ = $of(html)

  it('wraps local images in <picture> with AVIF then WebP sources and the original as the fallback <img>', () => {
    expect(pictures).toBe(3) // logo, hero, small; not the external one
    const picture = $('picture').has('img[src="/wp-content/uploads/2026/01/hero.jpg"]')
    expect(picture).toHaveLength(1)
    const children = picture.children().toArray()
    expect(children.map((c) => c.tagName)).toEqual(['source', 'source', 'img'])
    expect($(children[0]).attr('type')).toBe('image/avif')
    expect($(children[1]).attr('type')).toBe('image/webp')
    expect($(children[0]).attr('srcset')).toBe(
      [320, 640, 960, 1280, 1600].map((w) => `/wp-content/uploads/2026/01/hero-01234567-${w}.avif ${w}w`).join(', '),
    )
    expect($(children[1]).attr('srcset')).toBe(
      [320, 640, 960, 1280, 1600].map((w) => `/wp-content/uploads/2026/01/hero-01234567-${w}.webp ${w}w`).join(', '),
    )
    for (const source of children.slice(0, 2)) expect($(source).attr('sizes')).toBe('(max-width: 1600px) 100vw, 1600px')
    expect($(children[2]).attr('alt')).toBe('A red shoe')
  })

  it('never lists a width above the original', () => {
    $('picture source').each((_, el) => {
      const img = $(el).siblings('img')
      const info = index.get(img.attr('src')!)!
      const widths = srcsetWidths($(el).attr('srcset')!)
      expect(Math.max(...widths)).toBe(info.width)
      expect(widths).toEqual([...widths].sort((a, b) => a - b))
    })
    // an original narrower than the smallest step gets one variant at its own width
    expect(srcsetWidths($('picture').has('img[src="/wp-content/uploads/small.jpg"]').find('source').first().attr('srcset')!)).toEqual([300])
  })

  it('sets width and height from the index, keeping the aspect ratio when only one is given', () => {
    const hero = $('img[src="/wp-content/uploads/2026/01/hero.jpg"]')
    expect([hero.attr('width'), hero.attr('height')]).toEqual(['1600', '900'])
    const small = $('img[src="/wp-content/uploads/small.jpg"]')
    expect([small.attr('width'), small.attr('height')]).toEqual(['150', '100'])
    const logo = $('img[src="/wp-content/uploads/logo.png"]')
    expect([logo.attr('width'), logo.attr('height')]).toEqual(['480', '120'])
    // height only
    const only = $of(pictureize(page('<main><img src="/wp-content/uploads/2026/01/hero.jpg" alt="" height="450"></main>'), index).html)
    expect([only('img').attr('width'), only('img').attr('height')]).toEqual(['800', '450'])
    // both given: kept as written
    const both = $of(pictureize(page('<main><img src="/wp-content/uploads/2026/01/hero.jpg" alt="" width="10" height="10"></main>'), index).html)
    expect([both('img').attr('width'), both('img').attr('height')]).toEqual(['10', '10'])
  })

  it('returns every variant the page references, once, with its source and contentHash', () => {
    const referenced = $('source')
      .toArray()
      .flatMap((el) => $(el).attr('srcset')!.split(', ').map((s) => s.split(' ')[0]))
    expect(variants.map((v) => v.url).sort()).toEqual([...new Set(referenced)].sort())
    const v = variants.find((x) => x.url === '/wp-content/uploads/2026/01/hero-01234567-640.webp')!
    expect(v).toEqual({
      url: '/wp-content/uploads/2026/01/hero-01234567-640.webp',
      path: 'wp-content/uploads/2026/01/hero-01234567-640.webp',
      source: '/wp-content/uploads/2026/01/hero.jpg',
      contentHash: HERO.contentHash,
      width: 640,
      format: 'webp',
      contentType: 'image/webp',
    })
    // the same image twice on a page, and on two pages: one request per file
    const twice = pictureize(page(`<main><img src="/wp-content/uploads/small.jpg" alt=""><img src="/wp-content/uploads/small.jpg" alt=""></main>`), index)
    expect(twice.variants).toHaveLength(2)
    expect(dedupeVariants([twice.variants, variants]).length).toBe(variants.length)
  })

  it('keeps the <img> sizes for the sources, or uses the sizes option', () => {
    const own = $of(pictureize(page('<main><img src="/wp-content/uploads/2026/01/hero.jpg" alt="" sizes="50vw"></main>'), index).html)
    expect(own('source').first().attr('sizes')).toBe('50vw')
    const opt = $of(pictureize(page('<main><img src="/wp-content/uploads/2026/01/hero.jpg" alt=""></main>'), index, { sizes: '100vw' }).html)
    expect(opt('source').first().attr('sizes')).toBe('100vw')
  })

  it('leaves external images, SVGs and images already in a <picture> alone (but for the loading rules)', () => {
    const ext = $('img[src="https://cdn.example.com/ext.jpg"]')
    expect(ext.parent().is('p')).toBe(true)
    expect(ext.attr('width')).toBeUndefined()
    const svg = pictureize(page('<main><p>x</p></main><img src="/wp-content/uploads/icon.svg" alt="i">'), index)
    expect(svg.pictures).toBe(0)
    expect(svg.variants).toEqual([])
    const handMade = page(
      `<main><picture><source srcset="/art.webp" type="image/webp"><img src="/wp-content/uploads/2026/01/hero.jpg" alt="x"></picture></main>`,
    )
    const out = pictureize(handMade, index)
    expect(out.pictures).toBe(0)
    expect(out.variants).toEqual([])
    expect(out.html).toBe(handMade.replace('alt="x">', 'alt="x" fetchpriority="high">'))
    // untouched means byte-for-byte with externalImages: 'untouched'
    const external = page('<main><img src="https://cdn.example.com/a.jpg" alt="a" loading="eager"></main>')
    expect(pictureize(external, index, { externalImages: 'untouched' }).html).toBe(external)
  })

  it('keeps every other byte of the page as it was', () => {
    const messy = `<!DOCTYPE html>\r\n<html lang="en"><head><title>A &amp; B</title><!-- <img src="/wp-content/uploads/small.jpg"> -->
<script>const s = '<img src="/wp-content/uploads/small.jpg">'</script></head>
<body><main><h1 class='x'   data-a=1>Caf&eacute; &#x27;quoted&#x27;</h1>
<noscript><img src="/wp-content/uploads/small.jpg" alt="ns"></noscript>
<template><img src="/wp-content/uploads/small.jpg" alt="tpl"></template>
<IMG SRC=/wp-content/uploads/small.jpg ALT="up" WIDTH=300 HEIGHT=200 />
<textarea><img src="/wp-content/uploads/small.jpg"></textarea>
</main></body></html>`
    const out = pictureize(messy, index).html
    const expected = messy.replace(
      '<IMG SRC=/wp-content/uploads/small.jpg ALT="up" WIDTH=300 HEIGHT=200 />',
      '<picture><source type="image/avif" srcset="/wp-content/uploads/small-aaaaaaaa-300.avif 300w" sizes="(max-width: 300px) 100vw, 300px">' +
        '<source type="image/webp" srcset="/wp-content/uploads/small-aaaaaaaa-300.webp 300w" sizes="(max-width: 300px) 100vw, 300px">' +
        '<IMG SRC=/wp-content/uploads/small.jpg ALT="up" WIDTH=300 HEIGHT=200 fetchpriority="high" /></picture>',
    )
    expect(out).toBe(expected)
  })

  it('returns a page without images unchanged (the same string)', () => {
    const html = page('<main><p>No images</p></main>')
    const out = pictureize(html, index)
    expect(out.html).toBe(html)
    expect(out.variants).toEqual([])
  })

  it('is deterministic: the same input gives the same output', () => {
    const a = pictureize(STANDARD, index)
    const b = pictureize(STANDARD, new Map([...index].reverse()))
    const c = pictureize(STANDARD, Object.fromEntries(index))
    expect(b).toEqual(a)
    expect(c).toEqual(a)
  })
})

describe('pictureize: loading rules', () => {
  const attrs = (html: string) =>
    $of(html)('img')
      .toArray()
      .map((el) => ({
        src: el.attribs.src,
        loading: el.attribs.loading ?? null,
        decoding: el.attribs.decoding ?? null,
        fetchpriority: el.attribs.fetchpriority ?? null,
      }))

  it('makes the first image in <main> eager with fetchpriority=high and every other image lazy, the header logo included', () => {
    const out = pictureize(STANDARD, index)
    expect(out.firstContentImage).toBe('/wp-content/uploads/2026/01/hero.jpg')
    expect(attrs(out.html)).toEqual([
      { src: '/wp-content/uploads/logo.png', loading: 'lazy', decoding: 'async', fetchpriority: null },
      { src: '/wp-content/uploads/2026/01/hero.jpg', loading: null, decoding: null, fetchpriority: 'high' },
      { src: '/wp-content/uploads/small.jpg', loading: 'lazy', decoding: 'async', fetchpriority: null },
      { src: 'https://cdn.example.com/ext.jpg', loading: 'lazy', decoding: 'async', fetchpriority: null },
    ])
  })

  it('without <main>: the first <img> in <body> outside the page header, nav and footer', () => {
    const html = page(
      `<div role="banner"><img src="/wp-content/uploads/logo.png" alt="Logo"></div>
<header><img src="/wp-content/uploads/logo.png" alt="Logo 2"></header>
<nav><img src="/wp-content/uploads/small.jpg" alt="Menu"></nav>
<article><header><img src="/wp-content/uploads/2026/01/hero.jpg" alt="Article hero"></header><p><img src="/wp-content/uploads/small.jpg" alt="Body"></p></article>`,
    )
    const out = pictureize(html, index)
    expect(attrs(out.html).map((a) => [a.src, a.fetchpriority, a.loading])).toEqual([
      ['/wp-content/uploads/logo.png', null, 'lazy'],
      ['/wp-content/uploads/logo.png', null, 'lazy'],
      ['/wp-content/uploads/small.jpg', null, 'lazy'],
      ['/wp-content/uploads/2026/01/hero.jpg', 'high', null], // a header inside an article is content
      ['/wp-content/uploads/small.jpg', null, 'lazy'],
    ])
  })

  it('[role=main] counts as main when there is no <main>; an image in a <nav> inside main does not count', () => {
    const html = page(
      `<div><img src="/wp-content/uploads/small.jpg" alt="Before"></div><div role="main"><nav><img src="/wp-content/uploads/logo.png" alt="Nav"></nav><img src="/wp-content/uploads/2026/01/hero.jpg" alt="Hero"></div>`,
    )
    expect(pictureize(html, index).firstContentImage).toBe('/wp-content/uploads/2026/01/hero.jpg')
  })

  it('the rule wins over what partials wrote: eager/high elsewhere becomes lazy, lazy on the first becomes eager', () => {
    const html = page(
      `<main><img src="/wp-content/uploads/small.jpg" alt="a" loading="lazy" decoding="async"><img src="/wp-content/uploads/2026/01/hero.jpg" alt="b" loading="eager" fetchpriority="high" decoding="sync"><img src="/x.png" alt="c" fetchpriority="low"></main>`,
    )
    expect(attrs(pictureize(html, index).html)).toEqual([
      { src: '/wp-content/uploads/small.jpg', loading: null, decoding: null, fetchpriority: 'high' },
      { src: '/wp-content/uploads/2026/01/hero.jpg', loading: 'lazy', decoding: 'async', fetchpriority: null },
      { src: '/x.png', loading: 'lazy', decoding: 'async', fetchpriority: 'low' },
    ])
  })

  it('an image inside a hand-made <picture> can be the first content image', () => {
    const html = page(`<main><picture><source srcset="/a.avif" type="image/avif"><img src="/a.jpg" alt="a" loading="lazy"></picture><img src="/b.jpg" alt="b"></main>`)
    expect(attrs(pictureize(html, index).html)).toEqual([
      { src: '/a.jpg', loading: null, decoding: null, fetchpriority: 'high' },
      { src: '/b.jpg', loading: 'lazy', decoding: 'async', fetchpriority: null },
    ])
  })

  it('a page whose only images are in the header has no first content image', () => {
    const out = pictureize(page('<header><img src="/wp-content/uploads/logo.png" alt="Logo"></header><main><p>Text</p></main>'), index)
    expect(out.firstContentImage).toBeNull()
    expect(attrs(out.html)[0]).toMatchObject({ loading: 'lazy', fetchpriority: null })
  })

  it('loadingRules: false only converts images', () => {
    const html = page('<main><img src="/wp-content/uploads/small.jpg" alt="a" loading="lazy"></main>')
    const out = pictureize(html, index, { loadingRules: false })
    expect(attrs(out.html)).toEqual([{ src: '/wp-content/uploads/small.jpg', loading: 'lazy', decoding: null, fetchpriority: null }])
    expect(out.pictures).toBe(1)
  })
})

describe('pictureize: valid HTML', () => {
  it('html-validate finds nothing in a hand-written page before or after', async () => {
    expect(await problems(STANDARD)).toEqual([])
    expect(await problems(pictureize(STANDARD, index).html)).toEqual([])
  })

  for (const [name, make] of [
    ['sectional', makeSnapshot],
    ['monolithic', makeMonolithicSnapshot],
  ] as const) {
    it(`every page of the ${name} fixture site stays valid, and every local image becomes a picture`, async () => {
      const snapshot = make()
      const result = build(snapshot)
      const bySource = new Map(Object.values(snapshot.media).map((m) => [m.source, m]))
      const siteIndex = buildImageIndex(
        result.assets.flatMap((a) => {
          const m = bySource.get(a.source)
          return m ? [{ url: `/${a.path}`, width: m.width, height: m.height, mimeType: m.mimeType, contentHash: mediaContentHash(m) }] : []
        }),
      )
      expect(siteIndex.size).toBeGreaterThan(3)
      let pictures = 0
      let withImages = 0
      for (const file of htmlFiles(result)) {
        const before = fileText(result, file)
        const out = pictureize(before, siteIndex)
        pictures += out.pictures
        expect(await problems(out.html, file)).toEqual([])
        const $ = $of(out.html)
        const imgs = $('img').toArray()
        if (imgs.length) withImages++
        for (const el of imgs) {
          const info = siteIndex.get(el.attribs.src!)
          if (info) {
            expect($(el).parent().is('picture'), `${file}: ${el.attribs.src}`).toBe(true)
            expect(el.attribs.width).toBeDefined()
            expect(el.attribs.height).toBeDefined()
          }
        }
        // at most one eager image, and it is the first content image
        const high = imgs.filter((el) => el.attribs.fetchpriority === 'high')
        expect(high.length).toBeLessThanOrEqual(1)
        expect(imgs.filter((el) => el.attribs.loading !== 'lazy')).toEqual(high)
        if (high.length) expect($(high[0]!).closest('header, nav').length, file).toBe(0)
      }
      expect(withImages).toBeGreaterThan(2)
      expect(pictures).toBeGreaterThan(3)
    })
  }
})
