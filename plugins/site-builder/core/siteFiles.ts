import { affiliateRedirectUrl } from '../../analytics/core/tracker'
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

/** Cloudflare Pages `_redirects`: affiliate links go out from /go/<code>/ so their URLs can change without a rebuild of every page. */
export const redirectsFile = (snapshot: SiteSnapshot): string => {
  const links = Object.values(snapshot.affiliateLinks)
    .filter((l) => l.active)
    .sort((a, b) => (a.code < b.code ? -1 : 1))
  return links.flatMap((l) => [`/go/${l.code}/ ${affiliateTarget(snapshot, l)} 302`, `/go/${l.code} ${affiliateTarget(snapshot, l)} 302`]).join('\n') + (links.length ? '\n' : '')
}
