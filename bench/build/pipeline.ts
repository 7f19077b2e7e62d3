/**
 * What one Panel build does, in two modes:
 * - `core`: buildSite() alone (the bare builder);
 * - `full`: what buildSiteFromDatabase() does after loading the snapshot: the
 *   fingerprint (classes renamed and CSS/JS minified once per site, rich text
 *   classes renamed and every page minified, site icons made with sharp),
 *   buildSite(), then the fingerprint's extra files. Responsive image variants
 *   are off (the generated site has page speed off): their encoding is cached
 *   by content between builds and Eleventy does no image work either.
 */
import fs from 'node:fs'
import path from 'node:path'

import sharp from 'sharp'

import { prepareFingerprint } from '../../plugins/fingerprint'
import { buildSite } from '../../plugins/site-builder/core/build'
import type { BuildResult, OutputFile, SiteSnapshot } from '../../plugins/site-builder/core/types'

export type Mode = 'core' | 'full'

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

/** The build's result plus the files the fingerprint adds (icons), not yet merged. */
export const runBuild = async (
  snapshot: SiteSnapshot,
  partials: Record<string, string>,
  mode: Mode,
  cacheDir: string,
): Promise<{ result: BuildResult; extra: Map<string, OutputFile> }> => {
  if (mode === 'core') return { result: buildSite(snapshot, { partials }), extra: new Map() }
  const fp = await prepareFingerprint(snapshot, { pictures: false, cacheDir })
  const result = buildSite(snapshot, { partials, ...fp.options })
  const { files } = await fp.produce(result)
  return { result, extra: files }
}
