/**
 * A real built site for the deploy benchmark and the Cloudflare parity/fault
 * tests: bench/build's synthetic pages (seeded, shaped like real ones) with
 * the demo's Starter Classic template, rendered the way a deployment renders
 * them (renderSnapshot: fingerprint, builder, icons), with media files made on
 * disk so the site's assets can be hashed, uploaded and copied.
 */
import fs from 'node:fs'
import path from 'node:path'

import { renderSnapshot, writeSite, type RenderedSite } from '../../plugins/site-builder/build'
import type { SiteSnapshot } from '../../plugins/site-builder/core/types'
import { createRng, generateSite } from '../build/generate'
import { prepareIconSource } from '../build/pipeline'

/** Rough sizes of real media: the upload photo and its three WebP sizes. */
const MEDIA_BYTES: Record<string, number> = { jpg: 380_000, '400x267.webp': 24_000, '768x512.webp': 62_000, '1024x683.webp': 105_000 }

const mediaBytes = (name: string, seed: number, scale: number): Uint8Array => {
  const key = Object.keys(MEDIA_BYTES).find((suffix) => name.endsWith(suffix)) ?? 'jpg'
  const rng = createRng(seed)
  const size = Math.round(MEDIA_BYTES[key]! * scale) + rng.int(0, 4096)
  const bytes = new Uint8Array(size)
  // incompressible, like image data; deterministic, so the same site hashes the same
  for (let i = 0; i < size; i += 4) {
    const value = Math.floor(rng.next() * 2 ** 32)
    bytes[i] = value & 0xff
    bytes[i + 1] = (value >>> 8) & 0xff
    bytes[i + 2] = (value >>> 16) & 0xff
    bytes[i + 3] = value >>> 24
  }
  return bytes
}

/**
 * The generated snapshot with every media source (and size) pointing at a
 * file under `workDir/media`, written once, and a real PNG as logo and
 * favicon so the fingerprint can make the icons. `mediaScale` shrinks the
 * media files (tests that do not need 13 MB of photos).
 */
export const benchSnapshot = async ({
  pages,
  workDir,
  seed = 2025,
  mediaScale = 1,
}: {
  pages: number
  workDir: string
  seed?: number
  mediaScale?: number
}): Promise<SiteSnapshot> => {
  const generated = generateSite(pages, seed).snapshot
  const mediaDir = path.join(workDir, `media-${mediaScale}`)
  fs.mkdirSync(mediaDir, { recursive: true })
  const place = (source: string, n: number): string => {
    const file = path.join(mediaDir, path.basename(source))
    if (!fs.existsSync(file)) fs.writeFileSync(file, mediaBytes(file, seed * 1000 + n, mediaScale))
    return file
  }
  let n = 0
  const media: SiteSnapshot['media'] = {}
  for (const [id, m] of Object.entries(generated.media)) {
    media[id] = {
      ...m,
      source: place(m.source, n++),
      sizes: m.sizes?.map((size) => ({ ...size, source: size.source ? place(size.source, n++) : size.source })),
    }
  }
  return prepareIconSource({ ...generated, media }, workDir)
}

/**
 * One page's heading edited, as an editor would (pages[index]): the hero's heading when the page opens with a hero
 * (that heading is the page's h1 then), else the page's h1 field.
 */
export const editOnePage = (snapshot: SiteSnapshot, index = 7, text = 'Edited for the incremental deploy'): SiteSnapshot => ({
  ...snapshot,
  pages: snapshot.pages.map((page, i) => {
    if (i !== index) return page
    const [first, ...rest] = page.blocks
    if (first?.blockType === 'hero') return { ...page, blocks: [{ ...first, heading: `${String(first.heading ?? '')} - ${text}` }, ...rest] }
    return { ...page, h1: `${page.h1 ?? page.title} - ${text}` }
  }),
})

export type BuiltBenchSite = RenderedSite & { renderMs: number }

/** Renders like a deployment does (no build cache: runDeployment renders every page). */
export const renderBenchSite = async (snapshot: SiteSnapshot, cacheDir: string): Promise<BuiltBenchSite> => {
  const started = performance.now()
  const site = await renderSnapshot({ snapshot, fingerprint: { pictures: false, cacheDir } })
  return { ...site, renderMs: performance.now() - started }
}

/** The built site as a folder, as `wrangler pages deploy` wants it (replaced whole if it exists). */
export const writeBenchSite = (site: RenderedSite, outDir: string): Promise<void> => writeSite({ outDir, files: site.files, assets: site.assets })
