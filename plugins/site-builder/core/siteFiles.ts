import { affiliateRedirectUrl } from '../../analytics/core/tracker'
import { redirectDeclarations, type EmittedRedirect } from '../../fleet/redirects/core/paths'
import { escapeHtml } from './safe'
import type { SiteSnapshot } from './types'

export type SitemapEntry = { loc: string; lastmod: string }

export const sitemapXml = (entries: SitemapEntry[]): string =>
  [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries.map((e) => `  <url><loc>${escapeHtml(e.loc)}</loc><lastmod>${e.lastmod}</lastmod></url>`),
    '</urlset>',
    '',
  ].join('\n')

export const robotsTxt = (snapshot: SiteSnapshot, origin: string): string =>
  snapshot.site.allowIndexing
    ? `User-agent: *\nAllow: /\n\nSitemap: ${origin}/sitemap.xml\n`
    : 'User-agent: *\nDisallow: /\n'

/** Cloudflare Pages `_headers`; other hosts ignore it. */
export const headersFile = ({ assetDirs, legacyExtensions }: { assetDirs: string[]; legacyExtensions: string[] }): string => {
  const lines = [
    '/*',
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  X-Frame-Options: SAMEORIGIN',
    '  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()',
    '  Strict-Transport-Security: max-age=31536000; includeSubDomains',
    '  Cache-Control: public, max-age=0, must-revalidate',
    '',
  ]
  for (const dir of [...new Set(assetDirs)].sort()) {
    // Pages joins the values of every matching rule: detach the site-wide one first, or assets are never cached
    lines.push(`/${dir}/*`, '  ! Cache-Control', '  Cache-Control: public, max-age=31536000, immutable', '')
  }
  for (const ext of legacyExtensions) {
    // legacy page URLs (/page.php) are HTML, whatever their extension says
    lines.push(`/*.${ext}`, '  Content-Type: text/html; charset=utf-8', '')
  }
  return lines.join('\n')
}

/** Where /go/<code>/ leads: through the analytics collector, which counts the click, when the site has analytics on. */
export const affiliateTarget = (snapshot: SiteSnapshot, link: { code: string; url: string }): string =>
  snapshot.analytics ? affiliateRedirectUrl({ collectorUrl: snapshot.analytics.collectorUrl, siteId: snapshot.site.id, code: link.code }) : link.url

/**
 * What Cloudflare Pages reads of `_redirects` (developers.cloudflare.com/pages/configuration/redirects, "Per file"):
 * 2,000 static rules and 100 dynamic ones (Panel writes only static, exact paths), each declaration at most 1,000
 * characters. Rules past the limit are not applied there, while the local-folder live URL would apply them all.
 */
export const PAGES_REDIRECT_LIMITS = { staticRules: 2000, lineLength: 1000 } as const

/** A redirect that did not fit in `_redirects`: published as an HTML page at its old address, `file` (`redirectPagePath`). */
export type RedirectPage = { from: string; to: string; file: string }

/**
 * The file that answers `from` on a static host, for a redirect published as a page: `/old/` and `/old` are
 * `old/index.html`, `/old.html` (or .htm) is itself. Null for the root and for other extensions (an HTML page at
 * /feed.xml would be served as XML).
 */
export const redirectPagePath = (from: string): string | null => {
  if (from === '/' || !from.startsWith('/')) return null
  const raw = from.slice(1).split('/')
  const isFolder = raw.at(-1) === ''
  if (isFolder) raw.pop()
  const segments: string[] = []
  for (const part of raw) {
    let segment: string
    try {
      segment = decodeURIComponent(part) // a host serves /caf%C3%A9/ from café/
    } catch {
      return null
    }
    // a file of this site only: no empty, "." or ".." segment, no separator or control character decoded from %XX
    // eslint-disable-next-line no-control-regex
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\u0000-\u001f\u007f]/.test(segment)) return null
    segments.push(segment)
  }
  const path = segments.join('/')
  if (isFolder) return `${path}/index.html`
  const last = segments.at(-1)!
  if (!last.includes('.')) return `${path}/index.html`
  return /\.html?$/i.test(last) ? path : null
}

