import path from 'node:path'

import { buildImageIndex, mediaContentHash, pictureize, type VariantRequest } from './core/images'
import { ICON_FILES, iconHeadTags } from './core/icons'
import { FingerprintError, fingerprintTemplate, minifyHtml, renameHtmlClasses } from './core/index'
import { makeIcons } from './images/icons'
import { readLocation } from './images/sources'
import { makeVariants } from './images/variants'
import { hashOf } from '../site-builder/core/hash'
import { assetLayout } from '../site-builder/core/urls'
import { BuildError, missingMediaError, type BuildOptions, type BuildResult, type OutputFile, type SiteSnapshot } from '../site-builder/core/types'

export type FingerprintOptions = {
  /** Where encoded image variants are kept between builds (keyed by content), default .cache/images. */
  cacheDir?: string
  /** Make `<picture>` markup and AVIF/WebP variants (when the site has page speed on). Off for quick previews. */
  pictures?: boolean
}

export type PreparedFingerprint = {
  /** Hand these to buildSite. */
  options: Pick<BuildOptions, 'transformTemplate' | 'transformPage' | 'transformRichText' | 'transformKey' | 'headExtra'>
  /** After buildSite: the files the fingerprint adds (icons, image variants), to merge into the output. */
  produce: (result: Pick<BuildResult, 'needs'>) => Promise<{ files: Map<string, OutputFile>; encoded: number; fromCache: number }>
}

const RASTER = /^image\/(png|jpe?g|webp|avif|gif|svg\+xml)$/

