import type { Liquid } from 'liquidjs'

import { BLOCK_TYPES, blockView, partialName } from './blocks'
import { refsOf, siteHostsOf, type Ref, type SiteHosts } from './gate'
import { hashOf, sha256 } from './hash'
import { buildHead } from './head'
import { checkOutputSize, createEngine, DEFAULT_LIMITS, parseOrThrow, renderOrThrow, type Limits } from './liquid'
import { Resolver } from './resolve'
import { escapeHtml, html, safe, type SafeHtml } from './safe'
import { affiliateTarget, headersFile, planRedirects, robotsTxt, sitemapXml } from './siteFiles'
import { assetLayout, homePageOf, pageFilePath, pageUrl, siteOrigin, urlStyleOf } from './urls'
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

/** `readsPages`: some part of the template reads `pages`, the list of every page (then every page depends on it). */
type Compiled = { engine: Liquid; parts: Map<string, ReturnType<Liquid['parse']>>; css: string; js: string; readsPages: boolean }

/** A Liquid output or tag that names `pages` (conservative: a mention in any tag counts). */
const READS_PAGES = /\{[{%][^}]*\bpages\b/

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

/**
 * Parsed templates, by their Liquid sources and limits (the keys are hashes of both): a worker deploying a site
 * again, or live preview on every keystroke, parses nothing. Only sources that parsed are remembered; an engine
 * and its parsed parts are read-only once made. A few entries, least recently used first out.
 */
const PARSED_CACHE_SIZE = 16
const checked = new Map<string, true>()
const parsed = new Map<string, { engine: Liquid; parts: Map<string, ReturnType<Liquid['parse']>> }>()
const remember = <T>(cache: Map<string, T>, key: string, make: () => T): T => {
  let value = cache.get(key)
  if (value !== undefined) cache.delete(key)
  else {
    value = make()
    if (cache.size >= PARSED_CACHE_SIZE) cache.delete(cache.keys().next().value!)
  }
  cache.set(key, value)
  return value
}

const compileTemplate = (snapshot: SiteSnapshot, options: BuildSiteOptions, limits: Limits, warnings: string[]): Compiled => {
  const { template } = snapshot
  const { liquid, labels } = templateSources(snapshot, options.partials)
  const css = colorCss(snapshot) + [template.css ?? '', ...template.sections.map((s) => s.css ?? '')].filter(Boolean).join('\n')
  const js = template.js?.trim() ? template.js : ''
  // parse the sources as written first, so a syntax error names the author's line, not a rewritten one
  remember(checked, sha256(JSON.stringify([liquid, labels, limits])), () => {
    const check = createEngine({ partials: {}, limits })
    for (const [name, source] of Object.entries(liquid)) parseOrThrow(check, labels[name], source)
    return true as const
  })
  const sources = options.transformTemplate ? options.transformTemplate({ liquid, css, js }) : { liquid, css, js }
  if (options.transformTemplate) warnings.push(...((sources as { warnings?: string[] }).warnings ?? []))
  const { engine, parts } = remember(parsed, sha256(JSON.stringify([sources.liquid, labels, limits])), () => {
    const partials = Object.fromEntries(Object.entries(sources.liquid).filter(([name]) => name.startsWith('block-')))
    const engine = createEngine({ partials, limits })
    const parts = new Map<string, ReturnType<Liquid['parse']>>()
    for (const [name, source] of Object.entries(sources.liquid)) parts.set(name, parseOrThrow(engine, labels[name] ?? name, source))
    return { engine, parts }
  })
  const readsPages = Object.values(sources.liquid).some((source) => READS_PAGES.test(source))
  return { engine, parts, css: sources.css, js: sources.js, readsPages }
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

/** Everything about a site that every page shares, worked out once per build. */
type Prepared = {
  snapshot: SiteSnapshot
  options: Omit<BuildSiteOptions, 'cache'>
  limits: Limits
  warnings: string[]
  compiled: Compiled
  /** Pages in build order (summaries are enough: id, title, slug, order, menu flags, canonical, updatedAt). */
  pages: SnapshotPage[]
  pageUrls: Map<string, string>
  resolver: Resolver
  origin: string
  variables: Record<string, string | number | boolean>
  siteView: ReturnType<typeof siteViewOf>
  navigation: { label: string; url: string }[]
  pageList: { title: string; url: string | undefined }[]
  styles: SafeHtml
  scripts: SafeHtml
  cssPath: string | null
  jsPath: string | null
  css: string
  js: string
  layout: ReturnType<typeof assetLayout>
  style: ReturnType<typeof urlStyleOf>
  year: string
  shared: string
  home: SnapshotPage | undefined
  /** Hosts whose absolute URLs are this site's own (for the link gate's references). */
  hosts: SiteHosts
}

const prepareSite = (snapshot: SiteSnapshot, options: Omit<BuildSiteOptions, 'cache'>): Prepared => {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits }
  const warnings: string[] = []
  const { site, template } = snapshot
  const style = urlStyleOf(snapshot)
  const layout = assetLayout(snapshot)
  const origin = siteOrigin(site)
  const variables = resolveVariables(snapshot)
  const compiled = compileTemplate(snapshot, options, limits, warnings)

  const pages = [...snapshot.pages].sort((a, b) => a.order - b.order || (a.slug < b.slug ? -1 : 1))
  const home = homePageOf(site.homePage, pages)
  const pageUrls = new Map(pages.map((p) => [String(p.id), pageUrl(p.slug, style, p === home)]))
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
  const jsPath = js ? `${layout.js}/main.${sha256(js).slice(0, 10)}.js` : null
  const styles = cssTags(template.cssOutput, css, cssPath)
  const scripts = safe(jsTags(template.jsOutput, js, jsPath) + (options.extraScripts ?? ''))

  const navigation = pages.filter((p) => p.showInMenu).map((p) => ({ label: p.menuLabel || p.title, url: pageUrls.get(String(p.id))! }))
  const siteView = siteViewOf(snapshot, resolver)
  const year = snapshot.takenAt.slice(0, 4)
  const shared = hashOf({
    site,
    // the records behind the logo and favicon, not only their ids: a new alt text or size re-renders every page
    logoMedia: site.logo != null ? snapshot.media[String(site.logo)] : null,
    faviconMedia: site.favicon != null ? snapshot.media[String(site.favicon)] : null,
    template,
    footprint: snapshot.footprint,
    partials: options.partials,
    // every page renders the menu; the list of all pages only where the template reads it. A page's links to
    // other pages are its own dependencies (the resolver records the URL and title it used)
    navigation,
    pages: compiled.readsPages ? pages.map((p) => [p.id, p.title, p.slug]) : null,
    extraScripts: options.extraScripts ?? '',
    headExtra: options.headExtra ?? '',
    transformKey: options.transformKey ?? '',
    year,
  })
  if (site.homePage != null && String(home?.id) !== String(site.homePage)) {
    warnings.push(`The page chosen as the site's home page (id ${site.homePage}) is not published: publish it, or choose another home page in the site's settings.`)
  }
  if (!home && pages.length > 0) warnings.push('The site has no home page, so "/" leads nowhere: choose one in the site\'s settings (Site tab, Home page).')
  return {
    snapshot,
    options,
    limits,
    warnings,
    compiled,
    pages,
    pageUrls,
    resolver,
    origin,
    variables,
    siteView,
    navigation,
    // one list for every page: building it per page made millions of objects on big sites
    pageList: pages.map((p) => ({ title: p.title, url: pageUrls.get(String(p.id)) })),
    styles,
    scripts,
    cssPath,
    jsPath,
    css,
    js,
    layout,
    style,
    year,
    shared,
    home,
    hosts: siteHostsOf(site.domain),
  }
}

/** A page rendered now (`html`), with the files it needs made and the references the link gate checks; or skipped (`html: null`). */
type PageOutcome = { result: PageResult; html: string | null; needs: NeededFile[]; refs: Ref[] }

/**
 * One page: its dependency hash, then (unless `unchanged(hash)` says the caller still has this exact
 * output) its HTML through the template and the page transform.
 */
const renderPage = (prep: Prepared, page: SnapshotPage, unchanged: (hash: string, path: string) => boolean): PageOutcome => {
  const { snapshot, compiled, resolver, limits, warnings, options, origin, siteView } = prep
  const { site, template } = snapshot
  const url = prep.pageUrls.get(String(page.id))!
  const path = pageFilePath(url)
  resolver.deps.clear()
  // by id: a streamed build's complete pages are other objects than the summaries `home` is one of
  const isHome = String(page.id) === String(prep.home?.id)
  const views = page.blocks.map((block, i) => {
    if (template.availableBlocks.length && !template.availableBlocks.includes(block.blockType)) {
      warnings.push(`Page "${page.slug}": the template does not offer ${block.blockType} blocks; block ${i + 1} was left out.`)
      return null
    }
    const view = blockView(block, resolver, snapshot)
    if (!view) warnings.push(`Page "${page.slug}": unknown block type "${block.blockType}" was left out.`)
    return view
  })
  // a page that opens with a hero has its page heading there: the layout's heading band makes way (README)
  const opening = views.findIndex((view) => view !== null)
  const startsWithHero = opening >= 0 && page.blocks[opening].blockType === 'hero'
  const canonical = page.canonicalUrl || `${origin}${url}`
  const title = page.meta.title || (isHome ? site.brandName : `${page.title} | ${site.brandName}`)
  const description = page.meta.description || null
  const ogImage = resolver.image(page.meta.image)
  const breadcrumbs = isHome ? [] : [{ name: site.brandName, url: `${origin}/` }, { name: page.title, url: `${origin}${url}` }]
  // the page as stored plus every record it read: cheaper than hashing its rendered views, and complete
  // (snapshots come from one loader, so JSON key order is stable and plain JSON.stringify will do)
  const hash = sha256(`${prep.shared}\n${JSON.stringify(page)}\n${JSON.stringify(resolver.depRecords())}`)
  const result: PageResult = { id: page.id, slug: page.slug, path, url, hash, status: 'skipped' }
  if (unchanged(hash, path)) return { result, html: null, needs: [], refs: [] }

  const pageView = {
    title: page.title,
    h1: page.h1 || page.title,
    slug: page.slug,
    url,
    canonical,
    meta_title: title,
    meta_description: description,
    keywords: page.keywords,
    is_home: isHome,
    starts_with_hero: startsWithHero,
  }
  const content = safe(
    views
      .map((view, i) => {
        if (!view) return ''
        const block = page.blocks[i]
        const partial = compiled.parts.get(partialName(block.blockType))
        if (!partial) {
          warnings.push(`Page "${page.slug}": no partial for ${block.blockType} blocks; block ${i + 1} was left out.`)
          return ''
        }
        const context = { ...view, site: siteView, page: pageView, block_index: i, block_id: `block-${i + 1}`, is_page_heading: startsWithHero && i === opening }
        return renderOrThrow(compiled.engine, `block partial "${block.blockType}" (page "${page.slug}", block ${i + 1})`, partial, context, limits)
      })
      .join('\n'),
  )
  const head = buildHead({
    snapshot,
    page,
    origin,
    url,
    canonical,
    title,
    description,
    ogImage,
    logo: siteView.logo,
    favicon: siteView.favicon,
    breadcrumbs,
    styles: prep.styles,
    extra: options.headExtra ?? null,
  })
  const context: Record<string, unknown> = {
    ...prep.variables,
    vars: prep.variables,
    site: siteView,
    brand_name: site.brandName,
    domain: site.domain,
    language: site.language,
    page: pageView,
    navigation: prep.navigation.map((n) => ({ ...n, current: n.url === url })),
    footer_navigation: prep.navigation,
    pages: prep.pageList,
    content,
    head,
    scripts: prep.scripts,
    year: prep.year,
    css_url: prep.cssPath ? `/${prep.cssPath}` : null,
    theme_url: `/${prep.layout.theme}`,
    js_url: prep.jsPath ? `/${prep.jsPath}` : null,
  }
  context.menu = compiled.parts.has('menu') ? safe(renderOrThrow(compiled.engine, 'menu', compiled.parts.get('menu')!, context, limits)) : safe('')
  context.footer_menu = compiled.parts.has('footerMenu')
    ? safe(renderOrThrow(compiled.engine, 'footer menu', compiled.parts.get('footerMenu')!, context, limits))
    : safe('')
  const rendered = renderDocument(snapshot, compiled, context, limits, startsWithHero)
  const transformed = options.transformPage ? options.transformPage(rendered, path) : { html: rendered }
  result.status = 'rendered'
  return { result, html: transformed.html, needs: transformed.needs ?? [], refs: refsOf(path, transformed.html, prep.hosts) }
}

/** The files of a site that are not pages: stylesheet, script, 404, affiliate redirects, robots, sitemap, _headers, _redirects. */
const siteFiles = (prep: Prepared): [string, OutputFile][] => {
  const { snapshot, origin, pageUrls } = prep
  const { site } = snapshot
  const files: [string, OutputFile][] = []
  if (prep.cssPath) files.push([prep.cssPath, { body: prep.css, contentType: 'text/css; charset=utf-8' }])
  if (prep.jsPath) files.push([prep.jsPath, { body: prep.js, contentType: 'text/javascript; charset=utf-8' }])
  files.push(['404.html', { body: notFoundPage(snapshot, prep.home ? pageUrls.get(String(prep.home.id))! : '/'), contentType: HTML }])
  for (const link of Object.values(snapshot.affiliateLinks).filter((l) => l.active)) {
    // on hosts without _redirects (the local preview) the /go/ URL still leads on
    files.push([`go/${link.code}/index.html`, { body: redirectPage(affiliateTarget(snapshot, link), site.language), contentType: HTML }])
  }
  files.push(['robots.txt', { body: robotsTxt(snapshot, origin), contentType: 'text/plain; charset=utf-8' }])
  if (site.allowIndexing) {
    const sitemap: { loc: string; lastmod: string }[] = []
    for (const page of prep.pages) {
      const url = pageUrls.get(String(page.id))!
      if (!page.canonicalUrl || page.canonicalUrl === `${origin}${url}`) sitemap.push({ loc: `${origin}${url}`, lastmod: page.updatedAt.slice(0, 10) })
    }
    files.push(['sitemap.xml', { body: sitemapXml(sitemap), contentType: 'application/xml; charset=utf-8' }])
  }
  const legacy = prep.style === 'php' ? ['php'] : prep.style === 'htm' ? ['htm'] : []
  files.push([
    '_headers',
    { body: headersFile({ assetDirs: [prep.layout.css, prep.layout.js, prep.layout.images], legacyExtensions: legacy }), contentType: 'text/plain; charset=utf-8' },
  ])
  const redirects = planRedirects(snapshot, pageUrls, prep.warnings)
  files.push(['_redirects', { body: redirects.body, contentType: 'text/plain; charset=utf-8' }])
  // redirects past Cloudflare's _redirects limits: a page at the old address (never over a file of the site)
  const taken = new Set(files.map(([path]) => path))
  for (const { from, to, file } of redirects.pages) {
    if (taken.has(file)) {
      prep.warnings.push(`The redirect from ${from} did not fit in _redirects and ${file} is a file of the site: it was left out.`)
      continue
    }
    taken.add(file)
    files.push([file, { body: redirectPage(to, site.language), contentType: HTML }])
  }
  return files
}

const byteLength = (f: OutputFile): number => (typeof f.body === 'string' ? Buffer.byteLength(f.body) : f.body.byteLength)
const byPath = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : 1)
const sortedNeeds = (needs: Map<string, NeededFile>) => [...needs.values()].sort((a, b) => (a.path < b.path ? -1 : 1))

