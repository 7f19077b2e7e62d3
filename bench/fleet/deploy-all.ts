/**
 * Deploy all: N sites of P pages each deployed to the local folder as one fleet deployment, by 1 and then by 2
 * worker processes (`scripts/worker.ts`, DEPLOY_CONCURRENCY slots shared by both). Prints sites per minute,
 * total time and each worker's peak RSS (VmHWM from /proc/<pid>/status). Figures are printed, never asserted
 * (goal: 2 workers at least 1.5x one worker on 2 cores).
 *
 * The sites: one seeded like a real site (tests/fixtures/fleetSite.ts: the demo's sectional template, footprint,
 * six images, links, a preset, P pages) and N - 1 clones of it (plugins/fleet/clone: each with its own class
 * prefix and media copies). Before each round the template's footer changes, so every round re-renders every
 * page of every site (the variant cache, keyed by image bytes, is warm after the source's first deployment,
 * which is not timed).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/panel_bench_test npm run bench:fleet -- [--sites 100] [--pages 40] [--workers 1,2] [--concurrency 4]
 *
 * PostgreSQL only (two worker processes). Use a database of its own: Payload pushes its schema into it; the
 * sites are left there (re-run with --reuse to deploy the same sites again without making them).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createLocalReq, getPayload, type CollectionSlug, type Payload } from 'payload'

import config from '@payload-config'
import type { Site, Template, User } from '../../payload-types'
import { CLONES_SLUG } from '../../plugins/fleet/clone/constants'
import { runClone } from '../../plugins/fleet/clone/job'
import { cloneSiteData } from '../../plugins/fleet/clone/siteData'
import { createFleetHandler } from '../../plugins/fleet/deploy-many/endpoints'
import type { FleetProgress } from '../../plugins/fleet/deploy-many/progress'
import { runDeployJob } from '../../plugins/publisher/jobs/deploySite'
import { queueDeployment } from '../../plugins/publisher/jobs/queue'
import { seedFleetSite } from '../../tests/fixtures/fleetSite'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback
}
const siteCount = Number(arg('sites', '100'))
const pageCount = Number(arg('pages', '40'))
const rounds = arg('workers', '1,2').split(',').map(Number)
const concurrency = arg('concurrency', '4')
const isReuse = process.argv.includes('--reuse')
const secs = (ms: number) => (ms / 1000).toFixed(1)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

if (!/^postgres/.test(process.env.DATABASE_URL ?? '')) {
  console.error('bench/fleet/deploy-all.ts needs PostgreSQL (DATABASE_URL): two worker processes share the deploy slots through it.')
  process.exit(1)
}

const BENCH_PREFIX = 'bench-fleet-'

/** The bench's sites: made once (a seeded source and its clones), found again with --reuse. */
const makeSites = async (payload: Payload): Promise<Site[]> => {
  const existing = (await payload.find({ collection: 'sites', where: { domain: { like: BENCH_PREFIX } }, depth: 0, pagination: false, sort: 'id' })).docs as Site[]
  if (isReuse && existing.length >= siteCount) return existing.slice(0, siteCount)
  const stamp = Date.now().toString(36)
  const t0 = performance.now()
  const source = await seedFleetSite(payload, { domain: `${BENCH_PREFIX}${stamp}-0.test`, pages: pageCount, concurrency: 8, isFast: true })
  const sourceSite = (await payload.findByID({ collection: 'sites', id: source.siteId, depth: 0 })) as Site
  const sites = [sourceSite]
  for (let i = 1; i < siteCount; i++) {
    const site = (await payload.create({
      collection: 'sites',
      data: cloneSiteData(payload, sourceSite, { domain: `${BENCH_PREFIX}${stamp}-${i}.test`, brandName: `Bench ${i}`, rewriteWithAi: false }) as never,
      overrideAccess: true,
      depth: 0,
    })) as Site
    const record = await payload.create({ collection: CLONES_SLUG as CollectionSlug, data: { label: `bench ${i}`, source: sourceSite.id, site: site.id, status: 'queued' } as never, overrideAccess: true, depth: 0 })
    const { status } = await runClone(payload, record.id)
    if (status !== 'done') throw new Error(`clone ${i} ended ${status}`)
    sites.push(site)
    if (i % 10 === 0) console.log(`  ${i + 1} sites made (${secs(performance.now() - t0)} s)`)
  }
  console.log(`  made ${sites.length} sites of ${pageCount} pages in ${secs(performance.now() - t0)} s (1 seeded, ${sites.length - 1} clones)`)
  return sites
}