/** A quick scan before parsing: rich text rarely carries a class the template renamed. */
const mentionsRenamedClass = (html: string, classMap: Record<string, string>): boolean => {
  for (const [, , value] of html.matchAll(/\sclass\s*=\s*(["']?)([^"'>]*)\1/gi)) {
    for (const name of value.split(/\s+/)) if (name && Object.hasOwn(classMap, name)) return true
  }
  return false
}

/**
 * Fingerprinted templates by everything that goes in: a worker deploying a site again (and live preview, on every
 * keystroke) renames and minifies the same CSS once. The output is only read by its callers.
 */
const templateCache = new Map<string, ReturnType<typeof fingerprintTemplate>>()
const TEMPLATE_CACHE_SIZE = 16
const rememberedTemplate = (input: unknown, make: () => ReturnType<typeof fingerprintTemplate>) => {
  const key = hashOf(input)
  let out = templateCache.get(key)
  if (out) {
    templateCache.delete(key)
  } else {
    out = make()
    if (templateCache.size >= TEMPLATE_CACHE_SIZE) templateCache.delete(templateCache.keys().next().value!)
  }
  templateCache.set(key, out)
  return out
}

/** Icons by source content and background: live preview re-renders on every keystroke, the icons rarely change. */
const iconCache = new Map<string, Map<string, Uint8Array>>()
const ICON_CACHE_SIZE = 32

const siteIcons = async (media: SiteSnapshot['media'][string], background: string): Promise<Map<string, Uint8Array>> => {
  const key = `${mediaContentHash(media)}:${background}`
  const cached = iconCache.get(key)
  if (cached) return cached
  let icons: Map<string, Uint8Array>
  try {
    icons = await makeIcons(await readLocation(media.source), { background })
  } catch (err) {
    throw new BuildError(`Could not make the site icons from "${media.filename}": ${(err as Error).message}. Upload the favicon or logo again.`)
  }
  iconCache.set(key, icons)
  if (iconCache.size > ICON_CACHE_SIZE) iconCache.delete(iconCache.keys().next().value!)
  return icons
}

/**
 * Gives one site its fingerprint around a build: classes renamed with the
 * site's prefix and colours applied once per site (template sources), images
 * and minification per page, icons and image variants produced afterwards.
 */
export const prepareFingerprint = async (snapshot: SiteSnapshot, options: FingerprintOptions = {}): Promise<PreparedFingerprint> => {
  const { site, template } = snapshot
  const pageSpeed = site.enablePageSpeed
  const pictures = pageSpeed && options.pictures !== false
  const colors = { ...template.colorVariables, ...site.customColors }
  const layout = assetLayout(snapshot)
  const imageDir = layout.images ? `/${layout.images}/` : '/'

  // a streamed build adds the media of each chunk of pages to the snapshot as it goes: the index follows
  let indexedCount = -1
  let sourceOf = new Map<string, string>()
  let index = buildImageIndex([])
  const images = () => {
    const all = Object.values(snapshot.media)
    if (all.length !== indexedCount) {
      indexedCount = all.length
      const list = all.filter((m) => m.mimeType.startsWith('image/'))
      sourceOf = new Map(list.map((m) => [`${imageDir}${m.filename}`, m.source]))
      index = buildImageIndex(
        list.map((m) => ({ url: `${imageDir}${m.filename}`, width: m.width, height: m.height, mimeType: m.mimeType, contentHash: mediaContentHash(m) })),
      )
    }
    return { sourceOf, index }
  }

  const iconMedia = [site.favicon, site.logo].map((id) => (id == null ? null : snapshot.media[String(id)])).find((m) => m && RASTER.test(m.mimeType))
  const iconFiles = iconMedia ? await siteIcons(iconMedia, colors.background ?? '#ffffff') : null

  let classMap: Record<string, string> = {}
  return {
    options: {
      transformTemplate: (sources) => {
        let out
        try {
          const input = { prefix: site.uniqueClassPrefix, preserved: template.preservedClasses, colors, sources, minify: true }
          out = rememberedTemplate(input, () => fingerprintTemplate(input))
        } catch (err) {
          // an unreadable stylesheet or a bad prefix: the build stops with the fingerprint's own message
          throw err instanceof FingerprintError ? new BuildError(err.message) : err
        }
        classMap = out.classMap
        return out
      },
      // classes in page content (rich text) follow the template's renaming; free when there are none
      transformRichText: (html) => (mentionsRenamedClass(html, classMap) ? renameHtmlClasses(html, classMap) : html),
      // minified always; responsive images only with page speed on (encoding costs build time)
      transformPage: (html) => {
        const result = pictures ? pictureize(html, images().index) : { html, variants: [] as VariantRequest[] }
        return { html: minifyHtml(result.html), needs: result.variants }
      },
      transformKey: hashOf({ prefix: site.uniqueClassPrefix, preserved: template.preservedClasses, colors, pageSpeed, pictures, icons: iconMedia?.id ?? null }),
      headExtra: iconFiles ? iconHeadTags({ version: iconMedia ? mediaContentHash(iconMedia).slice(0, 8) : undefined }) : undefined,
    },
    produce: async (result) => {
      const files = new Map<string, OutputFile>()
      if (iconFiles) {
        for (const icon of ICON_FILES) {
          const bytes = iconFiles.get(icon.path)
          if (bytes) files.set(icon.path, { body: bytes, contentType: icon.contentType })
        }
      }
      const requests = result.needs as unknown as VariantRequest[]
      if (requests.length === 0) return { files, encoded: 0, fromCache: 0 }
      const made = await makeVariants(requests, {
        cacheDir: path.resolve(options.cacheDir ?? '.cache/images'),
        readSource: async (url) => {
          const source = images().sourceOf.get(url)
          if (!source) throw new BuildError(`No original for the image ${url}`)
          try {
            return await readLocation(source)
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
            throw missingMediaError(url, source)
          }
        },
      })
      if (made.failed.length > 0) {
        const first = made.failed[0]
        if (/missing from the media storage/.test(first.error)) throw new BuildError(first.error)
        throw new BuildError(
          `Could not make ${made.failed.length} image variant(s), first ${first.path} from ${first.source}: ${first.error}. Upload the image again or remove it.`,
        )
      }
      for (const request of requests) {
        const bytes = made.files.get(request.path)
        if (bytes) files.set(request.path, { body: bytes, contentType: request.contentType })
      }
      return { files, encoded: made.encoded, fromCache: made.fromCache }
    },
  }
}
