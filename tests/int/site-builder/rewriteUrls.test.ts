import { describe, expect, it } from 'vitest'

import { rewriteCss, rewriteHtml } from '@/src/app/(sites)/preview/_lib/rewriteUrls'

const BASE = '/preview/42'

describe('rewriting a built site for /preview/<siteId>/', () => {
  it('moves root-relative links, sources and form actions under the base', () => {
    const html = `<link rel="stylesheet" href="/assets/css/style.abc.css"><a href="/about/">About</a><img src='/assets/images/a.png' alt=""><form action=/search></form><a href="/">Home</a>`
    expect(rewriteHtml(html, BASE)).toBe(
      `<link rel="stylesheet" href="/preview/42/assets/css/style.abc.css"><a href="/preview/42/about/">About</a><img src='/preview/42/assets/images/a.png' alt=""><form action=/preview/42/search></form><a href="/preview/42/">Home</a>`,
    )
  })

  it('leaves absolute, protocol-relative, fragment and mailto URLs alone', () => {
    const html = `<a href="https://example.com/x">x</a><script src="//cdn.example.com/a.js"></script><a href="#top">top</a><a href="mailto:a@b.c">m</a><link rel="canonical" href="https://site.test/about/">`
    expect(rewriteHtml(html, BASE)).toBe(html)
  })

  it('rewrites every entry of a srcset', () => {
    const html = `<img src="/i/a.png" srcset="/i/a-320.webp 320w, /i/a-768.webp 768w,https://cdn.test/x.webp 1200w" sizes="100vw">`
    expect(rewriteHtml(html, BASE)).toBe(
      `<img src="/preview/42/i/a.png" srcset="/preview/42/i/a-320.webp 320w, /preview/42/i/a-768.webp 768w,https://cdn.test/x.webp 1200w" sizes="100vw">`,
    )
  })

  it('rewrites url() in style sheets, <style> and style attributes, and meta refresh targets', () => {
    expect(rewriteCss(`.a{background:url(/i/a.png)}.b{background:url("/i/b.png")}.c{background:url('//cdn/c.png')}@import "/x.css";`, BASE)).toBe(
      `.a{background:url(/preview/42/i/a.png)}.b{background:url("/preview/42/i/b.png")}.c{background:url('//cdn/c.png')}@import "/preview/42/x.css";`,
    )
    const html = `<style>.h{background:url(/i/h.png)}</style><div style="background:url(&quot;/i/d.png&quot;)"></div><meta http-equiv="refresh" content="0; url=/go/home/">`
    expect(rewriteHtml(html, BASE)).toBe(
      `<style>.h{background:url(/preview/42/i/h.png)}</style><div style="background:url(&quot;/preview/42/i/d.png&quot;)"></div><meta http-equiv="refresh" content="0; url=/preview/42/go/home/">`,
    )
  })

  it('does not touch text that merely looks like an attribute', () => {
    const html = `<p>Use href=&quot;/x&quot; in your links</p>`
    expect(rewriteHtml(html, BASE)).toBe(html)
  })
})