/**
 * Renders a site into memory. Pure: the same snapshot, partials and cache give the same
 * bytes; nothing here reads the clock, the network or the database. For big sites see streamSite.
 */
export const buildSite = (snapshot: SiteSnapshot, options: BuildSiteOptions): BuildResult => {
  const prep = prepareSite(snapshot, options)
  const previous = options.cache?.version === 1 ? options.cache.pages : {}
  const cache: BuildCache = { version: 1, pages: {} }
  const files = new Map<string, OutputFile>()
  const needs = new Map<string, NeededFile>()
  const refs = new Map<string, Ref[]>()
  const results: PageResult[] = []
  for (const page of prep.pages) {
    const cached = previous[String(page.id)]
    // a cached page is reused only with everything it brings: its file, the files it needs and its references
    const outcome = renderPage(prep, page, (hash, path) => Boolean(cached && cached.hash === hash && cached.files[path] && isComplete(cached)))
    const pageFiles = outcome.html === null ? cached!.files : { [outcome.result.path]: { body: outcome.html, contentType: HTML } }
    const pageNeeds = outcome.html === null ? cached!.needs! : outcome.needs
    const pageRefs = outcome.html === null ? cached!.refs! : outcome.refs
    cache.pages[String(page.id)] = { hash: outcome.result.hash, files: pageFiles, needs: pageNeeds, refs: pageRefs }
    for (const need of pageNeeds) if (!needs.has(need.path)) needs.set(need.path, need)
    for (const [p, f] of Object.entries(pageFiles)) files.set(p, f)
    refs.set(outcome.result.path, pageRefs)
    results.push(outcome.result)
  }
  for (const [p, f] of siteFiles(prep)) {
    files.set(p, f)
    refs.set(p, refsOf(p, f.body, prep.hosts))
  }

  const assets = [...prep.resolver.used.values()].sort((a, b) => (a.path < b.path ? -1 : 1))
  const sorted = new Map([...files.entries()].sort(byPath))
  let bytes = 0
  for (const f of sorted.values()) bytes += byteLength(f)
  const rendered = results.filter((r) => r.status === 'rendered').length
  return {
    files: sorted,
    assets,
    pages: results,
    warnings: prep.warnings,
    stats: { rendered, skipped: results.length - rendered, files: sorted.size, bytes },
    cache,
    needs: sortedNeeds(needs),
    refs,
  }
}

