import { minify_sync } from 'terser'

/**
 * The tracker as written. It is wrapped in a function taking the site id and
 * the collector's /track URL, so the minified body is the same for every site.
 * - one page view on load, one per SPA navigation (pushState, popstate), none twice in a row for one path;
 * - fetch keepalive with a string body: sent as text/plain, a "simple" request, so no CORS preflight;
 * - nothing from localhost or file:, from automation (navigator.webdriver) or with Do Not Track on;
 * - clicks on affiliate (rel=sponsored or /go/) and outbound links become click events.
 */
const SOURCE = `function(site, api) {
  var w = window, d = document, n = navigator, l = location, last, first = 1
  if (/^(localhost|127\\.|0\\.0\\.0\\.0|\\[::1\\])/.test(l.hostname) || l.protocol == 'file:' || n.webdriver || n.doNotTrack == '1' || w.doNotTrack == '1') return
  function send(type, target) {
    try {
      fetch(api, { method: 'POST', keepalive: true, body: JSON.stringify({ s: site, t: type, h: l.hostname, p: l.pathname, q: l.search, r: first ? d.referrer : '', x: target }) })['catch'](function () {})
    } catch (e) {}
  }
  function view() {
    if (last == l.pathname) return
    last = l.pathname
    send('pageview')
    first = 0
  }
  var h = w.history, push = h.pushState
  if (push) {
    h.pushState = function () {
      push.apply(h, arguments)
      view()
    }
    w.addEventListener('popstate', view)
  }
  d.addEventListener('click', function (e) {
    var a = e.target && e.target.closest && e.target.closest('a[href]')
    if (a && (/sponsored/.test(a.rel) || /^\\/go\\//.test(a.pathname) || a.host != l.host)) send('click', a.href)
  }, true)
  view()
}`

let minified: string | undefined

/** The minified tracker function (no site or URL in it). */
export const trackerFunction = (): string => {
  if (minified === undefined) {
    // assigned so the minifier keeps it; the assignment is cut off again below
    const out = minify_sync(`window.__t=${SOURCE}`, { compress: { passes: 2 }, mangle: true })
    if (!out.code?.startsWith('window.__t=')) throw new Error('The tracker did not minify')
    minified = `(${out.code.slice('window.__t='.length).replace(/;?\s*$/, '')})`
  }
  return minified
}

/** Where a site's collector takes events; the collector URL is the public one (ANALYTICS_COLLECTOR_URL). */
export const trackUrl = (collectorUrl: string): string => `${collectorUrl.replace(/\/+$/, '')}/track`

/** The whole inline script for one site, as the builder puts it before </body>. */
export const trackerScript = ({ siteId, collectorUrl }: { siteId: number | string; collectorUrl: string }): string => {
  const id = Number(siteId)
  // JSON.stringify escapes quotes; "</" is escaped too so the URL cannot end the script element
  const url = JSON.stringify(trackUrl(collectorUrl)).replace(/<\//g, '<\\/')
  return `<script>${trackerFunction()}(${Number.isSafeInteger(id) ? id : JSON.stringify(String(siteId))},${url})</script>`
}

/** The affiliate redirect on the collector for one of a site's links (what /go/<code>/ on the built site leads to). */
export const affiliateRedirectUrl = ({ collectorUrl, siteId, code }: { collectorUrl: string; siteId: number | string; code: string }): string =>
  `${collectorUrl.replace(/\/+$/, '')}/go/${encodeURIComponent(String(siteId))}/${encodeURIComponent(code)}`
