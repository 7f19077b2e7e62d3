import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'

import { trackerFunction, trackerScript } from '@/plugins/analytics/core/tracker'

type Sent = { url: string; init: RequestInit & { keepalive?: boolean } }

/** The real minified tracker run in a DOM, with fetch recorded instead of sent. */
const run = ({ url = 'https://best-guides.com/reviews/?utm_source=news', referrer = 'https://www.google.com/', setup }: { url?: string; referrer?: string; setup?: (w: any) => void } = {}) => {
  const dom = new JSDOM(
    `<!doctype html><body><a id="aff" href="/go/casino/" rel="sponsored nofollow">A</a><a id="out" href="https://elsewhere.example/x">B</a><a id="in" href="/about/">C</a></body>`,
    { url, referrer, runScripts: 'outside-only' },
  )
  const w = dom.window as any
  const sent: Sent[] = []
  w.fetch = (u: string, init: RequestInit) => {
    sent.push({ url: u, init })
    return Promise.resolve({})
  }
  setup?.(w)
  const script = trackerScript({ siteId: 7, collectorUrl: 'https://collect.panel.example/' })
  w.eval(script.replace(/^<script>|<\/script>$/g, ''))
  const bodies = () => sent.map((s) => JSON.parse(String(s.init.body)))
  return { w, sent, bodies }
}

describe('tracker', () => {
  it('is under 1 KB minified, with the site and URL around it', () => {
    expect(Buffer.byteLength(trackerFunction())).toBeLessThan(1024)
    const tag = trackerScript({ siteId: 7, collectorUrl: 'https://collect.panel.example' })
    expect(tag).toMatch(/^<script>\(function.*\)\(7,"https:\/\/collect\.panel\.example\/track"\)<\/script>$/s)
    expect(Buffer.byteLength(tag)).toBeLessThan(1024)
  })

  it('sends one page view on load, as a plain-text keepalive POST (no preflight)', () => {
    const { sent, bodies } = run()
    expect(sent).toHaveLength(1)
    expect(sent[0].url).toBe('https://collect.panel.example/track')
    expect(sent[0].init.method).toBe('POST')
    expect(sent[0].init.keepalive).toBe(true)
    expect(sent[0].init.headers).toBeUndefined() // a string body is text/plain: a simple request
    expect(typeof sent[0].init.body).toBe('string')
    expect(bodies()[0]).toEqual({ s: 7, t: 'pageview', h: 'best-guides.com', p: '/reviews/', q: '?utm_source=news', r: 'https://www.google.com/' })
  })

  it('sends a page view on SPA navigation (pushState, popstate), not twice for one path, and no referrer after the first', async () => {
    const { w, bodies } = run()
    w.history.pushState({}, '', '/second/')
    w.history.pushState({}, '', '/second/')
    w.history.pushState({}, '', '/third/')
    // back() moves and fires popstate in a later task, as browsers do
    w.history.back()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const paths = bodies().map((b) => b.p)
    expect(paths).toEqual(['/reviews/', '/second/', '/third/', '/second/'])
    expect(bodies().slice(1).every((b) => b.r === '')).toBe(true)
  })

  it('records clicks on affiliate and outbound links, not on internal ones', () => {
    const { w, bodies } = run()
    for (const id of ['aff', 'out', 'in']) w.document.getElementById(id).dispatchEvent(new w.MouseEvent('click', { bubbles: true, cancelable: true }))
    const clicks = bodies().filter((b) => b.t === 'click')
    expect(clicks.map((c) => c.x)).toEqual(['https://best-guides.com/go/casino/', 'https://elsewhere.example/x'])
  })

  it.each([
    ['localhost', { url: 'http://localhost:3000/' }],
    ['127.0.0.1', { url: 'http://127.0.0.1:8080/' }],
    ['automation (navigator.webdriver)', { setup: (w: any) => Object.defineProperty(w.navigator, 'webdriver', { value: true }) }],
    ['Do Not Track', { setup: (w: any) => Object.defineProperty(w.navigator, 'doNotTrack', { value: '1' }) }],
  ])('sends nothing from %s', (_name, options) => {
    const { w, sent } = run(options as never)
    w.history.pushState({}, '', '/x/')
    w.document.getElementById('out').dispatchEvent(new w.MouseEvent('click', { bubbles: true }))
    expect(sent).toHaveLength(0)
  })

  it('cannot be broken out of by the collector URL', () => {
    const tag = trackerScript({ siteId: 1, collectorUrl: 'https://x.example/</script><script>alert(1)//' })
    expect(tag.match(/<\/script/gi)).toHaveLength(1)
  })
})
