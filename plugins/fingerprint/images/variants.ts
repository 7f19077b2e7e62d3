/**
 * Makes the AVIF/WebP files that `pictureize` (core/images.ts) references, with sharp, behind a
 * content-addressed disk cache: a variant is encoded once per (contentHash, width, format, encoder
 * settings, codec versions) and read back from the cache on every later build, so a rebuild
 * encodes nothing that did not change.
 *
 * Output is deterministic: fixed encoder settings, metadata stripped (sharp keeps none unless
 * asked; colours are converted to sRGB), EXIF orientation applied, no timestamps. The same source
 * bytes give the same variant bytes, and the cache only ever returns what an encode produced.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import sharp from 'sharp'

import type { VariantFormat, VariantRequest } from '../core/images'

/** Bump `version` whenever the pipeline changes in a way the numbers below do not show. */
export const ENCODER_SETTINGS = {
  version: 1,
  avif: { quality: 50, effort: 2, chromaSubsampling: '4:2:0', bitdepth: 8 },
  webp: { quality: 75, effort: 4, alphaQuality: 90, smartSubsample: false },
} as const

export type EncodeTiming = { path: string; format: VariantFormat; width: number; ms: number; bytes: number }

export type MakeVariantsOptions = {
  /** The original's bytes, given its URL (`VariantRequest.source`). */
  readSource: (source: string) => Promise<Uint8Array>
  /** Where encoded variants are kept between builds (created if missing). */
  cacheDir: string
  /** Encodes at a time. Default 2 (one per core on the build machines). */
  concurrency?: number
}

export type MakeVariantsResult = {
  /** Variant bytes by `VariantRequest.path` (the site's file map key). */
  files: Map<string, Uint8Array>
  encoded: number
  fromCache: number
  /** Variants that could not be made (unreadable or undecodable source). Pages must not reference them: see `optimizeImages`. */
  failed: Array<{ path: string; source: string; error: string }>
  /** One entry per encode done in this call. */
  timings: EncodeTiming[]
}

const codecVersions = (): string => {
  const v = sharp.versions as Record<string, string | undefined>
  return [v.sharp, v.vips, v.aom, v.heif, v.webp].join('/')
}

/** The cache file for a variant: content-addressed, sharded by the first two hex digits. */
export const variantCacheFile = (cacheDir: string, request: Pick<VariantRequest, 'contentHash' | 'width' | 'format'>): string => {
  const key = createHash('sha256')
    .update(
      JSON.stringify([ENCODER_SETTINGS.version, codecVersions(), request.contentHash, request.width, request.format, ENCODER_SETTINGS[request.format]]),
    )
    .digest('hex')
  return path.join(cacheDir, 'variants', key.slice(0, 2), `${key}.${request.format}`)
}

/** Encodes one variant (no cache). Exported for benchmarks. */
export const encodeVariant = async (source: Uint8Array, width: number, format: VariantFormat): Promise<Buffer> => {
  const pipeline = sharp(source, { autoOrient: true }).resize({ width, withoutEnlargement: true })
  return format === 'avif' ? pipeline.avif({ ...ENCODER_SETTINGS.avif }).toBuffer() : pipeline.webp({ ...ENCODER_SETTINGS.webp }).toBuffer()
}

const readCached = async (file: string): Promise<Buffer | null> => {
  try {
    const bytes = await fs.readFile(file)
    return bytes.length ? bytes : null
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

const writeCached = async (file: string, bytes: Uint8Array) => {
  await fs.mkdir(path.dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  await fs.writeFile(tmp, bytes)
  await fs.rename(tmp, file) // atomic: a concurrent build sees the whole file or none
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))

export const makeVariants = async (requests: Iterable<VariantRequest>, options: MakeVariantsOptions): Promise<MakeVariantsResult> => {
  const unique = new Map<string, VariantRequest>()
  for (const r of requests) if (!unique.has(r.path)) unique.set(r.path, r)

  const files = new Map<string, Uint8Array>()
  const failed: MakeVariantsResult['failed'] = []
  const timings: EncodeTiming[] = []
  let fromCache = 0

  // 1. cache hits
  const misses: Array<{ request: VariantRequest; cacheFile: string }> = []
  for (const request of unique.values()) {
    const cacheFile = variantCacheFile(options.cacheDir, request)
    const cached = await readCached(cacheFile)
    if (cached) {
      files.set(request.path, new Uint8Array(cached.buffer, cached.byteOffset, cached.byteLength))
      fromCache++
    } else {
      misses.push({ request, cacheFile })
    }
  }

  // 2. encode the misses, grouped by source (each source read once, released after its last variant),
  //    widest first so the slowest encodes start early
  misses.sort((a, b) =>
    a.request.source < b.request.source ? -1 : a.request.source > b.request.source ? 1 : b.request.width - a.request.width || (a.request.format < b.request.format ? -1 : 1),
  )
  const pending = new Map<string, number>()
  for (const m of misses) pending.set(m.request.source, (pending.get(m.request.source) ?? 0) + 1)
  const sources = new Map<string, Promise<Uint8Array>>()
  const sourceOf = (source: string) => {
    let p = sources.get(source)
    if (!p) {
      p = options.readSource(source)
      sources.set(source, p)
    }
    return p
  }
  const release = (source: string) => {
    const left = (pending.get(source) ?? 1) - 1
    pending.set(source, left)
    if (left <= 0) sources.delete(source)
  }

  let encoded = 0
  let next = 0
  const worker = async () => {
    while (next < misses.length) {
      const { request, cacheFile } = misses[next++]!
      try {
        const input = await sourceOf(request.source)
        const started = performance.now()
        const bytes = await encodeVariant(input, request.width, request.format)
        timings.push({ path: request.path, format: request.format, width: request.width, ms: performance.now() - started, bytes: bytes.length })
        await writeCached(cacheFile, bytes)
        files.set(request.path, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
        encoded++
      } catch (error) {
        failed.push({ path: request.path, source: request.source, error: message(error) })
      } finally {
        release(request.source)
      }
    }
  }
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 2))
  await Promise.all(Array.from({ length: Math.min(concurrency, misses.length) }, worker))

  // deterministic order for callers that iterate
  const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  failed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { files: sorted, encoded, fromCache, failed, timings }
}
