/**
 * Runtime smoke test: `node tests/runtime/smoke.mjs <runtime tree>` (`npm run test:runtime -- <dir>`).
 *
 * Proves the production tree without Docker: in a tree made by `node scripts/runtime-tree.mjs <dir> --prune`
 * (production dependencies only, as in the Dockerfile's runtime stage) it runs `npm run migrate`, `npm start`,
 * `npm run collector` and `npm run worker` with NODE_ENV=production on an EMPTY PostgreSQL database, then over REST
 * creates the first user and signs in, creates a language, a template, a site and a published page, previews the site
 * through the app, deploys it to the local folder (the worker runs the job), checks the published page, sends a page
 * view to the collector and reads it back, and stops every process with SIGTERM. Any process that needs a development dependency fails it.
 *
 * Needs: DATABASE_URL=postgres://… of an empty database. Plain JavaScript with no imports beyond Node's, so it needs
 * nothing installed. Prints each step with its duration; process logs go to <tree>/smoke-logs/.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

const tree = path.resolve(process.argv[2] ?? '')
const databaseUrl = process.env.DATABASE_URL ?? ''
const logs = path.join(tree, 'smoke-logs')
const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36'
// a whole document: the builder's head and scripts (the tracker) have their places
const SMOKE_TEMPLATE = '<!doctype html><html lang="en"><head>{{ head }}</head><body><main>{{ content }}</main>{{ scripts }}</body></html>'
const children = []

const print = (line = '') => process.stdout.write(`${line}\n`)
const fail = (message) => {
  throw new Error(message)
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })

/** A process started in its own group (npm, sh and node under it are stopped together), output kept and logged. */
const start = (name, args, env) => {
  const log = fs.createWriteStream(path.join(logs, `${name}.log`))
  const child = spawn('npm', args, { cwd: tree, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  const proc = { name, child, output: '', exited: null }
  proc.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)))
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk) => {
      proc.output += chunk
      log.write(chunk)
    })
  }
  children.push(proc)
  return proc
}

const tail = (proc, lines = 25) => proc.output.trim().split('\n').slice(-lines).map((l) => `    | ${l}`).join('\n')

const isGroupAlive = (pid) => {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

/** SIGTERM to the whole group (npm exits at once; the node process under it is the one that must stop). */
const stop = async (proc, timeoutMs = 20_000) => {
  const { pid } = proc.child
  if (!isGroupAlive(pid)) return 'stopped'
  process.kill(-pid, 'SIGTERM')
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!isGroupAlive(pid)) return 'stopped'
    await new Promise((r) => setTimeout(r, 100))
  }
  process.kill(-pid, 'SIGKILL')
  return 'timeout'
}

const waitFor = async (what, proc, check, timeoutMs) => {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) fail(`${proc.name} exited with ${proc.child.exitCode} before ${what}:\n${tail(proc)}`)
    try {
      if (await check()) return
    } catch (err) {
      last = err.cause?.code ?? err.message
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  fail(`${what} did not happen within ${timeoutMs / 1000} s (last: ${last}):\n${tail(proc)}`)
}

const step = async (name, fn) => {
  const started = Date.now()
  await fn()
  const ms = Date.now() - started
  print(`  ok  ${name} (${(ms / 1000).toFixed(1)} s)`)
}

