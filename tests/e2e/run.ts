/**
 * Browser test, "the editor's day" (issue 15): `npm run test:e2e`.
 *
 * Drives Debian's Chromium (playwright-core, no bundled browsers) through the
 * admin UI of a production build against an EMPTY PostgreSQL database:
 *
 *   migrate -> next start -> the admin creates the first user -> language -> template -> site
 *   (all in the UI) -> a second site, the template's layout and an editor account for both sites (REST) ->
 *   Import sites (issue 14.2): the admin checks a CSV (the bad row reported by row and column), imports it (a fleet
 *   worker), and checks the same file again (nothing left to make) -> the admin signs out; from here on a new EDITOR works: signs in at /admin/login, picks the site in the nav's
 *   site selector -> a page with Hero, FAQ, Article, Call to action and Swiper blocks from the Add Block picker
 *   (every block shows its own picture there), published -> reload and read the values back -> check what the
 *   REST API stored -> Image, Text + image and Gallery blocks with an uploaded picture (REST), so the page has
 *   every block type -> preview.
 *   AI (issue 6, the server's OpenAI SDK pointed at tests/fakes/openai): Generate on the Hero block,
 *   watch the streamed preview, Apply, publish, reload; the same for the FAQ block's questions.
 *   Home page (issue 11): the first page became the site's home page; another is chosen in the site's edit view.
 *   Publishing (issues 5, 11): Deploy now, a worker runs it; the sites list's live URL opens the published
 *   folder at /live/<siteId>/ with every page file, icon and image loading. Analytics and the fleet dashboard.
 *   Deploy many (issue 14.3): Deploy 1 selected in the sites list, the fleet progress view follows it to Success.
 *
 * Needs: DATABASE_URL=postgres://… of an empty database (CI makes panel_ci_e2e),
 * `npm run build` done (.next/BUILD_ID), /usr/bin/chromium (apt-get install -y chromium).
 * Optional: E2E_PORT (default 3100; a free port is taken when it is busy),
 * E2E_CHROMIUM (another Chromium binary), E2E_HEADED=1 (no --headless, for debugging).
 *
 * Throughout, the test fails on any console error or page error in the admin's browser, on any request to a host
 * other than the app (and its analytics collector), and on any critical or serious axe violation in our own admin
 * components (fleet dashboard, analytics view, deployment view, AI panel, import view, fleet progress; tests/e2e/axe.ts).
 *
 * Prints every step with its duration and ends with `N passed, 0 failed`
 * (exit 0) or `X passed, Y failed` (exit 1; steps skipped after a failure
 * count as failed). Screenshots and the server log go to tests/e2e/artifacts/.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import pg from 'pg'
// ---- AI generation (issue 6): the fake OpenAI the server's SDK talks to
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai'
import { pngBytes } from '../helpers/files' // ---- issue 11: the home page's picture
import { analyticsSteps } from './analytics' // ---- analytics (issue 7)
import { axeRecorder } from './axe' // ---- accessibility (issue 15.8)
import { fleetDashboardSteps } from './fleet-dashboard' // ---- fleet dashboard (issue 14.6)
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts')
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const PAYLOAD_SECRET = process.env.PAYLOAD_SECRET || 'e2e-secret'
const HEALTH_TIMEOUT_MS = 90_000
const ACTION_TIMEOUT_MS = 30_000
const NAVIGATION_TIMEOUT_MS = 60_000
/** Saving goes through the server (hooks, validation, Postgres): allow for a slow 2-core machine. */
const SAVE_TIMEOUT_MS = 60_000
const MIGRATE_ATTEMPTS = 5

const ADMIN = { email: 'e2e-admin@panel.test', password: 'E2e-password-123!' }
// issue 15: the editor whose day this is (made by the admin, assigned to both sites)
const EDITOR = { email: 'e2e-editor@panel.test', password: 'E2e-editor-456!', name: 'E2E Editor' }
const SITE = { domain: 'e2e-site.test', brandName: 'E2E Brand' }
const DECOY_DOMAIN = 'decoy-site.test'
// ---- AI generation (issue 6): what the fake model writes for the hero
const AI_HERO = { heading: 'Boots that keep up with you', subheading: 'Tested on wet trails, chosen by hikers.', buttonText: 'See the boots' }
const AI_FAQ = {
  heading: 'Boot questions',
  items: [
    { question: 'Are the boots waterproof?', answer: 'Yes, every pair has a membrane.' },
    { question: 'How long is the break-in?', answer: 'Two or three short walks.' },
    { question: 'Can I return worn boots?', answer: 'Within 30 days if they are clean.' },
  ],
}

// issue 11: the page chosen as the site's home page (served at "/")
// the site's brand colour, set with the colour picker and expected in the published style sheet
const BRAND_COLOUR = { name: 'brand', value: '#0f766e' }
const HOME = { title: 'E2E home', slug: 'welcome', h1: 'Welcome to the E2E site', hero: 'Start here' }

// issue 15: what the editor writes into the other block types (every block type is on the smoke page)
const BLOCKS = {
  article: { heading: 'E2E article', text: 'Plain words typed into the article block.' },
  cta: { heading: 'Ready for the trail?', buttonText: 'Shop the boots', url: 'https://shop.example/boots' },
  swiper: { heading: 'E2E cards', title: 'Trail runner two' },
  image: { caption: 'E2E image caption' },
  textImage: { heading: 'E2E text beside a picture', text: 'Words beside the picture.' },
  gallery: { heading: 'E2E gallery', caption: 'E2E gallery caption' },
}
/** The block types in the order the page has them (the first five made in the picker, the last three through REST). */
const BLOCK_ORDER = ['hero', 'faq', 'article', 'cta', 'swiper', 'image', 'textImage', 'gallery']

const PAGE = {
  title: 'E2E smoke page',
  slug: 'e2e-smoke-page',
  hero: { heading: 'Hello from the E2E hero' },
  faq: { heading: 'E2E questions', question: 'Does the smoke test pass?', answer: 'Yes, when this text is read back.' },
}

// ---------------------------------------------------------------- output

const print = (line = ''): void => {
  process.stdout.write(`${line}\n`)
}

class Fatal extends Error {}

const fail = (message: string): never => {
  throw new Fatal(message)
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`

// ---------------------------------------------------------------- preconditions

const checkDatabase = async (url: string | undefined): Promise<string> => {
  if (!url) {
    fail(
      'DATABASE_URL is not set. The browser test needs an EMPTY PostgreSQL database, e.g.\n' +
        '  psql -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS panel_e2e" -c "CREATE DATABASE panel_e2e"\n' +
        '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/panel_e2e npm run test:e2e',
    )
  }
  if (!/^postgres(ql)?:\/\//.test(url!)) {
    fail(`DATABASE_URL must be a postgres:// URL of an empty database (got "${url!.split(':')[0]}:…")`)
  }
  const name = new URL(url!).pathname.replace(/^\//, '') || '(default)'
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  try {
    await client.connect()
  } catch (err) {
    fail(`Cannot connect to DATABASE_URL (database "${name}"): ${(err as Error).message}`)
  }
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.tables
       WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_toast%'`,
    )
    const tables = Number(rows[0]?.n ?? 0)
    if (tables > 0) {
      fail(
        `Database "${name}" is not empty (${tables} tables). The browser test creates the first user, so it needs a fresh database:\n` +
          `  psql -h <host> -U postgres -c "DROP DATABASE IF EXISTS ${name}" -c "CREATE DATABASE ${name}"`,
      )
    }
  } finally {
    await client.end().catch(() => undefined)
  }
  return name
}

const checkBuild = (): string => {
  const buildId = path.join(ROOT, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID')
  if (!fs.existsSync(buildId)) {
    fail(`No production build: ${path.relative(ROOT, buildId)} is missing. Run \`npm run build\` first.`)
  }
  return fs.readFileSync(buildId, 'utf8').trim()
}

const checkChromium = (): void => {
  if (!fs.existsSync(CHROMIUM)) {
    fail(`Chromium not found at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium\``)
  }
}

/** Names recorded by Payload in payload_migrations (batch > 0: real migrations, not dev pushes). */
const appliedMigrations = async (url: string): Promise<string[]> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    const { rows: exists } = await client.query<{ t: string | null }>(`SELECT to_regclass('public.payload_migrations') AS t`)
    if (!exists[0]?.t) return []
    const { rows } = await client.query<{ name: string }>('SELECT name FROM payload_migrations WHERE batch > 0')
    return rows.map((r) => r.name)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * `page.request` is a Node client with the browser's cookies. Chromium says where each of its own requests comes
 * from (Sec-Fetch-Site), and Payload honours the sign-in cookie only when a request is from Panel's origin (its csrf
 * list, PUBLIC_URL): the test's API calls say what the admin's browser would.
 */
const sameOriginApiRequests = (context: BrowserContext): void => {
  const api = context.request as unknown as Record<string, (url: string, options?: { headers?: Record<string, string> }) => Promise<unknown>>
  for (const method of ['fetch', 'get', 'post', 'put', 'patch', 'delete', 'head']) {
    const call = api[method]!.bind(api)
    api[method] = (url, options = {}) => call(url, { ...options, headers: { 'sec-fetch-site': 'same-origin', ...options.headers } })
  }
}

const portIsFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, () => server.close(() => resolve(true)))
  })

const anyFreePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })

const choosePort = async (): Promise<number> => {
  const wanted = Number(process.env.E2E_PORT || 3100)
  return (await portIsFree(wanted)) ? wanted : anyFreePort()
}

// ---------------------------------------------------------------- child processes

type Child = { process: ChildProcess; output: string[]; exited: Promise<number | null> }

/** Spawns in its own process group (so the whole tree can be killed) and keeps the last lines of output. */
const startChild = (command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Child => {
  const log = fs.createWriteStream(logFile)
  const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  const output: string[] = []
  const collect = (chunk: Buffer): void => {
    log.write(chunk)
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean))
    if (output.length > 200) output.splice(0, output.length - 200)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      log.end()
      resolve(code ?? (signal ? 128 : null))
    })
    child.once('error', (err) => {
      output.push(`spawn failed: ${err.message}`)
      log.end()
      resolve(127)
    })
  })
  return { process: child, output, exited }
}

const killGroup = async (child: Child | undefined): Promise<void> => {
  const pid = child?.process.pid
  if (!child || !pid) return
  // signalled even when npx itself has exited: next-server may be left in the group
  const signal = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig)
    } catch {
      // the group is gone already
    }
  }
  signal('SIGTERM')
  const gone = await Promise.race([child.exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5_000))])
  // next start forks workers: make sure nothing of the group survives
  signal('SIGKILL')
  if (!gone) await Promise.race([child.exited, new Promise((r) => setTimeout(r, 2_000))])
}

const tail = (child: Child, lines = 30): string => child.output.slice(-lines).map((l) => `    | ${l}`).join('\n')

// ---------------------------------------------------------------- steps

type Step = { name: string; run: () => Promise<void> }
type Outcome = { name: string; status: 'passed' | 'failed' | 'skipped'; ms: number; error?: string }

// ---------------------------------------------------------------- UI helpers

/**
 * Waits for the toast Payload shows after a save ("Language successfully created.",
 * "Updated successfully.") and fails at once, with the messages, on an error toast.
 */
const expectSaved = async (page: Page, text: string | RegExp): Promise<void> => {
  const success = page.locator('.payload-toast-item.toast-success').filter({ hasText: text }).first()
  const error = page.locator('.payload-toast-item.toast-error').first()
  await success.or(error).first().waitFor({ state: 'visible', timeout: SAVE_TIMEOUT_MS })
  if (await error.isVisible()) {
    const toast = (await error.innerText()).trim()
    const fieldErrors = (await page.locator('.field-error').allInnerTexts()).map((t) => t.trim()).filter(Boolean)
    fail(`saving failed: "${toast}"${fieldErrors.length ? `; field errors: ${fieldErrors.join(' | ')}` : ''}`)
  }
}

/**
 * A relationship field is a react-select: click it, type to search, choose the option. On a loaded machine a late
 * form refresh (a server render arriving after the form opened) can put the old value back after the click: the
 * choice is made again until the field shows it (seen once at load 30: the home page select kept its old value).
 */
const chooseRelationship = async (page: Page, field: Locator, search: string, option: string): Promise<void> => {
  const chosen = field.locator('.rs__single-value', { hasText: option })
  for (let attempt = 1; attempt <= 3; attempt++) {
    await waitForQuiet(page)
    await field.locator('.rs__control').click()
    await page.keyboard.type(search)
    await page.getByRole('option', { name: option, exact: true }).click()
    await waitForQuiet(page)
    if (await chosen.isVisible()) return
    await page.keyboard.press('Escape').catch(() => undefined)
  }
  await chosen.waitFor({ state: 'visible' })
}

/** Requests in flight per page and when the last one started or ended, for waitForQuiet. */
const network = new WeakMap<Page, { inflight: number; last: number }>()

const trackNetwork = (page: Page): void => {
  const state = { inflight: 0, last: Date.now() }
  network.set(page, state)
  page.on('request', () => {
    state.inflight++
    state.last = Date.now()
  })
  const done = (): void => {
    state.inflight = Math.max(0, state.inflight - 1)
    state.last = Date.now()
  }
  page.on('requestfinished', done)
  page.on('requestfailed', done)
}

/** Polls until no request has been in flight for `quietMs` (at most `maxMs`). */
const waitForQuiet = async (page: Page, quietMs = 600, maxMs = 15_000): Promise<void> => {
  const state = network.get(page)
  if (!state) return
  const deadline = Date.now() + maxMs
  while (Date.now() < deadline) {
    if (state.inflight === 0 && Date.now() - state.last >= quietMs) return
    await new Promise((r) => setTimeout(r, 100))
  }
}

const formReady = async (page: Page): Promise<void> => {
  await page.locator('form[data-form-ready="true"]').first().waitFor({ state: 'attached', timeout: NAVIGATION_TIMEOUT_MS })
}

/**
 * Opens an admin form and waits until it can be typed into: Payload's form is
 * hydrated and initialised (`data-form-ready`, the signal Payload's own e2e tests
 * use), and the network is quiet. The second wait matters: whenever no site is
 * selected (no sites yet, or several and none chosen), the multi-tenant plugin's
 * TenantSelectionProvider calls router.refresh() right after mount, and the
 * refreshed server render resets the form, wiping what was typed before it came back.
 */
const openForm = async (page: Page, url: string): Promise<void> => {
  await page.goto(url)
  await formReady(page)
  await waitForQuiet(page)
  await formReady(page)
}

/**
 * Fills text inputs and, before saving, checks every value is still there: a form
 * that re-initialises under us would otherwise fail later with a confusing
 * "field is required".
 */
const typist = () => {
  const filled: Array<[Locator, string]> = []
  return {
    fill: async (field: Locator, value: string): Promise<void> => {
      await field.fill(value)
      filled.push([field, value])
    },
    verify: async (): Promise<void> => {
      for (const [field, value] of filled) {
        const actual = await field.inputValue()
        if (actual !== value) fail(`what was typed into ${String(field)} is gone: it holds ${JSON.stringify(actual)}, not ${JSON.stringify(value)}`)
      }
      filled.length = 0
    },
  }
}

/**
 * A required text field by its label: Payload marks required fields with "*", which
 * is part of the accessible name. Pages need this: the SEO plugin adds a second,
 * optional "Title" (meta.title).
 */
const requiredText = (scope: Page | Locator, label: string): Locator => scope.getByRole('textbox', { name: `${label} *`, exact: true })

/** The slug box, marked required or not (it can be made from the title). */
const slugBox = (page: Page): Locator => page.getByRole('textbox', { name: /^Slug( \*)?$/ })

/** Chooses a block in the open Add Block picker by its label (the card's title; its accessible name starts with the picture's description). */
const pickBlock = async (page: Page, label: string): Promise<void> => {
  await page.locator('.blocks-drawer__block').getByTitle(label, { exact: true }).click()
}

/** A Lexical rich-text value with one paragraph, as the editor stores it (for blocks written through REST). */
const richText = (text: string) => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: 'ltr',
    children: [
      {
        type: 'paragraph',
        format: '',
        indent: 0,
        version: 1,
        direction: 'ltr',
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
      },
    ],
  },
})

/** The numeric id at the end of an edit URL, e.g. /admin/collections/sites/3. */
const docIdFromUrl = async (page: Page, collection: string): Promise<string> => {
  const pattern = new RegExp(`/admin/collections/${collection}/(\\d+)(?:[/?#]|$)`)
  await page.waitForURL(pattern, { timeout: SAVE_TIMEOUT_MS })
  return pattern.exec(page.url())![1]!
}

const waitForCookie = async (context: BrowserContext, name: string, value: string, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  let actual: string | undefined
  while (Date.now() < deadline) {
    actual = (await context.cookies()).find((c) => c.name === name)?.value
    if (actual === value) return
    await new Promise((r) => setTimeout(r, 100))
  }
  fail(`cookie ${name} is ${JSON.stringify(actual)}, expected ${JSON.stringify(value)}`)
}

const assertEqual = (actual: unknown, expected: unknown, what: string): void => {
  if (actual !== expected) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
}

// ---------------------------------------------------------------- main

