/**
 * Responsive images for a rendered page (the pure, synchronous half; the
 * sharp half that makes the variant files is plugins/fingerprint/images/).
 *
 * `pictureize(html, index, options)` rewrites every `<img>` whose `src` is a
 * local image the builder knows (a key of the `ImageIndex`) into
 *
 *   <picture>
 *     <source type="image/avif" srcset="/dir/name-<hash8>-320.avif 320w, ..." sizes="...">
 *     <source type="image/webp" srcset="/dir/name-<hash8>-320.webp 320w, ..." sizes="...">
 *     <img src="/dir/name.jpg" ... width="..." height="...">   (the original, as the fallback)
 *   </picture>
 *
 * and applies the loading rules to every `<img>` of the page. It returns the
 * new HTML and the variant files the page needs (`VariantRequest[]`), which
 * the caller dedupes across pages and hands to `makeVariants`.
 *
 * Variant URLs are a pure function of (original path, contentHash, width,
 * format): a changed image gets new URLs (cacheable for ever), an unchanged
 * one the same URLs and, through the disk cache, the same bytes.
 *
 * Widths: the ladder (default 320, 640, 960, 1280, 1920) keeps the steps
 * below 90% of the largest width, then adds the largest width itself; the
 * largest width is the original's, capped at `maxWidth` (default 2560). So
 * no variant is ever wider than the original, and none is a near-duplicate
 * of the next one (a 1000px image gets 320, 640, 1000 — not 960 and 1000).
 * Only the widths a page can use: the largest is also capped at `maxDensity`
 * (default 2) times the widest slot the `<img>`'s `sizes` allows (`slotMaxWidth`:
 * the block partials print `(max-width: 768px) 100vw, 768px`, so at most
 * 1536 px), as a browser picks from srcset by `sizes` x device pixel ratio and
 * never needs a wider file. A `sizes` without a bound (`100vw`, `calc()`,
 * `auto`) leaves the cap at `maxWidth`.
 *
 * Dimensions: `width`/`height` are set from the index when missing; when
 * only one is given, the other follows the original's aspect ratio.
 *
 * Loading rules (they win over whatever block partials or templates wrote):
 * the page's FIRST CONTENT IMAGE gets `fetchpriority="high"` and neither
 * `loading` nor `decoding` (it is likely the LCP element); every other
 * `<img>` gets `loading="lazy" decoding="async"` (and loses a
 * `fetchpriority="high"`). The first content image is the first `<img>`, in
 * document order, inside the page's `<main>` (or `[role=main]` when there is
 * no `<main>`), or, when the page has neither, the first `<img>` in `<body>`.
 * Images in site chrome never count: inside `<nav>`, a page-level `<header>`
 * or `<footer>` (the banner/contentinfo landmarks, i.e. not inside
 * article/aside/main/nav/section), or an element with role banner,
 * navigation or contentinfo (the logo, menu icons). Images inside
 * `<template>` (and `<noscript>`, which is text to a browser with scripts)
 * are never touched.
 *
 * Left alone: images already inside a `<picture>` (only the loading rules
 * apply), images not in the index (external, data: URLs; only the loading
 * rules apply, or nothing with `externalImages: 'untouched'`), SVG/GIF and
 * other formats that are not photos (`PICTURE_MIME_TYPES`), index entries
 * whose key is not a root-relative path.
 *
 * Parsing uses parse5 (the HTML spec's algorithm, as the browser parses) only to
 * find the tags and their attribute offsets; the output is the input with
 * those start tags spliced, so every other byte stays as it was.
 */
import { createHash } from 'node:crypto'

import { parse } from 'parse5'

export type VariantFormat = 'avif' | 'webp'

export type ImageInfo = {
  /** Intrinsic size of the original, in pixels (EXIF orientation applied). */
  width: number
  height: number
  /** Changes whenever the bytes change: a hash of the file, or of the media id + updatedAt (`mediaContentHash`). */
  contentHash: string
  mimeType: string
}

