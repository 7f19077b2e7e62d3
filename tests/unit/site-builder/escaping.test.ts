import { describe, expect, it } from 'vitest'

import { makeMonolithicSnapshot, makeSnapshot, pageBySlug } from '../../fixtures/snapshot'
import { attr, blockSection, build, fileText, jsonLd, parseHtml } from './helpers'

const SCRIPT = '<script>alert("x")</script>'
const LIQUID = '{{ 7*7 }} {% raw %}{{ site }}{% endraw %} {{ brand_name }}'
const ATTRIBUTE = '"><img src=x onerror=alert(1)>'

/** A snapshot whose every user-written field on the FAQ page holds markup or Liquid. */
const hostile = (value: string, monolithic = false) => {
  const snapshot = (monolithic ? makeMonolithicSnapshot : makeSnapshot)({ site: { templateVariables: { tagline: value } } })
  const page = pageBySlug(snapshot, 'faq')
  page.title = value
  page.h1 = value
  page.meta = { title: null, description: value, image: null }
  page.blocks = [
    { blockType: 'hero', heading: value, subheading: value, image: 1 },
    { blockType: 'faq', heading: value, items: [{ question: value, answer: value }] },
    { blockType: 'cta', heading: value, text: value, buttonText: value, button: { type: 'url', url: 'https://example.com/' } },
    { blockType: 'swiper', source: 'inline', heading: value, items: [{ title: value, badge: value, description: value, rating: 4, url: 'https://example.com/' }] },
  ]
  snapshot.media['1'].alt = value
  return snapshot
}

/** Every place the value was put, as the reader sees it (text or attribute). */
const placesOf = (doc: Document) => {
  const hero = blockSection(doc, 1)
  const faq = blockSection(doc, 2)
  const cta = blockSection(doc, 3)
  const card = blockSection(doc, 4).querySelector('li')!
  return {
    // the title is "<page title> | <brand>"
    title: doc.title.replace(/ \| Sunny Slots$/, ''),
    'meta description': attr(doc.querySelector('meta[name="description"]'), 'content'),
    'og:title': attr(doc.querySelector('meta[property="og:title"]'), 'content')?.replace(/ \| Sunny Slots$/, ''),
    h1: doc.querySelector('h1')?.textContent,
    'nav label': doc.querySelector('nav a[aria-current="page"]')?.textContent,
    'hero heading': hero.querySelector('h1, h2')?.textContent,
    'hero subheading': hero.querySelector('p')?.textContent,
    'image alt': attr(hero.querySelector('img'), 'alt'),
    'faq question': faq.querySelector('summary')?.textContent,
    'faq answer': faq.querySelector('details p')?.textContent,
    'cta button': cta.querySelector('a')?.textContent,
    'card title': card.querySelector('h3')?.textContent,
    'card badge': card.querySelector('.card__badge')?.textContent,
    'template variable': doc.querySelector('footer p')?.textContent,
  }
}

describe('values from editors are text, never markup or Liquid', () => {
  it.each([
    ['a script tag', SCRIPT],
    ['Liquid code', LIQUID],
    ['an attribute breakout', ATTRIBUTE],
  ])('prints %s literally in every field (sectional and monolithic)', (_, value) => {
    for (const monolithic of [false, true]) {
      const body = fileText(build(hostile(value, monolithic)), 'faq/index.html')
      const doc = parseHtml(body)
      const places = placesOf(doc)
      for (const [place, text] of Object.entries(places)) expect(text, place).toBe(value)
      // nothing ran or was injected: the only scripts are the builder's own
      expect([...doc.querySelectorAll('script')].map((s) => attr(s, 'type') ?? attr(s, 'src'))).toEqual([
        'application/ld+json',
        'application/ld+json',
        expect.stringMatching(/^\/assets\/js\/main\.\w+\.js$/),
      ])
      expect(doc.querySelectorAll('[onerror]')).toHaveLength(0)
    }
  })

  it('keeps a script out of JSON-LD while the data still reads back exactly', () => {
    const doc = parseHtml(fileText(build(hostile(SCRIPT)), 'faq/index.html'))
    const faq = jsonLd(doc).find((d) => d['@type'] === 'FAQPage') as { mainEntity: { name: string; acceptedAnswer: { text: string } }[] }
    expect(faq.mainEntity[0].name).toBe(SCRIPT)
    expect(faq.mainEntity[0].acceptedAnswer.text).toBe(SCRIPT)
    for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) expect(script.textContent).not.toContain('</script')
  })

  it('escapes a template variable wherever the template prints it', () => {
    const snapshot = makeSnapshot({ site: { templateVariables: { tagline: SCRIPT } } })
    snapshot.template.sections[2].html = '<footer><p>{{ vars.tagline }}</p><p title="{{ tagline }}">x</p></footer>'
    const doc = parseHtml(fileText(build(snapshot), 'index.html'))
    expect(doc.querySelector('footer p')?.textContent).toBe(SCRIPT)
    expect(attr(doc.querySelector('footer p[title]'), 'title')).toBe(SCRIPT)
    expect(doc.querySelectorAll('footer script')).toHaveLength(0)
  })
})
