import { randomBytes } from 'node:crypto'
import fsSync from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'

import type { Payload, PayloadRequest, TypedUser } from 'payload'

import { buildSite, streamSite, type StreamCache, type StreamResult } from './core/build'
import { brokenLinkWarnings, checkTree, missingAssetsMessage } from './core/gate'
import { BuildError, type AssetCopy, type BuildCache, type BuildOptions, type BuildResult, type ID, type NeededFile, type OutputFile, type SiteSnapshot, type SnapshotPage, missingMediaError } from './core/types'
import { loadSiteForStreaming, loadSiteSnapshot } from './load/snapshot'
import { isLocalLocation, readLocation } from '../../lib/storage/read'
import { loadDefaultPartials } from './partials'
import { isWarmPathOn, warmLoader } from './warm'
import { now as clockNow } from '../../lib/clock'
import { prepareFingerprint, type FingerprintOptions } from '../fingerprint'
import { trackerScript } from '../analytics/core/tracker'

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

/** Sites with analytics on get the tracker on every page (plugins/analytics/core/tracker.ts). */
const extraScriptsOf = (snapshot: SiteSnapshot): string =>
  snapshot.analytics ? trackerScript({ siteId: snapshot.site.id, collectorUrl: snapshot.analytics.collectorUrl }) : ''

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
  const result = buildSite(snapshot, { partials: loadDefaultPartials(), cache, limits, extraScripts: extraScriptsOf(snapshot), ...fp?.options })
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
  try {
    // a local file is copied as it is; an object of the media bucket or a URL is read first
    if (isLocalLocation(asset.source)) await fs.copyFile(asset.source, to)
    else await fs.writeFile(to, await readLocation(asset.source))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw missingMediaError(asset.path, asset.source)
    }
    if (isLocalLocation(asset.source)) throw err
    throw new BuildError(`Could not read "${asset.path}" from ${asset.source} (${(err as Error).message}): check the media storage.`)
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
  await swapIn(temp, target)
}

