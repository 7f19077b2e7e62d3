import { AsyncLocalStorage } from 'node:async_hooks'
import type { Payload } from 'payload'

import type { Media, Page, Site, Template, User } from '@/payload-types'
import { pngBytes } from '../../helpers/files'
import { login } from '../../helpers/rest'
import { PASSWORD, unique, type World } from '../../helpers/world'

export const LAYOUT = `<!doctype html>
<html lang="{{ language }}">
<head>{{ head }}</head>
<body>
<header>{% if site.logo %}<img class="logo" src="{{ site.logo.url }}" alt="{{ site.logo.alt }}">{% endif %}{{ menu }}</header>
<h1>{{ page.h1 }}</h1>
<main>{{ content }}</main>
<footer>&copy; {{ year }} {{ brand_name }}</footer>
{{ scripts }}
</body>
</html>`

const MENU = '<nav>{% for item in navigation %}<a href="{{ item.url }}"{% if item.current %} aria-current="page"{% endif %}>{{ item.label }}</a>{% endfor %}</nav>'

const paragraph = (text: string) => ({
  type: 'paragraph',
  format: '',
  indent: 0,
  version: 1,
  direction: 'ltr',
  textFormat: 0,
  textStyle: '',
  children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
})

/** Lexical rich text with a paragraph and an uploaded image in it. */
export const richText = (text: string, imageId?: number) => ({
  root: {
    type: 'root',
    format: '',
    indent: 0,
    version: 1,
    direction: 'ltr',
    children: [paragraph(text), ...(imageId ? [{ type: 'upload', relationTo: 'media', value: imageId, fields: null, format: '', version: 3 }] : [])],
  },
})

export const createMedia = async (payload: Payload, siteId: number, width = 800, height = 600): Promise<Media> =>
  payload.create({
    collection: 'media',
    data: { alt: `Picture ${width}x${height}`, site: siteId },
    file: { data: await pngBytes(width, height), mimetype: 'image/png', name: `${unique('sb-img')}.png`, size: 0 },
  })

export type SiteFixture = {
  site: Site
  template: Template
  pages: Page[]
  media: Media[]
  presetId: number
  editor: User
  editorToken: string
}

/**
 * A site of our own (unique names: other files share the database) whose
 * pages use every kind of reference the loader has to follow.
 */
export const createSiteFixture = async (w: World, { pages: pageCount }: { pages: number }): Promise<SiteFixture> => {
  const { payload } = w
  // the texture the stylesheet uses ships with the template: every reference of a built site resolves
  const texture = await payload.create({
    collection: 'template-assets',
    data: { description: 'Hero texture' },
    file: { data: await pngBytes(8, 8, '#e5e7eb'), mimetype: 'image/png', name: `${unique('texture')}.png`, size: 0 },
  })
  const template = (await payload.create({
    collection: 'templates',
    data: {
      name: unique('SB template '),
      assets: [{ path: 'images/texture.png', file: texture.id }],
      type: 'monolithic',
      html: LAYOUT,
      menuHtml: MENU,
      css: 'body{font-family:system-ui}\n.hero{background:url(/assets/images/texture.png)}',
      cssOutput: 'external',
      preservedClasses: 'js-keep  swiper\nactive',
    } as never,
  })) as Template
  const footprint = await payload.create({
    collection: 'template-footprints',
    data: { name: unique('SB footprint '), pageUrlStyle: 'directory' },
  })
  const domain = `${unique('sb')}.test`
  const site = (await payload.create({
    collection: 'sites',
    data: { domain, brandName: 'Builder Test', language: w.languageId, template: template.id, footprint: footprint.id } as never,
  })) as Site
  // one write at a time: SQLite has a single writer
  const media: Media[] = []
  for (const width of [800, 640, 400, 420, 360, 380, 500]) media.push(await createMedia(payload, site.id, width, 300))
  const [logo, hero, gallery1, gallery2, inline, presetImage, inText] = media
  await payload.update({ collection: 'sites', id: site.id, data: { logo: logo.id } })
  const link = await payload.create({
    collection: 'affiliate-links',
    data: { name: 'Casino', code: unique('casino-').toLowerCase(), url: 'https://example.com/casino', site: site.id } as never,
  })
  const preset = await payload.create({
    collection: 'swiper-presets',
    data: {
      name: unique('Top offers '),
      site: site.id,
      buttonText: 'Play',
      items: [{ title: 'Offer one', image: presetImage.id, rating: 4.5, affiliateLink: link.id }],
    } as never,
  })
  const pages: Page[] = []
  for (let i = 0; i < pageCount; i++) {
    pages.push(
      (await payload.create({
        collection: 'pages',
        data: {
          title: i === 0 ? 'Home' : `Page ${i}`,
          slug: i === 0 ? 'index' : `page-${i}`,
          site: site.id,
          order: i,
          _status: 'published',
          h1: i === 0 ? 'Welcome home' : `Heading ${i}`,
          meta: { title: null, description: `Description ${i}`, image: hero.id },
          blocks: [
            { blockType: 'hero', heading: `Hero ${i}`, image: hero.id, buttonText: 'Go', button: { type: 'affiliate', affiliateLink: link.id } },
            { blockType: 'article', heading: 'Article', content: richText(`Text of page ${i}`, inText.id) },
            { blockType: 'gallery', images: [{ image: gallery1.id }, { image: gallery2.id, caption: 'Second' }] },
            { blockType: 'swiper', source: 'preset', preset: preset.id },
            { blockType: 'swiper', source: 'inline', items: [{ title: 'Inline item', image: inline.id, url: 'https://example.org/' }] },
          ],
        } as never,
      })) as Page,
    )
  }
  const email = `${unique('sb-editor-')}@panel.test`
  const editor = (await payload.create({
    collection: 'users',
    data: { email, password: PASSWORD, role: 'editor', sites: [{ site: site.id }] } as never,
  })) as User
  return {
    site,
    template,
    pages,
    media,
    presetId: preset.id,
    editor,
    editorToken: await login(email, PASSWORD),
  }
}

/**
 * Counts the database adapter calls that read (find*, count*, query*) made by `run`: only calls in its async context
 * count, so work left running by another test in this worker's shared Payload (a job, a hook after a commit) that
 * reads at the same moment is not counted (a CI run counted 11 for 10 that way).
 */
export const countQueries = async <T>(payload: Payload, run: () => Promise<T>): Promise<{ result: T; count: number; calls: string[] }> => {
  const db = payload.db as unknown as Record<string, unknown>
  const originals = new Map<string, (...args: unknown[]) => unknown>()
  const calls: string[] = []
  const mine = new AsyncLocalStorage<true>()
  for (const key of Object.keys(db)) {
    const value = db[key]
    if (typeof value === 'function' && /^(find|count|query)/.test(key)) {
      originals.set(key, value as (...args: unknown[]) => unknown)
      db[key] = function (this: unknown, ...args: unknown[]) {
        const first = args[0] as { collection?: string } | undefined
        if (mine.getStore()) calls.push(`${key}(${first?.collection ?? ''})`)
        return (value as (...a: unknown[]) => unknown).apply(this, args)
      }
    }
  }
  try {
    const result = await mine.run(true, run)
    return { result, count: calls.length, calls }
  } finally {
    for (const [key, fn] of originals) db[key] = fn
  }
}
