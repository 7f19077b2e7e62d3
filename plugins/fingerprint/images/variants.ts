/**
 * Makes the AVIF/WebP files that `pictureize` (core/images.ts) references, with sharp, behind a
 * content-addressed disk cache: a variant is encoded once per (contentHash, width, format, encoder
 * settings, codec versions) and read back from the cache on every later build, so a rebuild
 * encodes nothing that did not change. `contentHash` is the hash of the original's bytes when the
 * media record keeps one (`mediaContentHash`), so the same image in two sites (a clone's copy, a
 * CSV-created site's upload of the same file) shares its variants.
 *
 * How the work is done (issue 16, measured in bench/images, `npm run bench:images`):
 * - each source is read and decoded once (at its size, capped at 2560 px), every width is resized
 *   from that frame, and the AVIF and the WebP of a width are encoded from the same resized frame
 *   (before: every variant read, decoded and resized its source again). A variant's pixels
 *   depend on its source and width only, never on the other widths asked for;
 * - encodes in flight = the machine's cores (`os.availableParallelism()`), libvips threads per
 *   encode = 1 (`sharp.concurrency(1)`): no oversubscription, and AVIF bytes do not depend on the
 *   machine (aom's output changes with its thread count);
 * - efforts chosen by measurement, AVIF effort by the kind of image: flat drawings get more (see ENCODER_SETTINGS);
 * - in-flight dedupe across calls in one process: two builds (two deployments, two sites sharing an
 *   image) that need the same variant at the same time wait on one encode.
 *
 * Output is deterministic: fixed encoder settings, one libvips thread, metadata stripped (sharp
 * keeps none unless asked; colours are converted to sRGB), EXIF orientation applied, no
 * timestamps. The same source bytes give the same variant bytes, and the cache only ever returns
 * what an encode produced.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import sharp from 'sharp'

import { DEFAULT_MAX_WIDTH, type VariantFormat, type VariantRequest } from '../core/images'

/**
 * Bump `version` whenever the pipeline changes in a way the numbers below do not show.
 * v2: one decode per source, one frame per width shared by both formats, one libvips thread, AVIF effort 1 and WebP effort 2 — chosen in
 * bench/images: at the same quality settings, AVIF effort 1 encodes ~2x faster than effort 2 with no more
 * bytes and the same SSIM; WebP effort 2 ~2x faster than 4 for ~+8 % bytes and the same SSIM (bench/README.md).
 * v3: flat images (drawings, logos, illustrations: `isFlatImage`) get AVIF effort `flat.avifEffort` (2). At effort 1
 * aom spends 8–28 % more bytes on their flat areas' edges than at 2 (photos: 3–7 %), and they encode fast either
 * way, so the time goes where it buys bytes (bench/README.md, "Flat images").
 */
export const ENCODER_SETTINGS = {
  version: 3,
  avif: { quality: 50, effort: 1, chromaSubsampling: '4:2:0', bitdepth: 8 },
  webp: { quality: 75, effort: 2, alphaQuality: 90, smartSubsample: false },
  /** `isFlatImage`: a source whose 256 px thumbnail has at least `share` of its horizontal neighbours within `tolerance` (sum of |ΔR|+|ΔG|+|ΔB|). */
  flat: { avifEffort: 2, thumbWidth: 256, tolerance: 3, share: 0.75 },
} as const

/** libvips threads per encode. One: the encodes in flight use the cores, and AVIF bytes stay the same on every machine. */
export const VIPS_THREADS = 1

/** Encodes in flight by default: one per core. */
export const defaultConcurrency = (): number => Math.max(1, os.availableParallelism?.() ?? os.cpus().length)

export type EncoderSettings = { avif: Record<string, unknown>; webp: Record<string, unknown> }

export type EncodeTiming = { path: string; format: VariantFormat; width: number; ms: number; bytes: number }

export type MakeVariantsOptions = {
  /** The original's bytes, given its URL (`VariantRequest.source`). */
  readSource: (source: string) => Promise<Uint8Array>
  /** Where encoded variants are kept between builds (created if missing). */
  cacheDir: string
  /** Encodes at a time. Default: one per core (`defaultConcurrency`). */
  concurrency?: number
  /**
   * How the pixels of each width are made (both formats of a width are encoded from the same frame either way):
   * `decode-once` (default) decodes each source once, at its size capped at `DECODE_ONCE_WIDTH`, and resizes every
   * width up to that from the frame (wider ones are decoded on their own); `per-width` decodes the source for each
   * width with libjpeg's shrink-on-load (the pixels one sharp pipeline per variant made before), kept for
   * bench/images. The frame's width depends on the source only, never on the widths a build asks for: otherwise a
   * variant's bytes would depend on the other widths of the same build, and the cache keeps whichever came first.
   */
  frames?: 'per-width' | 'decode-once'
}

