/**
 * Browser steps for analytics (issue 7), run at the end of tests/e2e/run.ts:
 * the collector starts (`npm run collector`), the site's built page is opened
 * in Chromium on the site's own domain as a visitor would open it, its page
 * view reaches the database, and after a rollup it shows on the dashboard.
 */
import type { ChildProcess } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

type Child = { process: ChildProcess; output: string[]; exited: Promise<number | null> }

export type AnalyticsE2E = {
  artifacts: string
  env: NodeJS.ProcessEnv
  collectorPort: number
  baseURL: string
  chromium: { executablePath: string; args: string[] }
  site: () => { id: string; domain: string; pageSlug: string }
  adminPage: () => Page
  adminContext: () => BrowserContext
  startChild: (command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string) => Child
  killGroup: (child: Child | undefined) => Promise<void>
  tail: (child: Child, lines?: number) => string
  fail: (message: string) => never
  assertEqual: (actual: unknown, expected: unknown, what: string) => void
  screenshot: (name: string) => Promise<void>
  /** axe on our components of the page (tests/e2e/axe.ts); fails the step on a critical or serious violation */
  axe: (page: Page, view: string, ours: string[]) => Promise<void>
}

const VISITOR_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

export const analyticsSteps = (t: AnalyticsE2E) => {
  let collector: Child | undefined
  let siteServer: http.Server | undefined
  let visitorBrowser: Browser | undefined
  const collectorUrl = `http://127.0.0.1:${t.collectorPort}`

  const steps = [
    {
      name: 'analytics: start the collector (npm run collector) and wait for /health',
      run: async () => {
        collector = t.startChild('npm', ['run', 'collector'], t.env, path.join(t.artifacts, 'collector.log'))
        const deadline = Date.now() + 90_000
        while (Date.now() < deadline) {
          if (collector.process.exitCode !== null) t.fail(`the collector exited with ${collector.process.exitCode}:\n${t.tail(collector)}`)
          try {
            if ((await fetch(`${collectorUrl}/health`, { signal: AbortSignal.timeout(3000) })).status === 200) return
          } catch {
            // not up yet
          }
          await new Promise((r) => setTimeout(r, 500))
        }
        t.fail(`the collector did not answer on ${collectorUrl}/health within 90 s:\n${t.tail(collector)}`)
      },
    },
    {
      name: "analytics: the site's built page, opened in Chromium on the site's domain, records a page view",
      run: async () => {
        const { id, domain, pageSlug } = t.site()
        // the built site served from its own origin, as a host would: every path answered with the build's file
        // (read through the admin's authenticated preview of the same build)
        const cookie = (await t.adminContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
        siteServer = http.createServer((req, res) => {
          const url = new URL(req.url ?? '/', 'http://site')
          const previewPath = url.pathname.startsWith('/preview/') ? url.pathname : `/preview/${id}${url.pathname}`
          // a browser's own request to Panel says so; Payload honours the sign-in cookie only then (csrf list, PUBLIC_URL)
          fetch(`${t.baseURL}${previewPath}${url.search}`, { headers: { cookie, 'sec-fetch-site': 'same-origin' } }) // Next's own trailing-slash redirects are followed here
            .then(async (upstream) => {
              const headers: Record<string, string> = {}
              upstream.headers.forEach((value, key) => {
                if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(key)) headers[key] = value
              })
              res.writeHead(upstream.status, headers)
              res.end(Buffer.from(await upstream.arrayBuffer()))
            })
            .catch((err: Error) => {
              res.writeHead(502)
              res.end(err.message)
            })
        })
        await new Promise<void>((resolve) => siteServer!.listen(0, '127.0.0.1', resolve))
        const sitePort = (siteServer.address() as AddressInfo).port
        // a visitor's browser: the domain resolves to the site server; not flagged as automation, a normal user agent
        visitorBrowser = await chromium.launch({
          executablePath: t.chromium.executablePath,
          args: [...t.chromium.args, `--host-resolver-rules=MAP ${domain} 127.0.0.1:${sitePort}`, '--disable-blink-features=AutomationControlled'],
          ignoreDefaultArgs: ['--enable-automation'],
          timeout: 60_000,
        })
        const visitor = await visitorBrowser.newContext({ userAgent: VISITOR_UA })
        const page = await visitor.newPage()
        const webdriver = await page.evaluate(() => navigator.webdriver)
        if (webdriver) t.fail('the visitor browser reports navigator.webdriver: the tracker would (rightly) stay silent')
        const answered = page.waitForResponse((r) => r.url() === `${collectorUrl}/track`, { timeout: 30_000 })
        const response = await page.goto(`http://${domain}/${pageSlug}/`)
        t.assertEqual(response?.status(), 200, `GET http://${domain}/${pageSlug}/ (the built page)`)
        const html = await page.content()
        if (!html.includes(`${collectorUrl}/track`)) t.fail('the built page has no tracker pointing at the collector')
        const track = await answered
        t.assertEqual(track.status(), 202, "the collector's answer to the page view")
        const stored = await t.adminPage().request.get(`/api/page-views?where[site][equals]=${id}&depth=0`)
        const docs = ((await stored.json()) as { docs: { pathname: string; hostname: string; type: string }[] }).docs
        t.assertEqual(docs.length, 1, 'page views stored for the site')
        t.assertEqual(docs[0]!.pathname, `/${pageSlug}/`, 'stored path')
        t.assertEqual(docs[0]!.hostname, domain, 'stored host name')
        await visitor.close()
      },
    },
    {
      name: 'analytics: after a rollup (npm run analytics:rollup) the page view is on the Analytics dashboard and the admin home',
      run: async () => {
        const { id, domain } = t.site()
        const rollup = t.startChild('npm', ['run', 'analytics:rollup'], t.env, path.join(t.artifacts, 'rollup.log'))
        const code = await Promise.race([rollup.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 180_000))])
        if (code !== 0) t.fail(`npm run analytics:rollup ended with ${code}:\n${t.tail(rollup as Child)}`)
        const page = t.adminPage()
        await page.goto(`/admin/analytics?site=${id}`)
        const figure = (name: string) => page.getByTestId(`analytics-${name}`).locator('.analytics__figure-value')
        await figure('pageviews').waitFor({ state: 'visible' })
        t.assertEqual((await figure('pageviews').textContent())?.trim(), '1', 'page views on the dashboard')
        t.assertEqual((await figure('visitors').textContent())?.trim(), '1', 'visitors on the dashboard')
        await page.locator('.analytics__caption', { hasText: domain }).waitFor({ state: 'visible' })
        // the site picker is a labelled select holding the user's sites
        t.assertEqual(await page.locator('.analytics').getByLabel('Site', { exact: true }).inputValue(), id, 'site chosen in the Analytics view')
        await t.screenshot('analytics-dashboard')
        await t.axe(page, 'analytics view', ['.analytics'])
        await page.goto('/admin')
        // the admin home's fleet dashboard (plugins/fleet/dashboard) shows the site's 30-day visitors
        const visitors = page.getByTestId(`fleet-row-${id}`).locator('[data-figure="visitors"]')
        await visitors.waitFor({ state: 'visible' })
        const text = (await visitors.textContent()) ?? ''
        if (!/^1 visitors$/.test(text.trim())) t.fail(`the dashboard should count the visitor, it says: ${text}`)
        await t.screenshot('analytics-home-widget')
        await t.axe(page, 'dashboard with figures', ['.fleet'])
      },
    },
  ]

  const close = async () => {
    await visitorBrowser?.close().catch(() => undefined)
    await new Promise((resolve) => (siteServer ? siteServer.close(resolve) : resolve(undefined)))
    await t.killGroup(collector)
  }

  return { steps, close }
}
