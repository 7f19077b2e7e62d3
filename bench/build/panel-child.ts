/**
 * One Panel build in its own process, so its peak RSS is its own.
 * Usage: node --import tsx bench/build/panel-child.ts <pages> <out dir> <workers> <seed> <core|full>
 * Prints one JSON line (see PanelRun).
 */
import path from 'node:path'

import { loadDefaultPartials } from '../../plugins/site-builder/partials'
import { generateSite } from './generate'
import { prepareIconSource, runBuild, type Mode } from './pipeline'
import { startPool } from './split'
import { writeFiles } from './write'

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
}

const [pagesArg, out, workersArg, seedArg, modeArg] = process.argv.slice(2)
const pages = Number(pagesArg)
const workers = Number(workersArg ?? 1)
const mode: Mode = modeArg === 'core' ? 'core' : 'full'
const work = path.join(path.dirname(out), `${path.basename(out)}-work`) // icon source and image cache, outside the output
const generated = generateSite(pages, seedArg ? Number(seedArg) : undefined).snapshot
const snapshot = mode === 'full' ? await prepareIconSource(generated, work) : generated
const partials = loadDefaultPartials()
const mb = (bytes: number) => bytes / 1024 / 1024
// --expose-gc (run.ts passes it): start from the live snapshot, not the generator's garbage
;(globalThis as { gc?: () => void }).gc?.()
const baseMB = mb(process.memoryUsage().rss)
const baseHeapMB = mb(process.memoryUsage().heapUsed)

// workers: a warm pool (each has loaded the builder), like module loading in the single process, not timed
const pool = workers > 1 ? await startPool(workers) : null

let run: PanelRun
const cpu0 = process.cpuUsage()
const t0 = performance.now()
if (workers <= 1) {
  const { result, extra } = await runBuild(snapshot, partials, mode, path.join(work, 'cache'))
  for (const [file, body] of extra) result.files.set(file, body)
  const t1 = performance.now()
  const bytes = writeFiles(out, result.files)
  const t2 = performance.now()
  run = {
    pages,
    workers: 1,
    mode,
    ms: t2 - t0,
    buildMs: t1 - t0,
    writeMs: t2 - t1,
    files: result.files.size,
    bytes,
    assets: result.assets.length,
    warnings: result.warnings.length,
    cpuMs: 0,
    baseMB,
    baseHeapMB,
    peakMB: 0,
  }
} else {
  const shares = await pool!.run({ snapshot, partials, out, mode, cacheDir: path.join(work, 'cache') })
  const t2 = performance.now()
  await pool!.close()
  run = {
    pages,
    workers,
    mode,
    ms: t2 - t0,
    buildMs: Math.max(...shares.map((s) => s.buildMs)),
    writeMs: Math.max(...shares.map((s) => s.writeMs)),
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
