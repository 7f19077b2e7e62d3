/**
 * Not a test: a minimal reproduction of text typed into a create form being
 * wiped by a late refresh (issue 15 item 7, "users/create under load"). The
 * cause is in Payload, not in Panel's components:
 *
 * 1. @payloadcms/plugin-multi-tenant 3.90.1, TenantSelectionProviderClient:
 *    `useEffect(() => { if (!initialValue) setTenant({ id: undefined, refresh: true }) }, [initialValue, setTenant])`
 *    calls `router.refresh()` on every full page load made without a
 *    `payload-tenant` cookie (an admin looking at all sites; anyone's first
 *    visit), and again whenever `setTenant` changes identity (its tenant
 *    options arrive).
 * 2. @payloadcms/ui 3.90.1, Form: `useEffect(() => dispatchFields({ type:
 *    'REPLACE_STATE', state: initialState }), [initialState])`: the refreshed
 *    server render hands the form a new initial state, which replaces
 *    whatever was typed meanwhile.
 *
 * Under load the refresh answers seconds after the form is shown, so the
 * first words typed are lost. This script makes "under load" certain by
 * holding every RSC answer for the create page for 4 s:
 *
 *   E2E_BASE_URL=http://localhost:3000 E2E_ADMIN_EMAIL=… E2E_ADMIN_PASSWORD=… npx tsx tests/e2e/repro-tenant-refresh.ts
 *
 * Prints, without and with a tenant cookie: the refreshes seen and what the
 * fields hold afterwards. Seen here (Panel on `next dev`, Chromium 156):
 *   no cookie:   2 refreshes, email "" and name ""  (wiped)
 *   with cookie: 0 refreshes, email and name as typed
 */
import { chromium } from 'playwright-core'

const BASE = (process.env.E2E_BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '')
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

const run = async (withTenantCookie: boolean): Promise<void> => {
  const browser = await chromium.launch({ executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium', args: ARGS })
  const context = await browser.newContext({ baseURL: BASE })
  const page = await context.newPage()
  page.setDefaultTimeout(180_000)
  await page.goto('/admin/login')
  await page.fill('#field-email', process.env.E2E_ADMIN_EMAIL ?? '')
  await page.fill('#field-password', process.env.E2E_ADMIN_PASSWORD ?? '')
  await page.click('button[type=submit]')
  await page.waitForURL(/\/admin\/?$/)
  if (withTenantCookie) {
    const { docs } = (await (await page.request.get('/api/sites?limit=1&depth=0')).json()) as { docs: { id: number }[] }
    await context.addCookies([{ name: 'payload-tenant', value: String(docs[0]?.id ?? ''), url: BASE }])
  } else {
    await context.clearCookies({ name: 'payload-tenant' })
  }
  let refreshes = 0
  await page.route('**/admin/collections/users/create**', async (route) => {
    if ((await route.request().allHeaders())['rsc'] === '1') {
      refreshes += 1
      await new Promise((resolve) => setTimeout(resolve, 4_000))
    }
    await route.continue().catch(() => undefined)
  })
  await page.goto('/admin/collections/users/create')
  await page.waitForSelector('#field-email')
  await page.type('#field-email', 'typed-at-once@example.com', { delay: 40 })
  await page.type('#field-name', 'Typed at once', { delay: 40 })
  await page.waitForTimeout(10_000)
  const email = await page.inputValue('#field-email')
  const name = await page.inputValue('#field-name')
  process.stdout.write(`${withTenantCookie ? 'with tenant cookie' : 'no tenant cookie  '}: ${refreshes} refreshes, email ${JSON.stringify(email)}, name ${JSON.stringify(name)}\n`)
  await browser.close()
}

run(false)
  .then(() => run(true))
  .catch((err: Error) => {
    process.stdout.write(`${err.stack ?? err}\n`)
    process.exit(1)
  })