/** Every page of every site is rendered again: the (shared) template's footer changes. */
const touchTemplate = async (payload: Payload, templateId: number, round: string) => {
  const template = (await payload.findByID({ collection: 'templates', id: templateId, depth: 0 })) as Template & { sections?: { html?: string }[] }
  const sections = (template.sections ?? []).map((section, i, all) =>
    i === all.length - 1 ? { ...section, html: `${(section.html ?? '').replace(/<!-- bench round [^>]* -->/g, '')}<!-- bench round ${round} -->` } : section,
  )
  await payload.update({ collection: 'templates', id: templateId, data: { sections } as never, depth: 0 })
}

type Worker = { child: ChildProcess; exited: Promise<number | null>; peakKb: number; poll: NodeJS.Timeout }

const vmHwmKb = (pid: number): number => {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) : 0
  } catch {
    return 0
  }
}

/** CPU seconds a process has used (utime + stime, /proc/<pid>/stat). */
const cpuSeconds = (pid: number | 'self'): number => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}

/** The machine's busy and total CPU time so far (/proc/stat, all cores): busy / total over a span is its load. */
const machineTicks = (): { busy: number; total: number } => {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const total = cpu.slice(0, 8).reduce((sum, n) => sum + n, 0)
  const idle = cpu[3]! + (cpu[4] ?? 0)
  return { busy: total - idle, total }
}

const startWorker = (publishDir: string): Promise<Worker> => {
  let output = ''
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/worker.ts'), '--queue', 'deploy'], {
    cwd: process.cwd(),
    env: { ...process.env, PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || 'panel-bench-secret', NODE_ENV: 'production', PUBLISH_DIR: publishDir, DEPLOY_CONCURRENCY: concurrency, ...(process.env.BENCH_WORKER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS } : {}), PUBLIC_URL: process.env.PUBLIC_URL || 'http://localhost:4120' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  const worker: Worker = { child, exited, peakKb: 0, poll: setInterval(() => (worker.peakKb = Math.max(worker.peakKb, vmHwmKb(child.pid!))), 500) }
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (/Worker running/.test(output)) {
        clearInterval(timer)
        resolve(worker)
      }
    }, 100)
    void exited.then((code) => {
      clearInterval(timer)
      reject(new Error(`a worker exited (${code}) before it listened:\n${output}`))
    })
  })
}

