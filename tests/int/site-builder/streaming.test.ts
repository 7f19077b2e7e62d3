import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSiteFromDatabase, buildSiteToFolder } from '@/plugins/site-builder/build'
import { BuildError } from '@/plugins/site-builder/core/types'
import { loadSiteForStreaming, loadSiteSnapshot } from '@/plugins/site-builder/load/snapshot'
import { getWorld, type World } from '../../helpers/world'
import { countQueries, createSiteFixture, LAYOUT, type SiteFixture } from './fixtures'

let w: World
let small: SiteFixture
let large: SiteFixture
let tmp: string

beforeAll(async () => {
  w = await getWorld()
  small = await createSiteFixture(w, { pages: 3 })
  large = await createSiteFixture(w, { pages: 24 })
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-stream-'))
}, 300_000)

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

/** Every file under dir with its bytes (base64), hard links and all. */
const tree = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, rel)
    if (fs.statSync(full).isFile()) out[rel] = fs.readFileSync(full).toString('base64')
  }
  return out
}
const leftovers = (dir: string) => fs.readdirSync(path.dirname(dir)).filter((name) => name.startsWith(`${path.basename(dir)}.`))

describe('loadSiteForStreaming', () => {
  it('reads the same site as loadSiteSnapshot, page content a chunk at a time, in queries that grow with chunks, not pages', async () => {
    const whole = await loadSiteSnapshot({ payload: w.payload, siteId: large.site.id })
    const up = await countQueries(w.payload, () => loadSiteForStreaming({ payload: w.payload, siteId: large.site.id }))
    const upSmall = await countQueries(w.payload, () => loadSiteForStreaming({ payload: w.payload, siteId: small.site.id }))
    expect(up.count, up.calls.join(', ')).toBe(upSmall.count)
    // 9: the site's redirects joined the first batch (plugins/fleet/redirects)
    expect(up.count).toBeLessThanOrEqual(9)
    const { snapshot, loadPages } = up.result
    // summaries: every page, in build order, without their blocks
    expect(snapshot.pages.map((p) => p.id)).toEqual(whole.pages.map((p) => p.id))
    expect(snapshot.pages.every((p) => p.blocks.length === 0)).toBe(true)
    expect(snapshot.pages.map((p) => ({ ...p, blocks: [] }))).toEqual(whole.pages.map((p) => ({ ...p, blocks: [] })))

    const loaded = []
    for (let i = 0; i < snapshot.pages.length; i += 10) {
      const chunk = await countQueries(w.payload, () => loadPages(snapshot.pages.slice(i, i + 10)))
      // the pages, then the presets and media they use that are not loaded yet
      expect(chunk.count, chunk.calls.join(', ')).toBeLessThanOrEqual(3)
      loaded.push(...chunk.result)
    }
    expect(loaded).toEqual(whole.pages)
    // by the end it holds every record the whole snapshot holds
    expect(snapshot.media).toEqual(whole.media)
    expect(snapshot.presets).toEqual(whole.presets)
    expect(snapshot.affiliateLinks).toEqual(whole.affiliateLinks)
    expect({ ...snapshot, takenAt: '', pages: [], media: {}, presets: {} }).toEqual({ ...whole, takenAt: '', pages: [], media: {}, presets: {} })
  })

  it("reads with a user's access: another site's editor gets nothing", async () => {
    await expect(loadSiteForStreaming({ payload: w.payload, siteId: large.site.id, user: small.editor })).rejects.toThrow()
  })
})

describe('buildSiteToFolder', () => {
  it('writes the same files as the in-memory build, then re-renders only the edited page and links the rest', async () => {
    const reference = path.join(tmp, 'reference')
    const outDir = path.join(tmp, 'streamed')
    await buildSiteFromDatabase({ payload: w.payload, siteId: large.site.id, outDir: reference })
    const first = await buildSiteToFolder({ payload: w.payload, siteId: large.site.id, outDir, chunkSize: 5 })
    expect(first.stats.rendered).toBe(24)
    expect(first.reused).toBe(0)
    expect(tree(outDir)).toEqual(tree(reference))
    expect(leftovers(outDir)).toEqual([])

    const edited = large.pages[5]
    await w.payload.update({ collection: 'pages', id: edited.id, data: { h1: 'Streamed and edited' } })
    const second = await buildSiteToFolder({ payload: w.payload, siteId: large.site.id, outDir, cache: first.cache, chunkSize: 5 })
    expect(second.stats).toMatchObject({ rendered: 1, skipped: 23 })
    expect(second.reused).toBe(23)
    const page = second.pages.find((p) => p.id === edited.id)!
    expect(fs.readFileSync(path.join(outDir, page.path), 'utf8')).toContain('Streamed and edited')
    // the result is what a fresh build makes
    await buildSiteFromDatabase({ payload: w.payload, siteId: large.site.id, outDir: reference })
    expect(tree(outDir)).toEqual(tree(reference))
    expect(leftovers(outDir)).toEqual([])
  })

  it('leaves the existing folder untouched when the build fails half way', async () => {
    const outDir = path.join(tmp, 'failing')
    const first = await buildSiteToFolder({ payload: w.payload, siteId: small.site.id, outDir })
    const before = tree(outDir)
    await w.payload.update({
      collection: 'templates',
      id: small.template.id,
      data: { html: LAYOUT.replace('{{ content }}', '{% for i in (1..100000000) %}<p>{{ i }}</p>{% endfor %}') },
    })
    try {
      const failed = buildSiteToFolder({ payload: w.payload, siteId: small.site.id, outDir, cache: first.cache, limits: { renderLimit: 200 } })
      await expect(failed).rejects.toBeInstanceOf(BuildError)
    } finally {
      await w.payload.update({ collection: 'templates', id: small.template.id, data: { html: LAYOUT } })
    }
    expect(tree(outDir)).toEqual(before)
    expect(leftovers(outDir)).toEqual([])
  })
})
