/**
 * Browser steps for the fleet dashboard (issue 14, item 6), run near the end of tests/e2e/run.ts in the
 * editor's session: the admin home shows a row for each of the editor's sites (and no other), and every
 * figure a row shows equals what the REST API says for the same site; selecting a row and adding a tag
 * tags the site (the API says so) and the tag filter then shows it alone; axe finds nothing critical or
 * serious in the dashboard. Requests to other hosts fail the day in run.ts's last step.
 */
import type { Page } from 'playwright-core'

export type FleetE2E = {
  page: () => Page
  /** The editor's sites (run.ts's ids.site and ids.decoy). */
  sites: () => { id: string; domain: string }[]
  fail: (message: string) => never
  assertEqual: (actual: unknown, expected: unknown, what: string) => void
  axe: (page: Page, view: string, ours: string[]) => Promise<void>
  print?: (line: string) => void
}

const TAG = 'e2e-fleet'
const digits = (text: string | null): number => Number((text ?? '').replace(/[^0-9]/g, '') || 'NaN')

export const fleetDashboardSteps = (t: FleetE2E) => {
  const api = async <T = any>(path: string): Promise<T> => {
    const res = await t.page().request.get(path)
    if (res.status() !== 200) t.fail(`GET ${path} answered ${res.status()}: ${await res.text()}`)
    return (await res.json()) as T
  }
  const count = async (path: string) => (await api<{ totalDocs: number }>(`${path}&limit=1&depth=0`)).totalDocs

  /** The figures of one site as the REST API gives them. */
  const fromApi = async (id: string) => {
    const pages = `/api/pages?where[site][equals]=${id}`
    const last = (await api<{ docs: { id: number; status: string; url?: string | null }[] }>(`/api/deployments?where[site][equals]=${id}&sort=-createdAt&limit=1&depth=0`)).docs[0]
    const stats = await api<{ visitors: number }>(`/api/analytics/stats?site=${id}`)
    const usage = await api<{ rows: { totalTokens: number }[] }>(`/api/ai/usage?site=${id}`)
    const site = await api<{ tags?: string[] | null; lastDeployWarnings?: number | null }>(`/api/sites/${id}?depth=0`)
    return {
      status: last?.status ?? 'never',
      url: last?.status === 'success' ? (last.url ?? null) : null,
      published: await count(`${pages}&where[_status][equals]=published`),
      draft: await count(`${pages}&where[_status][equals]=draft`),
      visitors: stats.visitors,
      tokens: usage.rows.reduce((sum, r) => sum + r.totalTokens, 0),
      tags: site.tags ?? [],
    }
  }

  /** What one row of the dashboard shows. */
  const fromRow = async (id: string) => {
    const row = t.page().getByTestId(`fleet-row-${id}`)
    await row.waitFor({ state: 'visible' })
    const figure = (name: string) => row.locator(`[data-figure="${name}"]`)
    const live = row.getByRole('link', { name: /^Live site/ })
    return {
      status: await figure('deployment').getAttribute('data-status'),
      url: (await live.count()) ? await live.getAttribute('href') : null,
      published: digits(await figure('published').textContent()),
      draft: digits(await figure('draft').textContent()),
      visitors: digits(await figure('visitors').textContent()),
      tokens: Number(await figure('tokens').getAttribute('data-used')),
      tags: (await figure('tags').count()) ? await figure('tags').locator('li').allTextContents() : [],
    }
  }

  const steps = [
    {
      name: "fleet dashboard: the admin home shows a row for each of the editor's sites, and each figure equals what the API says (axe)",
      run: async () => {
        const page = t.page()
        await page.goto('/admin')
        const dashboard = page.getByTestId('fleet-dashboard')
        await dashboard.waitFor({ state: 'visible' })
        const mine = t.sites()
        for (const site of mine) await page.getByTestId(`fleet-row-${site.id}`).waitFor({ state: 'visible' })
        const shown = await dashboard.locator('tbody tr[data-site]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-site')))
        const listed = (await api<{ docs: { id: number }[] }>('/api/sites?limit=100&depth=0')).docs.map((s) => String(s.id))
        t.assertEqual(JSON.stringify([...shown].sort()), JSON.stringify([...listed].sort()), 'sites on the dashboard vs GET /api/sites')
        for (const site of mine) {
          const [row, rest] = [await fromRow(site.id), await fromApi(site.id)]
          t.print?.(`    ${site.domain}: ${JSON.stringify(row)}`)
          for (const key of Object.keys(rest) as (keyof typeof rest)[]) {
            t.assertEqual(JSON.stringify(row[key]), JSON.stringify(rest[key]), `${site.domain}: ${key} on the dashboard vs the API`)
          }
        }
        // the figures are not all zero: the day published pages, deployed and had a visitor on the first site
        const first = await fromRow(mine[0]!.id)
        if (first.status !== 'success' || first.published < 1 || first.visitors < 1) t.fail(`${mine[0]!.domain} should show a success, pages and a visitor: ${JSON.stringify(first)}`)
        await t.axe(page, 'fleet dashboard', ['.fleet'])
      },
    },
    {
      name: 'fleet dashboard: select a site, add a tag; the API has it, the tag filter shows that site alone; remove it again',
      run: async () => {
        const page = t.page()
        const [site] = t.sites()
        const dashboard = page.getByTestId('fleet-dashboard')
        await dashboard.getByRole('checkbox', { name: `Select ${site!.domain}` }).check()
        await dashboard.getByText('1 selected', { exact: true }).waitFor({ state: 'visible' })
        await dashboard.getByLabel('Tag to add or remove', { exact: true }).fill(TAG)
        await dashboard.getByRole('button', { name: 'Add tag', exact: true }).click()
        await page.getByTestId('fleet-message').getByText('Tag added to 1 site.').waitFor({ state: 'visible' })
        const stored = await api<{ tags?: string[] }>(`/api/sites/${site!.id}?depth=0`)
        if (!stored.tags?.includes(TAG)) t.fail(`GET /api/sites/${site!.id} should have the tag "${TAG}", has ${JSON.stringify(stored.tags)}`)
        await page.getByTestId(`fleet-row-${site!.id}`).locator('[data-figure="tags"] li', { hasText: TAG }).waitFor({ state: 'visible' })
        await dashboard.getByRole('combobox', { name: 'Tag', exact: true }).selectOption(TAG)
        await page.waitForFunction((id) => {
          const rows = [...document.querySelectorAll('[data-testid="fleet-dashboard"] tbody tr[data-site]')]
          return rows.length === 1 && rows[0]!.getAttribute('data-site') === id
        }, site!.id)
        const tagged = (await api<{ docs: { id: number }[] }>(`/api/sites?where[tags][equals]=${TAG}&depth=0`)).docs.map((s) => String(s.id))
        t.assertEqual(JSON.stringify(tagged), JSON.stringify([site!.id]), `GET /api/sites?where[tags][equals]=${TAG}`)
        await t.axe(page, 'fleet dashboard (filtered, a row selected)', ['.fleet'])
        await dashboard.getByRole('checkbox', { name: `Select ${site!.domain}` }).check()
        await dashboard.getByRole('button', { name: 'Remove tag', exact: true }).click()
        await page.getByTestId('fleet-message').getByText('Tag removed from 1 site.').waitFor({ state: 'visible' })
        const after = await api<{ tags?: string[] }>(`/api/sites/${site!.id}?depth=0`)
        if (after.tags?.includes(TAG)) t.fail(`the tag "${TAG}" should be gone from site ${site!.id}`)
      },
    },
  ]
  return { steps }
}
