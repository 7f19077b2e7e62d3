import type { GenerateURL } from '@payloadcms/plugin-seo/types'

import { HOME_SLUG, pageUrl, siteOrigin } from '@/plugins/site-builder/core/urls'
import type { Page, Site, TemplateFootprint } from '@/payload-types'

/** The address a page will have once published, for the SEO preview. */
export const pagePublicUrl: GenerateURL<Page> = async ({ doc, req }) => {
  const siteRef = doc?.site
  if (!siteRef || !doc?.slug) return ''
  const site: Site | null =
    typeof siteRef === 'object'
      ? siteRef
      : await req.payload.findByID({ collection: 'sites', id: siteRef, depth: 1, req, overrideAccess: false, user: req.user, disableErrors: true })
  if (!site) return ''
  return `${siteOrigin({ domain: site.domain, useWww: Boolean(site.useWww) })}${pagePublicPath(site, doc)}`
}

/**
 * The path of a page's public URL (`/slug/`, `/slug.html`, `/` for the home page) on its site, loaded with its
 * footprint (depth 1) or given the footprint's URL style: what the SEO preview shows and what redirects record.
 */
export const pagePublicPath = (
  site: Pick<Site, 'urlStyle' | 'footprint' | 'homePage'>,
  doc: Pick<Page, 'id'> & { slug?: string | null },
  footprintStyle?: TemplateFootprint['pageUrlStyle'],
): string => {
  const footprint = typeof site.footprint === 'object' ? (site.footprint as TemplateFootprint | null) : null
  const style = site.urlStyle && site.urlStyle !== 'footprint' ? site.urlStyle : (footprintStyle ?? footprint?.pageUrlStyle ?? 'directory')
  const homeId = site.homePage && typeof site.homePage === 'object' ? site.homePage.id : site.homePage
  // the chosen home page is served at `/`; without a choice, the page with the slug "index" is
  const isHome = homeId != null ? String(homeId) === String(doc.id) : doc.slug === HOME_SLUG
  return pageUrl(doc.slug ?? '', style, isHome)
}
