import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import type { Payload, PayloadRequest, TypedUser } from 'payload'

import { buildSite } from './core/build'
import { BuildError, type AssetCopy, type BuildCache, type BuildOptions, type BuildResult, type ID, type OutputFile, type SiteSnapshot, missingMediaError } from './core/types'
import { loadSiteSnapshot } from './load/snapshot'
import { loadDefaultPartials } from './partials'
import { prepareFingerprint, type FingerprintOptions } from '../fingerprint'

export type BuildTimings = { loadMs: number; renderMs: number; imagesMs: number; writeMs: number }

export type DatabaseBuildResult = BuildResult & {
  timings: BuildTimings
  outDir: string | null
  images: { encoded: number; fromCache: number }
}

export type BuildFromDatabaseArgs = {
  payload: Payload
  siteId: ID
  /** Write the site here (replacing what is there only once everything is written). */
  outDir?: string
  cache?: BuildCache | null
  limits?: BuildOptions['limits']
  req?: Partial<PayloadRequest>
  user?: TypedUser | null
  draft?: boolean
  /** Fingerprint settings; `false` renders the template as written (tests of the bare builder). */
  fingerprint?: FingerprintOptions | false
}

const since = (start: number): number => Math.round(performance.now() - start)

export type RenderedSite = BuildResult & {
  images: { encoded: number; fromCache: number }
  timings: Pick<BuildTimings, 'renderMs' | 'imagesMs'>
}

/**
 * A loaded snapshot rendered the one way every caller needs it (deploys, the CLI, the preview, live preview):
 * the site's fingerprint around the builder, then its icons and image variants merged into the files.
 */
export const renderSnapshot = async ({
  snapshot,
  cache,
  limits,
  fingerprint,
}: {
  snapshot: SiteSnapshot
  cache?: BuildCache | null
  limits?: BuildOptions['limits']
  fingerprint?: FingerprintOptions | false
}): Promise<RenderedSite> => {
  let start = performance.now()
  const fp = fingerprint === false ? null : await prepareFingerprint(snapshot, fingerprint ?? {})
  const result = buildSite(snapshot, { partials: loadDefaultPartials(), cache, limits, ...fp?.options })
  const renderMs = since(start)
  // icons and image variants: encoded once per content, then served from the cache
  start = performance.now()
  const extra = fp ? await fp.produce(result) : { files: new Map<string, OutputFile>(), encoded: 0, fromCache: 0 }
  for (const [file, body] of extra.files) result.files.set(file, body)
  return {
    ...result,
    images: { encoded: extra.encoded, fromCache: extra.fromCache },
    timings: { renderMs, imagesMs: since(start) },
  }
}

/** Loads a site, renders it and, given a folder, writes it there. */
export const buildSiteFromDatabase = async ({
  payload,
  siteId,
  outDir,
  cache,
  limits,
  req,
  user,
  draft,
  fingerprint,
}: BuildFromDatabaseArgs): Promise<DatabaseBuildResult> => {
  let start = performance.now()
  const snapshot = await loadSiteSnapshot({ payload, siteId, req, user, draft })
  const loadMs = since(start)

  const result = await renderSnapshot({ snapshot, cache, limits, fingerprint })

  start = performance.now()
  if (outDir) await writeSite({ outDir, files: result.files, assets: result.assets })
  const writeMs = outDir ? since(start) : 0

  return {
    ...result,
    timings: { loadMs, ...result.timings, writeMs },
    outDir: outDir ? path.resolve(outDir) : null,
  }
}

const copyAsset = async (asset: AssetCopy, to: string): Promise<void> => {
  if (/^https?:\/\//i.test(asset.source)) {
    const response = await fetch(asset.source)
    if (!response.ok) throw new BuildError(`Could not fetch "${asset.path}" from ${asset.source} (HTTP ${response.status}): check the media storage.`)
    await fs.writeFile(to, new Uint8Array(await response.arrayBuffer()))
    return
  }
  try {
    await fs.copyFile(asset.source, to)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw missingMediaError(asset.path, asset.source)
    }
    throw err
  }
}

/** Inside `root`, never above it: file map keys come from templates and footprints. */
const inside = (root: string, relative: string): string => {
  const target = path.resolve(root, relative)
  if (target !== root && !target.startsWith(root + path.sep)) throw new BuildError(`Refusing to write "${relative}" outside the site folder.`)
  return target
}

const WRITE_CONCURRENCY = 16

/** Runs jobs a few at a time; the first failure stops new ones from starting and is thrown. */
const runLimited = async (jobs: (() => Promise<void>)[], limit: number): Promise<void> => {
  let next = 0
  let failed = false
  const worker = async () => {
    while (!failed && next < jobs.length) {
      const job = jobs[next++]
      try {
        await job()
      } catch (err) {
        failed = true
        throw err
      }
    }
  }
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, jobs.length) }, worker))
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (rejected) throw rejected.reason
}

/**
 * Writes a complete site into a new folder beside `outDir` and swaps it in,
 * so a build that fails half way leaves the previous site as it was.
 */
export const writeSite = async ({ outDir, files, assets }: { outDir: string; files: Map<string, OutputFile>; assets: AssetCopy[] }): Promise<void> => {
  const target = path.resolve(outDir)
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`
  const temp = `${target}.tmp-${suffix}`
  const old = `${target}.old-${suffix}`
  await fs.mkdir(path.dirname(target), { recursive: true })
  try {
    await fs.mkdir(temp)
    const dirs = new Map<string, Promise<unknown>>()
    const ensureDir = (file: string) => {
      const dir = path.dirname(file)
      if (!dirs.has(dir)) dirs.set(dir, fs.mkdir(dir, { recursive: true }))
      return dirs.get(dir)
    }
    const jobs: (() => Promise<void>)[] = [
      ...[...files].map(([relative, file]) => async () => {
        const to = inside(temp, relative)
        await ensureDir(to)
        await fs.writeFile(to, file.body)
      }),
      ...assets.map((asset) => async () => {
        const to = inside(temp, asset.path)
        await ensureDir(to)
        await copyAsset(asset, to)
      }),
    ]
    await runLimited(jobs, WRITE_CONCURRENCY)
  } catch (err) {
    await fs.rm(temp, { recursive: true, force: true })
    throw err
  }
  let hadOld = false
  try {
    await fs.rename(target, old)
    hadOld = true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      await fs.rm(temp, { recursive: true, force: true })
      throw err
    }
  }
  try {
    await fs.rename(temp, target)
  } catch (err) {
    if (hadOld) await fs.rename(old, target)
    await fs.rm(temp, { recursive: true, force: true })
    throw err
  }
  if (hadOld) await fs.rm(old, { recursive: true, force: true })
}
