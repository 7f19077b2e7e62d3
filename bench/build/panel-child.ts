/**
 * One Panel build in its own process, so its peak RSS is its own.
 * Usage: node --import tsx bench/build/panel-child.ts <input dir> <out dir> <workers> <core|full>
 * The input dir holds snapshot.json (page summaries) and pages.ndjson (pipeline.ts writePanelInput).
 * Prints one JSON line (see PanelRun).
 */
import fs from 'node:fs'
import path from 'node:path'

import { loadDefaultPartials } from '../../plugins/site-builder/partials'
import type { SiteSnapshot } from '../../plugins/site-builder/core/types'
import { prepareIconSource, preparePictureSources, runBuild, type Mode } from './pipeline'
import { startPool } from './split'

export type PanelRun = {
  pages: number
  workers: number
  mode: Mode
  ms: number
  buildMs: number
  writeMs: number
  files: number
  bytes: number
  assets: number
  warnings: number
  /** CPU time of the whole process (all threads) during the build: steadier than wall time on a busy machine. */
  cpuMs: number
  /** RSS and V8 heap after the snapshot is made and garbage collected, just before the build. */
  baseMB: number
  baseHeapMB: number
  peakMB: number
  /** Image variants made by the fingerprint (pictures mode): encoded now, taken from the cache, time of that step. */
  images?: { encoded: number; fromCache: number; ms: number }
}

const [inputDir, out, workersArg, modeArg] = process.argv.slice(2)
const workers = Number(workersArg ?? 1)
const mode: Mode = modeArg === 'core' ? 'core' : modeArg === 'pictures' ? 'pictures' : 'full'
const work = path.join(path.dirname(out), `${path.basename(out)}-work`) // icon source and image cache, outside the output
const snapshotFile = path.join(inputDir, 'snapshot.json')
const pagesFile = path.join(inputDir, 'pages.ndjson')
const partials = loadDefaultPartials()
const mb = (bytes: number) => bytes / 1024 / 1024

// workers: a warm pool (each has loaded the builder), like module loading in the single process, not timed
const pool = workers > 1 ? await startPool(workers) : null

let run: PanelRun
let cpu0 = process.cpuUsage()
let t0 = performance.now()
if (workers <= 1) {
  // reading the summaries is part of the build, as loading the site is (Eleventy's time includes reading its input)
  const read = JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as SiteSnapshot
  // untimed: the stand-in PNG for the icons is made once, outside the build
  const setupStart = performance.now()
  const snapshot = mode === 'core' ? read : mode === 'pictures' ? await preparePictureSources(await prepareIconSource(read, work), path.join(work, 'photos')) : await prepareIconSource(read, work)
  t0 += performance.now() - setupStart
  ;(globalThis as { gc?: () => void }).gc?.()
  const baseMB = mb(process.memoryUsage().rss)
  const baseHeapMB = mb(process.memoryUsage().heapUsed)
  const built = await runBuild({ snapshot, partials, mode, cacheDir: path.join(work, 'cache'), pagesFile, out })
  const t2 = performance.now()
  run = {
    pages: snapshot.pages.length,
    workers: 1,
    mode,
    ms: t2 - t0,
    buildMs: t2 - t0 - built.writeMs,
    writeMs: built.writeMs,
    files: built.files,
    bytes: built.bytes,
    assets: built.result.assets.length,
    warnings: built.result.warnings.length,
    cpuMs: 0,
    baseMB,
    baseHeapMB,
    peakMB: 0,
    images: built.images,
  }
} else {
  ;(globalThis as { gc?: () => void }).gc?.()
  const baseMB = mb(process.memoryUsage().rss)
  const baseHeapMB = mb(process.memoryUsage().heapUsed)
  cpu0 = process.cpuUsage()
  t0 = performance.now()
  const shares = await pool!.run({ snapshotFile, pagesFile, partials, out, mode, work })
  const t2 = performance.now()
  await pool!.close()
  const slowest = shares.reduce((a, b) => (a.ms > b.ms ? a : b))
  run = {
    pages: JSON.parse(fs.readFileSync(snapshotFile, 'utf8')).pages.length,
    workers,
    mode,
    ms: t2 - t0,
    buildMs: slowest.ms - slowest.writeMs,
    writeMs: slowest.writeMs,
    files: shares.reduce((n, s) => n + s.files, 0),
    bytes: shares.reduce((n, s) => n + s.bytes, 0),
    assets: new Set(shares.flatMap((s) => s.assets)).size,
    warnings: shares.reduce((n, s) => n + s.warnings.length, 0),
    cpuMs: 0,
    baseMB,
    baseHeapMB,
    peakMB: 0,
  }
}
const cpu = process.cpuUsage(cpu0)
run.cpuMs = (cpu.user + cpu.system) / 1000
// maxRSS is the kernel's high-water mark for the whole process (all threads), in KiB
run.peakMB = process.resourceUsage().maxRSS / 1024
process.stdout.write(`${JSON.stringify(run)}\n`)