/** Puts a complete folder in the place of `target` (renaming, so readers see the old or the new version), then removes the old one. */
const swapIn = async (temp: string, target: string): Promise<void> => {
  const old = `${target}.old-${process.pid}-${randomBytes(4).toString('hex')}`
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

export type FolderBuildResult = StreamResult & {
  timings: BuildTimings & { loadPagesMs: number }
  outDir: string
  images: { encoded: number; fromCache: number }
  queries: number
  /** Pages whose file was linked from the previous build instead of rendered. */
  reused: number
}

/**
 * Builds a site from the database straight into a folder, for sites of any size: page content is read a
 * chunk at a time and each page is written as soon as it is rendered, so memory stays flat. With the
 * previous build's cache, unchanged pages are not rendered but hard-linked from the folder's current
 * version. The new version is written beside the old one and swapped in only when complete.
 */
export const buildSiteToFolder = async ({
  payload,
  siteId,
  outDir,
  cache,
  limits,
  req,
  user,
  fingerprint,
  chunkSize,
}: Omit<BuildFromDatabaseArgs, 'outDir' | 'cache' | 'draft'> & { outDir: string; cache?: StreamCache | null; chunkSize?: number }): Promise<FolderBuildResult> => {
  let start = performance.now()
  const loaded = await loadSiteForStreaming({ payload, siteId, req, user })
  const { snapshot } = loaded
  const loadMs = since(start)
  let loadPagesMs = 0
  const loadPages = async (summaries: Parameters<typeof loaded.loadPages>[0]) => {
    const t = performance.now()
    try {
      return await loaded.loadPages(summaries)
    } finally {
      loadPagesMs += performance.now() - t
    }
  }

  const target = path.resolve(outDir)
  const temp = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`
  await fs.mkdir(path.dirname(target), { recursive: true })
  await fs.mkdir(temp)
  const made = new Set<string>([temp])
  const ensureDir = (file: string) => {
    const dir = path.dirname(file)
    if (!made.has(dir)) {
      fsSync.mkdirSync(dir, { recursive: true })
      made.add(dir)
    }
  }
  // writes go out a few at a time while rendering goes on
  const inFlight = new Set<Promise<void>>()
  let writeMs = 0
  // every file of the new version, written or linked: what the link gate checks references against
  const tree = new Set<string>()
  const emit = async (relative: string, file: OutputFile) => {
    tree.add(relative)
    const to = inside(temp, relative)
    ensureDir(to)
    const t = performance.now()
    const write = fs.writeFile(to, file.body).then(() => {
      writeMs += performance.now() - t
      inFlight.delete(write)
    })
    inFlight.add(write)
    if (inFlight.size >= WRITE_CONCURRENCY) await Promise.race(inFlight)
  }
  let reused = 0
  const reuse = (relative: string): boolean => {
    const to = inside(temp, relative)
    try {
      ensureDir(to)
      fsSync.linkSync(inside(target, relative), to)
      tree.add(relative)
      reused++
      return true
    } catch {
      return false // no previous version of this file: render it
    }
  }

  let result: StreamResult
  let extra: { files: Map<string, OutputFile>; encoded: number; fromCache: number }
  let renderMs: number
  let imagesMs: number
  try {
    start = performance.now()
    const fp = fingerprint === false ? null : await prepareFingerprint(snapshot, fingerprint ?? {})
    result = await streamSite(snapshot, {
      partials: loadDefaultPartials(),
      cache,
      limits,
      extraScripts: extraScriptsOf(snapshot),
      ...fp?.options,
      loadPages,
      emit,
      reuse,
      chunkSize,
    })
    renderMs = since(start) - Math.round(loadPagesMs)
    start = performance.now()
    extra = fp ? await fp.produce(result) : { files: new Map<string, OutputFile>(), encoded: 0, fromCache: 0 }
    for (const [file, body] of extra.files) await emit(file, body)
    imagesMs = since(start)
    await Promise.all(inFlight)
    const t = performance.now()
    await runLimited(
      result.assets.map((asset) => async () => {
        const to = inside(temp, asset.path)
        ensureDir(to)
        await copyAsset(asset, to)
        tree.add(asset.path)
      }),
      WRITE_CONCURRENCY,
    )
    writeMs += performance.now() - t
    // the gate: every reference of the complete new version resolves, or the old version stays
    const gate = checkTree({ refs: result.refs, has: (p) => tree.has(p), redirects: redirectsOf(temp) })
    if (gate.missing.length > 0) throw new BuildError(missingAssetsMessage(gate.missing))
    result.warnings.push(...brokenLinkWarnings(gate.broken))
  } catch (err) {
    await Promise.allSettled(inFlight)
    await fs.rm(temp, { recursive: true, force: true })
    throw err
  }
  await swapIn(temp, target)
  return {
    ...result,
    images: { encoded: extra.encoded, fromCache: extra.fromCache },
    timings: { loadMs, loadPagesMs: Math.round(loadPagesMs), renderMs, imagesMs, writeMs: Math.round(writeMs) },
    outDir: target,
    queries: loaded.queries(),
    reused,
  }
}

const redirectsOf = (dir: string): string | undefined => {
  try {
    return fsSync.readFileSync(path.join(dir, '_redirects'), 'utf8')
  } catch {
    return undefined
  }
}

/**
 * What a deployment keeps for the next one: per page its dependency hash, path, the deployed file's hash
 * and size, and what the page brings with it (the files it needs made, its references for the link gate),
 * interned: a site's pages share most of their references (navigation, stylesheet, icons).
 */
export type DeployBuildCache = {
  version: 4
  refs: string[]
  needs: NeededFile[]
  pages: Record<string, { hash: string; path: string; fileHash: string; size: number; refs: number[]; needs: number[] }>
}

export type DeployBuild = Omit<StreamResult, 'cache'> & {
  /** Every file made this time (rendered pages, site files, icons, and the image variants of every page, rendered or reused). */
  files: Map<string, OutputFile>
  /** Pages not rendered because the last deployment already has their exact file: path, deployed hash, size. */
  reused: { path: string; fileHash: string; size: number }[]
  /** The stream cache of this build; the deploy adds the file hashes (`deployCacheOf`). */
  streamCache: StreamCache
  images: { encoded: number; fromCache: number }
  /** loadMs: the snapshot (site, summaries, and every chunk's pages); renderMs: the builder without those reads. */
  timings: Pick<BuildTimings, 'loadMs' | 'renderMs' | 'imagesMs'>
  /** The warm path (warm.ts), when asked for: whether kept pages were used, how many were kept and read. */
  warm?: { isWarm: boolean; kept: number; read: number } | null
}

/** A deploy cache as the stream cache the builder reads (older versions are not used: they lack what reused pages need). */
const streamCacheOf = (cache: DeployBuildCache | null | undefined): { pages: DeployBuildCache['pages']; stream: StreamCache } => {
  if (cache?.version !== 4) return { pages: {}, stream: { version: 2, pages: {} } }
  const pages: StreamCache['pages'] = {}
  for (const [id, e] of Object.entries(cache.pages)) {
    pages[id] = { hash: e.hash, path: e.path, refs: e.refs.map((i) => cache.refs[i]), needs: e.needs.map((i) => cache.needs[i]) }
  }
  return { pages: cache.pages, stream: { version: 2, pages } }
}

/**
 * The build of a deployment: streamed from the database a chunk at a time; a page whose inputs are
 * unchanged since the last deployment, and whose file that deployment published, is not rendered again
 * (`deployed(path)` gives the hash it was published with, or nothing). Whether rendered or reused, every
 * page brings the image variants it needs and its references, so the result is always the whole site.
 */
export const renderForDeploy = async ({
  payload,
  siteId,
  cache,
  deployed,
  fingerprint,
  limits,
  warm = false,
}: {
  payload: Payload
  siteId: ID
  /** Read only what changed since this worker's last build of the site (warm.ts); the result is the same. */
  warm?: boolean
  cache?: DeployBuildCache | null
  /** The deployed hash of a path in the last successful deployment's manifest. */
  deployed: (path: string) => string | undefined
  fingerprint?: FingerprintOptions | false
  limits?: BuildOptions['limits']
}): Promise<DeployBuild> => {
  let start = performance.now()
  const startedAt = clockNow()
  const loaded = await loadSiteForStreaming({ payload, siteId })
  const { snapshot } = loaded
  const warmPages = warm && isWarmPathOn() ? await warmLoader({ payload, siteId, loaded, startedAt }) : null
  let loadMs = since(start)
  // the chunks' reads are the snapshot's too: counted there, not as rendering
  let loadPagesMs = 0
  const loadPages = async (summaries: SnapshotPage[]) => {
    const t = performance.now()
    try {
      return await (warmPages ?? loaded).loadPages(summaries)
    } finally {
      loadPagesMs += performance.now() - t
    }
  }
  start = performance.now()
  const previous = streamCacheOf(cache)
  const byPath = new Map(Object.values(previous.pages).map((entry) => [entry.path, entry]))
  const files = new Map<string, OutputFile>()
  const reused: DeployBuild['reused'] = []
  const fp = fingerprint === false ? null : await prepareFingerprint(snapshot, fingerprint ?? {})
  const result = await streamSite(snapshot, {
    partials: loadDefaultPartials(),
    limits,
    extraScripts: extraScriptsOf(snapshot),
    ...fp?.options,
    loadPages,
    // bigger chunks than the CLI's: fewer round trips for a deploy; a chunk of 500 pages is still a few MB
    chunkSize: 500,
    cache: previous.stream,
    reuse: (path) => {
      const entry = byPath.get(path)
      if (!entry || deployed(path) !== entry.fileHash) return false
      reused.push({ path, fileHash: entry.fileHash, size: entry.size })
      return true
    },
    emit: (path, file) => {
      files.set(path, file)
    },
  })
  const renderMs = since(start) - Math.round(loadPagesMs)
  loadMs += Math.round(loadPagesMs)
  warmPages?.keep()
  start = performance.now()
  const extra = fp ? await fp.produce(result) : { files: new Map<string, OutputFile>(), encoded: 0, fromCache: 0 }
  for (const [file, body] of extra.files) files.set(file, body)
  const { cache: streamCache, ...rest } = result
  return {
    ...rest,
    files,
    reused,
    streamCache,
    images: { encoded: extra.encoded, fromCache: extra.fromCache },
    timings: { loadMs, renderMs, imagesMs: since(start) },
    warm: warmPages ? { isWarm: warmPages.isWarm, ...warmPages.stats() } : null,
  }
}

/** The cache a successful deployment keeps: the build's pages with the hash and size each page's file was deployed with. */
export const deployCacheOf = (build: DeployBuild, fileOf: (path: string) => { hash: string; size: number } | undefined): DeployBuildCache => {
  const cache: DeployBuildCache = { version: 4, refs: [], needs: [], pages: {} }
  const refIndex = new Map<string, number>()
  const needIndex = new Map<string, number>()
  const intern = <T>(value: T, key: string, index: Map<string, number>, list: T[]): number => {
    let i = index.get(key)
    if (i === undefined) {
      i = list.push(value) - 1
      index.set(key, i)
    }
    return i
  }
  for (const [id, entry] of Object.entries(build.streamCache.pages)) {
    const file = fileOf(entry.path)
    if (!file || !entry.refs || !entry.needs) continue
    cache.pages[id] = {
      hash: entry.hash,
      path: entry.path,
      fileHash: file.hash,
      size: file.size,
      refs: entry.refs.map((ref) => intern(ref, ref, refIndex, cache.refs)),
      needs: entry.needs.map((need) => intern(need, JSON.stringify(need), needIndex, cache.needs)),
    }
  }
  return cache
}
