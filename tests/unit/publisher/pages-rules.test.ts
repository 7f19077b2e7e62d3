import { describe, expect, it } from 'vitest'

import { headersFor, matchRedirect, parseHeaders, parseRedirects } from '../../../plugins/publisher/core/pagesRules'

describe("Cloudflare Pages' _redirects", () => {
  const rules = parseRedirects(`# comments and blank lines are skipped

/old /new 301
/blog/:year/:slug /posts/:year-:slug
/docs/* /manual/:splat 308
/app/* /index.html 200
/elsewhere https://example.org/landing 302
/bad-status /x 418
/proxy https://example.org/ 200
`)

  it('matches in order, with placeholders and the splat filled in', () => {
    expect(matchRedirect(rules, '/old')).toEqual({ to: '/new', status: 301 })
    expect(matchRedirect(rules, '/blog/2026/hello')).toEqual({ to: '/posts/2026-hello', status: 302 })
    expect(matchRedirect(rules, '/docs/a/b/c.html')).toEqual({ to: '/manual/a/b/c.html', status: 308 })
    expect(matchRedirect(rules, '/app/settings/profile')).toEqual({ to: '/index.html', status: 200 })
    expect(matchRedirect(rules, '/elsewhere')).toEqual({ to: 'https://example.org/landing', status: 302 })
  })

  it('skips what Pages refuses: unknown statuses and 200s to other hosts', () => {
    expect(matchRedirect(rules, '/bad-status')).toBeNull()
    expect(matchRedirect(rules, '/proxy')).toBeNull()
    expect(matchRedirect(rules, '/blog/2026')).toBeNull() // a placeholder is one whole segment
    expect(matchRedirect(rules, '/old/')).toBeNull()
  })
})

describe("Cloudflare Pages' _headers", () => {
  const rules = parseHeaders(`/*
  X-Frame-Options: DENY
  Cache-Control: public, max-age=0

/assets/*
  Cache-Control: max-age=31536000

/embed/:page
  ! X-Frame-Options
  Content-Security-Policy: frame-ancestors *

https://:project.pages.dev/*
  X-Robots-Tag: noindex
`)

  it('applies every matching rule, joining a header two rules set', () => {
    expect(Object.fromEntries(headersFor(rules, '/'))).toEqual({ 'x-frame-options': 'DENY', 'cache-control': 'public, max-age=0' })
    expect(headersFor(rules, '/assets/css/x.css').get('cache-control')).toBe('public, max-age=0, max-age=31536000')
  })

  it('detaches a header with "! Name" and ignores rules for other hosts', () => {
    const embed = headersFor(rules, '/embed/video')
    expect(embed.has('x-frame-options')).toBe(false)
    expect(embed.get('content-security-policy')).toBe('frame-ancestors *')
    expect(headersFor(rules, '/embed/video/more').has('x-frame-options')).toBe(true) // one segment only
    expect(headersFor(rules, '/').has('x-robots-tag')).toBe(false)
  })
})
