import fc from 'fast-check'
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'

import { makeMonolithicSnapshot, makeSnapshot, pageBySlug } from '../../fixtures/snapshot'
import { pathKey } from '../../../plugins/fleet/redirects/core/paths'
import { redirectPagePath } from '../../../plugins/site-builder/core/siteFiles'
import { attr, build, fileText, htmlFiles, jsonLd, pageDocument } from './helpers'

const sitemapEntries = (xml: string) => {
  const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document
  expect(doc.documentElement.tagName).toBe('urlset')
  return [...doc.getElementsByTagName('url')].map((url) => ({
    loc: url.getElementsByTagName('loc')[0]?.textContent,
    lastmod: url.getElementsByTagName('lastmod')[0]?.textContent,
  }))
}

const canonical = (doc: Document) => attr(doc.querySelector('link[rel="canonical"]'), 'href')

describe('robots.txt and sitemap.xml', () => {
  it('list every indexable page with its absolute URL and date', () => {
    const result = build()
    expect(sitemapEntries(fileText(result, 'sitemap.xml'))).toEqual([
      { loc: 'https://sunny-slots.test/', lastmod: '2026-10-01' },
      { loc: 'https://sunny-slots.test/reviews/', lastmod: '2026-10-02' },
      { loc: 'https://sunny-slots.test/guide/', lastmod: '2026-10-03' },
      { loc: 'https://sunny-slots.test/faq/', lastmod: '2026-10-04' },
      { loc: 'https://sunny-slots.test/about/', lastmod: '2026-10-05' },
    ])
    const robots = fileText(result, 'robots.txt')
    expect(robots).toMatch(/^User-agent: \*$/m)
    expect(robots).not.toMatch(/^Disallow: \/$/m)
    expect(robots).toMatch(/^Sitemap: https:\/\/sunny-slots\.test\/sitemap\.xml$/m)
  })

  it('leave out a page whose canonical URL points elsewhere', () => {
    const snapshot = makeSnapshot()
    pageBySlug(snapshot, 'about').canonicalUrl = 'https://other.example/about/'
    const result = build(snapshot)
    expect(sitemapEntries(fileText(result, 'sitemap.xml')).map((e) => e.loc)).not.toContain('https://sunny-slots.test/about/')
    expect(canonical(pageDocument(result, 'about/index.html'))).toBe('https://other.example/about/')
  })

  it('disallow everything, and there is no sitemap, when indexing is off', () => {
    const result = build(makeSnapshot({ site: { allowIndexing: false } }))
    expect(fileText(result, 'robots.txt')).toMatch(/^User-agent: \*\nDisallow: \/$/m)
    expect(fileText(result, 'robots.txt')).not.toContain('Sitemap:')
    expect(result.files.has('sitemap.xml')).toBe(false)
    for (const file of htmlFiles(result).filter((f) => !f.startsWith('go/') && f !== '404.html')) {
      expect(attr(pageDocument(result, file).querySelector('meta[name="robots"]'), 'content'), file).toMatch(/noindex/)
    }
  })
})

describe('_redirects and _headers', () => {
  it('send /go/<code>/ to each active affiliate link, with a fallback page per link', () => {
    const snapshot = makeSnapshot()
    snapshot.affiliateLinks['3'] = { id: 3, name: 'Old deal', code: 'old', url: 'https://partner.example/old', active: false }
    const result = build(snapshot)
    const rules = fileText(result, '_redirects').trim().split('\n').map((line) => line.split(/\s+/))
    expect(rules).toEqual([
      ['/go/golden/', 'https://partner.example/golden?ref=panel', '302'],
      ['/go/golden', 'https://partner.example/golden?ref=panel', '302'],
      ['/go/lucky/', 'https://partner.example/lucky?ref=panel', '302'],
      ['/go/lucky', 'https://partner.example/lucky?ref=panel', '302'],
    ])
    const fallback = pageDocument(result, 'go/golden/index.html')
    expect(attr(fallback.querySelector('meta[http-equiv="refresh"]'), 'content')).toBe('0; url=https://partner.example/golden?ref=panel')
    expect(attr(fallback.querySelector('meta[name="robots"]'), 'content')).toBe('noindex')
    expect(result.files.has('go/old/index.html')).toBe(false)
  })

  it('set the security headers for every path and cache hashed assets for ever', () => {
    const headers = fileText(build(), '_headers')
    const blocks = Object.fromEntries(
      headers
        .trim()
        .split(/\n\n+/)
        .map((block) => {
          const [path, ...lines] = block.split('\n')
          return [path, Object.fromEntries(lines.map((l) => l.trim().split(/:\s(.*)/).slice(0, 2)))]
        }),
    )
    expect(blocks['/*']).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'X-Frame-Options': 'SAMEORIGIN',
      'Strict-Transport-Security': expect.stringMatching(/^max-age=\d{7,}/),
    })
    // "! Cache-Control" first: Pages joins the values of every matching rule, and assets must not get the pages' max-age=0
    expect(headers).toContain('/assets/css/*\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000, immutable')
    expect(blocks['/assets/css/*']).toMatchObject({ 'Cache-Control': 'public, max-age=31536000, immutable' })
    expect(blocks['/assets/js/*']).toMatchObject({ 'Cache-Control': 'public, max-age=31536000, immutable' })
  })
})

