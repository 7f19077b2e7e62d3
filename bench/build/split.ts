/**
 * The worker-threads variant: each worker reads the snapshot (page summaries)
 * itself and renders every count-th chunk of pages, reading only those pages'
 * content and writing their files; worker 0 also writes the site-wide files and
 * the icons. The bench checks that the output is byte-identical to the single
 * process.
 */
import fs from 'node:fs'
import { isMainThread, parentPort, Worker } from 'node:worker_threads'

import type { SiteSnapshot } from '../../plugins/site-builder/core/types'
import { prepareIconSource, runBuild, type Mode } from './pipeline'

export type JobInput = { snapshotFile: string; pagesFile: string; partials: Record<string, string>; out: string; mode: Mode; work: string }
type Job = JobInput & { index: number; count: number }
export type ShareResult = { index: number; ms: number; writeMs: number; files: number; bytes: number; assets: string[]; warnings: string[] }

export const buildShare = async ({ snapshotFile, pagesFile, partials, out, mode, work, index, count }: Job): Promise<ShareResult> => {
  const t0 = performance.now()
  const read = JSON.parse(fs.readFileSync(snapshotFile, 'utf8')) as SiteSnapshot
  const snapshot = mode === 'full' ? await prepareIconSource(read, work) : read
  const run = await runBuild({ snapshot, partials, mode, cacheDir: `${work}/cache`, pagesFile, out, share: { index, count } })
  return {
    index,
    ms: performance.now() - t0,
    writeMs: run.writeMs,
    files: run.files,
    bytes: run.bytes,
    assets: run.result.assets.map((a) => a.path),
    warnings: index === 0 ? run.result.warnings : [],
  }
}

export type Pool = { run: (job: JobInput) => Promise<ShareResult[]>; close: () => Promise<void> }

/**
 * Starts `count` workers and waits until each has loaded the builder (a
 * long-lived pool, as a build service would keep; startup is not a build's
 * cost). Each job's snapshot is read by every worker inside the timed span.
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