/** A cache entry from before needs and references were kept cannot stand in for a render. */
const isComplete = (entry: { needs?: NeededFile[]; refs?: Ref[] }): boolean => Array.isArray(entry.needs) && Array.isArray(entry.refs)

/** What a streamed build keeps between builds: per page its dependency hash, output path, the files it needs and its references; no bodies. */
export type StreamCache = { version: 2; pages: Record<string, { hash: string; path: string; needs?: NeededFile[]; refs?: Ref[] }> }

export type StreamSiteOptions = Omit<BuildSiteOptions, 'cache'> & {
  /**
   * Complete pages (with their blocks) for the summaries given, in the same order; called a chunk at a
   * time, so only one chunk of page content is in memory. It may add the media, presets and affiliate
   * links those pages use to the snapshot's maps. Without it the snapshot's pages are complete.
   */
  loadPages?: (summaries: SnapshotPage[]) => SnapshotPage[] | Promise<SnapshotPage[]>
  /** Pages per chunk (default 200). */
  chunkSize?: number
  /** Receives every file as soon as it is made (pages in build order, then the site-wide files); nothing is kept. */
  emit: (path: string, file: OutputFile) => void | Promise<void>
  cache?: StreamCache | null
  /**
   * For a page whose dependency hash matches the cache: true when the caller still has (and has now
   * placed) that page's file from the previous build, so it is not rendered again. Default: never.
   */
  reuse?: (path: string) => boolean
  /**
   * Part of a parallel build: only chunks whose number % count === index are rendered (their pages alone
   * appear in the result), and the site-wide files are made by share 0. Shares together give the same files.
   */
  share?: { index: number; count: number }
}

