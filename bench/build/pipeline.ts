/**
 * What one Panel build does, in two modes:
 * - `core`: streamSite() alone (the bare builder);
 * - `full`: what a deploy or `npm run build-site` does after loading the
 *   site: the fingerprint (classes renamed and CSS/JS minified once per site,
 *   rich text classes renamed and every page minified, site icons made with
 *   sharp), streamSite(), then the fingerprint's extra files. Responsive image
 *   variants are off (the generated site has page speed off): their encoding is
 *   cached by content between builds and Eleventy does no image work either.
 *
 * Pages stream: the snapshot holds page summaries (no blocks); page content is
 * read from an NDJSON file a chunk at a time, as the database loader reads it a
 * chunk at a time, and each page is written as soon as it is rendered.
 */
import fs from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'

import { prepareFingerprint } from '../../plugins/fingerprint'
import { streamSite, type StreamResult } from '../../plugins/site-builder/core/build'
import type { SiteSnapshot, SnapshotPage } from '../../plugins/site-builder/core/types'
import { createWriter } from './write'

/** `pictures`: the whole build with page speed on (picture markup, AVIF/WebP variants encoded or taken from the cache). */
export type Mode = 'core' | 'full' | 'pictures'

/** The build's input on disk: the snapshot with page summaries, and one page (with blocks) per line in build order. */
export const writePanelInput = (snapshot: SiteSnapshot, dir: string): { snapshotFile: string; pagesFile: string } => {
  fs.mkdirSync(dir, { recursive: true })
  const snapshotFile = path.join(dir, 'snapshot.json')
  const pagesFile = path.join(dir, 'pages.ndjson')
  const ordered = [...snapshot.pages].sort((a, b) => a.order - b.order || (a.slug < b.slug ? -1 : 1))
  fs.writeFileSync(snapshotFile, JSON.stringify({ ...snapshot, pages: ordered.map((p) => ({ ...p, blocks: [] })) }))
  const fd = fs.openSync(pagesFile, 'w')
  for (const page of ordered) fs.writeSync(fd, `${JSON.stringify(page)}\n`) // `{"id":…` first: the reader skips lines by id
  fs.closeSync(fd)
  return { snapshotFile, pagesFile }
}

/**
 * Reads pages from the NDJSON file in the order they are asked for (chunks come in build order), 1 MiB at a
 * time; lines of pages another worker renders are skipped without being decoded.
 */
export const pageReader = (file: string) => {
  const fd = fs.openSync(file, 'r')
  // one reused buffer: unread bytes move to its start before the next read (grown only for a longer line)
  let buffer = Buffer.alloc(1 << 20)
  let start = 0 // the next unread line
  let end = 0 // bytes held
  let eof = false
  /** The next line as bytes (valid until the next call), or null at the end of the file. */
  const nextLine = (): Buffer | null => {
    for (;;) {
      const newline = buffer.subarray(0, end).indexOf(10, start)
      if (newline !== -1) {
        const line = buffer.subarray(start, newline)
        start = newline + 1
        return line
      }
      if (eof) {
        if (start < end) {
          const line = buffer.subarray(start, end)
          start = end
          return line
        }
        fs.closeSync(fd)
        return null
      }
      buffer.copy(buffer, 0, start, end)
      end -= start
      start = 0
      if (end === buffer.length) {
        const bigger = Buffer.alloc(buffer.length * 2)
        buffer.copy(bigger, 0, 0, end)
        buffer = bigger
      }
      const read = fs.readSync(fd, buffer, end, buffer.length - end, null)
      if (read === 0) eof = true
      end += read
    }
  }
  return async (summaries: SnapshotPage[]): Promise<SnapshotPage[]> => {
    const out: SnapshotPage[] = []
    for (const summary of summaries) {
      const prefix = Buffer.from(`{"id":${JSON.stringify(summary.id)},`)
      for (;;) {
        const line = nextLine()
        if (line === null) throw new Error(`page ${summary.id} is not in ${file}`)
        if (line.subarray(0, prefix.length).equals(prefix)) {
          out.push(JSON.parse(line.toString('utf8')) as SnapshotPage)
          break
        }
      }
    }
    return out
  }
}

