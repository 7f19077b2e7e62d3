import type { ID, SiteSnapshot, UrlStyle } from './types'

/** Sites from before the home page was a choice on the site: the page with this slug is their home page. */
export const HOME_SLUG = 'index'

/**
 * The site's home page among `pages` (the published ones): the page chosen on the site; when none is
 * chosen, or the chosen one is not among them (not published yet), the page with the slug "index".
 */
export const homePageOf = <P extends { id: ID; slug: string }>(homePage: ID | null | undefined, pages: readonly P[]): P | undefined =>
  (homePage != null ? pages.find((p) => String(p.id) === String(homePage)) : undefined) ?? pages.find((p) => p.slug === HOME_SLUG)

export const urlStyleOf = (snapshot: Pick<SiteSnapshot, 'site' | 'footprint'>): UrlStyle =>
  snapshot.site.urlStyle !== 'footprint' ? snapshot.site.urlStyle : (snapshot.footprint?.pageUrlStyle ?? 'directory')

/**
 * The public URL path of a page in the site's URL style; the home page's is `/` whatever its slug.
 * (`isHome` defaults to the old rule, the slug "index", for callers that know no home page.)
 */
export const pageUrl = (slug: string, style: UrlStyle, isHome = slug === HOME_SLUG): string => {
  if (isHome) return '/'
  // `/index.html` is the home page's file: another page with that slug is served from its own folder
  const isIndex = slug === HOME_SLUG
  switch (style) {
    case 'html':
      return isIndex ? `/${slug}/` : `/${slug}.html`
    case 'htm':
      return isIndex ? `/${slug}/` : `/${slug}.htm`
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

export type AssetLayout = { css: string; js: string; images: string; theme: string }

export const assetLayout = (snapshot: Pick<SiteSnapshot, 'footprint'>): AssetLayout => {
  const fp = snapshot.footprint
  const vars = fp?.pathVariables ?? {}
  return {
    css: expandPath(fp?.cssPath, vars, 'assets/css'),
    js: expandPath(fp?.jsPath, vars, 'assets/js'),
    images: expandPath(fp?.imagesPath, vars, 'assets/images'),
    theme: expandPath(fp?.themePath, vars, 'assets'),
  }
}
