import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSiteFromDatabase } from '@/plugins/site-builder/build'
import { BuildError } from '@/plugins/site-builder/core/types'
import { getWorld, type World } from '../../helpers/world'
import { createMedia, createSiteFixture, LAYOUT, type SiteFixture } from './fixtures'

let w: World
let fx: SiteFixture
let tmp: string

beforeAll(async () => {
  w = await getWorld()
  fx = await createSiteFixture(w, { pages: 3 })
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-build-'))
})

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
})

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8')
const leftovers = (dir: string) => fs.readdirSync(path.dirname(dir)).filter((name) => name.startsWith(`${path.basename(dir)}.`))

describe('buildSiteFromDatabase', () => {
  it('writes the pages, site files and media of a site into a folder', async () => {
    const outDir = path.join(tmp, 'site')
    const result = await buildSiteFromDatabase({ payload: w.payload, siteId: fx.site.id, outDir })
    expect(result.stats.rendered).toBe(3)
    expect(result.outDir).toBe(outDir)
    for (const key of ['loadMs', 'renderMs', 'writeMs'] as const) expect(result.timings[key]).toBeGreaterThanOrEqual(0)

    const home = read(outDir, 'index.html')
    expect(home).toContain('<h1>Welcome home</h1>')
    expect(home).toContain('Offer one')
    expect(read(outDir, 'page-2/index.html')).toContain('<h1>Heading 2</h1>')
    for (const file of ['404.html', 'robots.txt', 'sitemap.xml', '_headers', '_redirects']) expect(fs.existsSync(path.join(outDir, file)), file).toBe(true)

    // every image the pages use is copied, byte for byte, from the media storage
    expect(result.assets.length).toBeGreaterThan(0)
    for (const asset of result.assets) expect(fs.readFileSync(path.join(outDir, asset.path)).equals(fs.readFileSync(asset.source)), asset.path).toBe(true)
    const logo = result.assets.find((a) => a.path.endsWith(fx.media[0].filename!))
    expect(logo).toBeDefined()
    expect(home).toContain(`src="/${logo!.path}"`)
    expect(leftovers(outDir)).toEqual([])
  })

  it('renders in memory when no folder is given', async () => {
    const result = await buildSiteFromDatabase({ payload: w.payload, siteId: fx.site.id })
    expect(result.outDir).toBeNull()
    expect(result.files.get('index.html')?.body).toContain('Welcome home')
  })

  it('reuses unchanged pages from the previous build', async () => {
    const first = await buildSiteFromDatabase({ payload: w.payload, siteId: fx.site.id })
    await w.payload.update({ collection: 'pages', id: fx.pages[2].id, data: { h1: 'Only this one changed' } })
    const second = await buildSiteFromDatabase({ payload: w.payload, siteId: fx.site.id, cache: first.cache })
    expect(second.stats).toMatchObject({ rendered: 1, skipped: 2 })
    expect(second.files.get('page-2/index.html')?.body).toContain('Only this one changed')
  })

  it('leaves the existing folder untouched when the template never stops rendering', async () => {
    const outDir = path.join(tmp, 'runaway')
    await buildSiteFromDatabase({ payload: w.payload, siteId: fx.site.id, outDir })
    fs.writeFileSync(path.join(outDir, 'marker.txt'), 'from the last good build')
    const before = read(outDir, 'index.html')

    await w.payload.update({
      collection: 'templates',
      id: fx.template.id,
      data: { html: LAYOUT.replace('{{ content }}', '{% for i in (1..100000000) %}<p>{{ i }}</p>{% endfor %}') },
    })
    try {
      const failed = buildSiteFromDatabase({ payload: w.payload, siteId: fx.site.id, outDir, limits: { renderLimit: 200 } })
      await expect(failed).rejects.toBeInstanceOf(BuildError)
      await expect(failed).rejects.toThrow(/^Template layout/)
    } finally {
      await w.payload.update({ collection: 'templates', id: fx.template.id, data: { html: LAYOUT } })
    }
    expect(read(outDir, 'index.html')).toBe(before)
    expect(read(outDir, 'marker.txt')).toBe('from the last good build')
    expect(leftovers(outDir)).toEqual([])
  })

  it('leaves the existing folder untouched when a media file is missing half way through writing', async () => {
    const outDir = path.join(tmp, 'missing-media')
    await buildSiteFromDatabase({ payload: w.payload, siteId: fx.site.id, outDir })
    const before = fs.readdirSync(outDir, { recursive: true }).sort()

    const doomed = await createMedia(w.payload, fx.site.id, 300, 200)
    await w.payload.update({ collection: 'pages', id: fx.pages[1].id, data: { blocks: [{ blockType: 'image', image: doomed.id }] } as never })
    fs.rmSync(path.join(path.resolve(process.env.MEDIA_DIR ?? 'media'), doomed.filename!))

    await expect(buildSiteFromDatabase({ payload: w.payload, siteId: fx.site.id, outDir })).rejects.toThrow(
      new RegExp(`${doomed.filename!.replace('.', '\\.')}.*is missing from the media storage`),
    )
    expect(fs.readdirSync(outDir, { recursive: true }).sort()).toEqual(before)
    expect(leftovers(outDir)).toEqual([])
  })
})