/** Untimed setup for `full`: a real PNG for the logo and favicon (the icons are made from it), in `dir`. */
export const prepareIconSource = async (snapshot: SiteSnapshot, dir: string): Promise<SiteSnapshot> => {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'bench-logo.png')
  if (!fs.existsSync(file)) {
    await sharp({ create: { width: 512, height: 512, channels: 4, background: { r: 31, g: 111, b: 80, alpha: 1 } } })
      .png()
      .toFile(file)
  }
  const media = { ...snapshot.media }
  for (const id of [snapshot.site.logo, snapshot.site.favicon]) {
    if (id == null) continue
    const m = media[String(id)]
    if (m) media[String(id)] = { ...m, source: file, mimeType: 'image/png', filename: m.filename.replace(/\.\w+$/, '.png') }
  }
  return { ...snapshot, media }
}

export type BuildRun = { result: StreamResult; files: number; bytes: number; writeMs: number; images?: { encoded: number; fromCache: number; ms: number } }

/**
 * Untimed setup for `pictures`: a real JPEG (960x640, its own colours) for every media item, page speed on.
 * The files stay in `dir`, so a second run finds the same bytes (and the variant cache from the first).
 */
export const preparePictureSources = async (snapshot: SiteSnapshot, dir: string): Promise<SiteSnapshot> => {
  fs.mkdirSync(dir, { recursive: true })
  const media = { ...snapshot.media }
  for (const [key, m] of Object.entries(media)) {
    if (!m.mimeType.startsWith('image/jpeg')) continue
    const file = path.join(dir, m.filename)
    if (!fs.existsSync(file)) {
      const n = Number(m.id)
      const width = 960
      const height = 640
      // a gradient with a few shapes: compresses like a photo more than a flat colour would
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${(n * 37) % 360},60%,45%)"/><stop offset="1" stop-color="hsl(${(n * 71) % 360},50%,75%)"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${Array.from({ length: 12 }, (_, i) => `<circle cx="${(i * 97 + n * 13) % width}" cy="${(i * 53 + n * 29) % height}" r="${20 + ((i * n) % 60)}" fill="hsl(${(i * 29 + n) % 360},70%,${30 + (i % 5) * 10}%)" opacity="0.7"/>`).join('')}</svg>`
      await sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toFile(file)
    }
    media[key] = { ...m, source: file, width: 960, height: 640, sizes: [] }
  }
  return { ...snapshot, site: { ...snapshot.site, enablePageSpeed: true }, media }
}

/** One streamed build (or one share of a parallel one) from `pagesFile` into `out`. */
export const runBuild = async ({
  snapshot,
  partials,
  mode,
  cacheDir,
  pagesFile,
  out,
  share,
}: {
  snapshot: SiteSnapshot
  partials: Record<string, string>
  mode: Mode
  cacheDir: string
  pagesFile: string
  out: string
  share?: { index: number; count: number }
}): Promise<BuildRun> => {
  const writer = createWriter(out)
  const common = { partials, loadPages: pageReader(pagesFile), emit: writer.write, share }
  if (mode === 'core') {
    const result = await streamSite(snapshot, common)
    return { result, files: writer.files, bytes: writer.bytes, writeMs: writer.ms }
  }
  const fp = await prepareFingerprint(snapshot, { pictures: mode === 'pictures', cacheDir })
  const result = await streamSite(snapshot, { ...common, ...fp.options })
  let images: BuildRun['images']
  if (!share || share.index === 0) {
    const t0 = performance.now()
    const { files, encoded, fromCache } = await fp.produce(result)
    images = { encoded, fromCache, ms: performance.now() - t0 }
    for (const [file, body] of files) writer.write(file, body)
  }
  return { result, files: writer.files, bytes: writer.bytes, writeMs: writer.ms, images }
}
