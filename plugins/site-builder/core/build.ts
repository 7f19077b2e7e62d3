import type { Liquid } from 'liquidjs'

import { BLOCK_TYPES, blockView, partialName } from './blocks'
import { hashOf, sha256 } from './hash'
import { buildHead } from './head'
import { checkOutputSize, createEngine, DEFAULT_LIMITS, parseOrThrow, renderOrThrow, type Limits } from './liquid'
import { Resolver } from './resolve'
import { escapeHtml, html, safe, type SafeHtml } from './safe'
import { headersFile, redirectsFile, robotsTxt, sitemapXml } from './siteFiles'
import { assetLayout, HOME_SLUG, pageFilePath, pageUrl, siteOrigin, urlStyleOf } from './urls'
import {
  BuildError,
  type BuildCache,
  type BuildOptions,
  type BuildResult,
  type NeededFile,
  type OutputFile,
  type PageResult,
  type SiteSnapshot,
  type SnapshotPage,
} from './types'

const HTML = 'text/html; charset=utf-8'

export type BuildSiteOptions = BuildOptions & {
  /** Default block partials by block type (blocks/<Name>/<name>.liquid), loaded by the caller. */
  partials: Record<string, string>
  /** Extra script tags for every page (the analytics tracker). */
  extraScripts?: string
}

/** Site values over template defaults; a required variable with neither stops the build. */
export const resolveVariables = (snapshot: SiteSnapshot): Record<string, string | number | boolean> => {
  const values: Record<string, string | number | boolean> = {}
  for (const def of snapshot.template.variables) {
    const own = snapshot.site.templateVariables?.[def.name]
    const value = own !== undefined && own !== '' ? own : (def.defaultValue ?? '')
    if (def.required && (value === '' || value === null)) {
      throw new BuildError(
        `Template "${snapshot.template.name}" needs the variable "${def.name}"${def.description ? ` (${def.description})` : ''}: set it in the site's template variables or give it a default.`,
        { variable: def.name },
      )
    }
    values[def.name] = value
  }
  for (const [name, value] of Object.entries(snapshot.site.templateVariables ?? {})) if (!(name in values)) values[name] = value
  return values
}

/** The site's colours (template defaults, site overrides) as `:root` custom properties. */
export const colorCss = (snapshot: SiteSnapshot): string => {
  const colors = { ...snapshot.template.colorVariables, ...snapshot.site.customColors }
  const entries = Object.entries(colors).sort(([a], [b]) => (a < b ? -1 : 1))
  return entries.length ? `:root{${entries.map(([k, v]) => `--${k}:${v}`).join(';')}}\n` : ''
}

type Compiled = { engine: Liquid; parts: Map<string, ReturnType<Liquid['parse']>>; css: string; js: string }

/** Every Liquid source of the template by part name, with the label errors use for it. */
const templateSources = (snapshot: SiteSnapshot, defaults: Record<string, string>) => {
  const { template } = snapshot
  const liquid: Record<string, string> = {}
  const labels: Record<string, string> = {}
  for (const type of BLOCK_TYPES) if (defaults[type]) liquid[partialName(type)] = defaults[type]
  if (template.faqHtml) liquid[partialName('faq')] = template.faqHtml
  for (const override of template.blockTemplates) liquid[partialName(override.blockType)] = override.html
  for (const name of Object.keys(liquid)) labels[name] = `block partial "${name.slice(6)}"`
  if (template.type === 'monolithic') {
    if (!template.html) throw new BuildError(`Template "${template.name}" is monolithic but has no HTML layout`, { part: 'html' })
    liquid.layout = template.html
    labels.layout = 'layout'
  } else {
    const sections = [...template.sections].sort((a, b) => a.order - b.order)
    if (sections.length === 0) throw new BuildError(`Template "${template.name}" is sectional but has no sections`, { part: 'sections' })
    sections.forEach((s, i) => {
      liquid[`section:${i}`] = s.html ?? ''
      labels[`section:${i}`] = `section "${s.name}"`
    })
  }
  if (template.menuHtml) (liquid.menu = template.menuHtml), (labels.menu = 'menu')
  if (template.footerMenuHtml) (liquid.footerMenu = template.footerMenuHtml), (labels.footerMenu = 'footer menu')
  return { liquid, labels }
}

