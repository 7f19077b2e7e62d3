/**
 * The builder's input and output. Plain data only: core/ never imports
 * Payload, so a snapshot can come from the database, a fixture or a
 * benchmark generator alike.
 */

export type ID = number | string

export type UrlStyle = 'directory' | 'html' | 'php' | 'htm' | 'index-php'

/** One of Payload's generated image sizes; `source` is where its bytes are (absolute path or http URL). */
export type SnapshotMediaSize = { name: string; filename: string; width: number; height: number; mimeType: string; source: string }

export type SnapshotMedia = {
  id: ID
  filename: string
  mimeType: string
  filesize: number
  width: number | null
  height: number | null
  alt: string
  caption: string | null
  /** Where the builder can read the original bytes from (an absolute file path or an http URL); resolved by the glue. */
  source: string
  sizes: SnapshotMediaSize[]
  updatedAt: string
  /** sha256 of the original's bytes, when known (kept on upload): the same image in two sites shares its encoded variants. */
  contentHash?: string | null
}

export type SnapshotLink = {
  type: 'url' | 'page' | 'affiliate'
  url?: string | null
  page?: ID | null
  affiliateLink?: ID | null
  newTab?: boolean | null
}

export type SnapshotSwiperItem = {
  title: string
  image?: ID | null
  rating?: number | null
  badge?: string | null
  description?: string | null
  url?: string | null
  affiliateLink?: ID | null
}

/** A page block as Payload stores it at depth 0: relationships are ids, resolved through the snapshot's maps. */
export type SnapshotBlock = { blockType: string; id?: string | null; blockName?: string | null } & Record<string, unknown>

export type SnapshotPage = {
  id: ID
  title: string
  slug: string
  h1: string | null
  meta: { title: string | null; description: string | null; image: ID | null }
  canonicalUrl: string | null
  customHeadHtml: string | null
  keywords: string | null
  lsiPhrases: string | null
  order: number
  showInMenu: boolean
  menuLabel: string | null
  blocks: SnapshotBlock[]
  updatedAt: string
}

export type TemplateVariableDef = {
  name: string
  defaultValue: string | null
  required: boolean
  description: string | null
}

export type TemplateSection = {
  type: string
  name: string
  order: number
  html: string | null
  css: string | null
}

export type SnapshotTemplate = {
  id: ID
  name: string
  type: 'monolithic' | 'sectional'
  html: string | null
  css: string | null
  js: string | null
  menuHtml: string | null
  footerMenuHtml: string | null
  faqHtml: string | null
  cssOutput: 'inline' | 'external' | 'async' | 'path_only'
  jsOutput: 'inline' | 'external' | 'defer' | 'async' | 'path_only'
  colorVariables: Record<string, string>
  variables: TemplateVariableDef[]
  sections: TemplateSection[]
  blockTemplates: { blockType: string; html: string }[]
  availableBlocks: string[]
  preservedClasses: string[]
  assets: { path: string; mediaSource: string; filename: string; mimeType: string }[]
}

export type SnapshotFootprint = {
  id: ID
  name: string
  pageUrlStyle: UrlStyle
  themePath: string | null
  imagesPath: string | null
  cssPath: string | null
  jsPath: string | null
  pathVariables: Record<string, string>
}

export type SnapshotSite = {
  id: ID
  domain: string
  brandName: string
  language: string
  urlStyle: 'footprint' | UrlStyle
  useWww: boolean
  allowIndexing: boolean
  redirect404ToHome: boolean
  enablePageSpeed: boolean
  uniqueClassPrefix: string
  templateVariables: Record<string, string | number | boolean>
  customColors: Record<string, string>
  analyticsEnabled: boolean
  logo: ID | null
  favicon: ID | null
  /** The page chosen as the home page (served at `/`); without one the page with the slug "index" is (core/urls.ts homePageOf). */
  homePage?: ID | null
}