/**
 * Cloudflare Pages `_redirects`, within its limits: affiliate links go out from /go/<code>/ so their URLs can change
 * without a rebuild of every page; then the site's redirects (old URLs), a page target by the URL the page has in this
 * build. A redirect to a page that is not published, or from a URL a published page has, is left out with a warning.
 *
 * A declaration that does not fit (`PAGES_REDIRECT_LIMITS`: past the 2,000th rule, or a line over 1,000 characters)
 * is not written, so that Cloudflare and the local folder answer alike: an affiliate link is still answered by its
 * /go/<code>/ page (the build always writes one), and a site redirect is returned in `pages`, for the build to
 * publish as a page at the old address that sends the visitor on (meta refresh, canonical link).
 */
export const planRedirects = (
  snapshot: SiteSnapshot,
  pageUrls: ReadonlyMap<string, string> = new Map(),
  warnings: string[] = [],
  limits: { staticRules: number; lineLength: number } = PAGES_REDIRECT_LIMITS,
): { body: string; pages: RedirectPage[] } => {
  const lines: string[] = []
  let left = limits.staticRules
  const fits = (declared: string[]) => declared.length <= left && declared.every((line) => line.length <= limits.lineLength)
  let overflowLinks = 0
  const links = Object.values(snapshot.affiliateLinks)
    .filter((l) => l.active)
    .sort((a, b) => (a.code < b.code ? -1 : 1))
  for (const l of links) {
    const declared = [`/go/${l.code}/ ${affiliateTarget(snapshot, l)} 302`, `/go/${l.code} ${affiliateTarget(snapshot, l)} 302`]
    if (!fits(declared)) {
      overflowLinks++
      continue
    }
    lines.push(...declared)
    left -= declared.length
  }
  const rules: EmittedRedirect[] = []
  for (const r of snapshot.redirects ?? []) {
    const to = r.toPage != null ? pageUrls.get(String(r.toPage)) : (r.toPath ?? undefined)
    if (to === undefined) {
      warnings.push(`The redirect from ${r.from} leads to a page that is not published: it was left out of _redirects.`)
      continue
    }
    rules.push({ from: r.from, to, status: r.status })
  }
  const live = new Set([...pageUrls.values()].map((url) => url.replace(/\/+$/, '') || '/'))
  const isLive = (path: string) => live.has(path.replace(/\/+$/, '') || '/')
  for (const rule of rules) if (isLive(rule.from)) warnings.push(`The redirect from ${rule.from} was left out of _redirects: a published page has that URL.`)
  const pages: RedirectPage[] = []
  for (const { rule, lines: declared } of redirectDeclarations(rules, isLive)) {
    if (fits(declared)) {
      lines.push(...declared)
      left -= declared.length
      continue
    }
    const file = redirectPagePath(rule.from)
    if (file !== null) pages.push({ from: rule.from, to: rule.to, file })
    else {
      warnings.push(`The redirect from ${rule.from} did not fit in _redirects (Cloudflare reads ${limits.staticRules} rules of at most ${limits.lineLength} characters) and cannot be a page at that address: it was left out.`)
    }
  }
  if (overflowLinks || pages.length) {
    warnings.push(
      `${overflowLinks + pages.length} redirect${overflowLinks + pages.length === 1 ? '' : 's'} did not fit in _redirects (Cloudflare reads ${limits.staticRules} rules of at most ${limits.lineLength} characters): ` +
        [overflowLinks ? `${overflowLinks} affiliate link${overflowLinks === 1 ? '' : 's'} answered by ${overflowLinks === 1 ? 'its' : 'their'} /go/ page` : '', pages.length ? `${pages.length} old address${pages.length === 1 ? '' : 'es'} published as a page that sends visitors on` : '']
          .filter(Boolean)
          .join(', ') +
        '.',
    )
  }
  return { body: lines.join('\n') + (lines.length ? '\n' : ''), pages }
}

/** The `_redirects` file alone (`planRedirects`' body). */
export const redirectsFile = (snapshot: SiteSnapshot, pageUrls: ReadonlyMap<string, string> = new Map(), warnings: string[] = []): string =>
  planRedirects(snapshot, pageUrls, warnings).body
