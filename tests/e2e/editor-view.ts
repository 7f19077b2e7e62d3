/**
 * Browser check of what an editor sees (issue 15, items 2, 6 and 7), against
 * a Panel that is already running:
 *
 *   E2E_BASE_URL=http://localhost:3000 E2E_ADMIN_EMAIL=… E2E_ADMIN_PASSWORD=… npx tsx tests/e2e/editor-view.ts
 *
 * The app may be `npm run dev` (deploys run in-process) or the production
 * build (`npm run migrate`, `npm start`, and `npm run worker` for deploys).
 * The admin login is used over REST to make what the check needs (a site
 * of the editor's, another site with a page, an editor with a fresh
 * password); nothing existing is changed. Needs /usr/bin/chromium (or
 * E2E_CHROMIUM). Prints each step and `N passed, M failed` (exit 1 on a failure);
 * screenshots go to tests/e2e/artifacts/editor-view-*.png.
 *
 * Steps: the editor's navigation (no admin-only sections); what a page the
 * editor may not use says; no create form for deployments; a deployment's
 * page opened while it runs agrees with itself once it ends (status, summary,
 * title), internals only for admins and collapsed; the page form: slug not
 * marked required, a new FAQ block with a question row, Publish naming
 * every invalid field at once. Every step also fails on a request to another
 * host and on a console error.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts')
const BASE = (process.env.E2E_BASE_URL ?? '').replace(/\/$/, '')
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const SLOW = 120_000

const print = (line = ''): void => void process.stdout.write(`${line}\n`)
const stamp = Date.now().toString(36)

type Json = Record<string, any>

const api = async (method: string, route: string, token: string | null, body?: unknown): Promise<{ status: number; body: Json }> => {
  const res = await fetch(`${BASE}/api${route}`, {
    method,
    headers: { ...(token ? { authorization: `JWT ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  return { status: res.status, body: ((await res.json().catch(() => ({}))) ?? {}) as Json }
}

const must = async (what: string, call: Promise<{ status: number; body: Json }>): Promise<Json> => {
  const res = await call
  if (res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`)
  return res.body
}

const check = (condition: unknown, message: string): void => {
  if (!condition) throw new Error(message)
}

const main = async (): Promise<number> => {
  if (!BASE) {
    print('Set E2E_BASE_URL to a running Panel (and E2E_ADMIN_EMAIL, E2E_ADMIN_PASSWORD for one of its admins).')
    return 2
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const adminLogin = await must('admin login', api('POST', '/users/login', null, { email: process.env.E2E_ADMIN_EMAIL, password: process.env.E2E_ADMIN_PASSWORD }))
  const admin = adminLogin.token as string

  // what the check needs, made over REST as the admin
  const language = (await must('languages', api('GET', '/languages?limit=1&depth=0', admin))).docs[0] ?? (await must('language', api('POST', '/languages', admin, { code: `x-${stamp}`.slice(0, 8), name: 'E2E' }))).doc
  const template =
    (await must('templates', api('GET', '/templates?limit=1&depth=0', admin))).docs[0] ??
    (await must('template', api('POST', '/templates', admin, { name: `E2E ${stamp}`, type: 'monolithic', html: '<main>{{ content }}</main>' }))).doc
  const site = (await must('site', api('POST', '/sites', admin, { domain: `ev-${stamp}.test`, brandName: 'Editor view', language: language.id, template: template.id }))).doc
  const other = (await must('other site', api('POST', '/sites', admin, { domain: `ev-other-${stamp}.test`, brandName: 'Other', language: language.id, template: template.id }))).doc
  await must('home page', api('POST', '/pages', admin, { title: 'Home', slug: 'index', site: site.id, _status: 'published' }))
  const otherPage = (await must('other page', api('POST', '/pages', admin, { title: 'Not yours', slug: 'index', site: other.id, _status: 'published' }))).doc
  const editor = { email: `ev-editor-${stamp}@panel.test`, password: `Ev-${stamp}-password!` }
  await must('editor', api('POST', '/users', admin, { ...editor, role: 'editor', sites: [{ site: site.id }] }))

  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 })
  const problems: string[] = []
  const newContext = async (email: string, password: string): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ baseURL: BASE, viewport: { width: 1440, height: 1000 } })
    context.on('request', (req) => {
      const url = new URL(req.url())
      if (/^(https?|wss?):$/.test(url.protocol) && url.origin !== new URL(BASE).origin) problems.push(`request to another host: ${req.url().slice(0, 160)}`)
    })
    context.on('console', (msg) => {
      // a refused request the check makes on purpose (a page of another site) is logged by Chromium as an error
      if (msg.type() === 'error' && !/status of (400|403|404)/.test(msg.text())) problems.push(`console error: ${msg.text().slice(0, 200)}`)
    })
    const page = await context.newPage()
    page.setDefaultTimeout(SLOW)
    page.setDefaultNavigationTimeout(SLOW)
    await page.goto('/admin/login')
    await page.fill('#field-email', email)
    await page.fill('#field-password', password)
    await page.click('button[type=submit]')
    await page.waitForURL(/\/admin\/?$/)
    return { context, page }
  }
  const asEditor = await newContext(editor.email, editor.password)
  const asAdmin = await newContext(process.env.E2E_ADMIN_EMAIL!, process.env.E2E_ADMIN_PASSWORD!)
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `editor-view-${name}.png`), fullPage: true })
  const text = async (page: Page) => (await page.locator('body').innerText()).replace(/\s+/g, ' ')

  const steps: [string, () => Promise<void>][] = [
    [
      "the editor's navigation lists only what editors use",
      async () => {
        const { page } = asEditor
        await page.goto('/admin')
        const nav = (await page.locator('nav a').allInnerTexts()).map((t) => t.trim())
        for (const hidden of ['Templates', 'Template Footprints', 'Template Assets', 'Languages', 'Prompts', 'Page Views', 'AI bulk runs', 'API Tokens'])
          check(!nav.some((t) => t.toLowerCase() === hidden.toLowerCase()), `the nav lists ${hidden}: ${nav.join(', ')}`)
        for (const shown of ['Sites', 'Pages', 'Deployments']) check(nav.includes(shown), `the nav lacks ${shown}: ${nav.join(', ')}`)
        await shot(page, 'nav')
      },
    ],
    [
      'pages the editor may not use say why',
      async () => {
        const { page } = asEditor
        const says = async (url: string, expected: RegExp) => {
          await page.goto(url)
          const shown = await page.getByText(expected).first().waitFor({ timeout: 60_000 }).then(() => true, () => false)
          check(shown, `${url}: no ${expected} in "${(await text(page)).slice(0, 300)}"`)
        }
        await says('/admin/collections/templates', /only admins can open it/)
        await says('/admin/collections/api-tokens', /only admins can open it/)
        await says('/admin/collections/sites/create', /Only admins can do this/)
        check(!/must be logged in/.test(await text(page)), 'sites/create still says "you must be logged in"')
        await says(`/admin/collections/pages/${otherPage.id}`, /belongs to a site you do not manage/)
      },
    ],
    [
      'deployments have no create form, for editors and admins',
      async () => {
        for (const { page } of [asEditor, asAdmin]) {
          await page.goto('/admin/collections/deployments')
          await page.waitForSelector('.collection-list, .list-controls, table, .no-results')
          check((await page.locator('a[href$="/collections/deployments/create"]').count()) === 0, 'a create link on the deployments list')
        }
      },
    ],
    [
      "a deployment's page opened while it runs agrees with itself when it ends",
      async () => {
        const { page } = asEditor
        // with the sign-in cookie, as the Deploy button sends it (a cookie write from another origin is refused)
        const queued = await page.request.post(`/api/sites/${site.id}/deploy`, { headers: { origin: BASE } })
        check(queued.status() === 202, `deploy: HTTP ${queued.status()}`)
        const id = ((await queued.json()) as Json).doc.id
        await page.goto(`/admin/collections/deployments/${id}`)
        await page.waitForSelector('.deployment-live .pill, .deployment-live [class*=pill]')
        await shot(page, 'deployment-running')
        await page.locator('.deployment-live').getByText(/^(Success|Failed)$/).first().waitFor({ timeout: 300_000 })
        // the page refreshes itself once the run has ended
        await page.waitForTimeout(3_000)
        const body = await text(page)
        const h1 = (await page.locator('h1').first().innerText()).trim()
        check(h1 === `${site.domain} — deployment ${id} — Success`, `title: "${h1}"`)
        check(!/\bFinished Not yet\b/.test(body), 'the summary says it has not finished')
        check(/Finished \d/.test(body) && /Duration \d/.test(body) && /Files \d/.test(body), `summary incomplete: ${body.slice(0, 400)}`)
        check(!/Internals|Commit Hash|Template Snapshot|Manifest/.test(body), 'internals shown to an editor')
        await shot(page, 'deployment-editor')
        const adminPage = asAdmin.page
        await adminPage.goto(`/admin/collections/deployments/${id}`)
        await adminPage.waitForSelector('.deployment-live')
        check(await adminPage.getByText('Internals (admins only)').isVisible(), 'no internals section for the admin')
        check(!(await adminPage.getByText('Commit Hash').isVisible()), 'internals are not collapsed')
        await shot(adminPage, 'deployment-admin')
      },
    ],
    [
      'the page form: slug optional, a FAQ block with a question row, Publish names every invalid field',
      async () => {
        const { page } = asEditor
        await page.goto('/admin/collections/pages/create')
        await page.waitForSelector('#field-title')
        const slugLabel = (await page.locator('label[for="field-slug"]').innerText()).trim()
        check(!slugLabel.includes('*'), `the slug is marked required: "${slugLabel}"`)
        await page.fill('#field-title', `Editor view ${stamp}`)
        // the new block's fields come from the server (form state): on a busy machine that takes a while
        const addBlock = async (label: string, firstField: string) => {
          await page.getByRole('button', { name: /Add Block/i }).first().click()
          await page.getByRole('button', { name: new RegExp(`^${label}\\b`) }).first().click()
          await page.waitForSelector(firstField, { timeout: 240_000 })
        }
        await addBlock('FAQ', '#field-blocks__0__items__0__question')
        await addBlock('Hero', '#field-blocks__1__heading')
        await page.getByRole('button', { name: /^Publish/ }).first().click()
        const toast = page.locator('.toast-error, [data-sonner-toast][data-type=error]').first()
        await toast.waitFor()
        const message = (await toast.innerText()).replace(/\s+/g, ' ')
        await shot(page, 'publish')
        for (const field of [/Hero.*Heading/, /FAQ.*Question/, /FAQ.*Answer/]) check(field.test(message), `the toast does not name ${field}: ${message}`)
      },
    ],
  ]

  let passed = 0
  let failed = 0
  for (const [name, run] of steps) {
    const started = Date.now()
    const before = problems.length
    try {
      await run()
      if (problems.length > before) throw new Error(problems.slice(before).join('\n'))
      passed += 1
      print(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`)
    } catch (err) {
      failed += 1
      print(`FAIL ${name}: ${(err as Error).message}`)
    }
  }
  await browser.close()
  print(`${passed} passed, ${failed} failed`)
  return failed === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (err) => {
    print(`FAIL ${(err as Error).stack ?? err}`)
    process.exit(1)
  },
)