const main = async () => {
  const payload = await getPayload({ config })
  console.log(`Deploy all: ${siteCount} sites x ${pageCount} pages, workers ${rounds.join(' then ')}, DEPLOY_CONCURRENCY=${concurrency}, ${os.cpus().length} CPUs, Node ${process.version}`)
  const admin = ((await payload.find({ collection: 'users', where: { role: { equals: 'admin' } }, limit: 1 })).docs[0] ??
    (await payload.create({ collection: 'users', data: { email: 'bench@panel.test', password: 'bench-password-123', role: 'admin' } as never }))) as User
  const sites = await makeSites(payload)
  const templateId = Number(typeof sites[0]!.template === 'object' ? sites[0]!.template.id : sites[0]!.template)
  const publishDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-deploy-all-'))
  process.env.PUBLISH_DIR = publishDir
  // not timed: the source's first deployment encodes the image variants every clone shares
  const warm = await queueDeployment({ payload, siteId: sites[0]!.id, trigger: 'manual' })
  await runDeployJob(payload, String(warm.id))

  const figures: { workers: number; ms: number; perMinute: number; peaks: number[]; rendered: number }[] = []
  try {
    for (const [r, workerCount] of rounds.entries()) {
      await touchTemplate(payload, templateId, `${Date.now()}-${r}`)
      const workers = await Promise.all(Array.from({ length: workerCount }, () => startWorker(publishDir)))
      const start = performance.now()
      const ticks0 = machineTicks()
      const selfCpu0 = cpuSeconds('self')
      const workerCpu0 = workers.map((worker) => cpuSeconds(worker.child.pid!))
      const req = await createLocalReq({ user: { ...admin, collection: 'users' } as never }, payload)
      ;(req as { json?: () => Promise<unknown> }).json = async () => ({ sites: sites.map((site) => site.id) })
      const res = await createFleetHandler(req)
      if (res.status !== 202) throw new Error(`POST /api/fleet-deployments answered ${res.status}: ${await res.text()}`)
      const { doc } = (await res.json()) as { doc: { id: number } }
      let progress: FleetProgress | undefined
      for (;;) {
        const fleet = (await payload.findByID({ collection: 'fleet-deployments', id: doc.id, depth: 0 })) as unknown as { progress: FleetProgress }
        progress = fleet.progress
        if (progress.isDone) break
        await sleep(500)
      }
      const ms = performance.now() - start
      const ticks1 = machineTicks()
      const workerCpu = workers.map((worker, i) => cpuSeconds(worker.child.pid!) - workerCpu0[i]!)
      const selfCpu = cpuSeconds('self') - selfCpu0
      for (const worker of workers) {
        clearInterval(worker.poll)
        worker.peakKb = Math.max(worker.peakKb, vmHwmKb(worker.child.pid!))
        worker.child.kill('SIGTERM')
      }
      await Promise.all(workers.map((worker) => worker.exited))
      const deployments = (await payload.find({ collection: 'deployments', where: { id: { in: progress.sites.map((row) => row.deployment) } }, depth: 0, pagination: false })).docs
      const rendered = deployments.reduce((sum, d) => sum + (d.metrics?.pagesRendered ?? 0), 0)
      const perMinute = (progress.success / ms) * 60_000
      figures.push({ workers: workerCount, ms, perMinute, peaks: workers.map((worker) => worker.peakKb), rendered })
      console.log(
        `  ${workerCount} worker${workerCount > 1 ? 's' : ''}: ${progress.success}/${progress.total} deployed (${progress.failed} failed) in ${secs(ms)} s = ${perMinute.toFixed(1)} sites/min; ` +
          `${rendered} pages rendered; peak RSS ${workers.map((worker) => `${Math.round(worker.peakKb / 1024)} MB`).join(', ')}`,
      )
      // where the time went: a worker using ~1 CPU second per second is bound by its one JavaScript thread; the
      // machine near 100 % busy means more workers have no core to run on
      const busy = (ticks1.busy - ticks0.busy) / Math.max(1, ticks1.total - ticks0.total)
      console.log(
        `    CPU: workers ${workerCpu.map((c) => `${c.toFixed(1)} s (${((c / ms) * 1000 * 100).toFixed(0)} % of one core)`).join(', ')}; ` +
          `this process ${selfCpu.toFixed(1)} s; machine ${(busy * 100).toFixed(0)} % busy over ${os.cpus().length} cores (PostgreSQL, the workers, everything)`,
      )
      for (const row of progress.sites.filter((row) => row.status !== 'success').slice(0, 5)) console.log(`    ${row.domain}: ${row.status} ${row.error ?? ''}`)
    }
    const one = figures.find((figure) => figure.workers === 1)
    const two = figures.find((figure) => figure.workers === 2)
    if (one && two) console.log(`  2 workers / 1 worker: ${(two.perMinute / one.perMinute).toFixed(2)}x (goal >= 1.5x)`)
  } finally {
    fs.rmSync(publishDir, { recursive: true, force: true })
    await payload.destroy()
  }
  process.exit(0)
}

void main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