export type MakeVariantsResult = {
  /** Variant bytes by `VariantRequest.path` (the site's file map key). */
  files: Map<string, Uint8Array>
  /** Encoded by this call. */
  encoded: number
  /** Read from the disk cache. */
  fromCache: number
  /** Waited on another encode of the same content (by another call in this process, or under another path in this one): not encoded again. */
  joined: number
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
      JSON.stringify([
        ENCODER_SETTINGS.version,
        codecVersions(),
        request.contentHash,
        request.width,
        request.format,
        ENCODER_SETTINGS[request.format],
        request.format === 'avif' ? ENCODER_SETTINGS.flat : null,
      ]),
    )
    .digest('hex')
  return path.join(cacheDir, 'variants', key.slice(0, 2), `${key}.${request.format}`)
}

/** Decoded pixels: 8-bit sRGB, 3 or 4 channels (alpha kept). */
export type Frame = { data: Buffer; width: number; height: number; channels: 3 | 4 }

const useOneThread = () => {
  if (sharp.concurrency() !== VIPS_THREADS) sharp.concurrency(VIPS_THREADS)
}

/** Height of a `width`-wide variant of a `w`x`h` original (what sharp's width-only resize gives). */
const heightAt = (w: number, h: number, width: number): number => Math.max(1, Math.round((h * width) / w))

/**
 * Decodes `source` once, EXIF orientation applied, at `width` (never wider than the original), as raw sRGB.
 * `original` is the original's size after orientation, to size smaller frames exactly as the original would.
 */
