/**
 * `npm run bench:track`: event ingestion on PostgreSQL, three ways, with autocannon at -c 50 and -c 500:
 *   collector  plugins/analytics collector (node:http, group commit), `npm run collector`
 *   naive      one Payload create per request inside Next.js (`next start`, POST /api/page-views/naive-track)
 *   bare       node:http that only parses the body: the ceiling
 * then compares the rows in page_views with the 202 answers (lost events).
 *
 * Needs PostgreSQL on 127.0.0.1:5432 (BENCH_DATABASE_URL to change; the database is dropped and made again)
 * and, for the naive path, a production build: `NEXT_DIST_DIR=.next-analytics npm run build`.
 * BENCH_SECONDS (10) is the length of each run.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import autocannon from 'autocannon'
import pg from 'pg'

import { trackerFunction, trackerScript } from '../../plugins/analytics/core/tracker'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/panel_analytics_bench'
const DIST = process.env.NEXT_DIST_DIR ?? '.next-analytics'
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = [50, 500]
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

const print = (line = '') => process.stdout.write(`${line}\n`)

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })

const children: ChildProcess[] = []
const start = (command: string, args: string[], env: Record<string, string>, name: string): ChildProcess => {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  const log = fs.createWriteStream(path.join(ROOT, 'data', `bench-track-${name}.log`))
  child.stdout?.pipe(log)
  child.stderr?.pipe(log)
  children.push(child)
  return child
}
const stop = async (child: ChildProcess) => {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  try {
    process.kill(-child.pid!, 'SIGTERM')
  } catch {
    return
  }
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))])
  if (child.exitCode === null) {
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // gone
    }
  }
}

const waitFor = async (url: string, init: RequestInit, ok: (status: number) => boolean, seconds: number) => {
  const deadline = Date.now() + seconds * 1000
  let last = ''
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) })
      if (ok(res.status)) return
      last = `HTTP ${res.status} ${(await res.text()).slice(0, 200)}`
    } catch (err) {
      last = (err as Error).message
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`${url} not ready after ${seconds} s: ${last}`)
}

const resetDatabase = async () => {
  const url = new URL(DATABASE_URL)
  const name = url.pathname.slice(1)
  const admin = new pg.Client({ connectionString: Object.assign(new URL(DATABASE_URL), { pathname: '/postgres' }).toString() })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
}

const setup = async (): Promise<{ siteId: number; domain: string }> => {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const child = start(process.execPath, ['scripts/launch.mjs', 'bench/track/setup.ts'], { DATABASE_URL, NODE_ENV: 'development', PAYLOAD_SECRET: 'bench' }, 'setup')
    let out = ''
    child.stdout!.on('data', (d) => (out += d))
    const code = await new Promise((resolve) => child.once('exit', resolve))
    const line = out.split('\n').find((l) => l.startsWith('{"siteId"'))
    if (code === 0 && line) return JSON.parse(line)
    print(`  setup attempt ${attempt} failed (exit ${code}); see data/bench-track-setup.log`)
  }
  throw new Error('Could not set up the bench database')
}

type Row = { target: string; connections: number; rps: number; p50: number; p99: number; answered202: number; other: number; errors: number; rows: number | null }

const countRows = async (db: pg.Client, siteId: number) => Number((await db.query('SELECT count(*)::int AS n FROM page_views WHERE site_id = $1', [siteId])).rows[0].n)

const load = async (url: string, connections: number, body: string, seconds: number) =>
  autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': UA },
    body,
    timeout: 30,
  })

const main = async () => {
  print(`bench/track: ${SECONDS} s per run, PostgreSQL ${DATABASE_URL.replace(/\/\/[^@]*@/, '//')}`)
  const tracker = Buffer.byteLength(trackerFunction())
  print(`tracker: ${tracker} bytes minified (${Buffer.byteLength(trackerScript({ siteId: 1, collectorUrl: 'https://collect.example.com' }))} bytes as the <script> tag of one site)`)
  await resetDatabase()
  const { siteId, domain } = await setup()
  const body = JSON.stringify({ s: siteId, t: 'pageview', h: domain, p: '/reviews/best-boots/', q: '?utm_source=newsletter', r: 'https://www.google.com/' })
  const db = new pg.Client({ connectionString: DATABASE_URL })
  await db.connect()
  const rows: Row[] = []

  const run = async (target: string, url: string, connections: number, counted: boolean, seconds = SECONDS) => {
    const before = counted ? await countRows(db, siteId) : 0
    const r = await load(url, connections, body, seconds)
    const rowCount = counted ? (await countRows(db, siteId)) - before : null
    const answered202 = r.statusCodeStats?.['202']?.count ?? 0
    const total = Object.values(r.statusCodeStats ?? {}).reduce((s, v) => s + (v as { count: number }).count, 0)
    rows.push({ target, connections, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, answered202, other: total - answered202, errors: r.errors + r.timeouts, rows: rowCount })
    print(`  ${target} -c ${connections}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${answered202} × 202${rowCount === null ? '' : `, ${rowCount} rows`}`)
  }

  // the ceiling
  const barePort = await freePort()
  const bare = start(process.execPath, ['bench/track/bare.mjs'], { PORT: String(barePort) }, 'bare')
  await waitFor(`http://127.0.0.1:${barePort}/`, { method: 'POST', body: '{}' }, (s) => s === 202, 30)
  for (const c of CONNECTIONS) await run('bare node:http', `http://127.0.0.1:${barePort}/track`, c, false)
  await stop(bare)

  // the collector
  const collectorPort = await freePort()
  // started exactly as `npm run collector` starts it (Node options included), without npm in between
  const [, ...collectorArgs] = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.collector.split(' ')
  const collector = start(process.execPath, collectorArgs, { DATABASE_URL, ANALYTICS_PORT: String(collectorPort), ANALYTICS_HOST: '127.0.0.1', ANALYTICS_RATE_LIMIT: '0', ANALYTICS_POOL_MAX: '8' }, 'collector')
  await waitFor(`http://127.0.0.1:${collectorPort}/health`, {}, (s) => s === 200, 60)
  for (const c of CONNECTIONS) await run('collector', `http://127.0.0.1:${collectorPort}/track`, c, true)
  await stop(collector)

  // the naive path
  if (fs.existsSync(path.join(ROOT, DIST, 'BUILD_ID'))) {
    const nextPort = await freePort()
    const nextBin = path.join(ROOT, 'node_modules/next/dist/bin/next')
    const next = start(process.execPath, [nextBin, 'start', '-p', String(nextPort)], { DATABASE_URL, NODE_ENV: 'production', NEXT_DIST_DIR: DIST, PAYLOAD_SECRET: 'bench', ANALYTICS_NAIVE_ENDPOINT: '1', NODE_OPTIONS: '--no-deprecation' }, 'next')
    await waitFor(`http://127.0.0.1:${nextPort}/api/health`, {}, (s) => s === 200, 120)
    // warm up the route (first request compiles nothing in production, but loads Payload)
    await load(`http://127.0.0.1:${nextPort}/api/page-views/naive-track`, 4, body, 2)
    for (const c of CONNECTIONS) await run('naive (Payload create in Next)', `http://127.0.0.1:${nextPort}/api/page-views/naive-track`, c, true)
    await stop(next)
  } else {
    print(`  naive path skipped: no production build in ${DIST} (NEXT_DIST_DIR=${DIST} npm run build)`)
  }
  await db.end()

  print()
  print('| target | -c | events/s | p50 ms | p99 ms | 202 answers | rows written | lost | other answers | errors |')
  print('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of rows) {
    const lost = r.rows === null ? '—' : String(Math.max(0, r.answered202 - r.rows))
    print(`| ${r.target} | ${r.connections} | ${r.rps.toLocaleString('en')} | ${r.p50} | ${r.p99} | ${r.answered202.toLocaleString('en')} | ${r.rows === null ? '—' : r.rows.toLocaleString('en')} | ${lost} | ${r.other} | ${r.errors} |`)
  }
  const find = (target: string, c: number) => rows.find((r) => r.target.startsWith(target) && r.connections === c)
  const col50 = find('collector', 50)
  const col500 = find('collector', 500)
  const naive50 = find('naive', 50)
  const bare500 = find('bare', 500)
  print()
  if (col50 && naive50) print(`collector / naive at -c 50: ${(col50.rps / Math.max(1, naive50.rps)).toFixed(1)}x (goal ≥ 20x)`)
  if (col50) print(`collector at -c 50: ${col50.rps} events/s (goal ≥ 5,000), p99 ${col50.p99} ms (goal < 25)`)
  if (col500 && bare500) print(`collector / bare at -c 500: ${((col500.rps / bare500.rps) * 100).toFixed(0)}% (goal ≥ 50%)`)
  const lost = rows.filter((r) => r.rows !== null).reduce((s, r) => s + Math.max(0, r.answered202 - (r.rows ?? 0)), 0)
  print(`lost events (202 answers without a row): ${lost}`)
}

main()
  .catch((err) => {
    print(`bench/track failed: ${(err as Error).stack ?? err}`)
    process.exitCode = 1
  })
  .finally(async () => {
    for (const child of children) await stop(child)
  })