/** Local image URL, exactly as the builder wrote it into `src` (root-relative), to what is known about it. */
export type ImageIndex = ReadonlyMap<string, ImageInfo> | Readonly<Record<string, ImageInfo>>

/** One variant file a page needs. */
export type VariantRequest = {
  /** URL as printed in `srcset` (root-relative, e.g. `/wp-content/uploads/shoe-1a2b3c4d-640.avif`). */
  url: string
  /** File path in the site's file map (no leading slash, percent-decoded). */
  path: string
  /** The original's URL: the ImageIndex key, what `readSource` is asked for. */
  source: string
  contentHash: string
  width: number
  format: VariantFormat
  contentType: string
}

export type PictureizeOptions = {
  /** Width ladder for srcset. Default `DEFAULT_WIDTHS`. */
  widths?: readonly number[]
  /** No variant wider than this (nor than the original). Default 2560. */
  maxWidth?: number
  /** Device pixel ratio served at most: no variant wider than this times the widest slot `sizes` allows. Default 2. */
  maxDensity?: number
  /** Source formats, in the order the browser should try them. Default avif, webp. */
  formats?: readonly VariantFormat[]
  /** `sizes` for the sources when the `<img>` has none. Default: `(max-width: Wpx) 100vw, Wpx` with W the img's width. */
  sizes?: string
  /** Apply the lazy/eager rules. Default true. */
  loadingRules?: boolean
  /** Images not in the index: get the loading rules (default), or are left byte-for-byte untouched. */
  externalImages?: 'loading-rules' | 'untouched'
}

export type PictureizeResult = {
  html: string
  /** Variants this page references, deduped within the page, in order of appearance. */
  variants: VariantRequest[]
  /** `src` of the image that got fetchpriority=high, or null. */
  firstContentImage: string | null
  /** How many `<img>` became `<picture>`. */
  pictures: number
}

export const DEFAULT_WIDTHS: readonly number[] = [320, 640, 960, 1280, 1920]
export const DEFAULT_MAX_WIDTH = 2560
export const DEFAULT_MAX_DENSITY = 2
export const DEFAULT_FORMATS: readonly VariantFormat[] = ['avif', 'webp']
/** Photo-like formats worth re-encoding. SVG stays vector, GIF may be animated. */
export const PICTURE_MIME_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/jpg', 'image/pjpeg', 'image/png', 'image/webp', 'image/avif'])

const FORMAT_TYPES: Record<VariantFormat, string> = { avif: 'image/avif', webp: 'image/webp' }

const sha256 = (input: string): string => createHash('sha256').update(input).digest('hex')

/**
 * A content hash from what the builder knows without reading the file: the hash of the bytes kept on upload
 * (the same image in two sites, a clone's copy, shares its encoded variants), else one that changes whenever
 * the media record does (media uploaded before the hash was kept).
 */
export const mediaContentHash = (media: { id: string | number; filename: string; updatedAt: string; filesize?: number | null; contentHash?: string | null }): string =>
  media.contentHash ? sha256(JSON.stringify(['bytes', media.contentHash])) : sha256(JSON.stringify([String(media.id), media.filename, media.updatedAt, media.filesize ?? null]))

/** An ImageIndex from media as the builder prints them; entries without known dimensions are left out (they stay plain `<img>`). */
export const buildImageIndex = (
  entries: Iterable<{ url: string; width: number | null; height: number | null; mimeType: string; contentHash: string }>,
): Map<string, ImageInfo> => {
  const index = new Map<string, ImageInfo>()
  for (const e of entries) {
    if (!e.width || !e.height || e.width <= 0 || e.height <= 0) continue
    index.set(e.url, { width: e.width, height: e.height, contentHash: e.contentHash, mimeType: e.mimeType })
  }
  return index
}

const hash8 = (contentHash: string): string =>
  /^[0-9a-f]{8,}$/i.test(contentHash) ? contentHash.slice(0, 8).toLowerCase() : sha256(contentHash).slice(0, 8)

