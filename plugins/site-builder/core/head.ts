import { faqPairs } from './blocks'
import { html, jsonForScript, safe, type SafeHtml } from './safe'
import type { ImageView } from './resolve'
import type { SiteSnapshot, SnapshotPage } from './types'

type HeadArgs = {
  snapshot: SiteSnapshot
  page: SnapshotPage
  origin: string
  url: string
  canonical: string
  title: string
  description: string | null
  ogImage: ImageView | null
  logo: ImageView | null
  favicon: ImageView | null
  breadcrumbs: { name: string; url: string }[]
  styles: SafeHtml
  /** Tags the caller adds (generated icons); they replace the plain favicon link. */
  extra: string | null
}

const structuredData = ({ snapshot, page, origin, url, canonical, logo, breadcrumbs }: HeadArgs): unknown[] => {
  const { site } = snapshot
  const data: unknown[] = []
  // the home page (whatever its slug) is the one served at `/`
  if (url === '/') {
    data.push({ '@context': 'https://schema.org', '@type': 'WebSite', name: site.brandName, url: `${origin}/`, inLanguage: site.language })
    data.push({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: site.brandName,
      url: `${origin}/`,
      ...(logo ? { logo: `${origin}${logo.url}` } : {}),
    })
  }
  if (breadcrumbs.length > 1) {
    data.push({
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: breadcrumbs.map((crumb, i) => ({ '@type': 'ListItem', position: i + 1, name: crumb.name, item: crumb.url })),
    })
  }
  const faqs = faqPairs(page.blocks)
  if (faqs.length > 0) {
    data.push({
      '@context': 'https://schema.org',
      '@type': 'FAQPage',
      mainEntity: faqs.map((f) => ({ '@type': 'Question', name: f.question, acceptedAnswer: { '@type': 'Answer', text: f.answer } })),
    })
  }
  void canonical
  return data
}

/** Everything the builder puts in `<head>`: the template prints it with `{{ head }}`. */
export const buildHead = (args: HeadArgs): SafeHtml => {
  const { snapshot, page, origin, canonical, title, description, ogImage, favicon, styles } = args
  const { site } = snapshot
  const robots = site.allowIndexing ? 'index, follow' : 'noindex, nofollow'
  const locale = site.language.replace('-', '_')
  const parts: SafeHtml[] = [
    html`<meta charset="utf-8">`,
    html`<meta name="viewport" content="width=device-width, initial-scale=1">`,
    html`<title>${title}</title>`,
    description ? html`<meta name="description" content="${description}">` : safe(''),
    html`<meta name="robots" content="${robots}">`,
    html`<link rel="canonical" href="${canonical}">`,
    html`<meta property="og:type" content="${args.url === '/' ? 'website' : 'article'}">`,
    html`<meta property="og:site_name" content="${site.brandName}">`,
    html`<meta property="og:title" content="${title}">`,
    description ? html`<meta property="og:description" content="${description}">` : safe(''),
    html`<meta property="og:url" content="${canonical}">`,
    html`<meta property="og:locale" content="${locale}">`,
    ogImage ? html`<meta property="og:image" content="${origin}${ogImage.url}">` : safe(''),
    html`<meta name="twitter:card" content="${ogImage ? 'summary_large_image' : 'summary'}">`,
    args.extra ? safe(args.extra) : favicon ? html`<link rel="icon" href="${favicon.url}" type="${favicon.mime_type}">` : safe(''),
    styles,
    ...structuredData(args).map((data) => safe(`<script type="application/ld+json">${jsonForScript(data)}</script>`)),
    // admins only may set it; it is inserted exactly as written
    page.customHeadHtml ? safe(page.customHeadHtml) : safe(''),
  ]
  return safe(parts.map((p) => p.html).filter(Boolean).join('\n'))
}
