import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildSiteFromDatabase } from '@/plugins/site-builder/build'
import { seedDemo } from '@/scripts/demo/seed'
import { htmlProblems } from '../../helpers/htmlValidate'
import { brokenLinks, htmlClasses } from '../../helpers/links'
import { createImage, getWorld, unique, type World } from '../../helpers/world'

let w: World
let demoSiteId: number
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-images-'))

const paragraph = (text: string) => ({
  root: {
    type: 'root',
    version: 1,
    direction: 'ltr' as const,
    format: '' as const,
    indent: 0,
    children: [
      {
        type: 'paragraph',
        version: 1,
        direction: 'ltr' as const,
        format: '' as const,
        indent: 0,
        textFormat: 0,
        children: [{ type: 'text', version: 1, text, format: 0, style: '', mode: 'normal' as const, detail: 0 }],
      },
    ],
  },
})

/** A small site on the demo template with the given footprint, every block type but swiper. */
const makeSite = async ({ footprint, pageSpeed }: { footprint: Record<string, unknown> | null; pageSpeed: boolean }) => {
  const demo = await w.payload.findByID({ collection: 'sites', id: demoSiteId, depth: 0 })
  const fp = footprint
    ? await w.payload.create({ collection: 'template-footprints', data: { name: unique('Footprint '), ...footprint } as never })
    : null
  const site = await w.payload.create({
    collection: 'sites',
    data: {
      domain: `${unique('fp')}.test`,
      brandName: 'Footprint test',
      language: demo.language,
      template: demo.template,
      footprint: fp?.id ?? null,
      enablePageSpeed: pageSpeed,
      customColors: [{ name: 'primary', value: '#7c3aed' }],
    } as never,
  })
  const image = await createImage(w.payload, site.id, 'A blue rectangle')
  const blocks = [
    { blockType: 'hero', heading: 'Welcome', subheading: 'Hello', image: image.id },
    { blockType: 'article', heading: 'About', content: paragraph('Some words.') },
    { blockType: 'image', image: image.id, caption: 'A caption' },
    { blockType: 'textImage', heading: 'Side by side', text: paragraph('Text.'), image: image.id },
    { blockType: 'cta', heading: 'Act now', buttonText: 'Go', button: { type: 'url', url: 'https://example.com/' } },
    { blockType: 'faq', items: [{ question: 'Why?', answer: 'Because.' }] },
    { blockType: 'gallery', images: [{ image: image.id, caption: 'One' }] },
  ]
  for (const [slug, order] of [
    ['index', 0],
    ['about', 1],
  ] as const) {
    await w.payload.create({ collection: 'pages', data: { title: `Page ${slug}`, slug, order, site: site.id, _status: 'published', blocks } as never })
  }
  return site
}

beforeAll(async () => {
  w = await getWorld()
  const seeded = await seedDemo(w.payload, { adminEmail: `${unique('fp-demo-')}@panel.test`, log: () => {} })
  demoSiteId = seeded.siteId as number
})

afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }))

const build = (siteId: number | string) => buildSiteFromDatabase({ payload: w.payload, siteId, fingerprint: { cacheDir } })

describe('fingerprint', () => {
  it('keeps every link of the demo site working, srcset and CSS url() included, and encodes nothing twice', async () => {
    const first = await build(demoSiteId)
    expect(brokenLinks(first.files, first.assets.map((a) => a.path))).toEqual([])
    expect(first.files.has('favicon.ico')).toBe(true)
    const home = String(first.files.get('index.html')!.body)
    expect(home).toContain('<picture>')
    expect(home).toMatch(/type="image\/avif"/)
    const second = await build(demoSiteId)
    expect(second.images.encoded).toBe(0)
    expect(second.images.fromCache).toBe(first.images.encoded + first.images.fromCache)
  })

  const footprints: [string, Record<string, unknown> | null][] = [
    ['no footprint', null],
    ['WordPress, /slug.html', { pageUrlStyle: 'html', themePath: 'wp-content/themes/{theme}', cssPath: 'wp-content/themes/{theme}/css', jsPath: 'wp-includes/js', imagesPath: 'wp-content/uploads/{year}/{month}', pathVariables: [{ name: 'theme', value: 'astra' }, { name: 'year', value: '2024' }, { name: 'month', value: '05' }] }],
    ['Joomla, /slug.php', { pageUrlStyle: 'php', cssPath: 'templates/cassiopeia/css', jsPath: 'media/system/js', imagesPath: 'images/stories' }],
    ['Drupal, /slug/', { pageUrlStyle: 'directory', cssPath: 'sites/default/files/css', jsPath: 'sites/default/files/js', imagesPath: 'sites/default/files/inline-images' }],
    ['custom, /index.php/slug/', { pageUrlStyle: 'index-php', cssPath: 'static/{v}/css', jsPath: 'static/{v}/js', imagesPath: 'static/img', pathVariables: [{ name: 'v', value: '3' }] }],
  ]

  it.each(footprints)('keeps every link working with %s', async (_name, footprint) => {
    const site = await makeSite({ footprint, pageSpeed: false })
    const result = await build(site.id)
    expect(result.warnings).toEqual([])
    expect(brokenLinks(result.files, result.assets.map((a) => a.path))).toEqual([])
    if (footprint?.cssPath) {
      const css = [...result.files.keys()].find((p) => p.endsWith('.css'))!
      expect(css.startsWith(String(footprint.cssPath).replace('{v}', '3').replace('{theme}', 'astra'))).toBe(true)
    }
  })

  it('gives two sites from one template disjoint class names and different asset paths, both valid HTML', async () => {
    const a = await build((await makeSite({ footprint: null, pageSpeed: true })).id)
    const b = await build((await makeSite({ footprint: null, pageSpeed: true })).id)
    const classesA = htmlClasses(a.files)
    const classesB = htmlClasses(b.files)
    expect(classesA.size).toBeGreaterThan(10)
    expect([...classesA].filter((c) => classesB.has(c))).toEqual([])
    const assetsA = [...a.files.keys()].filter((p) => /\.(css|js)$/.test(p))
    const assetsB = [...b.files.keys()].filter((p) => /\.(css|js)$/.test(p))
    expect(assetsA.length).toBeGreaterThan(0)
    expect(assetsA.filter((p) => assetsB.includes(p))).toEqual([])
    for (const result of [a, b]) {
      const pages = [...result.files].filter(([p]) => p.endsWith('.html'))
      const problems = (await Promise.all(pages.map(([p, f]) => htmlProblems(p, String(f.body))))).flat()
      expect(problems).toEqual([])
      expect(brokenLinks(result.files, result.assets.map((x) => x.path))).toEqual([])
    }
    // the site's colour override reached the stylesheet
    const css = String(a.files.get([...a.files.keys()].find((p) => p.endsWith('.css'))!)!.body)
    expect(css).toMatch(/--primary:\s*#7c3aed/)
  })
})
