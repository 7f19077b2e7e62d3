import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { checkTree, internalPath, missingAssetsMessage, refsOf, resolves, siteHostsOf } from '@/plugins/site-builder/core/gate'

const hosts = siteHostsOf('example.test')

describe('refsOf', () => {
  it('finds every kind of reference in a page, as asset or page link', () => {
    const html = `<!doctype html><html><head>
<link rel="stylesheet" href="/assets/css/style.1.css"><link rel=icon href=/favicon.ico><link rel="canonical" href="https://example.test/about/">
<link rel="manifest" href="/site.webmanifest"><meta property="og:image" content="https://www.example.test/img/og.png">
<style>.a{background:url('/img/bg.png')}@import "/assets/css/extra.css";</style><script src="/js/app.js" defer></script>
<script>var s = '<img src="/not-a-ref.png">'</script></head><body>
<!-- <img src="/commented.png"> -->
<a href="/about/">About</a><a href="contact/">Relative</a><a href="https://other.test/x">Out</a><a href="mailto:a@b.c">Mail</a><a href="#top">Top</a>
<picture><source type="image/avif" srcset="/img/a-320.avif 320w, /img/a-640.avif 640w"><img src="/img/a.png" alt="A" srcset="/img/a-320.webp 320w"></picture>
<div style="background-image:url(&quot;/img/inline.png&quot;)"></div><a href="/go/casino/?ref=1">Go</a><img alt="x>y" src="/img/after-gt.png">
</body></html>`
    expect(refsOf('blog/index.html', html, hosts)).toEqual(
      [
        'A/assets/css/extra.css',
        'A/assets/css/style.1.css',
        'A/favicon.ico',
        'A/img/a-320.avif',
        'A/img/a-320.webp',
        'A/img/a-640.avif',
        'A/img/a.png',
        'A/img/after-gt.png',
        'A/img/bg.png',
        'A/img/inline.png',
        'A/img/og.png',
        'A/js/app.js',
        'A/site.webmanifest',
        'P/about/',
        'P/blog/contact/',
        'P/go/casino/',
      ].sort(),
    )
  })

  it('reads stylesheets, sitemaps, robots.txt, _redirects and web manifests', () => {
    expect(refsOf('css/x.css', '.a{background:url(../img/b.png)}@import url("/css/y.css");', hosts)).toEqual(['A/css/y.css', 'A/img/b.png'])
    expect(refsOf('sitemap.xml', '<urlset><url><loc>https://example.test/a/</loc></url></urlset>', hosts)).toEqual(['P/a/'])
    expect(refsOf('robots.txt', 'User-agent: *\nSitemap: https://example.test/sitemap.xml\n', hosts)).toEqual(['A/sitemap.xml'])
    expect(refsOf('_redirects', '/old/ /new/ 301\n/go/x https://elsewhere.test/ 302\n', hosts)).toEqual(['P/new/'])
    expect(refsOf('site.webmanifest', '{"icons":[{"src":"/icon-192.png"}]}', hosts)).toEqual(['A/icon-192.png'])
    expect(refsOf('img/a.png', new Uint8Array([1, 2, 3]), hosts)).toEqual([])
  })

  it('keeps only this site: other hosts, schemes and fragments are not internal', () => {
    expect(internalPath('https://other.test/a', 'index.html', hosts)).toBeNull()
    expect(internalPath('data:image/png;base64,AAA', 'index.html', hosts)).toBeNull()
    expect(internalPath('#x', 'index.html', hosts)).toBeNull()
    expect(internalPath('//example.test/a%20b.png', 'index.html', hosts)).toBe('/a b.png')
  })
})

describe('checkTree', () => {
  const tree = new Set(['index.html', 'about/index.html', 'contact.html', 'css/s.css', 'img/a.png'])
  const has = (p: string) => tree.has(p)

  it('resolves the way static hosts serve files', () => {
    expect(resolves('/', has)).toBe(true)
    expect(resolves('/about/', has)).toBe(true)
    expect(resolves('/about', has)).toBe(true)
    expect(resolves('/contact', has)).toBe(true)
    expect(resolves('/contact/', has)).toBe(false)
    expect(resolves('/img/a.png', has)).toBe(true)
  })

  it('fails on a missing asset and warns on a missing page, counting _redirects sources as resolved', () => {
    const result = checkTree({
      refs: [
        ['index.html', ['A/css/s.css', 'A/img/missing.png', 'P/about/', 'P/gone/', 'P/old/', 'P/go/x/']],
        ['about/index.html', ['A/img/a.png', 'P/']],
      ],
      has,
      redirects: '/old/ /about/ 301\n/go/* https://elsewhere.test/ 302\n',
    })
    expect(result.missing).toEqual([{ file: 'index.html', ref: '/img/missing.png' }])
    expect(result.broken).toEqual([{ file: 'index.html', ref: '/gone/' }])
    expect(result.checked).toBe(8)
    expect(missingAssetsMessage(result.missing)).toContain('"index.html" references /img/missing.png')
  })

  it('finds every reference to a removed file, whichever file of the tree is removed (property)', () => {
    const files = ['index.html', 'a/index.html', 'b.html', 'css/s.css', 'img/x.png', 'img/x-320.avif', 'img/y.webp']
    const urlOf = (f: string) => (f.endsWith('index.html') ? `/${f.slice(0, -'index.html'.length)}` : `/${f}`)
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...files.filter((f) => f.endsWith('.html'))), fc.array(fc.constantFrom(...files), { maxLength: 6 })), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...files),
        (pages, removed) => {
          const present = new Set(files.filter((f) => f !== removed))
          const refs = pages.map(([page, targets]) => [page, targets.map((t) => `${t.endsWith('.html') ? 'P' : 'A'}${urlOf(t)}`)] as [string, string[]])
          const result = checkTree({ refs, has: (p) => present.has(p) })
          const expected = refs.flatMap(([page, list]) => list.filter((r) => r.slice(1) === urlOf(removed)).map((r) => ({ file: page, ref: r.slice(1), kind: r[0] })))
          expect(result.missing.length + result.broken.length).toBe(expected.length)
          expect(result.missing.length).toBe(expected.filter((e) => e.kind === 'A').length)
        },
      ),
    )
  })
})
