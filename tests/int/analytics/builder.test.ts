import { beforeAll, describe, expect, it } from 'vitest'

import { collectorPublicUrl } from '@/plugins/analytics/config'
import { buildSiteFromDatabase } from '@/plugins/site-builder/build'
import { getWorld, type World } from '../../helpers/world'
import { createSiteFixture, type SiteFixture } from '../site-builder/fixtures'

let w: World
let fixture: SiteFixture

const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : Buffer.from(body).toString('utf8'))

beforeAll(async () => {
  w = await getWorld()
  fixture = await createSiteFixture(w, { pages: 2 })
})

describe('built sites and analytics', () => {
  it('carry the tracker on every page and send /go/ links through the collector when analytics is on', async () => {
    const result = await buildSiteFromDatabase({ payload: w.payload, siteId: fixture.site.id })
    const collector = collectorPublicUrl()
    const pages = [...result.files].filter(([path]) => path.endsWith('.html') && !path.startsWith('go/') && path !== '404.html')
    expect(pages.length).toBe(fixture.pages.length)
    for (const [path, file] of pages) {
      const html = text(file.body)
      expect(html, path).toContain(`(${fixture.site.id},"${collector}/track")</script>`)
      expect(html.match(/"\/track"|\/track"\)/g), path).toHaveLength(1)
    }
    const link = (await w.payload.find({ collection: 'affiliate-links', where: { site: { equals: fixture.site.id } } })).docs[0]
    const through = `${collector}/go/${fixture.site.id}/${link.code}`
    expect(text(result.files.get('_redirects')!.body)).toContain(`/go/${link.code}/ ${through} 302`)
    expect(text(result.files.get(`go/${link.code}/index.html`)!.body)).toContain(`url=${through}`)
    // the stored URL is not on the site: only the collector knows it
    expect(text(result.files.get('_redirects')!.body)).not.toContain(link.url)
  })

  it('carry neither when analytics is off', async () => {
    await w.payload.update({ collection: 'sites', id: fixture.site.id, data: { analyticsEnabled: false } })
    const result = await buildSiteFromDatabase({ payload: w.payload, siteId: fixture.site.id })
    for (const [path, file] of result.files) if (path.endsWith('.html')) expect(text(file.body), path).not.toContain('/track')
    const link = (await w.payload.find({ collection: 'affiliate-links', where: { site: { equals: fixture.site.id } } })).docs[0]
    expect(text(result.files.get('_redirects')!.body)).toContain(`/go/${link.code}/ ${link.url} 302`)
  })
})
