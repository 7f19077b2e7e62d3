import fs from 'node:fs'

import { beforeAll, describe, expect, it } from 'vitest'

import { loadSiteSnapshot } from '@/plugins/site-builder/load/snapshot'
import { collectorPublicUrl } from '@/plugins/analytics/config'
import { getWorld, type World } from '../../helpers/world'
import { countQueries, createSiteFixture, type SiteFixture } from './fixtures'

let w: World
let small: SiteFixture
let large: SiteFixture

beforeAll(async () => {
  w = await getWorld()
  small = await createSiteFixture(w, { pages: 3 })
  large = await createSiteFixture(w, { pages: 40 })
}, 300_000)

describe('loadSiteSnapshot', () => {
  it('loads a site in the same small number of queries whatever its page count', async () => {
    const a = await countQueries(w.payload, () => loadSiteSnapshot({ payload: w.payload, siteId: small.site.id }))
    const b = await countQueries(w.payload, () => loadSiteSnapshot({ payload: w.payload, siteId: large.site.id }))
    expect(a.result.pages).toHaveLength(3)
    expect(b.result.pages).toHaveLength(40)
    expect(a.count, a.calls.join(', ')).toBeGreaterThan(0)
    expect(b.count, `3 pages: ${a.calls.join(', ')}\n40 pages: ${b.calls.join(', ')}`).toBe(a.count)
    expect(a.count).toBeLessThanOrEqual(10)
  })

  it('resolves every media reference (logo, meta image, blocks, gallery, swiper items, rich text, presets) to files on disk', async () => {
    const snapshot = await loadSiteSnapshot({ payload: w.payload, siteId: small.site.id })
    expect(Object.keys(snapshot.media).sort()).toEqual(small.media.map((m) => String(m.id)).sort())
    for (const media of Object.values(snapshot.media)) {
      expect(fs.existsSync(media.source), media.source).toBe(true)
      for (const size of media.sizes) expect(fs.existsSync(size.source), size.source).toBe(true)
    }
    const hero = snapshot.media[String(small.media[1].id)]
    expect(hero.sizes.map((s) => s.name)).toContain('thumbnail')
    expect(hero.alt).toBe('Picture 640x300')
    expect(snapshot.presets[String(small.presetId)].items[0].title).toBe('Offer one')
    expect(Object.values(snapshot.affiliateLinks)).toHaveLength(1)
  })

  it('maps the site, template and footprint to plain values', async () => {
    const before = Date.now()
    const snapshot = await loadSiteSnapshot({ payload: w.payload, siteId: small.site.id })
    expect(Date.parse(snapshot.takenAt)).toBeGreaterThanOrEqual(before - 1000)
    expect(snapshot.site).toMatchObject({ id: small.site.id, domain: small.site.domain, language: 'en', logo: small.media[0].id })
    expect(snapshot.template.preservedClasses).toEqual(['js-keep', 'swiper', 'active'])
    expect(snapshot.footprint?.pageUrlStyle).toBe('directory')
    // analytics is on by default: the snapshot names the collector the tracker reports to
    expect(snapshot.analytics).toEqual({ collectorUrl: collectorPublicUrl() })
    expect(snapshot.pages.map((p) => p.slug)).toEqual(['index', 'page-1', 'page-2'])
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot) // plain data, nothing Payload-shaped
  })

  it('leaves drafts out, and loads them (same query count) when asked', async () => {
    const draftOnly = await w.payload.create({
      collection: 'pages',
      data: { title: 'Unpublished', slug: 'unpublished', site: small.site.id, order: 50, _status: 'draft' } as never,
      draft: true,
    })
    await w.payload.update({ collection: 'pages', id: small.pages[1].id, data: { h1: 'Changed in a draft' }, draft: true })
    try {
      const published = await loadSiteSnapshot({ payload: w.payload, siteId: small.site.id })
      expect(published.pages.map((p) => p.slug)).not.toContain('unpublished')
      expect(published.pages.find((p) => p.id === small.pages[1].id)?.h1).toBe('Heading 1')

      const counted = await countQueries(w.payload, () => loadSiteSnapshot({ payload: w.payload, siteId: small.site.id, draft: true }))
      expect(counted.result.pages.map((p) => p.slug)).toContain('unpublished')
      expect(counted.result.pages.find((p) => p.id === small.pages[1].id)?.h1).toBe('Changed in a draft')
      const largeDraft = await countQueries(w.payload, () => loadSiteSnapshot({ payload: w.payload, siteId: large.site.id, draft: true }))
      expect(largeDraft.count).toBe(counted.count)
    } finally {
      await w.payload.delete({ collection: 'pages', id: draftOnly.id })
      await w.payload.update({ collection: 'pages', id: small.pages[1].id, data: { h1: 'Heading 1', _status: 'published' } })
    }
  })

  it("reads with a user's access when given one: another site's editor gets nothing", async () => {
    const own = await loadSiteSnapshot({ payload: w.payload, siteId: small.site.id, user: small.editor as never })
    expect(own.pages).toHaveLength(3)
    expect(Object.keys(own.media)).toHaveLength(small.media.length)
    await expect(loadSiteSnapshot({ payload: w.payload, siteId: small.site.id, user: large.editor as never })).rejects.toThrow()
  })
})