const main = async () => {
  if (!fs.existsSync(path.join(tree, 'server.js'))) fail(`${tree} is not a runtime tree: make one with node scripts/runtime-tree.mjs <dir> --prune`)
  if (!fs.existsSync(path.join(tree, 'node_modules'))) fail(`${tree} has no node_modules: it needs its production dependencies`)
  if (fs.existsSync(path.join(tree, 'node_modules', 'tsx'))) fail(`${tree}/node_modules has development dependencies (tsx): prune them first (npm prune --omit=dev)`)
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) fail('DATABASE_URL must be a postgres:// URL of an empty database')
  fs.mkdirSync(logs, { recursive: true })

  const [port, collectorPort] = [await freePort(), await freePort()]
  const app = `http://127.0.0.1:${port}`
  const collector = `http://127.0.0.1:${collectorPort}`
  // the processes run on this Node, and find nothing of the checkout's node_modules/.bin (tsx, next) on PATH
  const PATH = [path.dirname(process.execPath), ...(process.env.PATH ?? '').split(path.delimiter).filter((p) => !p.includes('node_modules'))].join(path.delimiter)
  const env = {
    PATH,
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: databaseUrl,
    PAYLOAD_SECRET: randomBytes(24).toString('hex'),
    PUBLIC_URL: app,
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    ANALYTICS_PORT: String(collectorPort),
    ANALYTICS_HOST: '127.0.0.1',
    ANALYTICS_COLLECTOR_URL: collector,
    WORKER_INTERVAL_MS: '1000',
    npm_config_update_notifier: 'false',
  }
  print(`Runtime smoke test in ${tree} on Node ${process.versions.node} (${process.execPath})`)

  await step('npm run migrate', async () => {
    const migrate = start('migrate', ['run', 'migrate'], env)
    const code = await Promise.race([migrate.exited, new Promise((r) => setTimeout(() => r('timeout'), 180_000))])
    if (code !== 0) fail(`npm run migrate ended with ${code}:\n${tail(migrate)}`)
    if (!migrate.output.includes('Database is at the latest migration')) fail(`npm run migrate printed no confirmation:\n${tail(migrate)}`)
  })

  const server = start('app', ['start'], env)
  await step('npm start: /api/health answers 200', () =>
    waitFor('/api/health answering 200', server, async () => (await fetch(`${app}/api/health`, { signal: AbortSignal.timeout(5000) })).status === 200, 120_000),
  )
  const tracker = start('collector', ['run', 'collector'], env)
  await step('npm run collector: /health answers 200', () =>
    waitFor('the collector answering', tracker, async () => (await fetch(`${collector}/health`, { signal: AbortSignal.timeout(3000) })).status === 200, 60_000),
  )
  const worker = start('worker', ['run', 'worker'], env)
  await step('npm run worker: running its queues', () => waitFor('the worker starting', worker, async () => worker.output.includes('Worker running'), 120_000))

  let auth = ''
  const api = async (method, route, body) => {
    const res = await fetch(`${app}${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    })
    const text = await res.text()
    let json = null
    try {
      json = JSON.parse(text)
    } catch {}
    return { status: res.status, json, text }
  }
  const expectStatus = (res, statuses, what) => {
    if (!statuses.includes(res.status)) fail(`${what}: ${res.status} ${res.text.slice(0, 500)}`)
    return res.json
  }

  const ids = {}
  const domain = 'runtime-smoke.test'
  await step('REST: first user, sign in', async () => {
    const user = { email: 'smoke@panel.test', password: `Smoke-${randomBytes(8).toString('hex')}` }
    expectStatus(await api('POST', '/api/users/first-register', user), [200, 201], 'POST /api/users/first-register')
    const login = expectStatus(await api('POST', '/api/users/login', user), [200], 'POST /api/users/login')
    if (!login?.token) fail('the login answered without a token')
    auth = `JWT ${login.token}`
    const me = expectStatus(await api('GET', '/api/users/me'), [200], 'GET /api/users/me')
    if (me?.user?.email !== user.email) fail(`signed in as ${me?.user?.email ?? 'nobody'}`)
  })
  await step('REST: language, template, site, published page', async () => {
    ids.language = expectStatus(await api('POST', '/api/languages', { code: 'en', name: 'English', active: true }), [201], 'POST /api/languages').doc.id
    ids.template = expectStatus(
      await api('POST', '/api/templates', { name: 'Smoke', type: 'monolithic', html: SMOKE_TEMPLATE }),
      [201],
      'POST /api/templates',
    ).doc.id
    ids.site = expectStatus(
      await api('POST', '/api/sites', { domain, brandName: 'Smoke', language: ids.language, template: ids.template }),
      [201],
      'POST /api/sites',
    ).doc.id
    ids.page = expectStatus(
      await api('POST', '/api/pages', {
        site: ids.site,
        title: 'Runtime smoke',
        slug: 'runtime-smoke',
        _status: 'published',
        blocks: [{ blockType: 'hero', heading: 'Hello from the runtime tree' }],
      }),
      [201],
      'POST /api/pages',
    ).doc.id
  })

  // the app renders through the site builder too, which reads blocks/*.liquid from its working directory
  await step('the app renders the site preview: GET /preview/:siteId/', async () => {
    const res = await fetch(`${app}/preview/${ids.site}/`, { headers: { authorization: auth }, signal: AbortSignal.timeout(60_000) })
    const html = await res.text()
    if (res.status !== 200 || !html.includes('Hello from the runtime tree')) fail(`GET /preview/${ids.site}/: ${res.status} ${html.slice(0, 300)}`)
  })

  let deployment
  await step('deploy to the local folder: POST /api/sites/:id/deploy, the worker runs it', async () => {
    const queued = expectStatus(await api('POST', `/api/sites/${ids.site}/deploy`), [202], `POST /api/sites/${ids.site}/deploy`)
    const id = queued.doc.id
    await waitFor(
      `deployment ${id} ending`,
      worker,
      async () => {
        deployment = expectStatus(await api('GET', `/api/deployments/${id}?depth=0`), [200], `GET /api/deployments/${id}`)
        return ['success', 'failed', 'cancelled'].includes(deployment.status)
      },
      180_000,
    )
    if (deployment.status !== 'success') fail(`deployment ${id} ended ${deployment.status}: ${deployment.error ?? ''}\n${tail(worker)}`)
  })
  await step('the published page is on disk, with the tracker', async () => {
    const published = path.join(tree, 'public-sites', domain, 'current')
    const files = fs.existsSync(published) ? fs.readdirSync(published, { recursive: true }).map(String) : []
    // the site's only page may be its home page (index.html) or have a folder of its own
    const page = files.filter((f) => f.endsWith('.html')).find((f) => fs.readFileSync(path.join(published, f), 'utf8').includes('Hello from the runtime tree'))
    if (!page) fail(`no published page has the hero heading in ${published} (files: ${files.slice(0, 20).join(', ') || 'none'})`)
    if (!fs.readFileSync(path.join(published, page), 'utf8').includes(collector)) fail(`${page} has no tracker pointing at ${collector}`)
  })
  await step('the collector stores a page view, read back over REST', async () => {
    const res = await fetch(`${collector}/track`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'user-agent': BROWSER_UA },
      body: JSON.stringify({ s: ids.site, t: 'pageview', h: domain, p: '/runtime-smoke/' }),
    })
    if (res.status !== 202) fail(`POST /track: ${res.status} ${await res.text()}`)
    const stored = expectStatus(await api('GET', `/api/page-views?where[site][equals]=${ids.site}&depth=0`), [200], 'GET /api/page-views')
    if (!stored.docs.some((v) => v.pathname === '/runtime-smoke/')) fail(`the page view is not stored: ${JSON.stringify(stored.docs).slice(0, 300)}`)
  })

  await step('SIGTERM stops the worker, the collector and the app', async () => {
    const results = {}
    for (const proc of [worker, tracker, server]) results[proc.name] = await stop(proc)
    const bad = Object.entries(results).filter(([, r]) => r === 'timeout')
    if (bad.length > 0) fail(`did not stop within 20 s: ${bad.map(([n]) => n).join(', ')}`)
  })
}

const startedAt = Date.now()
main()
  .then(() => {
    const needDev = children.filter((p) => /ERR_MODULE_NOT_FOUND|Cannot find (module|package)/.test(p.output))
    if (needDev.length > 0) fail(`missing modules in: ${needDev.map((p) => `${p.name}\n${tail(p)}`).join('\n')}`)
    print(`Runtime smoke test passed in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
    process.exit(0)
  })
  .catch(async (err) => {
    print(`FAILED: ${err.message}`)
    await Promise.all(children.map((p) => stop(p, 5_000)))
    print(`logs: ${logs}`)
    process.exit(1)
  })