const compileTemplate = (snapshot: SiteSnapshot, options: BuildSiteOptions, limits: Limits, warnings: string[]): Compiled => {
  const { template } = snapshot
  const { liquid, labels } = templateSources(snapshot, options.partials)
  const css = colorCss(snapshot) + [template.css ?? '', ...template.sections.map((s) => s.css ?? '')].filter(Boolean).join('\n')
  const js = template.js?.trim() ? template.js : ''
  // parse the sources as written first, so a syntax error names the author's line, not a rewritten one
  const check = createEngine({ partials: {}, limits })
  for (const [name, source] of Object.entries(liquid)) parseOrThrow(check, labels[name], source)
  const sources = options.transformTemplate ? options.transformTemplate({ liquid, css, js }) : { liquid, css, js }
  if (options.transformTemplate) warnings.push(...((sources as { warnings?: string[] }).warnings ?? []))
  const partials = Object.fromEntries(Object.entries(sources.liquid).filter(([name]) => name.startsWith('block-')))
  const engine = createEngine({ partials, limits })
  const parts = new Map<string, ReturnType<Liquid['parse']>>()
  for (const [name, source] of Object.entries(sources.liquid)) parts.set(name, parseOrThrow(engine, labels[name] ?? name, source))
  return { engine, parts, css: sources.css, js: sources.js }
}

/** `site` as templates see it (README: layout context). */
export const siteViewOf = (snapshot: SiteSnapshot, resolver: Resolver) => {
  const { site, template } = snapshot
  return {
    domain: site.domain,
    url: siteOrigin(site),
    brand_name: site.brandName,
    language: site.language,
    colors: { ...template.colorVariables, ...site.customColors },
    logo: resolver.image(site.logo),
    favicon: resolver.image(site.favicon),
  }
}

/**
 * Renders a site. Pure: the same snapshot, partials and cache give the same
 * bytes; nothing here reads the clock, the network or the database.
 */