const main = async (): Promise<number> => {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true })
  fs.mkdirSync(ARTIFACTS, { recursive: true })

  const databaseUrl = process.env.DATABASE_URL
  const dbName = await checkDatabase(databaseUrl)
  const buildId = checkBuild()
  checkChromium()
  const port = await choosePort()
  const baseURL = `http://127.0.0.1:${port}`
  const collectorPort = await anyFreePort() // ---- analytics (issue 7)
  const publishDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-e2e-publish-'))
  // ---- AI generation (issue 6): hero answers stream slowly enough to watch
  const aiFake: FakeOpenAI = await startFakeOpenAI()
  aiFake.fallback = (request) => {
    const schema = request.body?.response_format?.json_schema?.name
    if (schema === 'hero') return { json: AI_HERO, chunkSize: 4, chunkDelayMs: 80 }
    if (schema === 'faq') return { json: AI_FAQ, chunkSize: 40 }
    return { text: 'Fake reply' }
  }
  print(`e2e: database ${dbName}, build ${buildId}, server ${baseURL}, publish dir ${publishDir}`)

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NODE_OPTIONS: '--no-deprecation',
    NEXT_TELEMETRY_DISABLED: '1',
    PAYLOAD_SECRET,
    DATABASE_URL: databaseUrl,
    PUBLISH_DIR: publishDir,
    // the local-folder target's live URL (issue 11): where this server serves the published folder
    PUBLIC_URL: baseURL,
    // ---- AI generation (issue 6)
    OPENAI_BASE_URL: aiFake.baseURL,
    OPENAI_API_KEY: aiFake.apiKey,
    // ---- analytics (issue 7): built pages report to the collector the steps below start
    ANALYTICS_PORT: String(collectorPort),
    ANALYTICS_HOST: '127.0.0.1',
    ANALYTICS_COLLECTOR_URL: `http://127.0.0.1:${collectorPort}`,
  }

  /**
   * One pass of a queue, as `npm run worker -- --once --queue <queue>` runs it (scripts/worker.ts through launch.mjs):
   * `next start` runs no jobs. Node 20's module loader can exit 13 at start-up (launch.mjs restarts it); a pass
   * that exits so is run again, any other exit fails the step.
   */
  const workerPass = async (queue: string, logName: string): Promise<Child> => {
    for (let attempt = 1; ; attempt++) {
      const worker = startChild(process.execPath, ['scripts/launch.mjs', '--no-deprecation', 'scripts/worker.ts', '--once', '--queue', queue], env, path.join(ARTIFACTS, `${logName}-${attempt}.log`))
      const code = await Promise.race([worker.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 240_000))])
      if (code === 'timeout') {
        await killGroup(worker)
        fail(`the ${queue} worker (--once) did not finish within 240 s:\n${tail(worker)}`)
      }
      if (code === 0) return worker
      if (code !== 13 || attempt === 3) fail(`the ${queue} worker (--once) exited with ${code}:\n${tail(worker)}`)
    }
  }

  let server: Child | undefined
  let browser: Browser | undefined
  let context: BrowserContext | undefined
  let page: Page | undefined
  const browserProblems: string[] = []
  // issue 15: what fails the day at its end (console and page errors, requests to other hosts), and axe per view
  const consoleErrors: string[] = []
  const foreignRequests: string[] = []
  const allowedOrigins = new Set([new URL(baseURL).origin, `http://127.0.0.1:${collectorPort}`])
  const axe = axeRecorder({ artifacts: ARTIFACTS, fail, print })
  const ids: { language?: string; template?: string; site?: string; decoy?: string; page?: string; home?: string; media?: string; editor?: string } = {}

  const screenshot = async (name: string): Promise<void> => {
    if (!page || page.isClosed()) return
    const file = path.join(ARTIFACTS, `${name}.png`)
    try {
      await page.screenshot({ path: file, fullPage: true, timeout: 15_000 })
      print(`    screenshot: ${path.relative(ROOT, file)}`)
    } catch (err) {
      print(`    (screenshot failed: ${(err as Error).message.split('\n')[0]})`)
    }
  }

  const p = (): Page => page ?? fail('the browser is not open')

  // ---- analytics (issue 7)
  const analytics = analyticsSteps({
    artifacts: ARTIFACTS,
    env,
    collectorPort,
    baseURL,
    chromium: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    site: () => ({ id: ids.site ?? fail('no site yet'), domain: SITE.domain, pageSlug: PAGE.slug }),
    adminPage: p,
    adminContext: () => context ?? fail('the browser is not open'),
    startChild,
    killGroup,
    tail,
    fail,
    assertEqual,
    screenshot,
    axe: axe.check,
  })

  const steps: Step[] = [
    {
      name: 'migrate the database (npm run migrate)',
      run: async () => {
        const expected = fs
          .readdirSync(path.join(ROOT, 'migrations'))
          .filter((f) => /\.ts$/.test(f) && f !== 'index.ts')
          .map((f) => f.replace(/\.ts$/, ''))
        // `payload migrate` sometimes exits 0 at once, printing nothing and migrating nothing
        // (its tsx loader drops the config import; Payload issue #17757, ~1 run in 5 here).
        // So check the database afterwards and try again when nothing happened.
        for (let attempt = 1; attempt <= MIGRATE_ATTEMPTS; attempt++) {
          const migrate = startChild('npm', ['run', 'migrate'], env, path.join(ARTIFACTS, `migrate-${attempt}.log`))
          const code = await Promise.race([migrate.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 300_000))])
          if (code === 'timeout') {
            await killGroup(migrate)
            fail(`payload migrate did not finish within 300 s:\n${tail(migrate)}`)
          }
          if (code !== 0) fail(`payload migrate exited with ${code}:\n${tail(migrate)}`)
          const applied = await appliedMigrations(databaseUrl!)
          const missing = expected.filter((name) => !applied.includes(name))
          if (missing.length === 0) return
          print(
            `    payload migrate exited 0 but ${missing.length} of ${expected.length} migrations are not applied` +
              ` (${migrate.output.length ? 'output below' : 'it printed nothing'}); attempt ${attempt} of ${MIGRATE_ATTEMPTS}`,
          )
          if (migrate.output.length) print(tail(migrate, 10))
        }
        fail(`payload migrate did not apply the migrations in ${MIGRATE_ATTEMPTS} attempts (see tests/e2e/artifacts/migrate-*.log)`)
      },
    },
    {
      name: `start the server (next start -p ${port}) and wait for /api/health`,
      run: async () => {
        server = startChild('npx', ['next', 'start', '-p', String(port)], env, path.join(ARTIFACTS, 'server.log'))
        const deadline = Date.now() + HEALTH_TIMEOUT_MS
        let last = 'no answer yet'
        while (Date.now() < deadline) {
          if (server.process.exitCode !== null) fail(`the server exited with ${server.process.exitCode}:\n${tail(server)}`)
          try {
            const res = await fetch(`${baseURL}/api/health`, { signal: AbortSignal.timeout(5_000) })
            if (res.status === 200) return
            last = `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`
          } catch (err) {
            last = (err as Error).message
          }
          await new Promise((r) => setTimeout(r, 500))
        }
        fail(`/api/health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last}):\n${tail(server)}`)
      },
    },
    {
      name: 'launch Chromium',
      run: async () => {
        const headed = process.env.E2E_HEADED === '1'
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          headless: !headed,
          args: headed ? CHROMIUM_ARGS.filter((a) => a !== '--headless') : CHROMIUM_ARGS,
          timeout: 60_000,
        })
        context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 1000 } })
        sameOriginApiRequests(context)
        // every page of the admin's browser (popups too): no other host, no console error, no uncaught error
        context.on('request', (req) => {
          const url = new URL(req.url())
          if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:') && !allowedOrigins.has(url.origin)) {
            foreignRequests.push(`${req.method()} ${req.url().slice(0, 200)} (from ${req.frame()?.url().slice(0, 120) ?? '?'})`)
          }
        })
        context.on('console', (msg) => {
          if (msg.type() === 'error') {
            const source = msg.location().url ? ` (${msg.location().url.slice(0, 160)})` : ''
            consoleErrors.push(`console error on ${msg.page()?.url().slice(0, 120) ?? '?'}: ${msg.text().split('\n')[0]!.slice(0, 300)}${source}`)
          }
        })
        context.on('response', (res) => {
          if (res.status() >= 400 && res.frame().page() !== page) browserProblems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url().slice(0, 200)}`)
        })
        context.on('weberror', (err) => consoleErrors.push(`page error on ${err.page()?.url().slice(0, 120) ?? '?'}: ${err.error().message.split('\n')[0]}`))
        page = await context.newPage()
        trackNetwork(page)
        page.setDefaultTimeout(ACTION_TIMEOUT_MS)
        page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS)
        page.on('pageerror', (err) => browserProblems.push(`page error: ${err.message.split('\n')[0]}`))
        page.on('console', (msg) => {
          if (msg.type() === 'error') browserProblems.push(`console error: ${msg.text().split('\n')[0]!.slice(0, 300)}`)
        })
        page.on('requestfailed', (req) => {
          // aborted RSC fetches are the router cancelling prefetches when a navigation wins: noise
          if (req.failure()?.errorText === 'net::ERR_ABORTED') return
          browserProblems.push(`request failed: ${req.method()} ${req.url().slice(0, 200)} (${req.failure()?.errorText})`)
        })
        page.on('response', (res) => {
          if (res.status() >= 400) browserProblems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url().slice(0, 200)}`)
        })
      },
    },
    {
      name: 'create the first user at /admin/create-first-user and land on the dashboard',
      run: async () => {
        const page = p()
        const form = typist()
        await page.goto('/admin')
        await page.waitForURL(/\/admin\/create-first-user/)
        await formReady(page)
        await waitForQuiet(page)
        await form.fill(page.getByLabel('Email', { exact: false }), ADMIN.email)
        await form.fill(page.getByLabel(/^New Password|^Password/), ADMIN.password)
        await form.fill(page.getByLabel(/^Confirm Password/), ADMIN.password)
        await form.verify()
        await page.getByRole('button', { name: /^Create$/ }).click()
        await page.waitForURL((url) => /^\/admin\/?$/.test(url.pathname), { timeout: SAVE_TIMEOUT_MS })
        await page.getByRole('link', { name: 'Sites', exact: true }).first().waitFor({ state: 'visible' })
        const me = await page.request.get('/api/users/me')
        const body = (await me.json()) as { user?: { email?: string; role?: string } | null }
        assertEqual(body.user?.email, ADMIN.email, 'logged-in user')
        assertEqual(body.user?.role, 'admin', 'role of the first user')
      },
    },
    {
      // Through the admin UI (not REST): two plain text fields and Save.
      name: 'create a language (en, English) in the admin UI',
      run: async () => {
        const page = p()
        const form = typist()
        await openForm(page, '/admin/collections/languages/create')
        await form.fill(page.getByLabel('Code'), 'en')
        await form.fill(page.getByLabel('Name'), 'English')
        await form.verify()
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await expectSaved(page, /successfully created/i)
        ids.language = await docIdFromUrl(page, 'languages')
      },
    },
    {
      // Through the admin UI too: the name, and "Monolithic" (the default) in the Type select.
      name: 'create a template (E2E template, monolithic) in the admin UI',
      run: async () => {
        const page = p()
        const form = typist()
        await openForm(page, '/admin/collections/templates/create')
        await form.fill(page.getByLabel('Name'), 'E2E template')
        const type = page.locator('#field-type')
        await type.locator('.rs__control').click()
        await page.getByRole('option', { name: 'Monolithic (one layout)' }).click()
        await type.locator('.rs__single-value', { hasText: 'Monolithic' }).waitFor()
        await form.verify()
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await expectSaved(page, /successfully created/i)
        ids.template = await docIdFromUrl(page, 'templates')
      },
    },
    {
      name: `create the site ${SITE.domain} in the admin UI (language and template via the relationship selects)`,
      run: async () => {
        const page = p()
        const form = typist()
        await openForm(page, '/admin/collections/sites/create')
        await form.fill(page.getByLabel('Domain'), SITE.domain)
        await form.fill(page.getByLabel('Brand name'), SITE.brandName)
        await chooseRelationship(page, page.locator('#field-language'), 'Eng', 'English')
        await form.verify() // before leaving the tab: inactive tabs are not rendered
        // the nav has a "Design" group too: the tab is the one in <main>
        await page.getByRole('main').getByRole('button', { name: 'Design', exact: true }).click()
        await chooseRelationship(page, page.locator('#field-template'), 'E2E', 'E2E template')
        await form.verify()
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await expectSaved(page, /successfully created/i)
        ids.site = await docIdFromUrl(page, 'sites')
      },
    },
    {
      // the decoy only has to exist: with two sites the editor has the nav's site selector (the plugin's tenant
      // selector, relabelled) to choose from
      name: 'add a second site, give the template a layout and make an editor for both sites (REST, as the admin)',
      run: async () => {
        const page = p()
        const res = await page.request.post('/api/sites', {
          data: { domain: DECOY_DOMAIN, brandName: 'Decoy', language: Number(ids.language), template: Number(ids.template) },
        })
        assertEqual(res.status(), 201, 'POST /api/sites (decoy)')
        ids.decoy = String(((await res.json()) as { doc: { id: number } }).doc.id)
        // templates are the admin's: the editor only uses this one
        const layout =
          '<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><header class="top">{{ brand_name }}</header>' +
          '<main><h1 class="title">{{ page.h1 }}</h1>{{ content }}</main>{{ scripts }}</body></html>'
        const patch = await page.request.patch(`/api/templates/${ids.template}`, { data: { html: layout, css: '.title { color: var(--brand, #1d4ed8) }' } })
        assertEqual(patch.status(), 200, `PATCH /api/templates/${ids.template}`)
        const editor = await page.request.post('/api/users', {
          data: { ...EDITOR, role: 'editor', sites: [{ site: Number(ids.site) }, { site: Number(ids.decoy) }] },
        })
        assertEqual(editor.status(), 201, 'POST /api/users (the editor)')
        ids.editor = String(((await editor.json()) as { doc: { id: number } }).doc.id)
      },
    },
    {
      // issue 14.2: the admin's Import sites view, clicked through: a dry run reports the bad row with its row,
      // column and reason, the import (a job on the fleet queue, run by a worker) makes the good rows, and the same
      // file checked again has nothing left to make
      name: 'the admin imports sites from a CSV in the Import sites view: Check file, Import, a fleet worker, the same file again',
      run: async () => {
        const page = p()
        const csv = Buffer.from(
          [
            'domain,brand,language,template,colours',
            'imported-one.test,Imported One,en,E2E template,brand=#0f766e',
            'imported-two.test,Imported Two,en,E2E template,',
            'imported-bad.test,Imported Bad,xx,E2E template,',
          ].join('\n'),
        )
        const check = page.getByRole('button', { name: 'Check file' })
        // the file input is React's: a file set before hydration is not seen, so choose, let the page settle, and
        // choose again until Check file is on
        const choose = async () => {
          for (let attempt = 1; ; attempt++) {
            await page.getByLabel('CSV file').setInputFiles({ name: 'sites.csv', mimeType: 'text/csv', buffer: csv })
            await waitForQuiet(page, 1000)
            if (await check.isEnabled()) return
            if (attempt === 10) fail('Check file stays disabled after choosing a CSV file')
            await page.waitForTimeout(500)
          }
        }
        await page.goto('/admin/import-sites')
        await page.getByLabel('CSV file').waitFor({ state: 'visible' })
        await waitForQuiet(page)
        await choose()
        await check.click()
        await page.getByText('3 rows: 2 to create, 0 existing (skipped), 1 with problems (not imported).').waitFor({ state: 'visible' })
        const problems = page.locator('section', { has: page.getByRole('heading', { name: /Rows with problems/ }) })
        const problem = problems.getByRole('row').filter({ hasText: 'language' })
        await problem.first().waitFor({ state: 'visible' })
        const problemText = (await problem.first().innerText()).replace(/\s+/g, ' ')
        if (!/^4 /.test(problemText)) fail(`the problem row should name row 4 (the spreadsheet's numbering, header = 1), got "${problemText}"`)
        await axe.check(page, 'import sites (dry run)', ['.import-sites'])
        await page.getByRole('button', { name: 'Import 2 sites' }).click()
        const status = page.getByRole('status')
        await status.getByText(/Queued…|Importing…|Done/).first().waitFor({ state: 'visible' })
        // `next start` runs no jobs: one pass of the fleet queue makes the sites
        await workerPass('fleet', 'fleet-worker')
        // the view polls the import record until it is done
        await status.getByText('Done', { exact: true }).waitFor({ state: 'visible', timeout: 30_000 })
        await status.getByText(/2 created, 0 skipped, 0 failed/).waitFor({ state: 'visible' })
        const made = (await (await page.request.get('/api/sites?where[domain][like]=imported-&depth=0&sort=domain&limit=10')).json()) as {
          docs: Array<{ domain: string; brandName: string; customColors?: Array<{ name: string; value: string }> | null }>
        }
        assertEqual(made.docs.map((d) => `${d.domain} ${d.brandName}`).join(', '), 'imported-one.test Imported One, imported-two.test Imported Two', 'sites made by the import')
        assertEqual(JSON.stringify(made.docs[0]!.customColors?.map(({ name, value }) => ({ name, value }))), JSON.stringify([{ name: 'brand', value: '#0f766e' }]), 'colours of imported-one.test')
        // each made site links from its row
        await page.getByRole('link', { name: 'imported-one.test' }).waitFor({ state: 'visible' })
        // the same file again: both sites exist as the file describes them, so nothing is left to import
        await choose()
        await check.click()
        await page.getByText('3 rows: 0 to create, 2 existing (skipped), 1 with problems (not imported).').waitFor({ state: 'visible' })
        if (await page.getByRole('button', { name: /^Import/ }).isEnabled()) fail('Import is enabled for a file with nothing to make')
      },
    },
    {
      // issue 15: the rest of the day is the editor's, in the editor's own session
      name: 'the admin signs out; the new editor signs in at /admin/login and lands on the dashboard (axe: the fleet dashboard)',
      run: async () => {
        const page = p()
        const ctx = context ?? fail('the browser is not open')
        await page.request.post('/api/users/logout')
        await ctx.clearCookies()
        const form = typist()
        await page.goto('/admin')
        await page.waitForURL(/\/admin\/login/, { timeout: NAVIGATION_TIMEOUT_MS })
        await formReady(page)
        await waitForQuiet(page)
        await form.fill(page.getByLabel('Email', { exact: false }), EDITOR.email)
        await form.fill(page.getByLabel('Password', { exact: false }), EDITOR.password)
        await form.verify()
        await page.getByRole('button', { name: /^Log ?in$/i }).click()
        await page.waitForURL((url) => /^\/admin\/?$/.test(url.pathname), { timeout: SAVE_TIMEOUT_MS })
        const me = (await (await page.request.get('/api/users/me')).json()) as { user?: { email?: string; role?: string } | null }
        assertEqual(me.user?.email, EDITOR.email, 'signed-in user')
        assertEqual(me.user?.role, 'editor', 'role of the signed-in user')
        await page.getByTestId(`fleet-row-${ids.site}`).waitFor({ state: 'visible' })
        await waitForQuiet(page)
        await axe.check(page, 'dashboard (editor)', ['.fleet'])
      },
    },
    {
      // With a single site the multi-tenant plugin shows no site selector at all and assigns new pages to that site
      // silently; the editor has two, so the nav has a "Site" select, and the selected site (cookie payload-tenant) is
      // what a new page is created in. The nav selector is read-only on document views: the site is chosen in a list.
      name: 'the editor chooses e2e-site.test in the nav site selector',
      run: async () => {
        const page = p()
        await page.goto('/admin/collections/pages')
        await waitForQuiet(page)
        const openMenu = page.getByRole('button', { name: 'Open Menu' })
        if (await openMenu.isVisible()) await openMenu.click()
        const selector = page.locator('.tenant-selector')
        await selector.getByText('Site', { exact: true }).waitFor({ state: 'visible' })
        // switch to the decoy first, so choosing the e2e site is a real change
        for (const [domain, id] of [[DECOY_DOMAIN, ids.decoy], [SITE.domain, ids.site]] as const) {
          const current = await selector.locator('.rs__single-value').textContent().catch(() => null)
          if (current?.trim() !== domain) {
            await selector.locator('.rs__control').click()
            await page.getByRole('option', { name: domain, exact: true }).click()
          }
          await selector.locator('.rs__single-value', { hasText: domain }).waitFor({ state: 'visible' })
          await waitForCookie(context!, 'payload-tenant', String(id))
          await waitForQuiet(page)
        }
        await screenshot('site-selector')
      },
    },
    {
      name: 'the editor creates a page from the Add Block picker (every block has its own picture): Hero, FAQ, Article, Call to action, Swiper; publishes it',
      run: async () => {
        const page = p()
        const form = typist()
        await openForm(page, '/admin/collections/pages/create')
        await form.fill(page.locator('#field-title'), PAGE.title)
        await form.fill(slugBox(page), PAGE.slug)

        // the picker: one card per block type, each with its own picture served by the app, loaded, and described
        await page.getByRole('button', { name: 'Add Block' }).click()
        await page.locator('.blocks-drawer__block').first().waitFor({ state: 'visible' })
        await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.blocks-drawer__block img')].every((img) => img.complete))
        const cards = await page.locator('.blocks-drawer__block').evaluateAll((items) =>
          items.map((item) => {
            const img = item.querySelector('img')
            return { label: item.querySelector('.thumbnail-card__label')?.textContent?.trim() ?? '', src: img?.src ?? '', alt: img?.alt ?? '', width: img?.naturalWidth ?? 0 }
          }),
        )
        assertEqual(cards.length, BLOCK_ORDER.length, 'blocks in the picker')
        for (const card of cards) {
          if (!card.src.startsWith(`${baseURL}/block-thumbnails/`) || card.width === 0) fail(`the picker's picture for ${card.label} did not load from the app: ${JSON.stringify(card)}`)
          if (card.alt.length < 20) fail(`the picker's picture for ${card.label} has no description: ${JSON.stringify(card)}`)
        }
        assertEqual(new Set(cards.map((c) => c.src)).size, cards.length, 'distinct pictures in the picker')
        await screenshot('block-picker')

        // Block 1: Hero
        await pickBlock(page, 'Hero')
        const hero = page.locator('#blocks-row-0')
        await form.fill(requiredText(hero, 'Heading'), PAGE.hero.heading)

        // Block 2: FAQ with one question (a new FAQ block may start with an empty question already). Each block is
        // added once the form has no request in flight: a row added while the form-state request of the typing before
        // it is running can stay a blank placeholder (Payload's sequential form-state race, payloadcms/payload#11906;
        // seen once in CI: #blocks-row-1 never got its fields)
        await waitForQuiet(page)
        await page.getByRole('button', { name: 'Add Block' }).last().click()
        await pickBlock(page, 'FAQ')
        const faq = page.locator('#blocks-row-1')
        await form.fill(faq.getByLabel('Heading', { exact: true }), PAGE.faq.heading)
        await waitForQuiet(page)
        // (rows are in the DOM as soon as the form state has them; their fields may render a moment later)
        await faq.getByRole('button', { name: 'Add Question' }).waitFor({ state: 'visible' })
        if ((await faq.locator('.array-field__row').count()) === 0) await faq.getByRole('button', { name: 'Add Question' }).click()
        await requiredText(faq, 'Question').first().waitFor({ state: 'visible', timeout: SAVE_TIMEOUT_MS })
        assertEqual(await requiredText(faq, 'Question').count(), 1, 'questions in the new FAQ block')
        await form.fill(requiredText(faq, 'Question'), PAGE.faq.question)
        await form.fill(requiredText(faq, 'Answer'), PAGE.faq.answer)

        // Block 3: Article, its text typed into the rich-text editor
        await waitForQuiet(page) // (see the FAQ block above)
        await page.getByRole('button', { name: 'Add Block' }).last().click()
        await pickBlock(page, 'Article')
        const article = page.locator('#blocks-row-2')
        await form.fill(article.getByLabel('Heading', { exact: true }), BLOCKS.article.heading)
        await article.locator('[data-lexical-editor="true"]').first().click()
        await page.keyboard.type(BLOCKS.article.text)
        await article.getByText(BLOCKS.article.text, { exact: true }).waitFor({ state: 'visible' })

        // Block 4: Call to action with an external link
        await waitForQuiet(page) // (see the FAQ block above)
        await page.getByRole('button', { name: 'Add Block' }).last().click()
        await pickBlock(page, 'Call to action')
        const cta = page.locator('#blocks-row-3')
        await form.fill(requiredText(cta, 'Heading'), BLOCKS.cta.heading)
        await form.fill(requiredText(cta, 'Button text'), BLOCKS.cta.buttonText)
        await form.fill(cta.getByRole('textbox', { name: /^URL( \*)?$/ }), BLOCKS.cta.url)

        // Block 5: Swiper with one card written on the page
        await waitForQuiet(page) // (see the FAQ block above)
        await page.getByRole('button', { name: 'Add Block' }).last().click()
        await pickBlock(page, 'Swiper')
        const swiper = page.locator('#blocks-row-4')
        await form.fill(swiper.getByLabel('Heading', { exact: true }), BLOCKS.swiper.heading)
        await swiper.getByText('Items on this page', { exact: true }).click()
        await swiper.getByRole('button', { name: 'Add Item' }).click()
        await requiredText(swiper, 'Title').waitFor({ state: 'visible', timeout: SAVE_TIMEOUT_MS })
        await form.fill(requiredText(swiper, 'Title'), BLOCKS.swiper.title)

        await form.verify()
        await page.getByRole('button', { name: 'Publish changes' }).click()
        ids.page = await docIdFromUrl(page, 'pages')
        await expectSaved(page, /successfully/i)
      },
    },
    {
      name: 'reload the page in the editor and read the block values back',
      run: async () => {
        const page = p()
        const editPath = `/admin/collections/pages/${ids.page}`
        // publishing left us on the edit URL; reload it so the values come from the database
        if (new URL(page.url()).pathname !== editPath) await openForm(page, editPath)
        await page.reload()
        await formReady(page)
        await waitForQuiet(page)
        await page.getByRole('main').getByText('Published', { exact: true }).first().waitFor({ state: 'visible' })
        assertEqual(await page.locator('[id^="blocks-row-"]').count(), 5, 'number of block rows')
        assertEqual(await page.locator('#field-title').inputValue(), PAGE.title, 'title')
        assertEqual(await slugBox(page).inputValue(), PAGE.slug, 'slug')
        const hero = page.locator('#blocks-row-0')
        const faq = page.locator('#blocks-row-1')
        await hero.getByText('Hero', { exact: true }).first().waitFor()
        await faq.getByText('FAQ', { exact: true }).first().waitFor()
        assertEqual(await requiredText(hero, 'Heading').inputValue(), PAGE.hero.heading, 'hero heading')
        assertEqual(await faq.getByLabel('Heading', { exact: true }).inputValue(), PAGE.faq.heading, 'FAQ heading')
        assertEqual(await requiredText(faq, 'Question').inputValue(), PAGE.faq.question, 'FAQ question')
        assertEqual(await requiredText(faq, 'Answer').inputValue(), PAGE.faq.answer, 'FAQ answer')
        // Payload renders a row's fields once the row is near the viewport: bring each into view before reading it
        for (const row of [2, 3, 4]) await page.locator(`#blocks-row-${row}`).scrollIntoViewIfNeeded()
        await page.locator('#blocks-row-2').getByText(BLOCKS.article.text, { exact: true }).waitFor({ state: 'visible' })
        const ctaButtonText = requiredText(page.locator('#blocks-row-3'), 'Button text')
        await ctaButtonText.scrollIntoViewIfNeeded()
        assertEqual(await ctaButtonText.inputValue(), BLOCKS.cta.buttonText, 'call to action button text')
        const cardTitle = requiredText(page.locator('#blocks-row-4'), 'Title')
        await page.locator('#blocks-row-4').getByText('Item 01', { exact: false }).first().scrollIntoViewIfNeeded()
        assertEqual(await cardTitle.inputValue(), BLOCKS.swiper.title, 'swiper card title')
      },
    },
    {
      name: 'check what the REST API stored (GET /api/pages/:id?depth=0&draft=true)',
      run: async () => {
        const page = p()
        const res = await page.request.get(`/api/pages/${ids.page}?depth=0&draft=true`)
        assertEqual(res.status(), 200, `GET /api/pages/${ids.page}`)
        type StoredBlock = { blockType?: string; heading?: string; items?: { question?: string; answer?: string }[] }
        const doc = (await res.json()) as {
          title?: string
          slug?: string
          site?: number | string | null
          _status?: string
          blocks?: StoredBlock[]
        }
        assertEqual(doc.title, PAGE.title, 'stored title')
        assertEqual(doc.slug, PAGE.slug, 'stored slug')
        assertEqual(String(doc.site), String(ids.site), 'stored site (the tenant)')
        assertEqual(doc._status, 'published', 'stored _status')
        assertEqual(JSON.stringify(doc.blocks?.map((b) => b.blockType)), JSON.stringify(BLOCK_ORDER.slice(0, 5)), 'stored block types')
        assertEqual(doc.blocks?.[0]?.blockType, 'hero', 'blocks[0].blockType')
        assertEqual(doc.blocks?.[0]?.heading, PAGE.hero.heading, 'blocks[0].heading')
        assertEqual(doc.blocks?.[1]?.blockType, 'faq', 'blocks[1].blockType')
        assertEqual(doc.blocks?.[1]?.heading, PAGE.faq.heading, 'blocks[1].heading')
        assertEqual(doc.blocks?.[1]?.items?.[0]?.question, PAGE.faq.question, 'blocks[1].items[0].question')
        assertEqual(doc.blocks?.[1]?.items?.[0]?.answer, PAGE.faq.answer, 'blocks[1].items[0].answer')
      },
    },
    {
      // issue 11: the first page created became the site's home page (served at "/" whatever its slug); a page made
      // to be the home page (with an image, and the site gets a favicon: the published site then has images) is
      // chosen instead in the site's edit view, so the smoke page keeps its own URL for the steps below
      name: "the site's first page became its home page; a Home page is made (REST) and chosen in the site's edit view, with a brand colour set by the colour picker",
      run: async () => {
        const page = p()
        const site = async () => (await (await page.request.get(`/api/sites/${ids.site}?depth=0`)).json()) as { homePage?: number | null }
        assertEqual(String((await site()).homePage), String(ids.page), 'the home page once the first page was created')
        const image = await page.request.post('/api/media', {
          multipart: {
            file: { name: 'e2e-home.png', mimeType: 'image/png', buffer: await pngBytes(640, 360, '#0f766e') },
            _payload: JSON.stringify({ alt: 'E2E home picture', site: Number(ids.site) }),
          },
        })
        assertEqual(image.status(), 201, 'POST /api/media')
        const mediaId = ((await image.json()) as { doc: { id: number } }).doc.id
        ids.media = String(mediaId)
        const favicon = await page.request.patch(`/api/sites/${ids.site}`, { data: { favicon: mediaId } })
        assertEqual(favicon.status(), 200, 'PATCH /api/sites (favicon)')
        const created = await page.request.post('/api/pages', {
          data: { title: HOME.title, slug: HOME.slug, h1: HOME.h1, site: Number(ids.site), order: -1, _status: 'published', blocks: [{ blockType: 'hero', heading: HOME.hero, image: mediaId }] },
        })
        assertEqual(created.status(), 201, 'POST /api/pages (the home page)')
        ids.home = String(((await created.json()) as { doc: { id: number } }).doc.id)
        assertEqual(String((await site()).homePage), String(ids.page), 'a second page does not take over by itself')

        await openForm(page, `/admin/collections/sites/${ids.site}`)
        const field = page.locator('#field-homePage')
        await field.locator('.rs__single-value', { hasText: PAGE.title }).waitFor({ state: 'visible' })
        await chooseRelationship(page, field, HOME.title.slice(0, 4), HOME.title)
        // the brand colour through the structured colour field (issue 15.1: a row with a picker, no code editor)
        await page.getByRole('tab', { name: 'Design' }).or(page.locator('.tabs-field__tab-button', { hasText: 'Design' })).first().click()
        await page.getByRole('button', { name: 'Add Colour' }).first().click()
        await page.locator('#field-customColors__0__name').fill(BRAND_COLOUR.name)
        const picker = page.getByLabel('Pick colour').first()
        await picker.fill(BRAND_COLOUR.value)
        assertEqual(await page.locator('#field-customColors__0__value').inputValue(), BRAND_COLOUR.value, 'the hex value the colour picker wrote')
        await axe.check(page, 'site form, Design tab: the colour row (editor)', ['[data-colour-input]'])
        await page.getByRole('button', { name: 'Save', exact: true }).click()
        await expectSaved(page, /successfully/i)
        const saved = (await (await page.request.get(`/api/sites/${ids.site}?depth=0`)).json()) as { homePage?: number | null; customColors?: { name: string; value: string }[] }
        assertEqual(String(saved.homePage), ids.home, 'the home page chosen in the admin')
        assertEqual(JSON.stringify(saved.customColors?.map(({ name, value }) => ({ name, value }))), JSON.stringify([BRAND_COLOUR]), 'the colours stored')
      },
    },
    {
      // the three block types that need a picture, written through REST with the picture uploaded above: the page then
      // has every block type, and so do the preview, the deployment and the live site below
      name: 'the editor adds Image, Text + image and Gallery blocks with the uploaded picture (REST): the page has every block type',
      run: async () => {
        const page = p()
        const res = await page.request.get(`/api/pages/${ids.page}?depth=0&draft=true`)
        const doc = (await res.json()) as { blocks?: Record<string, unknown>[] }
        const media = Number(ids.media)
        const blocks = [
          ...(doc.blocks ?? []),
          { blockType: 'image', image: media, caption: BLOCKS.image.caption },
          { blockType: 'textImage', heading: BLOCKS.textImage.heading, text: richText(BLOCKS.textImage.text), image: media },
          { blockType: 'gallery', heading: BLOCKS.gallery.heading, images: [{ image: media, caption: BLOCKS.gallery.caption }] },
        ]
        const patched = await page.request.patch(`/api/pages/${ids.page}`, { data: { blocks, _status: 'published' } })
        assertEqual(patched.status(), 200, `PATCH /api/pages/${ids.page} (${(await patched.text()).slice(0, 300)})`)
        const stored = (await (await page.request.get(`/api/pages/${ids.page}?depth=0`)).json()) as { blocks?: { blockType: string }[] }
        assertEqual(JSON.stringify(stored.blocks?.map((b) => b.blockType)), JSON.stringify(BLOCK_ORDER), 'block types on the page')
      },
    },
    {
      name: 'the editor opens the page in the site preview: every block renders',
      run: async () => {
        const page = p()
        const previewUrl = `/preview/${ids.site}/${PAGE.slug}/`
        const response = await page.goto(previewUrl)
        assertEqual(response?.status(), 200, `GET ${previewUrl}`)
        await page.getByRole('heading', { level: 1, name: PAGE.title }).waitFor({ state: 'visible' })
        await page.getByRole('heading', { name: PAGE.hero.heading }).waitFor({ state: 'visible' })
        await page.getByText(PAGE.faq.question).waitFor({ state: 'visible' })
        for (const text of [BLOCKS.article.text, BLOCKS.cta.buttonText, BLOCKS.swiper.title, BLOCKS.image.caption, BLOCKS.textImage.text, BLOCKS.gallery.caption]) {
          await page.getByText(text, { exact: true }).first().waitFor({ state: 'visible' })
        }
        // the site's fingerprint: the template's classes carry the site's prefix, and the stylesheet loads
        const titleClass = (await page.locator('h1').first().getAttribute('class')) ?? ''
        if (!/^[a-z0-9]+-title$/.test(titleClass)) fail(`expected the h1 class to be renamed with the site prefix, got "${titleClass}"`)
        const color = await page.locator('h1').first().evaluate((el) => getComputedStyle(el).color)
        // the brand colour the editor picked in the site's colour field, through the template's var(--brand)
        assertEqual(color, 'rgb(15, 118, 110)', "h1 colour: the site's brand colour from the built stylesheet")
        const anonymous = await fetch(new URL(previewUrl, page.url()).toString())
        assertEqual(anonymous.status, 401, 'the preview without a login')
      },
    },
    // ---------------------------------------------------------------- AI generation (issue 6)
    {
      name: 'AI: Generate on the hero block streams a preview, Apply fills the fields, publish and reload keep them',
      run: async () => {
        const page = p()
        const editPath = `/admin/collections/pages/${ids.page}`
        await openForm(page, editPath)
        const hero = page.locator('#blocks-row-0')
        const heading = requiredText(hero, 'Heading')
        assertEqual(await heading.inputValue(), PAGE.hero.heading, 'hero heading before generating')
        await hero.getByRole('button', { name: 'Generate with AI' }).click()
        const panel = hero.locator('.ai-generate__panel')
        await panel.getByText('Writing…', { exact: true }).waitFor({ state: 'visible' })
        const stream = panel.locator('.ai-generate__stream')
        await stream.waitFor({ state: 'visible' })
        const partial = await stream.innerText()
        await panel.getByText('Preview — not applied yet', { exact: true }).waitFor({ state: 'visible', timeout: SAVE_TIMEOUT_MS })
        const full = await stream.innerText()
        if (!(partial.length < full.length && full.startsWith(partial))) {
          fail(`expected the preview to grow as the answer streamed: first saw ${JSON.stringify(partial)}, then ${JSON.stringify(full)}`)
        }
        assertEqual(JSON.parse(full).heading, AI_HERO.heading, 'streamed preview')
        await screenshot('ai-preview')
        await axe.check(page, 'page editor with the AI panel open', ['.ai-generate'])
        // nothing is applied before Apply
        assertEqual(await heading.inputValue(), PAGE.hero.heading, 'hero heading while previewing')
        await panel.getByRole('button', { name: 'Apply', exact: true }).click()
        await panel.waitFor({ state: 'detached' })
        assertEqual(await heading.inputValue(), AI_HERO.heading, 'hero heading after Apply')
        assertEqual(await hero.getByLabel('Subheading', { exact: true }).inputValue(), AI_HERO.subheading, 'hero subheading after Apply')
        assertEqual(await hero.getByLabel('Button text', { exact: true }).inputValue(), AI_HERO.buttonText, 'hero button text after Apply')
        await page.getByRole('button', { name: 'Publish changes' }).click()
        await expectSaved(page, /successfully/i)
        await page.reload()
        await formReady(page)
        await waitForQuiet(page)
        assertEqual(await requiredText(page.locator('#blocks-row-0'), 'Heading').inputValue(), AI_HERO.heading, 'hero heading after reload')
        const res = await page.request.get(`/api/pages/${ids.page}?depth=0`)
        const doc = (await res.json()) as { blocks?: { heading?: string; subheading?: string; buttonText?: string }[] }
        assertEqual(doc.blocks?.[0]?.heading, AI_HERO.heading, 'stored hero heading')
        assertEqual(doc.blocks?.[0]?.buttonText, AI_HERO.buttonText, 'stored hero button text')
        const history = await page.request.get(`/api/ai-generations?where[page][equals]=${ids.page}&depth=0`)
        const generations = ((await history.json()) as { docs: { status: string; inputTokens: number; outputTokens: number }[] }).docs
        assertEqual(generations.length, 1, 'generations recorded for the page')
        assertEqual(generations[0]!.status, 'success', 'generation status')
        assertEqual(generations[0]!.outputTokens, aiFake.usage[0]?.output, 'output tokens as the fake billed them')
      },
    },
    {
      name: 'AI: Generate on the FAQ block replaces its questions on Apply; publish and reload keep them',
      run: async () => {
        const page = p()
        const faq = page.locator('#blocks-row-1')
        await faq.getByRole('button', { name: 'Generate with AI' }).click()
        const panel = faq.locator('.ai-generate__panel')
        await panel.getByText('Preview — not applied yet', { exact: true }).waitFor({ state: 'visible', timeout: SAVE_TIMEOUT_MS })
        await panel.getByRole('button', { name: 'Apply', exact: true }).click()
        await panel.waitFor({ state: 'detached' })
        const questions = faq.getByRole('textbox', { name: 'Question *', exact: true })
        const answers = faq.getByRole('textbox', { name: 'Answer *', exact: true })
        // new rows render once the form's server round trip has built their fields
        await questions.nth(AI_FAQ.items.length - 1).waitFor({ state: 'visible', timeout: SAVE_TIMEOUT_MS })
        await waitForQuiet(page)
        assertEqual(await questions.count(), AI_FAQ.items.length, 'FAQ rows after Apply')
        for (const [i, item] of AI_FAQ.items.entries()) {
          assertEqual(await questions.nth(i).inputValue(), item.question, `question ${i + 1} after Apply`)
          assertEqual(await answers.nth(i).inputValue(), item.answer, `answer ${i + 1} after Apply`)
        }
        await page.getByRole('button', { name: 'Publish changes' }).click()
        await expectSaved(page, /successfully/i)
        await page.reload()
        await formReady(page)
        await waitForQuiet(page)
        // (a row's fields render once it is near the viewport, after the form is ready: wait for the last question)
        const reloaded = page.locator('#blocks-row-1').getByRole('textbox', { name: 'Question *', exact: true })
        await page.locator('#blocks-row-1').scrollIntoViewIfNeeded()
        await reloaded.nth(AI_FAQ.items.length - 1).waitFor({ state: 'visible', timeout: SAVE_TIMEOUT_MS })
        assertEqual(await reloaded.count(), AI_FAQ.items.length, 'FAQ rows after reload')
        const res = await page.request.get(`/api/pages/${ids.page}?depth=0`)
        const doc = (await res.json()) as { blocks?: { heading?: string; items?: { question: string; answer: string }[] }[] }
        assertEqual(doc.blocks?.[1]?.heading, AI_FAQ.heading, 'stored FAQ heading')
        assertEqual(JSON.stringify(doc.blocks?.[1]?.items?.map(({ question, answer }) => ({ question, answer }))), JSON.stringify(AI_FAQ.items), 'stored FAQ items')
        assertEqual(doc.blocks?.[0]?.heading, AI_HERO.heading, 'the hero is untouched')
      },
    },
    // ---------------------------------------------------------------- publishing (issue 5)
    {
      name: 'Publish: Deploy now opens the live view; a worker runs it to success with its log; the sites list shows status and link',
      run: async () => {
        const page = p()
        await page.goto(`/admin/collections/sites/${ids.site}`)
        await page.locator('#deploy-now').click()
        await page.waitForURL(/\/admin\/collections\/deployments\/\d+/, { timeout: NAVIGATION_TIMEOUT_MS })
        const live = page.locator('.deployment-live')
        // (the status pill, and the progress line under the bar while it runs)
        await live.getByText('Queued', { exact: true }).first().waitFor({ state: 'visible' })
        const deploymentId = /\/deployments\/(\d+)/.exec(page.url())?.[1]
        // `next start` runs no jobs: a worker does. `npm run worker` runs the queues every 5 s, so a job whose attempt
        // failed (retries: 2) runs again; here each pass is `npm run worker -- --once --queue deploy` (scripts/worker.ts
        // through launch.mjs), and a pass that leaves the deployment unfinished is reported
        type Stored = { id: number; status: string; trigger?: string; error?: string | null; log?: string | null }
        const deploymentsOfSite = async (): Promise<Stored[]> => {
          const res = await page.request.get(`/api/deployments?where[site][equals]=${ids.site}&sort=-id&depth=0&limit=10`)
          return ((await res.json()) as { docs?: Stored[] }).docs ?? []
        }
        const describe = (stored: Stored[]) =>
          stored
            .map((d) => `    deployment ${d.id} (${d.trigger}): ${d.status}${d.error ? ` — ${d.error}` : ''}\n${(d.log ?? '').split('\n').slice(-12).map((l) => `      ${l}`).join('\n')}`)
            .join('\n')
        let worker: Child | undefined
        let stored: Stored[] = []
        let mine: Stored | undefined
        for (let pass = 1; pass <= 3; pass++) {
          worker = await workerPass('deploy', `deploy-worker-${pass}`)
          stored = await deploymentsOfSite()
          mine = stored.find((d) => String(d.id) === deploymentId)
          if (!mine || !['queued', 'building', 'uploading'].includes(mine.status)) break
          print(`    worker pass ${pass} left deployment ${deploymentId} ${mine.status}; the worker's output:\n${tail(worker)}`)
        }
        // what the worker left, read through REST: a failure names the deployment's own status, error and log
        if (mine?.status !== 'success') {
          fail(`after the worker ran, deployment ${deploymentId} is ${mine?.status ?? 'missing'}; the site's deployments:\n${describe(stored)}\n  the worker's output:\n${tail(worker!)}`)
        }
        // the live view polls: the status turns to Success and the log says where the site went
        await live.getByText('Success', { exact: true }).first().waitFor({ state: 'visible', timeout: 30_000 })
        await live.getByText(/Live at /).waitFor({ state: 'visible' })
        await live.getByRole('button', { name: 'Roll back to this' }).waitFor({ state: 'visible' })
        await axe.check(page, 'deployment view', ['.deployment-live'])
        // the browser tab names the deployment (issue 15.2), not "Editing - Deployment"
        await page.reload()
        await live.getByText('Success', { exact: true }).first().waitFor({ state: 'visible' })
        const tabTitle = `${SITE.domain} — deployment ${deploymentId} — Success — Panel`
        await page.waitForFunction((wanted) => document.title === wanted, tabTitle, { timeout: 15_000 }).catch(async () => fail(`the tab title is "${await page.title()}", expected "${tabTitle}"`))
        await page.goto('/admin/collections/sites')
        const row = page.getByRole('row').filter({ hasText: SITE.domain })
        await row.getByText('Success', { exact: true }).first().waitFor({ state: 'visible' })
        const link = row.getByRole('link', { name: 'Local folder' })
        await link.waitFor({ state: 'visible' })
        const href = (await link.getAttribute('href')) ?? ''
        if (!href.endsWith(`/live/${ids.site}/`)) fail(`expected the live URL cell to link to the published site at /live/${ids.site}/, got "${href}"`)
      },
    },
    {
      // issue 11: the local folder's live URL opens in a browser (served by the app, the site's _headers applied)
      name: 'Publish: the live URL in the sites list opens the published site; the page, its style sheet, icons and images load (no 4xx)',
      run: async () => {
        const page = p()
        const ctx = context ?? fail('the browser is not open')
        const livePrefix = `${baseURL}/live/${ids.site}/`
        const failures: string[] = []
        const onResponse = (res: { status: () => number; url: () => string }) => {
          if (res.url().startsWith(`${baseURL}/live/`) && res.status() >= 400) failures.push(`HTTP ${res.status()} ${res.url()}`)
        }
        /** Every file the page pulls in (style sheet, icons, images and their variants) answers below 400 from under /live/<siteId>/; every image decodes. */
        const checkResources = async (site: Page): Promise<void> => {
          const urls = await site.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('img[src], img[srcset], source[srcset], link[rel~="icon"][href], link[rel="apple-touch-icon"][href], link[rel="stylesheet"][href], script[src]')].flatMap((el) => {
              const found = [(el as HTMLImageElement).src || (el as HTMLLinkElement).href].filter(Boolean)
              const srcset = el.getAttribute('srcset')
              if (srcset) found.push(...srcset.split(',').map((entry) => new URL(entry.trim().split(/\s+/)[0]!, location.href).href))
              return found
            }),
          )
          const images = await site.evaluate(() => document.images.length)
          const broken = await site.evaluate(() => [...document.images].filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.currentSrc || img.src))
          if (broken.length) fail(`images that did not load on ${site.url()}: ${broken.join(', ')}`)
          for (const url of new Set(urls.filter((u) => u.startsWith(baseURL)))) {
            if (!url.startsWith(livePrefix)) fail(`${site.url()} references ${url}, outside its /live/${ids.site}/ folder`)
            const res = await page.request.get(url)
            if (res.status() >= 400) failures.push(`HTTP ${res.status()} ${url}`)
          }
          print(`    ${site.url()}: ${images} image(s), ${new Set(urls).size} file(s) referenced, all loaded`)
        }
        ctx.on('response', onResponse)
        try {
          await page.goto('/admin/collections/sites')
          const row = page.getByRole('row').filter({ hasText: SITE.domain })
          const popup = page.waitForEvent('popup')
          await row.getByRole('link', { name: 'Local folder' }).click()
          const site = await popup
          await site.waitForLoadState('load')
          // (Next.js drops the trailing slash with a redirect; either form is the site's root)
          assertEqual(site.url().replace(/\/$/, ''), livePrefix.replace(/\/$/, ''), 'the page the live URL opens')
          // "/" is the home page chosen in the admin, whatever its slug
          await site.getByRole('heading', { level: 1, name: HOME.h1 }).waitFor({ state: 'visible' })
          await site.getByRole('heading', { name: HOME.hero }).waitFor({ state: 'visible' })
          const h1Colour = await site.locator('h1').first().evaluate((el) => getComputedStyle(el).color)
          assertEqual(h1Colour, 'rgb(15, 118, 110)', "the live h1 in the site's brand colour")
          await checkResources(site)
          // and the smoke page at its own URL, with what the AI steps wrote
          const smoke = await site.goto(`${livePrefix}${PAGE.slug}/`)
          assertEqual(smoke?.status(), 200, `GET ${livePrefix}${PAGE.slug}/`)
          await site.getByRole('heading', { name: AI_HERO.heading }).waitFor({ state: 'visible' })
          await site.getByText(AI_FAQ.items[0]!.question).waitFor({ state: 'visible' })
          for (const text of [BLOCKS.article.text, BLOCKS.cta.buttonText, BLOCKS.swiper.title, BLOCKS.image.caption, BLOCKS.textImage.text, BLOCKS.gallery.caption]) {
            await site.getByText(text, { exact: true }).first().waitFor({ state: 'visible' })
          }
          await checkResources(site)
          // the site's own _headers came along
          const main = await page.request.get(livePrefix)
          assertEqual(main.headers()['x-frame-options'], 'SAMEORIGIN', "X-Frame-Options from the site's _headers")
          await site.close()
          if (failures.length) fail(`responses of the live site that failed:\n    ${failures.join('\n    ')}`)
          // not for anyone without a login
          assertEqual((await fetch(livePrefix)).status, 401, 'the live URL without a login')
        } finally {
          ctx.off('response', onResponse)
        }
      },
    },
    ...analytics.steps, // ---- analytics (issue 7)
    ...fleetDashboardSteps({ page: p, sites: () => [{ id: ids.site!, domain: SITE.domain }, { id: ids.decoy!, domain: DECOY_DOMAIN }], fail, assertEqual, axe: axe.check, print }).steps, // ---- fleet dashboard (issue 14.6)
    {
      // issue 14.3: the sites list's Deploy selected makes one fleet deployment and opens its progress view, which
      // follows the site's deployment to the end
      name: 'Deploy many: the editor selects e2e-site.test in the sites list, Deploy 1 selected opens the progress view; a worker deploys it; the row says Success with the live URL',
      run: async () => {
        const page = p()
        await page.goto('/admin/collections/sites')
        const row = page.getByRole('row').filter({ hasText: SITE.domain })
        await row.first().waitFor({ state: 'visible' })
        await waitForQuiet(page)
        const deploy = page.locator('#fleet-deploy-selected')
        for (let attempt = 1; !(await deploy.isEnabled()); attempt++) {
          if (attempt > 10) fail('Deploy selected stays disabled after selecting the row')
          await row.first().getByRole('checkbox').click()
          await page.waitForTimeout(300)
        }
        assertEqual(await deploy.innerText(), 'Deploy 1 selected', 'the Deploy selected button')
        await deploy.click()
        await page.waitForURL(/\/admin\/collections\/fleet-deployments\/\d+/, { timeout: NAVIGATION_TIMEOUT_MS })
        const summary = page.locator('#fleet-progress-summary')
        await summary.getByText(/^0 of 1 deployed/).waitFor({ state: 'visible' })
        await workerPass('deploy', 'fleet-deploy-worker')
        await summary.getByText('1 of 1 deployed', { exact: true }).waitFor({ state: 'visible', timeout: 30_000 })
        const siteRow = page.locator('.fleet-progress tbody tr[data-status="success"]').filter({ hasText: SITE.domain })
        await siteRow.waitFor({ state: 'visible' })
        const live = (await siteRow.getByRole('link').last().getAttribute('href')) ?? ''
        if (!live.endsWith(`/live/${ids.site}/`)) fail(`the progress row should link the live site /live/${ids.site}/, got "${live}"`)
        await axe.check(page, 'fleet deployment progress', ['.fleet-progress'])
      },
    },
    {
      // issue 15: the day as a whole (kept last, so every step above has run)
      name: "the editor's day: no console or page error in the admin's browser, no request to another host",
      run: async () => {
        const problems = [...new Set([...consoleErrors, ...foreignRequests.map((r) => `request to another host: ${r}`)])]
        if (problems.length) fail(`${problems.length} problem(s) in the admin's browser:\n${problems.slice(0, 30).map((l) => `  ${l}`).join('\n')}`)
        const checked = axe.records.map((r) => `${r.view} (ours ${r.ours.length} violations; whole page ${JSON.stringify(r.wholePage)})`)
        print(`    axe checked ${checked.length} views: ${checked.join('; ')}`)
      },
    },
  ]

  const outcomes: Outcome[] = []
  const onSignal = (): void => {
    void killGroup(server).finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  try {
    let failed = false
    for (const [index, step] of steps.entries()) {
      const label = `${String(index + 1).padStart(2)}. ${step.name}`
      if (failed) {
        outcomes.push({ name: step.name, status: 'skipped', ms: 0 })
        print(`SKIP ${label}`)
        continue
      }
      const started = performance.now()
      try {
        await step.run()
        const ms = performance.now() - started
        outcomes.push({ name: step.name, status: 'passed', ms })
        print(`PASS ${label} (${seconds(ms)})`)
      } catch (err) {
        const ms = performance.now() - started
        failed = true
        const message = err instanceof Fatal ? err.message : ((err as Error).stack ?? String(err))
        outcomes.push({ name: step.name, status: 'failed', ms, error: message })
        print(`FAIL ${label} (${seconds(ms)})`)
        print(message.split('\n').map((l) => `    ${l}`).join('\n'))
        if (page) print(`    at ${page.url()}`)
        await screenshot(`failure-step-${index + 1}`)
        if (server) print(`    last server output:\n${tail(server, 20)}`)
      }
    }
    await screenshot('final')
  } finally {
    await context?.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await killGroup(server)
    fs.rmSync(publishDir, { recursive: true, force: true })
    await aiFake.close() // ---- AI generation (issue 6)
    await analytics.close() // ---- analytics (issue 7)
  }

  if (browserProblems.length) {
    const unique = [...new Set(browserProblems)]
    fs.writeFileSync(path.join(ARTIFACTS, 'browser-problems.log'), `${unique.join('\n')}\n`)
    print(`browser reported ${unique.length} distinct problem(s), not failures by themselves (all in tests/e2e/artifacts/browser-problems.log):`)
    for (const line of unique.slice(0, 15)) print(`    ${line}`)
  }
  const passed = outcomes.filter((o) => o.status === 'passed').length
  const notPassed = outcomes.length - passed
  const total = outcomes.reduce((sum, o) => sum + o.ms, 0)
  print(`total ${seconds(total)}`)
  print(`${passed} passed, ${notPassed} failed`)
  return notPassed === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    print(`e2e: ${err instanceof Fatal ? err.message : ((err as Error).stack ?? String(err))}`)
    print('0 passed, 1 failed')
    process.exit(1)
  },
)
