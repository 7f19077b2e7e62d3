import sharp from 'sharp'

import type { SniffRefused } from './policy'

/** The types Payload measures and resizes with sharp (payload/dist/uploads/canResizeImage.js). */
const RESIZABLE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/tiff', 'image/avif'])

/**
 * Whether Payload can read an SVG's size, the way it does (parseSVG in
 * payload/dist/uploads/probeImageSize.js): width and height on the root tag,
 * or a viewBox.
 */
const svgHasSize = (data: Uint8Array): boolean => {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8', 0, Math.min(data.byteLength, 65536))
  const tag = /<svg[^>]*>/i.exec(text)?.[0]
  if (!tag) return false
  const length = (name: string): number | null => {
    const value = new RegExp(`${name}\\s*=\\s*["']?\\s*([^"'\\s>]+)`, 'i').exec(tag)?.[1]
    if (!value || /%\s*$/.test(value)) return null
    const n = Number.parseFloat(value)
    return Number.isFinite(n) && Math.round(n) > 0 ? n : null
  }
  if (length('width') !== null && length('height') !== null) return true
  const viewBox = /viewbox\s*=\s*["']?\s*([\d.\s,+-]+)/i.exec(tag)?.[1]?.trim().split(/[\s,]+/).map(Number)
  return Boolean(viewBox && viewBox.length === 4 && viewBox.every(Number.isFinite) && Math.round(viewBox[2]!) > 0 && Math.round(viewBox[3]!) > 0)
}

/**
 * Payload measures every image (and makes WebP sizes of the resizable ones)
 * after our checks; one it cannot measure fails there with "There was a
 * problem while uploading the file.". Asked first, the reason can be given:
 * an SVG without width, height or viewBox, or a damaged file.
 */
export async function imageSizeProblem({ data, filename, mimeType }: { data: Uint8Array; filename: string; mimeType: string }): Promise<SniffRefused | null> {
  if (mimeType === 'image/svg+xml') {
    return svgHasSize(data)
      ? null
      : { ok: false, status: 400, message: `"${filename}" has no size: give its <svg> element width and height attributes or a viewBox, then upload it again.` }
  }
  if (!RESIZABLE.has(mimeType)) return null
  let size: { width?: number; height?: number } = {}
  try {
    size = await sharp(data).metadata()
  } catch {
    // refused below
  }
  if (size.width && size.height) return null
  return { ok: false, status: 400, message: `"${filename}" could not be read as an image: it may be damaged or cut short. Open it in an image editor, export it again and upload that file.` }
}
