import { affiliateRedirectUrl } from '../../analytics/core/tracker'
import { redirectLines, type EmittedRedirect } from '../../fleet/redirects/core/paths'
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
 * Cloudflare Pages `_redirects`: affiliate links go out from /go/<code>/ so their URLs can change without a rebuild
 * of every page; then the site's redirects (old URLs), a page target by the URL the page has in this build. A
 * redirect to a page that is not published, or from a URL a published page has, is left out with a warning.
 */
export const redirectsFile = (snapshot: SiteSnapshot, pageUrls: ReadonlyMap<string, string> = new Map(), warnings: string[] = []): string => {
  const links = Object.values(snapshot.affiliateLinks)
    .filter((l) => l.active)
    .sort((a, b) => (a.code < b.code ? -1 : 1))
  const lines = links.flatMap((l) => [`/go/${l.code}/ ${affiliateTarget(snapshot, l)} 302`, `/go/${l.code} ${affiliateTarget(snapshot, l)} 302`])
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
  lines.push(...redirectLines(rules, isLive))
  return lines.join('\n') + (lines.length ? '\n' : '')
}
