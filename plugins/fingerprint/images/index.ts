/**
 * Images for a built site, end to end: `pictureize` every HTML page (core/images.ts), make the
 * variants they reference (variants.ts, disk-cached), and make sure no page references a variant
 * that could not be made (a `<source>` whose file is missing is not skipped by browsers: the image
 * would be broken, so such an image stays a plain `<img>`).
 */
import { dedupeVariants, pictureize, type ImageIndex, type ImageInfo, type PictureizeOptions, type VariantRequest } from '../core/images'
import { makeVariants, type MakeVariantsResult } from './variants'

export * from './variants'
export * from './sources'
export * from './icons'

export type OptimizeImagesOptions = {
  index: ImageIndex
  readSource: (source: string) => Promise<Uint8Array>
  cacheDir: string
  concurrency?: number
  picture?: PictureizeOptions
}

export type OptimizeImagesResult = Omit<MakeVariantsResult, 'files'> & {
  /** Every page given, rewritten (unchanged pages keep their string). */
  pages: Map<string, string>
  /** Variant files by site path. */
  variants: Map<string, Uint8Array>
  /** Originals left as plain `<img>` because a variant of theirs failed. */
  excluded: string[]
}

const toMap = (index: ImageIndex): Map<string, ImageInfo> =>
  index instanceof Map ? new Map(index) : new Map(Object.entries(index as Record<string, ImageInfo>))

export const optimizeImages = async (pages: ReadonlyMap<string, string>, options: OptimizeImagesOptions): Promise<OptimizeImagesResult> => {
  const out = new Map<string, string>()
  const perPage = new Map<string, VariantRequest[]>()
  for (const [file, html] of pages) {
    const result = pictureize(html, options.index, options.picture)
    out.set(file, result.html)
    if (result.variants.length) perPage.set(file, result.variants)
  }
  const made = await makeVariants(dedupeVariants(perPage.values()), {
    readSource: options.readSource,
    cacheDir: options.cacheDir,
    concurrency: options.concurrency,
  })
  const excluded = [...new Set(made.failed.map((f) => f.source))].sort()
  const variants = made.files
  if (excluded.length) {
    const index = toMap(options.index)
    for (const source of excluded) index.delete(source)
    for (const [file, list] of perPage) {
      if (list.some((v) => excluded.includes(v.source))) out.set(file, pictureize(pages.get(file)!, index, options.picture).html)
    }
    const gone = new Set(excluded)
    for (const list of perPage.values()) for (const v of list) if (gone.has(v.source)) variants.delete(v.path)
  }
  return { pages: out, variants, encoded: made.encoded, fromCache: made.fromCache, joined: made.joined, failed: made.failed, timings: made.timings, excluded }
}
