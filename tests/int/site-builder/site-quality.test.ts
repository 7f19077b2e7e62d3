import { load } from 'cheerio'
import { beforeAll, describe, expect, it } from 'vitest'

import type { Template, TemplateFootprint } from '@/payload-types'
import { renderSnapshot } from '@/plugins/site-builder/build'
import type { BuildResult, SiteSnapshot, SnapshotFootprint } from '@/plugins/site-builder/core/types'
import { mapFootprint, mapTemplate } from '@/plugins/site-builder/load/map'
import { loadSiteSnapshot } from '@/plugins/site-builder/load/snapshot'
import { seedDemo } from '@/scripts/demo/seed'
import { starterClassic, starterSections } from '@/scripts/demo/templates'
import { htmlProblems } from '../../helpers/htmlValidate'
import { vnuErrors } from '../../helpers/vnu'
import { getWorld, unique } from '../../helpers/world'

/**
 * Footprints covering every page URL style and the path layouts people move sites from: flat defaults,
 * WordPress's themes/uploads folders with variables, Joomla's, flat one-level folders and versioned ones.
 */
const FOOTPRINTS: Omit<TemplateFootprint, 'id' | 'name' | 'createdAt' | 'updatedAt'>[] = [
  {
    pageUrlStyle: 'html',
    themePath: 'wp-content/themes/{theme}',
    imagesPath: 'wp-content/uploads/{year}/{month}',
    cssPath: 'wp-content/themes/{theme}/css',
    jsPath: 'wp-includes/js',
    pathVariables: [{ name: 'theme', value: 'astra' }, { name: 'year', value: '2024' }, { name: 'month', value: '05' }],
  },
  { pageUrlStyle: 'php', themePath: 'templates/cassiopeia', imagesPath: 'images/stories', cssPath: 'templates/cassiopeia/css', jsPath: 'media/system/js' },
  { pageUrlStyle: 'htm', themePath: 'theme', imagesPath: 'img', cssPath: 'css', jsPath: 'js' },
  { pageUrlStyle: 'index-php', themePath: 'static/{v}', imagesPath: 'static/img', cssPath: 'static/{v}/css', jsPath: 'static/{v}/js', pathVariables: [{ name: 'v', value: '3' }] },
  { pageUrlStyle: 'directory', themePath: 'sites/all/themes/{t}', imagesPath: 'sites/default/files/inline-images', cssPath: 'sites/default/files/css', jsPath: 'sites/default/files/js', pathVariables: [{ name: 't', value: 'olivero' }] },
]

const isPage = (path: string) => !path.startsWith('go/') && path !== '404.html'
const htmlOf = (result: BuildResult) =>
  [...result.files].filter(([, f]) => f.contentType.startsWith('text/html')).map(([path, f]) => [path, String(f.body)] as const)