describe('404.html', () => {
  it('is a not-found page that is not indexed', () => {
    const doc = pageDocument(build(), '404.html')
    expect(doc.querySelector('h1')?.textContent).toBe('Page not found')
    expect(attr(doc.querySelector('meta[name="robots"]'), 'content')).toBe('noindex')
    expect(attr(doc.querySelector('main a'), 'href')).toBe('/')
    expect(doc.querySelector('meta[http-equiv="refresh"]')).toBeNull()
  })

  it('redirects to the home page when the site says so', () => {
    const doc = pageDocument(build(makeSnapshot({ site: { redirect404ToHome: true } })), '404.html')
    expect(attr(doc.querySelector('meta[http-equiv="refresh"]'), 'content')).toBe('0; url=/')
    expect(attr(doc.querySelector('a'), 'href')).toBe('/')
    expect(doc.querySelector('h1')).toBeNull()
  })
})

describe('URLs', () => {
  it('uses /slug/ folders by default', () => {
    const result = build()
    expect(result.pages.map((p) => [p.url, p.path])).toEqual([
      ['/', 'index.html'],
      ['/reviews/', 'reviews/index.html'],
      ['/guide/', 'guide/index.html'],
      ['/faq/', 'faq/index.html'],
      ['/about/', 'about/index.html'],
    ])
    expect(canonical(pageDocument(result, 'guide/index.html'))).toBe('https://sunny-slots.test/guide/')
  })

  it.each([
    ['html', 'guide.html', '/guide.html'],
    ['php', 'guide.php', '/guide.php'],
  ] as const)('uses /slug.%s URLs in canonicals, navigation, links and the sitemap', (urlStyle, file, url) => {
    const result = build(makeSnapshot({ site: { urlStyle } }))
    expect(result.files.has(file)).toBe(true)
    expect(result.files.has('guide/index.html')).toBe(false)
    expect(result.files.get(file)?.contentType).toMatch(/^text\/html/)
    const home = pageDocument(result, 'index.html')
    expect(canonical(pageDocument(result, file))).toBe(`https://sunny-slots.test${url}`)
    expect([...home.querySelectorAll('nav a')].map((a) => attr(a, 'href'))).toContain(url)
    // the rich text link to the guide and the CTA link to reviews follow the style too
    expect(attr(home.querySelector('#block-2 a'), 'href')).toBe(url)
    expect(attr(home.querySelector('#block-4 a'), 'href')).toBe(`/reviews.${urlStyle}`)
    expect(fileText(result, 'sitemap.xml')).toContain(`<loc>https://sunny-slots.test${url}</loc>`)
  })

  it('serves .php pages as HTML through _headers', () => {
    expect(fileText(build(makeSnapshot({ site: { urlStyle: 'php' } })), '_headers')).toMatch(/^\/\*\.php\n\s+Content-Type: text\/html; charset=utf-8$/m)
  })

  it('puts www in every absolute URL when the site uses it', () => {
    const result = build(makeSnapshot({ site: { useWww: true } }))
    const doc = pageDocument(result, 'faq/index.html')
    expect(canonical(doc)).toBe('https://www.sunny-slots.test/faq/')
    expect(attr(doc.querySelector('meta[property="og:url"]'), 'content')).toBe('https://www.sunny-slots.test/faq/')
    expect(sitemapEntries(fileText(result, 'sitemap.xml')).every((e) => e.loc?.startsWith('https://www.sunny-slots.test/'))).toBe(true)
    expect(fileText(result, 'robots.txt')).toContain('Sitemap: https://www.sunny-slots.test/sitemap.xml')
  })
})

