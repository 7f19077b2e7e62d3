/**
 * The Eleventy twin of a generated site: the same Liquid layout (the Panel
 * template's `html`) and the same block partials as includes, each page a
 * markdown file (the article) with the other blocks' data, already resolved,
 * in JSON front matter.
 *
 * What Eleventy is spared (it only makes the comparison kinder to Eleventy):
 * image/link resolution and JSON-LD objects are precomputed here, and its
 * Liquid output is not HTML-escaped (Panel escapes every `{{ }}`).
 */
import fs from 'node:fs'
import path from 'node:path'

import { loadDefaultPartials } from '../../plugins/site-builder/partials'
import { BLOCK_TYPES, partialName } from '../../plugins/site-builder/core/blocks'
import { Resolver } from '../../plugins/site-builder/core/resolve'
import { colorCss, resolveVariables, siteViewOf } from '../../plugins/site-builder/core/build'
import { assetLayout, HOME_SLUG, pageUrl, siteOrigin } from '../../plugins/site-builder/core/urls'
import type { SiteSnapshot, SnapshotLink } from '../../plugins/site-builder/core/types'
import { toMarkdown, type GeneratedSite } from './generate'

/** The partials a build of this snapshot uses: defaults, then the template's FAQ and block overrides (as compileTemplate does). */
export const effectivePartials = (snapshot: SiteSnapshot, defaults: Record<string, string> = loadDefaultPartials()): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const type of BLOCK_TYPES) if (defaults[type]) out[type] = defaults[type]
  if (snapshot.template.faqHtml) out.faq = snapshot.template.faqHtml
  for (const o of snapshot.template.blockTemplates) out[o.blockType] = o.html
  return out
}

/** `page` is Eleventy's own (reserved) data name, so templates see Panel's page object as `pg`. */
const renamePage = (source: string) => source.replace(/\{[{%][\s\S]*?[}%]\}/g, (tag) => tag.replace(/\bpage\./g, 'pg.'))

/** Panel-made values become includes that make the same HTML in Liquid. */
const toEleventyLayout = (html: string) =>
  renamePage(html)
    .replace(/\{\{-?\s*head\s*-?\}\}/g, "{% include 'head.liquid' %}")
    .replace(/\{\{-?\s*scripts\s*-?\}\}/g, "{% include 'scripts.liquid' %}")
    .replace(/\{\{-?\s*menu\s*-?\}\}/g, "{% include 'menu.liquid' %}")
    .replace(/\{\{-?\s*footer_menu\s*-?\}\}/g, "{% include 'footer_menu.liquid' %}")

const HEAD = `<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ pg.meta_title | escape }}</title>
{% if pg.meta_description %}<meta name="description" content="{{ pg.meta_description | escape }}">{% endif %}
<meta name="robots" content="index, follow">
<link rel="canonical" href="{{ pg.canonical }}">
<meta property="og:type" content="{% if pg.is_home %}website{% else %}article{% endif %}">
<meta property="og:site_name" content="{{ brand_name | escape }}">
<meta property="og:title" content="{{ pg.meta_title | escape }}">
{% if pg.meta_description %}<meta property="og:description" content="{{ pg.meta_description | escape }}">{% endif %}
<meta property="og:url" content="{{ pg.canonical }}">
<meta property="og:locale" content="{{ locale }}">
{% if og_image %}<meta property="og:image" content="{{ site.url }}{{ og_image.url }}">{% endif %}
<meta name="twitter:card" content="{% if og_image %}summary_large_image{% else %}summary{% endif %}">
{% if site.favicon %}<link rel="icon" href="{{ site.favicon.url }}" type="{{ site.favicon.mime_type }}">{% endif %}
<style>{{ css }}</style>
{% for data in jsonld %}<script type="application/ld+json">{{ data | json }}</script>
{% endfor %}`