export const buildSite = (snapshot: SiteSnapshot, options: BuildSiteOptions): BuildResult => {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits }
  const warnings: string[] = []
  const files = new Map<string, OutputFile>()
  const { site, template } = snapshot
  const style = urlStyleOf(snapshot)
  const layout = assetLayout(snapshot)
  const origin = siteOrigin(site)
  const variables = resolveVariables(snapshot)
  const compiled = compileTemplate(snapshot, options, limits, warnings)

  const pages = [...snapshot.pages].sort((a, b) => a.order - b.order || (a.slug < b.slug ? -1 : 1))
  const pageUrls = new Map(pages.map((p) => [String(p.id), pageUrl(p.slug, style)]))
  const resolver = new Resolver(snapshot, layout, pageUrls, options.transformRichText)
  for (const asset of template.assets) {
    resolver.used.set(`/${layout.theme}/${asset.path}`, { path: `${layout.theme}/${asset.path}`, source: asset.mediaSource, contentType: asset.mimeType })
  }

  // Shared assets: CSS and JS with content hashes in their names, so they can be cached for ever.
  // template files (fonts, icons) live under the footprint's theme path; `/theme/…` in the CSS points at them
  const themeUrl = `/${layout.theme}`
  const css = compiled.css.replace(/url\(\s*(['"]?)\/theme\//g, (_m, quote: string) => `url(${quote}${themeUrl}/`)
  const { js } = compiled
  const cssPath = css.trim() ? `${layout.css}/style.${sha256(css).slice(0, 10)}.css` : null
  if (cssPath) files.set(cssPath, { body: css, contentType: 'text/css; charset=utf-8' })
  const jsPath = js ? `${layout.js}/main.${sha256(js).slice(0, 10)}.js` : null
  if (jsPath) files.set(jsPath, { body: js, contentType: 'text/javascript; charset=utf-8' })

  const styles = cssTags(template.cssOutput, css, cssPath)
  const scripts = safe(jsTags(template.jsOutput, js, jsPath) + (options.extraScripts ?? ''))

  const navigation = pages.filter((p) => p.showInMenu).map((p) => ({ label: p.menuLabel || p.title, url: pageUrls.get(String(p.id))! }))
  const siteView = siteViewOf(snapshot, resolver)
  const { logo, favicon } = siteView
  const year = snapshot.takenAt.slice(0, 4)
  const shared = hashOf({
    site,
    // the records behind the logo and favicon, not only their ids: a new alt text or size re-renders every page
    logoMedia: site.logo != null ? snapshot.media[String(site.logo)] : null,
    faviconMedia: site.favicon != null ? snapshot.media[String(site.favicon)] : null,
    template,
    footprint: snapshot.footprint,
    partials: options.partials,
    navigation,
    pages: pages.map((p) => [p.id, p.title, p.slug]),
    extraScripts: options.extraScripts ?? '',
    headExtra: options.headExtra ?? '',
    transformKey: options.transformKey ?? '',
    year,
  })

  // one list for every page: building it per page made millions of objects on big sites
  const pageList = pages.map((p) => ({ title: p.title, url: pageUrls.get(String(p.id)) }))
  const cache: BuildCache = { version: 1, pages: {} }
  const needs = new Map<string, NeededFile>()
  const results: PageResult[] = []
  const sitemap: { loc: string; lastmod: string }[] = []
  const home = pages.find((p) => p.slug === HOME_SLUG)
  if (!home && pages.length > 0) warnings.push('The site has no home page: give one page the slug "index".')

  const renderPage = (page: SnapshotPage, url: string) => {
    const isHome = page.slug === HOME_SLUG
    const views = page.blocks.map((block, i) => {
      if (template.availableBlocks.length && !template.availableBlocks.includes(block.blockType)) {
        warnings.push(`Page "${page.slug}": the template does not offer ${block.blockType} blocks; block ${i + 1} was left out.`)
        return null
      }
      const view = blockView(block, resolver, snapshot)
      if (!view) warnings.push(`Page "${page.slug}": unknown block type "${block.blockType}" was left out.`)
      return view
    })
    const canonical = page.canonicalUrl || `${origin}${url}`
    const title = page.meta.title || (isHome ? site.brandName : `${page.title} | ${site.brandName}`)
    const description = page.meta.description || null
    const ogImage = resolver.image(page.meta.image)
    const breadcrumbs = isHome ? [] : [{ name: site.brandName, url: `${origin}/` }, { name: page.title, url: `${origin}${url}` }]
    return { views, canonical, title, description, ogImage, breadcrumbs, isHome }
  }

  for (const page of pages) {
    const url = pageUrls.get(String(page.id))!
    const path = pageFilePath(url)
    resolver.deps.clear()
    const prepared = renderPage(page, url)
    // the page as stored plus every record it read: cheaper than hashing its rendered views, and complete
    // (snapshots come from one loader, so JSON key order is stable and plain JSON.stringify will do)
    const hash = sha256(`${shared}\n${JSON.stringify(page)}\n${JSON.stringify(resolver.depRecords())}`)
    const cached = options.cache?.version === 1 ? options.cache.pages[String(page.id)] : undefined
    let pageFiles: Record<string, OutputFile>
    let pageNeeds: NeededFile[] = []
    let status: PageResult['status']
    if (cached && cached.hash === hash && cached.files[path]) {
      pageFiles = cached.files
      pageNeeds = cached.needs ?? []
      status = 'skipped'
    } else {
      const pageView = {
        title: page.title,
        h1: page.h1 || page.title,
        slug: page.slug,
        url,
        canonical: prepared.canonical,
        meta_title: prepared.title,
        meta_description: prepared.description,
        keywords: page.keywords,
        is_home: prepared.isHome,
      }
      const content = safe(
        prepared.views
          .map((view, i) => {
            if (!view) return ''
            const block = page.blocks[i]
            const partial = compiled.parts.get(partialName(block.blockType))
            if (!partial) {
              warnings.push(`Page "${page.slug}": no partial for ${block.blockType} blocks; block ${i + 1} was left out.`)
              return ''
            }
            const context = { ...view, site: siteView, page: pageView, block_index: i, block_id: `block-${i + 1}` }
            return renderOrThrow(compiled.engine, `block partial "${block.blockType}" (page "${page.slug}", block ${i + 1})`, partial, context, limits)
          })
          .join('\n'),
      )
      const head = buildHead({
        snapshot,
        page,
        origin,
        url,
        canonical: prepared.canonical,
        title: prepared.title,
        description: prepared.description,
        ogImage: prepared.ogImage,
        logo,
        favicon,
        breadcrumbs: prepared.breadcrumbs,
        styles,
        extra: options.headExtra ?? null,
      })
      const context: Record<string, unknown> = {
        ...variables,
        vars: variables,
        site: siteView,
        brand_name: site.brandName,
        domain: site.domain,
        language: site.language,
        page: pageView,
        navigation: navigation.map((n) => ({ ...n, current: n.url === url })),
        footer_navigation: navigation,
        pages: pageList,
        content,
        head,
        scripts,
        year,
        css_url: cssPath ? `/${cssPath}` : null,
        theme_url: `/${layout.theme}`,
        js_url: jsPath ? `/${jsPath}` : null,
      }
      context.menu = compiled.parts.has('menu') ? safe(renderOrThrow(compiled.engine, 'menu', compiled.parts.get('menu')!, context, limits)) : safe('')
      context.footer_menu = compiled.parts.has('footerMenu')
        ? safe(renderOrThrow(compiled.engine, 'footer menu', compiled.parts.get('footerMenu')!, context, limits))
        : safe('')
      const rendered = renderDocument(snapshot, compiled, context, limits)
      const transformed = options.transformPage ? options.transformPage(rendered, path) : { html: rendered }
      pageNeeds = transformed.needs ?? []
      pageFiles = { [path]: { body: transformed.html, contentType: HTML } }
      status = 'rendered'
    }
    cache.pages[String(page.id)] = { hash, files: pageFiles, needs: pageNeeds }
    for (const need of pageNeeds) if (!needs.has(need.path)) needs.set(need.path, need)
    for (const [p, f] of Object.entries(pageFiles)) files.set(p, f)
    results.push({ id: page.id, slug: page.slug, path, url, hash, status })
    if (site.allowIndexing && (!page.canonicalUrl || page.canonicalUrl === `${origin}${url}`)) {
      sitemap.push({ loc: `${origin}${url}`, lastmod: page.updatedAt.slice(0, 10) })
    }
  }

  files.set('404.html', { body: notFoundPage(snapshot, home ? pageUrls.get(String(home.id))! : '/'), contentType: HTML })
  for (const link of Object.values(snapshot.affiliateLinks).filter((l) => l.active)) {
    // on hosts without _redirects (the local preview) the /go/ URL still leads on
    files.set(`go/${link.code}/index.html`, { body: redirectPage(link.url, site.language), contentType: HTML })
  }
  files.set('robots.txt', { body: robotsTxt(snapshot, origin), contentType: 'text/plain; charset=utf-8' })
  if (site.allowIndexing) files.set('sitemap.xml', { body: sitemapXml(sitemap), contentType: 'application/xml; charset=utf-8' })
  const legacy = style === 'php' ? ['php'] : style === 'htm' ? ['htm'] : []
  files.set('_headers', { body: headersFile({ assetDirs: [layout.css, layout.js, layout.images], legacyExtensions: legacy }), contentType: 'text/plain; charset=utf-8' })
  files.set('_redirects', { body: redirectsFile(snapshot), contentType: 'text/plain; charset=utf-8' })

  const assets = [...resolver.used.values()].sort((a, b) => (a.path < b.path ? -1 : 1))
  const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
  let bytes = 0
  for (const f of sorted.values()) bytes += typeof f.body === 'string' ? Buffer.byteLength(f.body) : f.body.byteLength
  const rendered = results.filter((r) => r.status === 'rendered').length
  return {
    files: sorted,
    assets,
    pages: results,
    warnings,
    stats: { rendered, skipped: results.length - rendered, files: sorted.size, bytes },
    cache,
    needs: [...needs.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
  }
}

const renderDocument = (snapshot: SiteSnapshot, compiled: Compiled, context: Record<string, unknown>, limits: Limits): string => {
  const { template, site } = snapshot
  if (template.type === 'monolithic') return renderOrThrow(compiled.engine, 'layout', compiled.parts.get('layout')!, context, limits)
  const sections = [...template.sections].sort((a, b) => a.order - b.order)
  const body = sections
    .map((s, i) => renderOrThrow(compiled.engine, `section "${s.name}"`, compiled.parts.get(`section:${i}`)!, context, limits))
    .join('\n')
  const document = `<!doctype html>\n<html lang="${escapeHtml(site.language)}">\n<head>\n${(context.head as SafeHtml).html}\n</head>\n<body>\n${body}\n${(context.scripts as SafeHtml).html}\n</body>\n</html>\n`
  // each section is under the limit on its own; the page they make together must be too
  return checkOutputSize('sections (the whole page)', document, limits)
}

const cssTags = (mode: SiteSnapshot['template']['cssOutput'], css: string, path: string | null): SafeHtml => {
  if (!path) return safe('')
  switch (mode) {
    case 'inline':
      return safe(`<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`)
    case 'async':
      return html`<link rel="preload" href="/${path}" as="style" onload="this.onload=null;this.rel='stylesheet'"><noscript><link rel="stylesheet" href="/${path}"></noscript>`
    case 'path_only':
      return safe('')
    default:
      return html`<link rel="stylesheet" href="/${path}">`
  }
}

const jsTags = (mode: SiteSnapshot['template']['jsOutput'], js: string, path: string | null): string => {
  if (!path) return ''
  switch (mode) {
    case 'inline':
      return `<script>${js.replace(/<\/script/gi, '<\\/script')}</script>`
    case 'external':
      return `<script src="/${path}"></script>`
    case 'async':
      return `<script src="/${path}" async></script>`
    case 'path_only':
      return ''
    default:
      return `<script src="/${path}" defer></script>`
  }
}

const notFoundPage = (snapshot: SiteSnapshot, homeUrl: string): string => {
  const { site } = snapshot
  if (site.redirect404ToHome) return redirectPage(homeUrl, site.language)
  return html`<!doctype html>
<html lang="${site.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Page not found | ${site.brandName}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1.5rem;line-height:1.6;color:#111827}a{color:#1d4ed8}</style></head>
<body><main><h1>Page not found</h1><p>The page you were looking for is not on ${site.brandName}.</p><p><a href="${homeUrl}">Go to the home page</a></p></main></body>
</html>
`.html
}

const redirectPage = (to: string, lang: string): string =>
  html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=${to}"><title>Redirecting</title><link rel="canonical" href="${to}"></head>
<body><p><a href="${to}">Continue</a></p></body></html>
`.html