describe('head', () => {
  it('has FAQPage JSON-LD on a page with an FAQ, matching its questions', () => {
    const data = jsonLd(pageDocument(build(), 'faq/index.html'))
    const faq = data.find((d) => d['@type'] === 'FAQPage') as { mainEntity: { name: string; acceptedAnswer: { text: string } }[] }
    expect(faq.mainEntity.map((q) => q.name)).toEqual(['Are online slots fair?', 'What is RTP?', 'Can I play for free?'])
    expect(faq.mainEntity[0].acceptedAnswer.text).toBe('Licensed games are tested by independent labs.')
    expect(jsonLd(pageDocument(build(), 'guide/index.html')).map((d) => d['@type'])).not.toContain('FAQPage')
  })

  it('has BreadcrumbList JSON-LD on inner pages only', () => {
    const result = build()
    const crumbs = jsonLd(pageDocument(result, 'guide/index.html')).find((d) => d['@type'] === 'BreadcrumbList') as {
      itemListElement: { position: number; name: string; item: string }[]
    }
    expect(crumbs.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Sunny Slots', item: 'https://sunny-slots.test/' },
      { '@type': 'ListItem', position: 2, name: 'Beginner guide', item: 'https://sunny-slots.test/guide/' },
    ])
    const home = jsonLd(pageDocument(result, 'index.html')).map((d) => d['@type'])
    expect(home).toEqual(['WebSite', 'Organization'])
  })

  it('has valid JSON-LD with a schema.org context on every page', () => {
    const result = build()
    for (const file of htmlFiles(result).filter((f) => !f.startsWith('go/') && f !== '404.html')) {
      const data = jsonLd(pageDocument(result, file))
      expect(data.length, file).toBeGreaterThan(0)
      for (const d of data) expect(d['@context'], file).toBe('https://schema.org')
    }
  })

  it('sets <html lang> to the site language, in both template kinds', () => {
    for (const make of [makeSnapshot, makeMonolithicSnapshot]) {
      const result = build(make({ site: { language: 'de-AT' } }))
      for (const file of ['index.html', 'guide/index.html', '404.html']) {
        expect(pageDocument(result, file).documentElement.lang, `${make.name} ${file}`).toBe('de-AT')
      }
      expect(attr(pageDocument(result, 'index.html').querySelector('meta[property="og:locale"]'), 'content')).toBe('de_AT')
    }
  })

  it('inserts the page’s custom head HTML verbatim, inside <head>', () => {
    const snapshot = makeSnapshot()
    const custom = pageBySlug(snapshot, 'about').customHeadHtml!
    const result = build(snapshot)
    const body = fileText(result, 'about/index.html')
    expect(body).toContain(custom)
    expect(body.indexOf(custom)).toBeLessThan(body.indexOf('</head>'))
    const doc = pageDocument(result, 'about/index.html')
    expect(attr(doc.head.querySelector('meta[name="author"]'), 'content')).toBe('The Sunny Slots team')
    expect(pageDocument(result, 'guide/index.html').querySelector('meta[name="author"]')).toBeNull()
  })

  it('links the stylesheet and defers the script, both with content hashes in their names', () => {
    const result = build()
    const doc = pageDocument(result, 'index.html')
    const css = attr(doc.head.querySelector('link[rel="stylesheet"]'), 'href')!
    const js = doc.querySelector('body > script[src]')
    expect(css).toMatch(/^\/assets\/css\/style\.[0-9a-f]{10}\.css$/)
    expect(attr(js, 'src')).toMatch(/^\/assets\/js\/main\.[0-9a-f]{10}\.js$/)
    expect(js?.hasAttribute('defer')).toBe(true)
    expect(fileText(result, css.slice(1))).toContain('--primary:#b45309')
    expect(result.assets.map((a) => a.path)).toContain('assets/images/hero-table-400x225.webp')
  })
})

