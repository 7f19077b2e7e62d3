/**
 * The worker-threads variant: each worker builds the whole site from a
 * snapshot in which only its share of pages keeps its blocks (the others keep
 * id, title, slug, order and menu flags, so navigation, links and the sitemap
 * are the same everywhere) and writes only its own pages; worker 0 also
 * writes the site-wide files. The bench checks that the output is
 * byte-identical to the single-process build.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads'

import type { SiteSnapshot } from '../../plugins/site-builder/core/types'
import { runBuild, type Mode } from './pipeline'
import { writeFiles } from './write'

export type JobInput = { snapshot: SiteSnapshot; partials: Record<string, string>; out: string; mode: Mode; cacheDir: string }
type Job = JobInput & { index: number; count: number }
export type ShareResult = { index: number; buildMs: number; writeMs: number; files: number; bytes: number; assets: string[]; warnings: string[] }

/** Page ids this worker renders: every count-th page in build order, so shares cost about the same. */
const shareOf = (snapshot: SiteSnapshot, index: number, count: number) => {
  const ordered = [...snapshot.pages].sort((a, b) => a.order - b.order || (a.slug < b.slug ? -1 : 1))
  return new Set(ordered.filter((_, i) => i % count === index).map((p) => String(p.id)))
}

export const buildShare = async ({ snapshot, partials, out, mode, cacheDir, index, count }: Job): Promise<ShareResult> => {
  const mine = shareOf(snapshot, index, count)
  const stripped: SiteSnapshot = { ...snapshot, pages: snapshot.pages.map((p) => (mine.has(String(p.id)) ? p : { ...p, blocks: [] })) }
  const t0 = performance.now()
  // (each worker runs the per-site fingerprint step too; only worker 0 writes its icons)
  const { result, extra } = await runBuild(stripped, partials, mode, cacheDir)
  const t1 = performance.now()
  const pagePaths = new Map(result.pages.map((p) => [p.path, String(p.id)]))
  const files = [...result.files, ...extra].filter(([path]) => {
    const owner = pagePaths.get(path)
    return owner === undefined ? index === 0 : mine.has(owner)
  })
  const bytes = writeFiles(out, files)
  const t2 = performance.now()
  return { index, buildMs: t1 - t0, writeMs: t2 - t1, files: files.length, bytes, assets: result.assets.map((a) => a.path), warnings: index === 0 ? result.warnings : [] }
}

export type Pool = { run: (job: JobInput) => Promise<ShareResult[]>; close: () => Promise<void> }

/**
 * Starts `count` workers and waits until each has loaded the builder (a
 * long-lived pool, as a build service would keep; startup is not a build's
 * cost). `run` structured-clones the snapshot to each worker: that copy is
 * part of the build time.
 */
export const startPool = async (count: number): Promise<Pool> => {
  const workers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Worker>((resolve, reject) => {
          const worker = new Worker(new URL('./worker.mjs', import.meta.url), { execArgv: [] })
          worker.once('message', () => resolve(worker))
          worker.once('error', reject)
        }),
    ),
  )
  return {
    run: (job) =>
      Promise.all(
        workers.map(
          (worker, index) =>
            new Promise<ShareResult>((resolve, reject) => {
              worker.once('message', (m: ShareResult) => resolve(m))
              worker.once('error', reject)
              worker.postMessage({ ...job, index, count } satisfies Job)
            }),
        ),
      ),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort
  port.on('message', (job: Job) => {
    buildShare(job).then(
      (r) => port.postMessage(r),
      (err) => {
        throw err
      },
    )
  })
  port.postMessage('ready')
}
