/**
 * Deploy benchmark: a 4,000-page site (bench/build's synthetic pages, the
 * demo's Starter Classic template, 96 media files) deployed to the fake
 * Cloudflare API by our publisher and by the real `wrangler pages deploy`
 * (4.86.0), full and after a one-page edit, in the same run. Figures are
 * printed, never asserted.
 *
 *   npm run bench:deploy                  # 4,000 pages
 *   npm run bench:deploy -- --pages 1000  # another size
 *   npm run bench:deploy -- --runs 3      # repeat the deploys (each run from an empty fake), report the median
 *   npm run bench:deploy -- --tmp /dev/shm --keep
 *
 * The fake runs in a child process (bench/deploy/fake-child.ts) and is
 * emptied before each tool's full deploy, so both upload everything. See
 * bench/README.md, "Deploy".
 */
import { fork, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { checkTree } from '../../plugins/site-builder/core/gate'
import { collectDeployFiles, planDeployment, type CollectedFiles, type DeployPlan, type TargetResult } from '../../plugins/publisher/core'
import { createCloudflarePagesTarget } from '../../plugins/publisher/targets/cloudflare'
import { wranglerPagesDeploy, wranglerVersion, type WranglerRun } from '../../tests/fakes/wrangler'
import { benchSnapshot, editOnePage, renderBenchSite, writeBenchSite, type BuiltBenchSite } from './site'

const here = path.dirname(fileURLToPath(import.meta.url))
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`)
  if (i === -1) return undefined
  const next = process.argv[i + 1]
  return next && !next.startsWith('--') ? next : ''
}
const pages = Number((arg('pages') || '4000').replace(/[_,]/g, ''))
const runs = Math.max(1, Number(arg('runs') || 1))
const keep = arg('keep') !== undefined
const tmp = fs.mkdtempSync(path.join(arg('tmp') || os.tmpdir(), 'bench-deploy-'))
const PROJECT = 'bench-deploy'
// the built folders are ~300 MB at 4,000 pages: never leave them behind, even when a deploy fails
process.on('exit', () => {
  if (!keep) fs.rmSync(tmp, { recursive: true, force: true })
})

// --- the fake in its own process ---------------------------------------------

type FakeInfo = { baseURL: string; apiToken: string; accountId: string }
type Stats = { uploadedKeys: number; uploadedBytes: number; uploadCalls: number; calls: number; cpuMs: number }
type DeploymentInfo = { id: string; files: number; sha: string }

const startFake = async (): Promise<{ info: FakeInfo; ask: <T>(cmd: Record<string, unknown>) => Promise<T>; child: ChildProcess }> => {
  const child = fork(path.join(here, 'fake-child.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const info = await new Promise<FakeInfo>((resolve, reject) => {
    child.once('message', (m) => resolve(m as FakeInfo))
    child.once('exit', (code) => reject(new Error(`fake exited with ${code}`)))
  })
  const ask = <T>(cmd: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      child.once('message', (m) => resolve(m as T))
      child.send(cmd)
    })
  return { info, ask, child }
}

// --- helpers ------------------------------------------------------------------

const ms = (start: number) => performance.now() - start
const s = (value: number) => (value / 1000).toFixed(2)
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

type OurDeploy = { gateMs: number; refs: number; hashMs: number; planMs: number; uploadMs: number; totalMs: number; cpuMs: number; result: TargetResult; plan: DeployPlan; collected: CollectedFiles; uploaded: Stats }

const main = async () => {
  console.log(`Deploy benchmark: ${pages.toLocaleString('en-US')} pages, wrangler ${wranglerVersion()}, Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`)
  const fake = await startFake()

  // snapshot and build, as the deploy job does them (the snapshot is generated in memory here, not loaded from a database)
  let t = performance.now()
  const snapshot = await benchSnapshot({ pages, workDir: path.join(tmp, 'work') })
  const snapshotMs = ms(t)
  const build = async (which: typeof snapshot): Promise<BuiltBenchSite> => renderBenchSite(which, path.join(tmp, 'work', 'cache'))
  const site = await build(snapshot)
  const editedSnapshot = editOnePage(snapshot)
  t = performance.now()
  const editedSnapshotMs = ms(t)
  const edited = await build(editedSnapshot)
  // the folders wrangler deploys (not part of our job: the publisher deploys from memory)
  await writeBenchSite(site, path.join(tmp, 'site-full'))
  await writeBenchSite(edited, path.join(tmp, 'site-edited'))
  console.log(`built: ${site.files.size + site.assets.length} files, ${site.renderMs.toFixed(0)} ms; edited build ${edited.renderMs.toFixed(0)} ms`)

  const target = createCloudflarePagesTarget({ apiToken: fake.info.apiToken, accountId: fake.info.accountId, projectName: PROJECT, baseURL: fake.info.baseURL })
  const stats = () => fake.ask<Stats>({ cmd: 'stats' })
  const delta = (after: Stats, before: Stats): Stats => ({
    uploadedKeys: after.uploadedKeys - before.uploadedKeys,
    uploadedBytes: after.uploadedBytes - before.uploadedBytes,
    uploadCalls: after.uploadCalls - before.uploadCalls,
    calls: after.calls - before.calls,
    cpuMs: after.cpuMs - before.cpuMs,
  })

  const ours = async (built: BuiltBenchSite, previous?: DeployPlan): Promise<OurDeploy> => {
    const before = await stats()
    const cpu0 = process.cpuUsage()
    const start = performance.now()
    const collected = await collectDeployFiles({ files: built.files, assets: built.assets })
    const hashMs = ms(start)
    // the link gate over the complete tree, as runDeployment runs it before anything goes live
    let t0 = performance.now()
    const tree = new Set(collected.files.map((f) => f.path))
    const gate = checkTree({ refs: built.refs, has: (p) => tree.has(p), redirects: collected.redirects })
    if (gate.missing.length) throw new Error(`the gate refused the bench site: ${gate.missing.length} missing, first ${JSON.stringify(gate.missing[0])}`)
    const gateMs = ms(t0)
    t0 = performance.now()
    const plan = planDeployment({ files: collected.files, previous: previous?.manifest })
    const planMs = ms(t0)
    t0 = performance.now()
    const result = await target.deploy({ plan, headers: collected.headers, redirects: collected.redirects, commitMessage: 'Benchmark deploy', log: () => {}, progress: () => {} })
    const uploadMs = ms(t0)
    const totalMs = ms(start)
    const cpu = process.cpuUsage(cpu0)
    return { gateMs, refs: gate.checked, hashMs, planMs, uploadMs, totalMs, cpuMs: (cpu.user + cpu.system) / 1000, result, plan, collected, uploaded: delta(await stats(), before) }
  }
  const theirs = async (dir: string, plan: DeployPlan): Promise<{ run: WranglerRun; ms: number; cpuMs: number; uploaded: Stats; uploadSec?: number }> => {
    const before = await stats()
    const run = await wranglerPagesDeploy({ fake: fake.info, dir: path.join(tmp, dir), projectName: PROJECT, commitHash: plan.commitHash, cpu: true })
    if (run.status !== 0) throw new Error(`wrangler failed (${run.status}):\n${run.stdout}\n${run.stderr}`)
    if (run.blocked.length) throw new Error(`wrangler tried to reach the internet: ${run.blocked.join(', ')}`)
    const uploadSec = /Uploaded \d+ files(?: \(\d+ already uploaded\))? \(([\d.]+) sec\)/.exec(run.stdout)?.[1]
    return { run, ms: run.ms, cpuMs: run.cpuMs ?? NaN, uploaded: delta(await stats(), before), uploadSec: uploadSec ? Number(uploadSec) * 1000 : undefined }
  }

  const results: { oursFull: OurDeploy; oursOne: OurDeploy; wFull: Awaited<ReturnType<typeof theirs>>; wOne: Awaited<ReturnType<typeof theirs>>; parity: string }[] = []
  for (let run = 1; run <= runs; run++) {
    await fake.ask({ cmd: 'reset', project: PROJECT })
    const oursFull = await ours(site)
    const oursOne = await ours(edited, oursFull.plan)
    await fake.ask({ cmd: 'reset', project: PROJECT })
    const wFull = await theirs('site-full', oursFull.plan)
    const wOne = await theirs('site-edited', oursOne.plan)
    // wrangler's two deployments are in the fake now; ours were before the reset: compare with our plans
    const list = await fake.ask<{ list: DeploymentInfo[] }>({ cmd: 'deployments' })
    const sha = (plan: DeployPlan) => {
      const sorted = Object.fromEntries(Object.keys(plan.manifest).sort().map((key) => [key, plan.manifest[key]]))
      return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16)
    }
    const same = list.list[0]?.sha === sha(oursFull.plan) && list.list[1]?.sha === sha(oursOne.plan)
    results.push({ oursFull, oursOne, wFull, wOne, parity: same ? 'identical' : `DIFFERENT (${JSON.stringify(list.list)})` })
    console.log(
      `run ${run}: ours full ${s(oursFull.totalMs)} s, one-page ${s(oursOne.totalMs)} s (upload step ${s(oursOne.uploadMs)} s); wrangler full ${s(wFull.ms)} s, one-page ${s(wOne.ms)} s; manifests ${results.at(-1)!.parity}`,
    )
  }

  const pick = <T>(get: (r: (typeof results)[number]) => T) => results.map(get)
  const m = (get: (r: (typeof results)[number]) => number) => median(pick(get))
  const last = results.at(-1)!
  const files = last.oursFull.plan.files.length

  const rows = [
    ['Panel publisher, full', m((r) => r.oursFull.totalMs), m((r) => r.oursFull.hashMs), m((r) => r.oursFull.uploadMs), m((r) => r.oursFull.cpuMs), last.oursFull.uploaded, m((r) => r.wFull.ms), m((r) => r.wFull.cpuMs)],
    ['wrangler pages deploy, full', m((r) => r.wFull.ms), NaN, m((r) => r.wFull.uploadSec ?? NaN), m((r) => r.wFull.cpuMs), last.wFull.uploaded, NaN, NaN],
    ['Panel publisher, one page edited', m((r) => r.oursOne.totalMs), m((r) => r.oursOne.hashMs), m((r) => r.oursOne.uploadMs), m((r) => r.oursOne.cpuMs), last.oursOne.uploaded, m((r) => r.wOne.ms), m((r) => r.wOne.cpuMs)],
    ['wrangler pages deploy, one page edited', m((r) => r.wOne.ms), NaN, m((r) => r.wOne.uploadSec ?? NaN), m((r) => r.wOne.cpuMs), last.wOne.uploaded, NaN, NaN],
  ] as const
  console.log(`\n${pages.toLocaleString('en-US')} pages, ${files.toLocaleString('en-US')} files, ${mb(last.oursFull.plan.bytes)} MB; median of ${runs} run(s); manifests: ${pick((r) => r.parity).join(', ')}\n`)
  console.log('| deploy | wall s | hash s | upload step s | client CPU s | fake CPU s | files uploaded | MB uploaded | upload requests | wrangler / Panel (wall) | wrangler / Panel (client CPU) |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  const opt = (value: number, format = s) => (Number.isNaN(value) ? '—' : format(value))
  for (const [name, wall, hash, upload, cpu, up, wrangler, wranglerCpu] of rows) {
    console.log(
      `| ${name} | ${s(wall)} | ${opt(hash)} | ${opt(upload)} | ${opt(cpu)} | ${s(up.cpuMs)} | ${up.uploadedKeys.toLocaleString('en-US')} | ${mb(up.uploadedBytes)} | ${up.uploadCalls} | ${Number.isNaN(wrangler) ? '' : `${(wrangler / wall).toFixed(2)}x`} | ${Number.isNaN(wranglerCpu) ? '' : `${(wranglerCpu / cpu).toFixed(2)}x`} |`,
    )
  }

  // the whole job, as runDeployment does it: snapshot, build (every page: deploys render without a cache), hash, plan, upload
  const gateOne = m((r) => r.oursOne.gateMs)
  console.log(
    `\nLink gate: ${last.oursOne.refs.toLocaleString('en-US')} references of ${files.toLocaleString('en-US')} files checked in ${gateOne.toFixed(1)} ms (median) = ` +
      `${((100 * gateOne) / m((r) => r.oursOne.totalMs)).toFixed(1)} % of the one-page deploy (goal: under 10 %)`,
  )
  console.log('\nWhole job (s): snapshot | build | hash | plan | upload step | total')
  const job = (label: string, snapMs: number, buildMs: number, d: OurDeploy) =>
    console.log(`| ${label} | ${s(snapMs)} | ${s(buildMs)} | ${s(d.hashMs)} | ${s(d.planMs)} | ${s(d.uploadMs)} | ${s(snapMs + buildMs + d.totalMs)} |`)
  console.log('| job | snapshot s | build s | hash s | plan s | upload step s | total s |')
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
  job('full deploy', snapshotMs, site.renderMs, last.oursFull)
  job('one page edited', editedSnapshotMs, edited.renderMs, last.oursOne)
  console.log(
    `\nsnapshot: generated in memory (bench/build/generate.ts + media files), not loaded from a database; see bench/build for PostgreSQL load times. Upload step = target.deploy(): project check, upload token, check-missing, uploads, upsert-hashes, create deployment, first poll.`,
  )

  fake.child.send({ cmd: 'close' })
  if (keep) console.log(`kept ${tmp}`)
}

await main()
