/**
 * The variant encoder as it was before issue 16 (plugins/fingerprint/images/variants.ts at f4186ce), kept here
 * verbatim in what it does so `bench:images` can time it against the current one in the same run: every variant
 * decodes its source again (`sharp(source).resize(width)`), AVIF q50 effort 2 and WebP q75 effort 4, two
 * encodes in flight, libvips threads left at sharp's default.
 */
import sharp from 'sharp'

import type { VariantFormat } from '../../plugins/fingerprint/core/images'

export const BEFORE_SETTINGS = {
  avif: { quality: 50, effort: 2, chromaSubsampling: '4:2:0', bitdepth: 8 },
  webp: { quality: 75, effort: 4, alphaQuality: 90, smartSubsample: false },
} as const

export const encodeBefore = async (source: Uint8Array, width: number, format: VariantFormat): Promise<Buffer> => {
  const pipeline = sharp(source, { autoOrient: true }).resize({ width, withoutEnlargement: true })
  return format === 'avif' ? pipeline.avif({ ...BEFORE_SETTINGS.avif }).toBuffer() : pipeline.webp({ ...BEFORE_SETTINGS.webp }).toBuffer()
}

export type Job = { source: string; width: number; format: VariantFormat }

/** The old makeVariants loop without its disk cache: sorted by source, widest first, `concurrency` workers. */
export const runBefore = async (jobs: Job[], read: (source: string) => Uint8Array, concurrency = 2): Promise<Map<string, Buffer>> => {
  const sorted = [...jobs].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : b.width - a.width || (a.format < b.format ? -1 : 1)))
  const out = new Map<string, Buffer>()
  let next = 0
  const worker = async () => {
    while (next < sorted.length) {
      const job = sorted[next++]!
      out.set(`${job.source}|${job.width}|${job.format}`, await encodeBefore(read(job.source), job.width, job.format))
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, sorted.length) }, worker))
  return out
}
