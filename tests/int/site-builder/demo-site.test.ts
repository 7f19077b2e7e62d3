import { beforeAll, describe, expect, it } from 'vitest'

import { buildSiteFromDatabase } from '@/plugins/site-builder/build'
import { seedDemo } from '@/scripts/demo/seed'
import { htmlProblems } from '../../helpers/htmlValidate'
import { getWorld, unique } from '../../helpers/world'

describe('the demo site', () => {
  let result: Awaited<ReturnType<typeof buildSiteFromDatabase>>

  beforeAll(async () => {
    const { payload } = await getWorld()
    const seeded = await seedDemo(payload, { adminEmail: `${unique('demo-build-')}@panel.test`, log: () => {} })
    result = await buildSiteFromDatabase({ payload, siteId: seeded.siteId })
  })

  it('builds every page with no warnings', () => {
    expect(result.pages.map((p) => p.slug).sort()).toEqual(['faq', 'gallery', 'guides/choosing-trail-shoes', 'index', 'reviews'])
    expect(result.warnings).toEqual([])
  })

  it('passes html-validate on every page, 404 included', async () => {
    const pages = [...result.files.entries()].filter(([path]) => /\.(html|php|htm)$/.test(path))
    expect(pages.length).toBeGreaterThanOrEqual(6)
    const problems = (await Promise.all(pages.map(([path, file]) => htmlProblems(path, String(file.body))))).flat()
    expect(problems).toEqual([])
  })

  it('links only to files the build produces', () => {
    const produced = new Set([...result.files.keys(), ...result.assets.map((a) => a.path)])
    const missing: string[] = []
    for (const [path, file] of result.files) {
      if (!path.endsWith('.html')) continue
      for (const [, url] of String(file.body).matchAll(/(?:href|src)="(\/[^"#?]*)"/g)) {
        if (url.startsWith('/go/')) continue
        const target = url.endsWith('/') ? `${url.slice(1)}index.html` : url.slice(1)
        if (!produced.has(target)) missing.push(`${path} -> ${url}`)
      }
    }
    expect(missing).toEqual([])
  })
})