export type SiteSnapshot = {
  /** When the snapshot was taken: the only "now" the render path sees (copyright year, sitemap dates). */
  takenAt: string
  site: SnapshotSite
  template: SnapshotTemplate
  footprint: SnapshotFootprint | null
  /** Published pages, in menu order. */
  pages: SnapshotPage[]
  media: Record<string, SnapshotMedia>
  presets: Record<string, { id: ID; name: string; buttonText: string | null; items: SnapshotSwiperItem[] }>
  affiliateLinks: Record<string, { id: ID; name: string; code: string; url: string; active: boolean }>
  /** Where the tracker reports to; null when analytics is off or no collector is configured. */
  analytics: { collectorUrl: string } | null
  /** The site's redirects (plugins/fleet/redirects), to a page (by id) or a path; written into `_redirects`. */
  redirects?: SnapshotRedirect[]
}

export type SnapshotRedirect = { from: string; toPage: ID | null; toPath: string | null; status: 301 | 302 }

export type OutputFile = { body: string | Uint8Array; contentType: string }

/** A file the build needs copied as it is (media originals and sizes, template assets); bytes are fetched by the glue. */
export type AssetCopy = { path: string; source: string; contentType: string }

export type PageResult = { id: ID; slug: string; path: string; url: string; hash: string; status: 'rendered' | 'skipped' }

/** A file a page references that the caller must produce (an image variant); carried through untouched. */
export type NeededFile = { path: string; source: string } & Record<string, unknown>

/** Carried from one build to the next so unchanged pages are not rendered again. */
export type BuildCache = {
  version: 1
  pages: Record<string, { hash: string; files: Record<string, OutputFile>; needs?: NeededFile[]; refs?: string[] }>
}

/** Template sources as Liquid sees them: what a fingerprint step may rewrite once per site. */
export type TemplateSources = { liquid: Record<string, string>; css: string; js: string }

export type BuildResult = {
  files: Map<string, OutputFile>
  assets: AssetCopy[]
  pages: PageResult[]
  warnings: string[]
  stats: { rendered: number; skipped: number; files: number; bytes: number }
  cache: BuildCache
  /** Files pages reference that the caller must produce (deduplicated by path). */
  needs: NeededFile[]
  /**
   * The internal references (core/gate.ts) of every page, rendered now or reused from the cache, and of
   * every site-wide file the build made, by file path: what the link gate checks against the complete tree.
   */
  refs: Map<string, string[]>
}

export type BuildOptions = {
  cache?: BuildCache | null
  /**
   * Once per site, before anything renders: may rewrite the Liquid sources (layout, sections, menus, block
   * partials), the CSS and the JS — the fingerprint renames classes and minifies here.
   */
  transformTemplate?: (sources: TemplateSources) => TemplateSources & { warnings?: string[] }
  /** Per rendered page: may rewrite the HTML (image markup, minification) and name files the page needs. */
  transformPage?: (html: string, path: string) => { html: string; needs?: NeededFile[] }
  /** Changes whenever the transforms would give other output (their settings), so cached pages are not reused. */
  transformKey?: string
  /** Rewrites rich text HTML (made from page content, not the template): the fingerprint renames classes here. */
  transformRichText?: (html: string) => string
  /** Extra tags for every page's `<head>` (icons). */
  headExtra?: string
  /** Limits for untrusted templates. */
  limits?: Partial<{ parseLimit: number; renderLimit: number; memoryLimit: number; outputBytes: number }>
}

/** A build that cannot go on: the message names the template part and what to fix. */
export class BuildError extends Error {
  constructor(
    message: string,
    readonly details: { part?: string; line?: number; variable?: string } = {},
  ) {
    super(message)
    this.name = 'BuildError'
  }
}

/** A media file the site uses is not where its record says: the one message for every step that reads it. */
export const missingMediaError = (file: string, source: string): BuildError =>
  new BuildError(`The file for "${file}" is missing from the media storage (${source}): upload the image again or remove it from the page.`)
