/**
 * Site icons, the sharp half: from the site's favicon or logo (SVG or raster) make every file in
 * core/icons.ts `ICON_FILES`. Deterministic: fixed PNG settings, no metadata, no timestamps, so
 * the same source gives the same bytes (and the publisher uploads nothing new).
 *
 * Non-square sources are fitted whole into the square ("contain"), centred, on transparency —
 * except apple-touch-icon.png, which is flattened onto `background` because iOS shows
 * transparency as black.
 */
import sharp from 'sharp'

import { APPLE_TOUCH_SIZE, ICO_SIZES, ICON_FILES } from '../core/icons'

export type MakeIconsOptions = {
  /** Background of apple-touch-icon.png (any CSS colour sharp understands). Default white. */
  background?: string
}

const TRANSPARENT = { r: 0, g: 0, b: 0, alpha: 0 }
const PNG_OPTIONS = { compressionLevel: 9, adaptiveFiltering: false, palette: false } as const
/** SVGs are rasterised with their longer side at this many pixels, then scaled down (sharper small sizes). */
const SVG_RASTER = 1024

/** An ICO container holding PNG images (Vista+ and every browser read PNG entries). */
export const buildIco = (images: ReadonlyArray<{ size: number; png: Uint8Array }>): Uint8Array => {
  const headerSize = 6 + 16 * images.length
  const total = headerSize + images.reduce((n, i) => n + i.png.length, 0)
  const out = Buffer.alloc(total)
  out.writeUInt16LE(0, 0) // reserved
  out.writeUInt16LE(1, 2) // type: icon
  out.writeUInt16LE(images.length, 4)
  let offset = headerSize
  images.forEach(({ size, png }, i) => {
    if (!Number.isInteger(size) || size < 1 || size > 256) throw new Error(`ICO entries are 1..256 px, not ${size}`)
    const at = 6 + 16 * i
    out.writeUInt8(size === 256 ? 0 : size, at) // width (0 = 256)
    out.writeUInt8(size === 256 ? 0 : size, at + 1) // height
    out.writeUInt8(0, at + 2) // palette colours
    out.writeUInt8(0, at + 3) // reserved
    out.writeUInt16LE(1, at + 4) // colour planes
    out.writeUInt16LE(32, at + 6) // bits per pixel
    out.writeUInt32LE(png.length, at + 8)
    out.writeUInt32LE(offset, at + 12)
    out.set(png, offset)
    offset += png.length
  })
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
}

/** The source as something sharp can scale well: SVG rasterised large, raster auto-oriented. */
const master = async (source: Uint8Array): Promise<Buffer> => {
  const meta = await sharp(source)
    .metadata()
    .catch((error: unknown) => {
      throw new Error(`icon source is not an image sharp can read: ${error instanceof Error ? error.message : String(error)}`)
    })
  if (!meta.width || !meta.height) throw new Error('icon source has no dimensions')
  if (meta.format === 'svg') {
    const density = Math.min(100_000, Math.max(1, (72 * SVG_RASTER) / Math.max(meta.width, meta.height)))
    return sharp(source, { density }).png(PNG_OPTIONS).toBuffer()
  }
  return sharp(source, { autoOrient: true, pages: 1 }).png(PNG_OPTIONS).toBuffer()
}

const square = (input: Buffer, size: number): Promise<Buffer> =>
  sharp(input).resize(size, size, { fit: 'contain', background: TRANSPARENT, kernel: 'lanczos3' }).png(PNG_OPTIONS).toBuffer()

/** Every icon file by site path, in `ICON_FILES` order. */
export const makeIcons = async (source: Uint8Array, options: MakeIconsOptions = {}): Promise<Map<string, Uint8Array>> => {
  const base = await master(source)
  const background = options.background ?? '#ffffff'
  const bySize = new Map<number, Buffer>()
  const at = async (size: number) => {
    let png = bySize.get(size)
    if (!png) {
      png = await square(base, size)
      bySize.set(size, png)
    }
    return png
  }
  const files = new Map<string, Uint8Array>()
  for (const file of ICON_FILES) {
    let bytes: Uint8Array
    if (file.path === 'favicon.ico') {
      const entries = []
      for (const size of ICO_SIZES) entries.push({ size, png: await at(size) })
      bytes = buildIco(entries)
    } else if (file.path === 'apple-touch-icon.png') {
      bytes = await sharp(base)
        .resize(APPLE_TOUCH_SIZE, APPLE_TOUCH_SIZE, { fit: 'contain', background, kernel: 'lanczos3' })
        .flatten({ background })
        .png(PNG_OPTIONS)
        .toBuffer()
    } else {
      bytes = await at(file.sizes[0]!)
    }
    files.set(file.path, bytes instanceof Buffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes)
  }
  return files
}