export const decodeFrame = async (source: Uint8Array, width: number): Promise<{ frame: Frame; original: { width: number; height: number } }> => {
  const meta = await sharp(source).metadata()
  const oriented = (meta as { autoOrient?: { width: number; height: number } }).autoOrient ?? { width: meta.width!, height: meta.height! }
  const target = Math.min(width, oriented.width)
  const { data, info } = await sharp(source, { autoOrient: true })
    .resize({ width: target, height: heightAt(oriented.width, oriented.height, target), fit: 'fill' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { frame: { data, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 }, original: oriented }
}

const rawInput = (f: Frame) => ({ raw: { width: f.width, height: f.height, channels: f.channels } })

/** `decode-once` frames are at most this wide (the default ladder's cap): bounded memory per source in flight. */
export const DECODE_ONCE_WIDTH = DEFAULT_MAX_WIDTH

/** The source decoded straight to `width` (libjpeg shrink-on-load), EXIF orientation applied, raw sRGB. */
export const decodeAt = async (source: Uint8Array, width: number): Promise<Frame> => {
  const { data, info } = await sharp(source, { autoOrient: true }).resize({ width, withoutEnlargement: true }).toColourspace('srgb').raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 }
}

/** `frame` resized to `width` (height from the original's aspect ratio). */
export const resizeFrame = async (frame: Frame, original: { width: number; height: number }, width: number): Promise<Frame> => {
  if (width >= frame.width) return frame
  const { data, info } = await sharp(frame.data, rawInput(frame))
    .resize({ width, height: heightAt(original.width, original.height, width), fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 }
}

/**
 * Whether `source` is a flat image (a drawing, logo or illustration rather than a photo): the share of horizontally
 * adjacent pixels of its `thumbWidth` px wide thumbnail that differ by at most `tolerance` (sum over R, G, B).
 * Measured (bench/images, "Flat images"): the demo's drawings and logo 0.84–0.95, generated photos 0.52–0.65, a
 * dense line drawing (topo) 0.59. A function of the source's bytes alone, so the cache key (content hash) still
 * decides the variant's bytes.
 */
export const flatShare = async (source: Uint8Array): Promise<number> => {
  const { thumbWidth, tolerance } = ENCODER_SETTINGS.flat
  const { data, info } = await sharp(source, { autoOrient: true })
    .resize({ width: thumbWidth, withoutEnlargement: true })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  const c = info.channels
  let near = 0
  let pairs = 0
  for (let y = 0; y < info.height; y++) {
    for (let x = 1; x < info.width; x++) {
      const i = (y * info.width + x) * c
      let d = 0
      for (let k = 0; k < c; k++) d += Math.abs(data[i + k]! - data[i - c + k]!)
      pairs++
      if (d <= tolerance) near++
    }
  }
  return pairs ? near / pairs : 0
}

export const isFlatImage = async (source: Uint8Array): Promise<boolean> => (await flatShare(source)) >= ENCODER_SETTINGS.flat.share

/** The encoder settings for a source of that kind (flat images: AVIF at `flat.avifEffort`). */
export const settingsFor = (flat: boolean): EncoderSettings =>
  flat ? { avif: { ...ENCODER_SETTINGS.avif, effort: ENCODER_SETTINGS.flat.avifEffort }, webp: ENCODER_SETTINGS.webp } : ENCODER_SETTINGS

/** Encodes a decoded frame as it is. */
export const encodeFrame = (frame: Frame, format: VariantFormat, settings: EncoderSettings = ENCODER_SETTINGS): Promise<Buffer> => {
  useOneThread()
  const pipeline = sharp(frame.data, rawInput(frame))
  return format === 'avif' ? pipeline.avif({ ...settings.avif }).toBuffer() : pipeline.webp({ ...settings.webp }).toBuffer()
}

/** Encodes one variant (no cache): the same bytes `makeVariants` makes for it. Exported for benchmarks and tests. */
export const encodeVariant = async (source: Uint8Array, width: number, format: VariantFormat): Promise<Buffer> => {
  useOneThread()
  const settings = format === 'avif' ? settingsFor(await isFlatImage(source)) : ENCODER_SETTINGS
  if (width > DECODE_ONCE_WIDTH) return encodeFrame(await decodeAt(source, width), format, settings)
  const { frame, original } = await decodeFrame(source, DECODE_ONCE_WIDTH)
  return encodeFrame(await resizeFrame(frame, original, width), format, settings)
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

/**
 * Variants being made by some call in this process, by cache file: a second call that needs one waits on the
 * first's encode (or cache read) instead of doing it again. An entry lives from the moment a call claims the
 * variant until its bytes are in the cache (or it failed).
 */
const inFlight = new Map<string, Promise<Buffer>>()

/** For tests: how many variants are claimed right now. */
export const variantsInFlight = (): number => inFlight.size

type Deferred = { promise: Promise<Buffer>; resolve: (b: Buffer) => void; reject: (e: unknown) => void }
const deferred = (): Deferred => {
  let resolve!: (b: Buffer) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<Buffer>((res, rej) => {
    resolve = res
    reject = rej
  })
  promise.catch(() => {}) // a failure is reported by whoever awaits it; no unhandled rejection when no one else does
  return { promise, resolve, reject }
}

const asView = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

type Claim = { request: VariantRequest; cacheFile: string; done: Deferred }

/** The promise kept under `key`, made by `make` the first time (a rejection is reported to whoever awaits it). */
const once = <T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> => {
  let p = map.get(key)
  if (!p) {
    p = make()
    p.catch(() => {})
    map.set(key, p)
  }
  return p
}

export const makeVariants = async (requests: Iterable<VariantRequest>, options: MakeVariantsOptions): Promise<MakeVariantsResult> => {
  const unique = new Map<string, VariantRequest>()
  for (const r of requests) if (!unique.has(r.path)) unique.set(r.path, r)

  const files = new Map<string, Uint8Array>()
  const failed: MakeVariantsResult['failed'] = []
  const timings: EncodeTiming[] = []
  let fromCache = 0
  let encoded = 0

  // 0. claim every variant no other call is making, synchronously (no await in this loop: a concurrent call
  //    sees each claim), and join the others
  const claims: Claim[] = []
  const joins: Array<{ request: VariantRequest; promise: Promise<Buffer> }> = []
  const mine = new Map<string, Claim>() // one encode per cache file within this call too (two paths, same content)
  const alsoMine: Array<{ request: VariantRequest; claim: Claim }> = []
  for (const request of unique.values()) {
    const cacheFile = variantCacheFile(options.cacheDir, request)
    const own = mine.get(cacheFile)
    if (own) {
      alsoMine.push({ request, claim: own })
      continue
    }
    const running = inFlight.get(cacheFile)
    if (running) {
      joins.push({ request, promise: running })
      continue
    }
    const claim: Claim = { request, cacheFile, done: deferred() }
    inFlight.set(cacheFile, claim.done.promise)
    mine.set(cacheFile, claim)
    claims.push(claim)
  }
  const settle = (claim: Claim, outcome: { bytes: Buffer } | { error: unknown }) => {
    if ('bytes' in outcome) claim.done.resolve(outcome.bytes)
    else claim.done.reject(outcome.error)
    if (inFlight.get(claim.cacheFile) === claim.done.promise) inFlight.delete(claim.cacheFile)
  }

  try {
    // 1. cache hits
    const misses: Claim[] = []
    for (const claim of claims) {
      let cached: Buffer | null
      try {
        cached = await readCached(claim.cacheFile)
      } catch (error) {
        settle(claim, { error })
        failed.push({ path: claim.request.path, source: claim.request.source, error: message(error) })
        continue
      }
      if (cached) {
        files.set(claim.request.path, asView(cached))
        fromCache++
        settle(claim, { bytes: cached })
      } else {
        misses.push(claim)
      }
    }

    // 2. encode the misses, grouped by source (read and decoded once; one frame per width, released after
    //    its last variant), widest first so the slowest encodes start early
    misses.sort((a, b) =>
      a.request.source < b.request.source ? -1 : a.request.source > b.request.source ? 1 : b.request.width - a.request.width || (a.request.format < b.request.format ? -1 : 1),
    )
    const pendingFrame = new Map<string, number>() // `${source} ${width}` -> variants left
    const pendingSource = new Map<string, number>()
    for (const m of misses) {
      const { source, width } = m.request
      pendingFrame.set(`${source} ${width}`, (pendingFrame.get(`${source} ${width}`) ?? 0) + 1)
      pendingSource.set(source, (pendingSource.get(source) ?? 0) + 1)
    }
    const decoded = new Map<string, ReturnType<typeof decodeFrame>>()
    const frames = new Map<string, Promise<Frame>>()
    const bytesOf = new Map<string, Promise<Uint8Array>>()
    const flatOf = new Map<string, Promise<boolean>>() // AVIF only: WebP settings do not depend on it
    const readOnce = (source: string) => once(bytesOf, source, () => options.readSource(source))
    const decodedOf = (source: string) => once(decoded, source, () => readOnce(source).then((bytes) => decodeFrame(bytes, DECODE_ONCE_WIDTH)))
    const isFlat = (source: string) => once(flatOf, source, () => readOnce(source).then(isFlatImage))
    const perWidth = options.frames === 'per-width'
    const frameOf = (source: string, width: number) =>
      once(frames, `${source} ${width}`, () =>
        perWidth || width > DECODE_ONCE_WIDTH
          ? readOnce(source).then((bytes) => decodeAt(bytes, width))
          : decodedOf(source).then(({ frame, original }) => resizeFrame(frame, original, width)),
      )
    const release = (source: string, width: number) => {
      const key = `${source} ${width}`
      const left = (pendingFrame.get(key) ?? 1) - 1
      pendingFrame.set(key, left)
      if (left <= 0) frames.delete(key)
      const sourceLeft = (pendingSource.get(source) ?? 1) - 1
      pendingSource.set(source, sourceLeft)
      if (sourceLeft <= 0) {
        decoded.delete(source)
        bytesOf.delete(source)
        flatOf.delete(source)
      }
    }

    let next = 0
    const worker = async () => {
      while (next < misses.length) {
        const claim = misses[next++]!
        const { request } = claim
        try {
          const frame = await frameOf(request.source, request.width)
          const settings = request.format === 'avif' ? settingsFor(await isFlat(request.source)) : ENCODER_SETTINGS
          const started = performance.now()
          const bytes = await encodeFrame(frame, request.format, settings)
          timings.push({ path: request.path, format: request.format, width: request.width, ms: performance.now() - started, bytes: bytes.length })
          await writeCached(claim.cacheFile, bytes)
          files.set(request.path, asView(bytes))
          encoded++
          settle(claim, { bytes })
        } catch (error) {
          failed.push({ path: request.path, source: request.source, error: message(error) })
          settle(claim, { error })
        } finally {
          release(request.source, request.width)
        }
      }
    }
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? defaultConcurrency()))
    await Promise.all(Array.from({ length: Math.min(concurrency, misses.length) }, worker))
  } finally {
    // never leave a claim open (an exception above would otherwise make later calls wait for ever)
    for (const claim of claims) settle(claim, { error: new Error('not made') })
  }

  // 3. what other calls were making, and this call's own duplicates (same content under another path)
  const waits = [...joins, ...alsoMine.map(({ request, claim }) => ({ request, promise: claim.done.promise }))]
  for (const { request, promise } of waits) {
    try {
      files.set(request.path, asView(await promise))
    } catch (error) {
      failed.push({ path: request.path, source: request.source, error: message(error) })
    }
  }

  // deterministic order for callers that iterate
  const sorted = new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  failed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { files: sorted, encoded, fromCache, joined: waits.length, failed, timings }
}
