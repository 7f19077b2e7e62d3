import { beforeAll, describe, expect, it } from 'vitest'

import { BLOCK_TYPES } from '../../../plugins/site-builder/core/blocks'
import type { BuildResult } from '../../../plugins/site-builder/core/types'
import { loadDefaultPartials } from '../../../plugins/site-builder/partials'
import { makeSnapshot, pageBySlug } from '../../fixtures/snapshot'
import { attr, blockSection, build, htmlFiles, pageDocument, partials } from './helpers'

let result: BuildResult
const page = (file: string) => pageDocument(result, file)

beforeAll(() => {
  result = build()
})

const expectLazyImage = (img: Element | null, { width, height }: { width: string; height: string }) => {
  expect(img, 'image').not.toBeNull()
  expect(attr(img, 'alt')).toBeTruthy()
  expect(attr(img, 'width')).toBe(width)
  expect(attr(img, 'height')).toBe(height)
  expect(attr(img, 'loading')).toBe('lazy')
  expect(attr(img, 'decoding')).toBe('async')
  expect(attr(img, 'fetchpriority')).toBeNull()
}

describe('default partials', () => {
  it('loads one partial per block type, once', () => {
    expect(Object.keys(partials).sort()).toEqual([...BLOCK_TYPES].sort())
    for (const type of BLOCK_TYPES) expect(partials[type]).toContain('{{ block_id }}')
    expect(loadDefaultPartials()).toBe(loadDefaultPartials())
  })

  it('never print a field with the raw filter', () => {
    for (const type of BLOCK_TYPES) expect(partials[type]).not.toMatch(/\|\s*raw\b/)
  })
})

describe('hero block', () => {
  it('opening a page, is its heading: a labelled section with the page\'s one h1', () => {
    const doc = page('index.html')
    const hero = blockSection(doc, 1)
    expect(hero.tagName).toBe('SECTION')
    expect(hero.classList.contains('block--hero')).toBe(true)
    expect(hero.classList.contains('block--hero-split')).toBe(true)
    const heading = hero.querySelector('h1')
    expect(heading?.textContent).toBe('Find a slot worth your time')
    expect(doc.querySelectorAll('h1')).toHaveLength(1)
    expect(hero.querySelector('h2')).toBeNull()
    expect(attr(hero, 'aria-labelledby')).toBe(heading?.id)
    expect(hero.querySelector('p')?.textContent).toBe('We play every game before we review it.')
  })

  it('anywhere else is a section with an h2, under the layout\'s h1', () => {
    const snapshot = makeSnapshot()
    const home = pageBySlug(snapshot, 'index')
    home.blocks = [home.blocks[1], home.blocks[0], ...home.blocks.slice(2)]
    const doc = pageDocument(build(snapshot), 'index.html')
    const hero = blockSection(doc, 2)
    expect(hero.querySelector('h1')).toBeNull()
    expect(hero.querySelector('h2')?.textContent).toBe('Find a slot worth your time')
    expect([...doc.querySelectorAll('h1')].map((h) => h.textContent)).toEqual(['Sunny Slots: honest slot reviews'])
  })

  it('loads its image early: fetchpriority high, not lazy, with dimensions and srcset', () => {
    const img = blockSection(page('index.html'), 1).querySelector('img')
    expect(attr(img, 'src')).toBe('/assets/images/hero-table.jpg')
    expect(attr(img, 'alt')).toBe('Players around a card table')
    expect(attr(img, 'width')).toBe('1600')
    expect(attr(img, 'height')).toBe('900')
    expect(attr(img, 'fetchpriority')).toBe('high')
    expect(attr(img, 'loading')).toBeNull()
    expect(attr(img, 'srcset')?.split(', ')).toEqual([
      '/assets/images/hero-table-400x225.webp 400w',
      '/assets/images/hero-table-800x450.webp 800w',
      '/assets/images/hero-table.jpg 1600w',
    ])
    expect(attr(img, 'sizes')).toBeTruthy()
  })

  it('links its button to /go/<code>/ as a sponsored link', () => {
    const link = blockSection(page('index.html'), 1).querySelector('a')
    expect(link?.textContent).toBe('Claim the bonus')
    expect(attr(link, 'href')).toBe('/go/golden/')
    expect(attr(link, 'rel')).toBe('sponsored nofollow')
    expect(attr(link, 'target')).toBeNull()
  })

  it('leaves the button out when its link points nowhere', () => {
    const snapshot = makeSnapshot()
    pageBySlug(snapshot, 'index').blocks[0].button = { type: 'affiliate', affiliateLink: 999 }
    const hero = blockSection(pageDocument(build(snapshot), 'index.html'), 1)
    expect(hero.querySelector('a')).toBeNull()
    expect(hero.querySelector('h1')).not.toBeNull()
  })
})