describe('site quality: every starter template with every footprint', () => {
  /** Every build, by "<template> / <footprint>". */
  const builds = new Map<string, { snapshot: SiteSnapshot; result: BuildResult }>()
  let demo: SiteSnapshot
  /** vnu runs in its own process while html-validate runs here: one Java start for every page of every build. */
  let vnu: Promise<string[]>
  let documents = 0

  beforeAll(async () => {
    const { payload } = await getWorld()
    const seeded = await seedDemo(payload, { adminEmail: `${unique('quality-')}@panel.test`, log: () => {} })
    demo = await loadSiteSnapshot({ payload, siteId: seeded.siteId })
    const templates = await Promise.all(
      [seeded.templateIds.sections, seeded.templateIds.classic].map(async (id) =>
        mapTemplate((await payload.findByID({ collection: 'templates', id, depth: 0 })) as Template, new Map(), payload),
      ),
    )
    expect(templates.map((t) => t.name).sort()).toEqual([starterClassic.name, starterSections.name].sort())
    const footprints: (SnapshotFootprint | null)[] = [null]
    // one at a time: SQLite takes one writer
    for (const data of FOOTPRINTS) {
      footprints.push(mapFootprint(await payload.create({ collection: 'template-footprints', data: { ...data, name: unique(`Quality ${data.pageUrlStyle} `) } })))
    }
    for (const template of templates) {
      for (const footprint of footprints) {
        // the demo site as the editor made it, on this template and footprint (the database's site is left alone)
        const snapshot: SiteSnapshot = { ...structuredClone(demo), template, footprint }
        builds.set(`${template.name} / ${footprint ? footprint.pageUrlStyle : 'no footprint'}`, { snapshot, result: await renderSnapshot({ snapshot }) })
      }
    }
    const all = new Map<string, string>()
    for (const [name, { result }] of builds) for (const [path, html] of htmlOf(result)) all.set(`${name.replace(/\W+/g, '-')}/${path}`, html)
    documents = all.size
    vnu = vnuErrors(all)
    vnu.catch(() => {}) // reported by its test
  })

  it('builds every page of the demo in every combination', () => {
    expect(builds.size).toBe(2 * (FOOTPRINTS.length + 1))
    for (const [name, { result }] of builds) {
      expect(result.warnings, name).toEqual([])
      expect(htmlOf(result).filter(([path]) => isPage(path)).length, name).toBe(demo.pages.length)
    }
  })

  it('html-validate finds no error on any page', async () => {
    const problems: string[] = []
    for (const [name, { result }] of builds) for (const [path, html] of htmlOf(result)) problems.push(...(await htmlProblems(`${name}: ${path}`, html)))
    expect(problems).toEqual([])
  })

  it('the W3C checker (vnu) finds no error on any page', async () => {
    expect(documents).toBeGreaterThan(builds.size * demo.pages.length)
    expect(await vnu).toEqual([])
  })

  it('shows one heading band per page: a page that opens with a hero has no template heading band above it', () => {
    let heroPages = 0
    for (const [name, { snapshot, result }] of builds) {
      for (const page of snapshot.pages) {
        const path = result.pages.find((p) => String(p.id) === String(page.id))!.path
        const $ = load(htmlOf(result).find(([p]) => p === path)![1])
        const h1 = $('h1')
        expect(h1.length, `${name}: ${path}: h1 elements`).toBe(1)
        // the template's heading band, whatever prefix the fingerprint gave its class
        const bands = $('[class]').filter((_, e) => ($(e).attr('class') ?? '').split(/\s+/).some((c) => c.endsWith('page-heading'))).length
        if (page.blocks[0]?.blockType === 'hero') {
          heroPages++
          expect(bands, `${name}: ${path} has the template's heading band above its hero`).toBe(0)
          expect(h1.closest('[class*="block--hero"]').length, `${name}: ${path}`).toBe(1)
          expect(h1.text()).toBe(page.blocks[0].heading)
        } else {
          expect(bands, `${name}: ${path}`).toBe(1)
          expect(h1.text()).toBe(page.h1 || page.title)
        }
      }
    }
    expect(heroPages).toBeGreaterThan(0)
  })

  it('publishes no text the editor did not write: no template default tagline, no default FAQ heading', async () => {
    for (const template of [builds.get(`${starterSections.name} / no footprint`)!, builds.get(`${starterClassic.name} / no footprint`)!]) {
      const snapshot = structuredClone(template.snapshot)
      // an editor who set no template variables and gave the FAQ blocks no heading
      snapshot.site.templateVariables = {}
      for (const page of snapshot.pages) for (const block of page.blocks) if (block.blockType === 'faq') block.heading = null
      const result = await renderSnapshot({ snapshot })
      for (const [path, html] of htmlOf(result).filter(([p]) => isPage(p))) {
        const $ = load(html)
        const where = `${snapshot.template.name}: ${path}`
        expect($('[class*="tagline"]').length, where).toBe(0)
        expect($('[class*="faq__heading"]').length, where).toBe(0)
        expect($('p').filter((_, p) => !$(p).text().trim() && $(p).children().length === 0).length, `${where}: empty paragraphs`).toBe(0)
        for (const variable of snapshot.template.variables) {
          if (variable.defaultValue?.trim()) expect($('body').text(), `${where}: default of ${variable.name}`).not.toContain(variable.defaultValue.trim())
        }
      }
    }
  })
})