export type StreamResult = Omit<BuildResult, 'files' | 'cache'> & { cache: StreamCache }

/**
 * Renders a site page by page, handing each file to `emit` as soon as it is made: memory stays flat
 * whatever the page count (one chunk of page content and one page's HTML at a time). The same
 * snapshot gives the same bytes as buildSite.
 */
export const streamSite = async (snapshot: SiteSnapshot, options: StreamSiteOptions): Promise<StreamResult> => {
  const prep = prepareSite(snapshot, options)
  const previous = options.cache?.version === 2 ? options.cache.pages : {}
  const cache: StreamCache = { version: 2, pages: {} }
  const needs = new Map<string, NeededFile>()
  const refs = new Map<string, Ref[]>()
  const results: PageResult[] = []
  const chunkSize = Math.max(1, options.chunkSize ?? 200)
  const share = options.share ?? { index: 0, count: 1 }
  let bytes = 0
  let files = 0
  for (let start = 0, n = 0; start < prep.pages.length; start += chunkSize, n++) {
    if (n % share.count !== share.index) continue
    const summaries = prep.pages.slice(start, start + chunkSize)
    const chunk = options.loadPages ? await options.loadPages(summaries) : summaries
    if (chunk.length !== summaries.length || chunk.some((p, i) => String(p.id) !== String(summaries[i].id))) {
      throw new BuildError(`The pages loaded for a chunk (${chunk.length}) are not the ${summaries.length} pages asked for: a page was deleted or unpublished during the build; build again.`)
    }
    for (const page of chunk) {
      const cached = previous[String(page.id)]
      const outcome = renderPage(prep, page, (hash, path) =>
        Boolean(cached && cached.hash === hash && cached.path === path && isComplete(cached) && options.reuse?.(path)),
      )
      const pageNeeds = outcome.html === null ? cached!.needs! : outcome.needs
      const pageRefs = outcome.html === null ? cached!.refs! : outcome.refs
      cache.pages[String(page.id)] = { hash: outcome.result.hash, path: outcome.result.path, needs: pageNeeds, refs: pageRefs }
      for (const need of pageNeeds) if (!needs.has(need.path)) needs.set(need.path, need)
      refs.set(outcome.result.path, pageRefs)
      if (outcome.html !== null) {
        const file = { body: outcome.html, contentType: HTML }
        bytes += byteLength(file)
        await options.emit(outcome.result.path, file)
      }
      files++
      results.push(outcome.result)
    }
  }
  for (const [p, f] of share.index === 0 ? siteFiles(prep).sort(byPath) : []) {
    bytes += byteLength(f)
    files++
    refs.set(p, refsOf(p, f.body, prep.hosts))
    await options.emit(p, f)
  }
  const rendered = results.filter((r) => r.status === 'rendered').length
  return {
    assets: [...prep.resolver.used.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
    pages: results,
    warnings: prep.warnings,
    // bytes: of what was emitted (skipped pages' files are the caller's)
    stats: { rendered, skipped: results.length - rendered, files, bytes },
    cache,
    needs: sortedNeeds(needs),
    refs,
  }
}

const renderDocument = (snapshot: SiteSnapshot, compiled: Compiled, context: Record<string, unknown>, limits: Limits, startsWithHero: boolean): string => {
  const { template, site } = snapshot
  if (template.type === 'monolithic') return renderOrThrow(compiled.engine, 'layout', compiled.parts.get('layout')!, context, limits)
  const sections = [...template.sections].sort((a, b) => a.order - b.order)
  const body = sections
    .map((s, i) => ({ s, part: `section:${i}` }))
    // a page's own opening hero stands in for the template's hero section: one heading band, not two
    .filter(({ s }) => !(startsWithHero && s.type === 'hero'))
    .map(({ s, part }) => renderOrThrow(compiled.engine, `section "${s.name}"`, compiled.parts.get(part)!, context, limits))
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