const BLOCK_PAGE = `---
layout: base.liquid
---
{%- for block in blocks -%}
{%- assign block_id = "block-" | append: forloop.index -%}
{%- case block.type -%}
{%- when "hero" %}
{% render "block-hero.liquid", heading: block.heading, subheading: block.subheading, image: block.image, button_text: block.button_text, link: block.link, variant: block.variant, block_id: block_id, block_index: forloop.index0, site: site, pg: pg %}
{%- when "article" %}
{% render "block-article.liquid", heading: block.heading, content: content, block_id: block_id, block_index: forloop.index0, site: site, pg: pg %}
{%- when "image" %}
{% render "block-image.liquid", image: block.image, caption: block.caption, size: block.size, link: block.link, block_id: block_id, block_index: forloop.index0, site: site, pg: pg %}
{%- when "textImage" %}
{%- assign text = block.text | markdown %}
{% render "block-textImage.liquid", heading: block.heading, text: text, image: block.image, image_position: block.image_position, block_id: block_id, block_index: forloop.index0, site: site, pg: pg %}
{%- when "cta" %}
{% render "block-cta.liquid", heading: block.heading, text: block.text, button_text: block.button_text, link: block.link, style: block.style, block_id: block_id, block_index: forloop.index0, site: site, pg: pg %}
{%- when "faq" %}
{% render "block-faq.liquid", heading: block.heading, items: block.items, block_id: block_id, block_index: forloop.index0, site: site, pg: pg %}
{%- endcase -%}
{%- endfor -%}
`

const SITEMAP = `---
permalink: /sitemap.xml
eleventyExcludeFromCollections: true
---
<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{%- for item in collections.all %}
  <url><loc>{{ site.url }}{{ item.url }}</loc><lastmod>{{ item.data.updated }}</lastmod></url>
{%- endfor %}
</urlset>
`

const NOT_FOUND = `---
permalink: /404.html
eleventyExcludeFromCollections: true
---
<!doctype html>
<html lang="{{ language }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Page not found | {{ brand_name }}</title></head>
<body><main><h1>Page not found</h1><p>The page you were looking for is not on {{ brand_name }}.</p><p><a href="/">Go to the home page</a></p></main></body>
</html>
`

const ROBOTS = `---
permalink: /robots.txt
eleventyExcludeFromCollections: true
---
User-agent: *
Allow: /

Sitemap: {{ site.url }}/sitemap.xml
`

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null)

