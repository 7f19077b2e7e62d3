import type { SiteSnapshot, UrlStyle } from './types'

export const HOME_SLUG = 'index'

export const urlStyleOf = (snapshot: Pick<SiteSnapshot, 'site' | 'footprint'>): UrlStyle =>
  snapshot.site.urlStyle !== 'footprint' ? snapshot.site.urlStyle : (snapshot.footprint?.pageUrlStyle ?? 'directory')

/** The public URL path of a page in the site's URL style. */
export const pageUrl = (slug: string, style: UrlStyle): string => {
  if (slug === HOME_SLUG) return '/'
  switch (style) {
    case 'html':
      return `/${slug}.html`
    case 'htm':
      return `/${slug}.htm`
    case 'php':
      return `/${slug}.php`
    case 'index-php':
      return `/index.php/${slug}/`
    default:
      return `/${slug}/`
  }
}

/** The file that serves a page URL on a static host. */
export const pageFilePath = (url: string): string => {
  if (url === '/') return 'index.html'
  if (url.endsWith('/')) return `${url.slice(1)}index.html`
  return url.slice(1)
}

export const siteOrigin = (site: { domain: string; useWww: boolean }): string =>
  `https://${site.useWww && !site.domain.startsWith('www.') ? 'www.' : ''}${site.domain}`

/** Replaces `{name}` in a footprint path with its variable; unknown names are left for the author to see. */
export const expandPath = (template: string | null | undefined, vars: Record<string, string>, fallback: string): string => {
  const raw = template && template.trim() !== '' ? template : fallback
  return raw
    .replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => vars[name] ?? whole)
    .replace(/^\/+|\/+$/g, '')
}

export type AssetLayout = { css: string; js: string; images: string; assets: string; theme: string }

export const assetLayout = (snapshot: Pick<SiteSnapshot, 'footprint'>): AssetLayout => {
  const fp = snapshot.footprint
  const vars = fp?.pathVariables ?? {}
  return {
    css: expandPath(fp?.cssPath, vars, 'assets/css'),
    js: expandPath(fp?.jsPath, vars, 'assets/js'),
    images: expandPath(fp?.imagesPath, vars, 'assets/images'),
    assets: expandPath(fp?.assetsPath, vars, 'assets'),
    theme: expandPath(fp?.themePath, vars, 'assets'),
  }
}