describe("_redirects within Cloudflare's limits", () => {
  // developers.cloudflare.com/pages/configuration/redirects, "Per file": what Pages reads of the file
  const CLOUDFLARE = { staticRules: 2000, lineLength: 1000 }
  const segment = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/)
  // old addresses in every form the redirects list takes: folders, .html files, bare paths, other extensions
  const from = fc
    .tuple(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.constantFrom('/', '', '.html', '.htm', '.xml'))
    .map(([parts, end]) => `/old/${parts.join('/')}${end}`)

  it('never writes more than 2,000 rules or a line over 1,000 characters, and every rule is still answered', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1100 }),
        fc.array(fc.integer({ min: 10, max: 1200 }), { minLength: 1, maxLength: 8 }),
        fc.uniqueArray(from, { minLength: 0, maxLength: 1400, selector: pathKey }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (linkCount, urlLengths, froms, seed) => {
          const snapshot = makeSnapshot()
          snapshot.affiliateLinks = {}
          for (let i = 0; i < linkCount; i++) {
            const length = urlLengths[i % urlLengths.length]!
            const url = `https://partner.example/${i}?q=${'x'.repeat(length)}`
            snapshot.affiliateLinks[String(i + 1)] = { id: i + 1, name: `Deal ${i}`, code: `deal-${i}`, url, active: true }
          }
          const pages = snapshot.pages.filter((p) => p.slug !== 'index')
          snapshot.redirects = froms.map((f, i) =>
            (seed + i) % 3 === 0
              ? { from: f, toPage: null, toPath: '/reviews/', status: 301 as const }
              : { from: f, toPage: pages[(seed + i) % pages.length]!.id, toPath: null, status: 301 as const },
          )
          const result = build(snapshot)
          const lines = fileText(result, '_redirects').split('\n').filter(Boolean)
          expect(lines.length).toBeLessThanOrEqual(CLOUDFLARE.staticRules)
          for (const line of lines) expect(line.length).toBeLessThanOrEqual(CLOUDFLARE.lineLength)
          const declared = new Map(lines.map((line) => line.split(' ')).map(([source, to, status]) => [source!, { to: to!, status: Number(status) }]))
          // (read with a pattern, not a DOM: up to a thousand pages a run; the example below parses them)
          const refreshTo = (file: string) => /<meta http-equiv="refresh" content="0; url=([^"]*)">/.exec(fileText(result, file))?.[1]?.replaceAll('&amp;', '&')
          // an affiliate link: its two rules, or (past the limit) its /go/ page, which every build writes
          for (const link of Object.values(snapshot.affiliateLinks)) {
            const rule = declared.get(`/go/${link.code}/`)
            if (rule) expect(rule).toEqual({ to: link.url, status: 302 })
            else expect(refreshTo(`go/${link.code}/index.html`)).toBe(link.url)
          }
          // a site redirect: its rule, or a page at the old address leading to the same place, or a warning naming it
          const urlOf = (id: unknown) => {
            const page = snapshot.pages.find((p) => p.id === id)!
            return page.slug === 'index' ? '/' : `/${page.slug}/`
          }
          for (const r of snapshot.redirects) {
            const to = r.toPath ?? urlOf(r.toPage)
            const rule = declared.get(r.from)
            if (rule) {
              expect(rule).toEqual({ to, status: 301 })
              continue
            }
            const file = redirectPagePath(r.from)
            if (file !== null && result.files.has(file)) expect(refreshTo(file), r.from).toBe(to)
            else expect(result.warnings.some((w) => w.includes(`redirect from ${r.from} `)), `${r.from}: no rule, no page, no warning`).toBe(true)
          }
          const overflow = lines.length < 2 * linkCount + snapshot.redirects.length
          if (overflow) expect(result.warnings.some((w) => /did not fit in _redirects/.test(w))).toBe(true)
        },
      ),
      { numRuns: 15 },
    )
  })

  it('puts a redirect page only where a file of the site can be', () => {
    expect(redirectPagePath('/old/')).toBe('old/index.html')
    expect(redirectPagePath('/old')).toBe('old/index.html')
    expect(redirectPagePath('/a/b.html')).toBe('a/b.html')
    expect(redirectPagePath('/a/B.HTM')).toBe('a/B.HTM')
    expect(redirectPagePath('/caf%C3%A9/')).toBe('café/index.html')
    for (const from of ['/', '/feed.xml', '/../x/', '/a/../../x/', '/a/%2e%2e/%2e%2e/x/', '/a%2Fb/', '/a%5Cb/', '/a//b/', '/a/./b', '/%00/', '/%E0%A4%A/', 'old/']) {
      expect(redirectPagePath(from), from).toBeNull()
    }
  })

  it('publishes a redirect past the limit as a page at its old address, and leaves out one that cannot be a page', () => {
    const snapshot = makeSnapshot()
    snapshot.affiliateLinks = {}
    for (let i = 0; i < 1000; i++) snapshot.affiliateLinks[String(i)] = { id: i, name: `Deal ${i}`, code: `d${i}`, url: `https://partner.example/${i}`, active: true }
    snapshot.redirects = [
      { from: '/old-folder/', toPage: null, toPath: '/reviews/', status: 301 },
      { from: '/old-file.html', toPage: null, toPath: '/guide/', status: 301 },
      { from: '/feed.xml', toPage: null, toPath: '/faq/', status: 301 },
    ]
    const result = build(snapshot)
    expect(fileText(result, '_redirects').split('\n').filter(Boolean)).toHaveLength(2000) // the 1,000 links' pairs
    expect(attr(pageDocument(result, 'old-folder/index.html').querySelector('meta[http-equiv="refresh"]'), 'content')).toBe('0; url=/reviews/')
    expect(attr(pageDocument(result, 'old-file.html').querySelector('link[rel="canonical"]'), 'href')).toBe('/guide/')
    expect(result.files.has('feed.xml')).toBe(false)
    expect(result.warnings).toContain(
      "The redirect from /feed.xml did not fit in _redirects (Cloudflare reads 2000 rules of at most 1000 characters) and cannot be a page at that address: it was left out.",
    )
    expect(result.warnings).toContain("2 redirects did not fit in _redirects (Cloudflare reads 2000 rules of at most 1000 characters): 2 old addresses published as a page that sends visitors on.")
  })
})