/** Writes `<dir>/input` (pages, _includes, assets) and `<dir>/data.json` (global data for the child's config). */
export const writeEleventyInput = ({ snapshot, articles, texts }: GeneratedSite, dir: string) => {
  const input = path.join(dir, 'input')
  const includes = path.join(input, '_includes')
  fs.mkdirSync(includes, { recursive: true })
  const { site, template } = snapshot
  const partials = effectivePartials(snapshot)
  for (const [type, source] of Object.entries(partials)) fs.writeFileSync(path.join(includes, `${partialName(type)}.liquid`), renamePage(source))
  fs.writeFileSync(path.join(includes, 'base.liquid'), toEleventyLayout(template.html ?? '{{ content }}'))
  fs.writeFileSync(path.join(includes, 'block-page.liquid'), BLOCK_PAGE)
  fs.writeFileSync(path.join(includes, 'head.liquid'), HEAD)
  fs.writeFileSync(path.join(includes, 'menu.liquid'), renamePage(template.menuHtml ?? ''))
  fs.writeFileSync(path.join(includes, 'footer_menu.liquid'), renamePage(template.footerMenuHtml ?? ''))
  const js = template.js ?? ''
  fs.mkdirSync(path.join(input, 'assets/js'), { recursive: true })
  fs.writeFileSync(path.join(input, 'assets/js/main.js'), js)
  fs.writeFileSync(path.join(includes, 'scripts.liquid'), js ? '<script src="/assets/js/main.js" defer></script>' : '')
  fs.writeFileSync(path.join(input, 'sitemap.liquid'), SITEMAP)
  fs.writeFileSync(path.join(input, '404.liquid'), NOT_FOUND)
  fs.writeFileSync(path.join(input, 'robots.liquid'), ROBOTS)

  const style = 'directory' as const
  const pages = [...snapshot.pages].sort((a, b) => a.order - b.order)
  const pageUrls = new Map(pages.map((p) => [String(p.id), pageUrl(p.slug, style)]))
  const resolver = new Resolver(snapshot, assetLayout(snapshot), pageUrls)
  const origin = siteOrigin(site)
  const variables = resolveVariables(snapshot)
  const siteView = siteViewOf(snapshot, resolver)
  const css = colorCss(snapshot) + (template.css ?? '')
  const data = {
    ...variables,
    vars: variables,
    site: siteView,
    brand_name: site.brandName,
    domain: site.domain,
    language: site.language,
    locale: site.language.replace('-', '_'),
    nav_items: pages.filter((p) => p.showInMenu).map((p) => ({ label: p.menuLabel || p.title, url: pageUrls.get(String(p.id))! })),
    year: snapshot.takenAt.slice(0, 4),
    css: css.replace(/<\/style/gi, '<\\/style'),
  }
  fs.writeFileSync(path.join(dir, 'data.json'), JSON.stringify(data))

  const link = (v: unknown) => resolver.link(v && typeof v === 'object' ? (v as SnapshotLink) : null)
  const byId = new Map(snapshot.pages.map((p, i) => [p.id, articles[i]]))
  for (const page of pages) {
    const url = pageUrls.get(String(page.id))!
    const isHome = page.slug === HOME_SLUG
    const canonical = page.canonicalUrl || `${origin}${url}`
    const blocks = page.blocks.map((b) => {
      switch (b.blockType) {
        case 'hero':
          return { type: 'hero', heading: str(b.heading), subheading: str(b.subheading), image: resolver.image(b.image), button_text: str(b.buttonText), link: link(b.button), variant: str(b.variant) ?? 'centered' }
        case 'article':
          return { type: 'article', heading: str(b.heading) }
        case 'image':
          return { type: 'image', image: resolver.image(b.image), caption: str(b.caption), size: str(b.size) ?? 'content', link: link(b.link) }
        case 'textImage':
          return { type: 'textImage', heading: str(b.heading), text: toMarkdown(texts.get(String(b.id)) ?? []), image: resolver.image(b.image), image_position: b.imagePosition === 'left' ? 'left' : 'right' }
        case 'cta':
          return { type: 'cta', heading: str(b.heading), text: str(b.text), button_text: str(b.buttonText), link: link(b.button), style: str(b.style) ?? 'primary' }
        case 'faq':
          return { type: 'faq', heading: str(b.heading), items: (b.items as { question: string; answer: string }[]).map(({ question, answer }) => ({ question, answer })) }
        default:
          throw new Error(`bench: no Eleventy twin for ${b.blockType}`)
      }
    })
    const jsonld: unknown[] = []
    if (isHome) {
      jsonld.push({ '@context': 'https://schema.org', '@type': 'WebSite', name: site.brandName, url: `${origin}/`, inLanguage: site.language })
      jsonld.push({ '@context': 'https://schema.org', '@type': 'Organization', name: site.brandName, url: `${origin}/`, ...(siteView.logo ? { logo: `${origin}${siteView.logo.url}` } : {}) })
    } else {
      jsonld.push({
        '@context': 'https://schema.org',
        '@type': 'BreadcrumbList',
        itemListElement: [
          { '@type': 'ListItem', position: 1, name: site.brandName, item: `${origin}/` },
          { '@type': 'ListItem', position: 2, name: page.title, item: `${origin}${url}` },
        ],
      })
    }
    const faqs = page.blocks.filter((b) => b.blockType === 'faq').flatMap((b) => b.items as { question: string; answer: string }[])
    if (faqs.length) {
      jsonld.push({
        '@context': 'https://schema.org',
        '@type': 'FAQPage',
        mainEntity: faqs.map((f) => ({ '@type': 'Question', name: f.question, acceptedAnswer: { '@type': 'Answer', text: f.answer } })),
      })
    }
    const front = {
      layout: 'block-page.liquid',
      updated: page.updatedAt.slice(0, 10),
      pg: {
        title: page.title,
        h1: page.h1 || page.title,
        slug: page.slug,
        url,
        canonical,
        meta_title: page.meta.title || (isHome ? site.brandName : `${page.title} | ${site.brandName}`),
        meta_description: page.meta.description || null,
        keywords: page.keywords,
        is_home: isHome,
      },
      og_image: resolver.image(page.meta.image),
      blocks,
      jsonld,
    }
    const file = isHome ? 'index.md' : `${page.slug}.md`
    fs.writeFileSync(path.join(input, file), `---json\n${JSON.stringify(front, null, 1)}\n---\n${toMarkdown(byId.get(page.id) ?? [])}`)
  }
  return { input, dataFile: path.join(dir, 'data.json') }
}