const decodeSegment = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

const isLocalPath = (url: string): boolean => url.startsWith('/') && !url.startsWith('//')

/**
 * The common part of an image's variant URLs and file paths: `<dir>/<name>-<hash8>`, beside the original.
 * The name is reduced to `[A-Za-z0-9._-]` (accents folded: café -> cafe, anything else -> '-') so it
 * needs no escaping in srcset or on any file system.
 */
export const variantBase = (original: string, contentHash: string): { url: string; path: string } => {
  const clean = original.replace(/[?#].*$/s, '')
  const slash = clean.lastIndexOf('/')
  const dir = clean.slice(0, slash + 1) // keeps the leading and trailing slash
  const base = decodeSegment(clean.slice(slash + 1)).normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  const dot = base.lastIndexOf('.')
  const stem = (dot > 0 ? base.slice(0, dot) : base).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'image'
  const name = `${stem}-${hash8(contentHash)}`
  return { url: `${dir}${name}`, path: `${dir.split('/').map(decodeSegment).join('/')}${name}`.replace(/^\/+/, '') }
}

/** The variant's URL and file path: `<dir>/<name>-<hash8>-<width>.<format>`, a pure function of its arguments. */
export const variantLocation = (original: string, contentHash: string, width: number, format: VariantFormat): { url: string; path: string } => {
  const base = variantBase(original, contentHash)
  const suffix = `-${Math.round(width)}.${format}`
  return { url: base.url + suffix, path: base.path + suffix }
}

/** Widths for an original `originalWidth` px wide (see the module comment). */
export const variantWidths = (originalWidth: number, options: Pick<PictureizeOptions, 'widths' | 'maxWidth'> = {}): number[] => {
  const top = Math.max(1, Math.floor(Math.min(originalWidth, options.maxWidth ?? DEFAULT_MAX_WIDTH)))
  const ladder = [...new Set((options.widths ?? DEFAULT_WIDTHS).map((w) => Math.floor(w)))]
    .filter((w) => w > 0 && w < top * 0.9)
    .sort((a, b) => a - b)
  return [...ladder, top]
}

/** Splits on commas outside parentheses (`sizes` entries). */
const splitTopLevel = (value: string): string[] => {
  const out: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < value.length; i++) {
    const c = value[i]
    if (c === '(') depth++
    else if (c === ')') depth = Math.max(0, depth - 1)
    else if (c === ',' && depth === 0) {
      out.push(value.slice(start, i))
      start = i + 1
    }
  }
  out.push(value.slice(start))
  return out.map((x) => x.trim()).filter(Boolean)
}

const CSS_PX: Record<string, number> = { px: 1, em: 16, rem: 16 }

/**
 * The widest slot, in CSS px, that a `sizes` value can give an image, or null when it has no bound. An entry
 * `(max-width: 768px) 100vw` is at most 768 px, `768px` is 768 px, a `vw` length without a `max-width` condition,
 * `calc()`, `auto` or anything else this does not read is unbounded (null): never a cap that could be too small.
 */
export const slotMaxWidth = (sizes: string): number | null => {
  let widest = 0
  const entries = splitTopLevel(sizes)
  if (!entries.length) return null
  for (const entry of entries) {
    const m = /^(.*?)\s*(-?[\d.]+)(px|em|rem|vw)$/i.exec(entry)
    if (!m) return null
    const [, condition, number, unit] = m
    const value = Number(number)
    if (!Number.isFinite(value) || value < 0) return null
    const u = unit!.toLowerCase()
    if (u !== 'vw') {
      widest = Math.max(widest, value * CSS_PX[u]!)
      continue
    }
    // a viewport-relative slot is bounded only by a max-width in its own condition (and only when the condition is
    // a plain conjunction: `or`, `not` and commas inside could reach wider viewports)
    if (!condition || /\b(or|not)\b/i.test(condition)) return null
    const bounds = [...condition.matchAll(/\(\s*max-width\s*:\s*([\d.]+)(px|em|rem)\s*\)/gi)].map((b) => Number(b[1]) * CSS_PX[b[2]!.toLowerCase()]!)
    if (!bounds.length) return null
    widest = Math.max(widest, (Math.min(...bounds) * value) / 100)
  }
  return widest > 0 ? Math.ceil(widest) : null
}

// --- parsing ----------------------------------------------------------------------------------

type Loc = { startOffset: number; endOffset: number }
type StartTagLoc = Loc & { attrs?: Record<string, Loc> }
/** parse5's own tree (its default adapter): elements have a tagName; `<template>` content is not among childNodes. */
type Node = {
  tagName?: string
  attrs?: { name: string; value: string }[]
  childNodes?: Node[]
  sourceCodeLocation?: (Loc & { startTag?: StartTagLoc }) | null
}

/** An `<img>` found, with its attributes as a record. */
type ImgNode = { attribs: Record<string, string>; sourceCodeLocation?: Node['sourceCodeLocation'] }

const attrOf = (node: Node, name: string): string | undefined => {
  const attrs = node.attrs
  if (!attrs) return undefined
  for (const attr of attrs) if (attr.name === name) return attr.value
  return undefined
}

const roleOf = (node: Node): string => (attrOf(node, 'role') ?? '').trim().toLowerCase()

type FoundImage = {
  node: ImgNode
  inPicture: boolean
  inMain: boolean
  inChrome: boolean
  inBody: boolean
}

const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section'])
const CHROME_ROLES = new Set(['banner', 'navigation', 'contentinfo'])

type Context = { inPicture: boolean; inMain: boolean; inChrome: boolean; inBody: boolean; inSectioning: boolean }

const findImages = (root: Node): { images: FoundImage[]; hasMain: boolean; hasRoleMain: boolean } => {
  const images: FoundImage[] = []
  let hasMain = false
  let hasRoleMain = false
  // first pass decides what "main" means for this page: <main> if any, else [role=main]
  const scan = (node: Node) => {
    for (const child of node.childNodes ?? []) {
      const name = child.tagName
      if (name === undefined || name === 'template') continue
      if (name === 'main') hasMain = true
      if (roleOf(child) === 'main') hasRoleMain = true
      scan(child)
    }
  }
  scan(root)
  const mainTest = hasMain ? (n: Node) => n.tagName === 'main' : (n: Node) => roleOf(n) === 'main'

  const walk = (node: Node, ctx: Context) => {
    for (const child of node.childNodes ?? []) {
      const name = child.tagName
      if (name === undefined || name === 'template') continue
      if (name === 'img') {
        // (parse5 has already dropped repeated attributes, keeping the first, as the browser does)
        const attribs: Record<string, string> = {}
        for (const attr of child.attrs ?? []) attribs[attr.name] = attr.value
        images.push({ node: { attribs, sourceCodeLocation: child.sourceCodeLocation }, inPicture: ctx.inPicture, inMain: ctx.inMain, inChrome: ctx.inChrome, inBody: ctx.inBody })
        continue
      }
      const role = roleOf(child)
      const landmarkChrome = (name === 'header' || name === 'footer') && !ctx.inSectioning
      walk(child, {
        inPicture: ctx.inPicture || name === 'picture',
        inMain: ctx.inMain || mainTest(child),
        inChrome: ctx.inChrome || name === 'nav' || landmarkChrome || CHROME_ROLES.has(role),
        inBody: ctx.inBody || name === 'body',
        inSectioning: ctx.inSectioning || SECTIONING.has(name),
      })
    }
  }
  walk(root, { inPicture: false, inMain: false, inChrome: false, inBody: false, inSectioning: false })
  return { images, hasMain, hasRoleMain }
}

// --- tag editing ------------------------------------------------------------------------------

const escapeAttr = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')

/** Attribute changes for one start tag: a value to set, or null to remove. Applied to the source text. */
type AttrOps = Map<string, string | null>

const editStartTag = (html: string, loc: StartTagLoc, ops: AttrOps): string => {
  const start = loc.startOffset
  const raw = html.slice(start, loc.endOffset)
  const attrLocs = loc.attrs ?? {}
  // where new attributes go: after the last attribute, or after the tag name
  let insertAt = raw.match(/^<[^\s/>]+/)?.[0].length ?? 4
  for (const l of Object.values(attrLocs)) insertAt = Math.max(insertAt, l.endOffset - start)
  const edits: Array<{ from: number; to: number; text: string }> = []
  const added: string[] = []
  for (const [name, value] of ops) {
    const l = attrLocs[name]
    if (!l) {
      if (value !== null) added.push(` ${name}="${escapeAttr(value)}"`)
      continue
    }
    const from = l.startOffset - start
    const to = l.endOffset - start
    if (value === null) {
      let ws = from
      while (ws > 0 && /\s/.test(raw[ws - 1]!)) ws--
      edits.push({ from: ws, to, text: '' })
    } else {
      edits.push({ from, to, text: `${name}="${escapeAttr(value)}"` })
    }
  }
  if (added.length) edits.push({ from: insertAt, to: insertAt, text: added.join('') })
  edits.sort((a, b) => b.from - a.from || b.to - a.to)
  let out = raw
  for (const e of edits) out = out.slice(0, e.from) + e.text + out.slice(e.to)
  return out
}

const parseDim = (value: string | undefined): number | null => {
  if (value == null) return null
  const m = /^\s*(\d+)\s*$/.exec(value)
  if (!m) return null
  const n = Number(m[1])
  return n > 0 ? n : null
}

const lookup = (index: ImageIndex, key: string): ImageInfo | undefined => {
  if (index instanceof Map) return index.get(key)
  const record = index as Readonly<Record<string, ImageInfo>>
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined
}

/** Sets `name` to `value` unless it already has it (keywords compare case-insensitively). */
const want = (ops: AttrOps, attribs: Record<string, string>, name: string, value: string | null) => {
  const current = attribs[name]
  if (value === null) {
    if (current !== undefined) ops.set(name, null)
  } else if (current === undefined || current.trim().toLowerCase() !== value.toLowerCase()) {
    ops.set(name, value)
  }
}

// --- the rewrite ------------------------------------------------------------------------------

export const pictureize = (html: string, images: ImageIndex, options: PictureizeOptions = {}): PictureizeResult => {
  const noop: PictureizeResult = { html, variants: [], firstContentImage: null, pictures: 0 }
  if (!/<img[\s/>]/i.test(html)) return noop
  const formats = options.formats ?? DEFAULT_FORMATS
  const loadingRules = options.loadingRules !== false
  const externalUntouched = options.externalImages === 'untouched'

  // parse5 on its own tree: the same spec parser cheerio uses, without building cheerio's DOM (2.6 instead of 6.4 ms for 22 KB)
  const root = parse(html, { sourceCodeLocationInfo: true }) as unknown as Node
  const { images: found, hasMain, hasRoleMain } = findImages(root)
  const useMain = hasMain || hasRoleMain
  const first = found.find((img) => !img.inChrome && (useMain ? img.inMain : img.inBody)) ?? null

  const variants: VariantRequest[] = []
  const seen = new Set<string>()
  const replacements: Array<{ from: number; to: number; text: string }> = []
  let pictures = 0
  let firstSrc: string | null = null

  for (const img of found) {
    const loc = img.node.sourceCodeLocation?.startTag ?? img.node.sourceCodeLocation
    if (!loc || loc.startOffset == null || loc.endOffset == null) continue
    const attribs = img.node.attribs ?? {}
    const src = attribs.src?.trim() ?? ''
    const info = src ? lookup(images, src) : undefined
    const known = Boolean(info)
    const convertible =
      info !== undefined &&
      !img.inPicture &&
      isLocalPath(src) &&
      PICTURE_MIME_TYPES.has(info.mimeType.toLowerCase()) &&
      info.width > 0 &&
      info.height > 0 &&
      formats.length > 0
    if (!known && externalUntouched) continue

    const ops: AttrOps = new Map()
    let displayWidth = parseDim(attribs.width)
    if (convertible) {
      const w = parseDim(attribs.width)
      const h = parseDim(attribs.height)
      if (w === null || h === null) {
        const [nw, nh] =
          w !== null ? [w, Math.max(1, Math.round((w * info.height) / info.width))]
          : h !== null ? [Math.max(1, Math.round((h * info.width) / info.height)), h]
          : [info.width, info.height]
        want(ops, attribs, 'width', String(nw))
        want(ops, attribs, 'height', String(nh))
        displayWidth = nw
      }
    }
    if (loadingRules) {
      if (img === first) {
        want(ops, attribs, 'loading', null)
        want(ops, attribs, 'decoding', null)
        want(ops, attribs, 'fetchpriority', 'high')
        firstSrc = src || null
      } else {
        want(ops, attribs, 'loading', 'lazy')
        want(ops, attribs, 'decoding', 'async')
        if ((attribs.fetchpriority ?? '').trim().toLowerCase() === 'high') ops.set('fetchpriority', null)
      }
    }
    if (!convertible && ops.size === 0) continue

    const tag = ops.size ? editStartTag(html, loc, ops) : html.slice(loc.startOffset, loc.endOffset)
    if (!convertible) {
      replacements.push({ from: loc.startOffset, to: loc.endOffset, text: tag })
      continue
    }

    const sizes = attribs.sizes?.trim() || options.sizes || (displayWidth ? `(max-width: ${displayWidth}px) 100vw, ${displayWidth}px` : '100vw')
    // only the widths a page can use: none wider than the widest slot `sizes` allows at the densest screen served
    const slot = slotMaxWidth(sizes)
    const maxWidth = options.maxWidth ?? DEFAULT_MAX_WIDTH
    const widths = variantWidths(info.width, {
      widths: options.widths,
      maxWidth: slot === null ? maxWidth : Math.min(maxWidth, Math.ceil(slot * (options.maxDensity ?? DEFAULT_MAX_DENSITY))),
    })
    const base = variantBase(src, info.contentHash)
    const sources = formats.map((format) => {
      const srcset = widths
        .map((width) => {
          const suffix = `-${width}.${format}`
          const url = base.url + suffix
          const path = base.path + suffix
          if (!seen.has(url)) {
            seen.add(url)
            variants.push({ url, path, source: src, contentHash: info.contentHash, width, format, contentType: FORMAT_TYPES[format] })
          }
          return `${url} ${width}w`
        })
        .join(', ')
      return `<source type="${FORMAT_TYPES[format]}" srcset="${escapeAttr(srcset)}" sizes="${escapeAttr(sizes)}">`
    })
    replacements.push({ from: loc.startOffset, to: loc.endOffset, text: `<picture>${sources.join('')}${tag}</picture>` })
    pictures++
  }

  if (!replacements.length) return { ...noop, firstContentImage: firstSrc }
  replacements.sort((a, b) => a.from - b.from)
  let out = ''
  let at = 0
  for (const r of replacements) {
    out += html.slice(at, r.from) + r.text
    at = r.to
  }
  out += html.slice(at)
  return { html: out, variants, firstContentImage: firstSrc, pictures }
}

/** Merges the variants of many pages into one list, first occurrence wins, sorted by path (stable input for the encoder). */
export const dedupeVariants = (lists: Iterable<readonly VariantRequest[]>): VariantRequest[] => {
  const byPath = new Map<string, VariantRequest>()
  for (const list of lists) for (const v of list) if (!byPath.has(v.path)) byPath.set(v.path, v)
  return [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