describe('article block', () => {
  it('renders the rich text as HTML under an h2', () => {
    const article = blockSection(page('index.html'), 2)
    expect(article.classList.contains('block--article')).toBe(true)
    expect(article.querySelector('h2')?.textContent).toBe('Why trust us')
    const body = article.querySelector('.article__body')!
    expect(body.querySelector('h3')?.textContent).toBe('Our method')
    expect(body.querySelector('strong')?.textContent).toBe('played for real money')
    expect([...body.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['Payout speed', 'Bonus terms', 'Support quality'])
    expect(body.querySelector('li em')?.textContent).toBe('Support quality')
  })

  it('resolves internal links to the page URL and opens external new-tab links safely', () => {
    const links = [...blockSection(page('index.html'), 2).querySelectorAll('a')]
    expect(links.map((a) => [attr(a, 'href'), a.textContent, attr(a, 'target'), attr(a, 'rel')])).toEqual([
      ['/guide/', 'beginner guide', null, null],
      ['https://www.gambleaware.org/', 'safer play advice', '_blank', 'noopener noreferrer'],
    ])
  })

  it('has no heading element when the block has no heading', () => {
    const article = blockSection(page('faq/index.html'), 2)
    expect(article.querySelector('h2')).toBeNull()
    expect(attr(article, 'aria-labelledby')).toBeNull()
    expect(article.textContent).toContain('Still unsure? Write to us.')
  })
})

describe('image block', () => {
  it('is a figure with a lazy image, a caption and an external link', () => {
    const section = blockSection(page('reviews/index.html'), 3)
    expect(section.classList.contains('block--image-wide')).toBe(true)
    const figure = section.querySelector('figure')!
    const link = figure.querySelector('a')
    expect(attr(link, 'href')).toBe('https://photos.example/lobby')
    expect(attr(link, 'target')).toBe('_blank')
    expect(attr(link, 'rel')).toBe('noopener noreferrer')
    expectLazyImage(link!.querySelector('img'), { width: '1200', height: '800' })
    expect(figure.querySelector('figcaption')?.textContent).toBe('Photo: the lobby of our test casino.')
  })

  it('has no link or caption when the block has none', () => {
    const figure = blockSection(page('about/index.html'), 2).querySelector('figure')!
    expect(figure.querySelector('a')).toBeNull()
    expect(figure.querySelector('figcaption')).toBeNull()
    expectLazyImage(figure.querySelector('img'), { width: '1200', height: '800' })
  })

  it('renders nothing when its image is missing from the snapshot', () => {
    const snapshot = makeSnapshot()
    pageBySlug(snapshot, 'about').blocks[1].image = 12345
    const doc = pageDocument(build(snapshot), 'about/index.html')
    expect(doc.querySelector('.block--image')).toBeNull()
    expect(doc.querySelectorAll('main section')).toHaveLength(2)
  })
})

describe('text + image block', () => {
  it('puts rich text and a lazy image side by side, with the position as a modifier', () => {
    const left = blockSection(page('guide/index.html'), 1)
    expect(left.classList.contains('block--text-image')).toBe(true)
    expect(left.classList.contains('block--text-image-left')).toBe(true)
    expect(left.querySelector('h2')?.textContent).toBe('How slots pay')
    expect(left.querySelectorAll('ol > li')).toHaveLength(3)
    expectLazyImage(left.querySelector('img'), { width: '1200', height: '800' })
    expect(blockSection(page('about/index.html'), 1).classList.contains('block--text-image-right')).toBe(true)
  })
})

describe('call to action block', () => {
  it('links a page by its URL, without rel', () => {
    const cta = blockSection(page('index.html'), 4)
    expect(cta.classList.contains('block--cta-primary')).toBe(true)
    expect(cta.querySelector('h2')?.textContent).toBe('New to slots?')
    expect(cta.querySelector('p')?.textContent).toBe('Start with the reviews and compare the games side by side.')
    const link = cta.querySelector('a')
    expect([attr(link, 'href'), link?.textContent, attr(link, 'rel'), attr(link, 'target')]).toEqual(['/reviews/', 'See all reviews', null, null])
  })

  it('marks an affiliate link sponsored and keeps its new tab', () => {
    const link = blockSection(page('guide/index.html'), 3).querySelector('a')
    expect([attr(link, 'href'), attr(link, 'rel'), attr(link, 'target')]).toEqual(['/go/lucky/', 'sponsored nofollow', '_blank'])
  })

  it('opens an external new-tab link with noopener', () => {
    const link = blockSection(page('about/index.html'), 3).querySelector('a')
    expect([attr(link, 'href'), attr(link, 'rel'), attr(link, 'target')]).toEqual(['https://www.begambleaware.org/', 'noopener noreferrer', '_blank'])
  })
})

describe('FAQ block', () => {
  it('renders each question as details/summary', () => {
    const faq = blockSection(page('faq/index.html'), 1)
    expect(faq.querySelector('h2')?.textContent).toBe('Questions about slots')
    const details = [...faq.querySelectorAll('details')]
    expect(details).toHaveLength(3)
    expect(details.map((d) => d.querySelector('summary')?.textContent)).toEqual(['Are online slots fair?', 'What is RTP?', 'Can I play for free?'])
    expect(details[1].querySelector('summary ~ *')?.textContent).toBe('The share of stakes a game pays back over time.')
    expect(details.every((d) => !d.hasAttribute('open'))).toBe(true)
  })

  it('leaves out items without a question or an answer', () => {
    const snapshot = makeSnapshot()
    const items = pageBySlug(snapshot, 'faq').blocks[0].items as { question: string; answer: string }[]
    items.push({ question: 'Half a question?', answer: '' })
    expect(blockSection(pageDocument(build(snapshot), 'faq/index.html'), 1).querySelectorAll('details')).toHaveLength(3)
  })
})

describe('swiper block', () => {
  it('renders preset items as cards in a scroll-snapping list', () => {
    const swiper = blockSection(page('index.html'), 3)
    expect(swiper.querySelector('h2')?.textContent).toBe('Top slots this month')
    const list = swiper.querySelector('ul')!
    expect(attr(list, 'style')).toContain('scroll-snap-type')
    expect(attr(list, 'tabindex')).toBe('0')
    expect(attr(list, 'aria-labelledby')).toBe(swiper.querySelector('h2')!.id)
    const cards = [...list.querySelectorAll(':scope > li')]
    expect(cards).toHaveLength(2)

    const [golden, lucky] = cards
    expect(golden.querySelector('h3')?.textContent).toBe('Golden Reels')
    expect(golden.querySelector('.card__badge')?.textContent).toBe('Hot')
    const rating = golden.querySelector('[aria-label]')
    expect(rating?.textContent).toBe('4.5 / 5')
    expect(attr(rating, 'aria-label')).toMatch(/4\.5 out of 5/)
    expectLazyImage(golden.querySelector('img'), { width: '800', height: '600' })
    const button = golden.querySelector('a')
    expect([button?.textContent, attr(button, 'href'), attr(button, 'rel')]).toEqual(['Play now', '/go/golden/', 'sponsored nofollow'])
    expect(attr(button, 'aria-describedby')).toBe(golden.querySelector('h3')!.id)

    expect(lucky.querySelector('.card__badge')).toBeNull()
    expect(lucky.querySelector('[aria-label]')?.textContent).toBe('4 / 5')
    expect(attr(lucky.querySelector('a'), 'href')).toBe('/go/lucky/')
  })

  it('renders inline items with the block button text, external and image-less cards', () => {
    const cards = [...blockSection(page('reviews/index.html'), 1).querySelectorAll('ul > li')]
    expect(cards.map((c) => c.querySelector('h3')?.textContent)).toEqual(['Golden Reels', 'Lucky Seven', 'Night Owl'])
    expect(cards.map((c) => c.querySelector('a')?.textContent)).toEqual(['Read more', 'Read more', 'Read more'])
    const external = cards[1].querySelector('a')
    expect([attr(external, 'href'), attr(external, 'target'), attr(external, 'rel')]).toEqual(['https://lucky.example/', '_blank', 'noopener noreferrer'])
    expect(cards[2].querySelector('img')).toBeNull()
    // ids are unique on the page, so each button's description points at its own card
    const ids = [...page('reviews/index.html').querySelectorAll('[id]')].map((el) => el.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('titles its cards with h2 when the block has no heading, so no level is skipped', () => {
    const snapshot = makeSnapshot()
    pageBySlug(snapshot, 'reviews').blocks[0].heading = ''
    const swiper = blockSection(pageDocument(build(snapshot), 'reviews/index.html'), 1)
    expect(swiper.querySelector('h3')).toBeNull()
    expect([...swiper.querySelectorAll('li > h2')].map((h) => h.textContent)).toEqual(['Golden Reels', 'Lucky Seven', 'Night Owl'])
    expect(attr(swiper.querySelector('ul'), 'aria-label')).toBe('Reviews')
  })
})

describe('gallery block', () => {
  it('is a grid list of lazy images with the column count as a custom property', () => {
    const gallery = blockSection(page('reviews/index.html'), 2)
    expect(gallery.querySelector('h2')?.textContent).toBe('Inside the lobby')
    const grid = gallery.querySelector('ul')!
    expect(attr(grid, 'style')).toMatch(/--columns:\s*2/)
    const items = [...grid.querySelectorAll(':scope > li')]
    expect(items).toHaveLength(2)
    for (const item of items) expectLazyImage(item.querySelector('figure > img'), { width: '1200', height: '800' })
    expect(items.map((i) => i.querySelector('figcaption')?.textContent ?? null)).toEqual(['The lobby at night', null])
  })

  it('clamps the column count and skips rows whose image is missing', () => {
    const snapshot = makeSnapshot()
    const gallery = pageBySlug(snapshot, 'reviews').blocks[1]
    gallery.columns = 40
    ;(gallery.images as unknown[]).push({ image: 999, caption: 'gone' })
    const grid = blockSection(pageDocument(build(snapshot), 'reviews/index.html'), 2).querySelector('ul')!
    expect(attr(grid, 'style')).toMatch(/--columns:\s*6/)
    expect(grid.querySelectorAll('li')).toHaveLength(2)
  })
})

describe('every page', () => {
  it('has one h1 (the layout’s, or the opening hero’s), block headings from h2 down, and no skipped heading level', () => {
    for (const file of htmlFiles(result).filter((f) => !f.startsWith('go/') && f !== '404.html')) {
      const main = page(file).querySelector('main')!
      expect(main.querySelectorAll('h1'), file).toHaveLength(1)
      for (const h1 of main.querySelectorAll('section h1')) expect(h1.closest('section')?.id === 'block-1' && h1.closest('.block--hero'), file).toBeTruthy()
      let previous = 1
      for (const heading of main.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
        const level = Number(heading.tagName[1])
        expect(level, `${file}: ${heading.tagName} "${heading.textContent}" after h${previous}`).toBeLessThanOrEqual(previous + 1)
        previous = level
      }
    }
  })

  it('gives every block image alt, width and height, and only the hero image a high fetch priority', () => {
    let checked = 0
    for (const file of htmlFiles(result).filter((f) => !f.startsWith('go/') && f !== '404.html')) {
      for (const img of page(file).querySelectorAll('main img')) {
        checked++
        expect(img.hasAttribute('alt'), `${file} ${attr(img, 'src')}`).toBe(true)
        expect(attr(img, 'width'), `${file} ${attr(img, 'src')}`).toMatch(/^\d+$/)
        expect(attr(img, 'height'), `${file} ${attr(img, 'src')}`).toMatch(/^\d+$/)
        const isHero = Boolean(img.closest('.block--hero'))
        expect(attr(img, 'fetchpriority'), file).toBe(isHero ? 'high' : null)
        expect(attr(img, 'loading'), file).toBe(isHero ? null : 'lazy')
      }
    }
    expect(checked).toBeGreaterThan(10)
  })

  it('gives blocks stable ids in page order', () => {
    const sections = [...page('reviews/index.html').querySelectorAll('main > section')]
    expect(sections.map((s) => s.id)).toEqual(['block-1', 'block-2', 'block-3'])
    expect(sections.map((s) => s.classList[1])).toEqual(['block--swiper', 'block--gallery', 'block--image'])
  })
})
