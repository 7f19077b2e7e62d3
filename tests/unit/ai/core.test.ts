import { describe, expect, it } from 'vitest'

import { clip, fitOutput, hasContent, outputSpec, splitHeading } from '@/plugins/ai/core/blocks'
import { DEFAULT_TEMPLATES } from '@/plugins/ai/core/defaults'
import { monthStart, RateLimiter, Semaphore } from '@/plugins/ai/core/limits'
import { DEFAULT_PRICES, estimateCost, priceFor } from '@/plugins/ai/core/pricing'
import { renderPrompt } from '@/plugins/ai/core/render'
import { AiError } from '@/plugins/ai/core/types'

const VARS = { keywords: 'boots', lsi: 'socks, laces', brand_name: 'Trail Co', domain: 'trail.test', title: 'Boots', h1: 'Best boots', language: 'English', block_type: 'hero', page: { slug: 'boots' }, site: { domain: 'trail.test' } }

describe('prompt rendering', () => {
  it('fills the variables', () => {
    expect(renderPrompt({ template: '{{ brand_name }} / {{ title }} / {{ keywords }} / {{ page.slug }}', variables: VARS, name: 'P' })).toBe('Trail Co / Boots / boots / boots')
  })

  it('names an unknown variable, and an unknown filter', () => {
    expect(() => renderPrompt({ template: 'Hi {{ brand }}', variables: VARS, name: 'Hero' })).toThrow(/^Prompt "Hero": unknown variable \{\{ brand \}\}\. Known variables: .*brand_name/)
    expect(() => renderPrompt({ template: 'Hi {{ page.nope }}', variables: VARS, name: 'Hero' })).toThrow(/unknown variable \{\{ page\.nope \}\}/)
    expect(() => renderPrompt({ template: '{{ title | shout }}', variables: VARS, name: 'Hero' })).toThrow('Prompt "Hero": unknown filter "shout".')
  })

  it('renders every built-in template with the standard variables', () => {
    for (const template of Object.values(DEFAULT_TEMPLATES)) {
      expect(renderPrompt({ template, variables: VARS, name: 'built-in' })).toContain('Boots')
    }
  })

  it('cannot reach prototype properties (liquidjs ownPropertyOnly)', () => {
    expect(() => renderPrompt({ template: '{{ page.constructor }}', variables: VARS, name: 'P' })).toThrow(AiError)
  })
})

describe('fitting answers to blocks', () => {
  it('clips to the field length at a word boundary', () => {
    expect(clip('one two three four', 12)).toBe('one two')
    expect(clip('  spaced   out  ', 100)).toBe('spaced out')
  })

  it('reads JSON inside a code fence, and says what is wrong with broken JSON', () => {
    expect(fitOutput({ target: 'hero', text: '```json\n{"heading":"H","subheading":"S","buttonText":"B"}\n```' }).fields).toEqual({ heading: 'H', subheading: 'S', buttonText: 'B' })
    expect(() => fitOutput({ target: 'hero', text: 'Sure! Here is a hero.' })).toThrow(/was not the JSON asked for/)
    expect(() => fitOutput({ target: 'cta', text: '{"text":"x"}' })).toThrow('The model\'s answer for the cta block has no "heading". Regenerate.')
  })

  it('keeps FAQ answers whole and drops half pairs', () => {
    const text = JSON.stringify({ heading: '', items: [{ question: 'Q1?', answer: 'A1' }, { question: 'Q2?', answer: '' }] })
    expect(fitOutput({ target: 'faq', text }).fields).toEqual({ heading: 'Frequently asked questions', items: [{ question: 'Q1?', answer: 'A1' }] })
  })

  it('asks for one swiper text per existing card and keeps the cards’ other fields', () => {
    const block = { source: 'inline', items: [{ id: 'a', title: 'A', rating: 5 }] }
    const spec = outputSpec('swiper', block)
    expect(spec.kind === 'json' && (spec.schema.schema as any).properties.items).toMatchObject({ minItems: 1, maxItems: 1 })
    const fitted = fitOutput({ target: 'swiper', block, text: JSON.stringify({ heading: 'H', buttonText: 'B', items: [{ title: 'New A', description: 'D', badge: '' }] }) })
    expect(fitted.fields.items).toEqual([{ id: 'a', title: 'New A', rating: 5, description: 'D', badge: null }])
    // a preset swiper: only heading and button text
    const presetSpec = outputSpec('swiper', { source: 'preset' })
    expect(presetSpec.kind === 'json' && Object.keys((presetSpec.schema.schema as any).properties)).toEqual(['heading', 'buttonText'])
  })

  it('needs images in a gallery before writing captions', () => {
    expect(() => outputSpec('gallery', { images: [] })).toThrow(/Add images to the gallery first/)
  })

  it('splits the article heading off the markdown', () => {
    expect(splitHeading('# Title\n\nBody **text**')).toEqual({ heading: 'Title', body: 'Body **text**' })
    expect(splitHeading('## Section\n\nBody')).toEqual({ heading: null, body: '## Section\n\nBody' })
    expect(fitOutput({ target: 'article', text: '# T\n\nBody' })).toEqual({ fields: { heading: 'T' }, richText: { field: 'content', markdown: 'Body' } })
  })

  it('strips quotes and labels off meta texts and keeps them within limits', () => {
    expect(fitOutput({ target: 'metaTitle', text: '"Title: Best boots"' }).fields).toEqual({ title: 'Best boots' })
    expect((fitOutput({ target: 'metaDescription', text: 'word '.repeat(80) }).fields.description as string).length).toBeLessThanOrEqual(160)
  })

  it('tells filled blocks from empty ones', () => {
    expect(hasContent('hero', { heading: 'x' })).toBe(true)
    expect(hasContent('hero', { heading: '  ' })).toBe(false)
    expect(hasContent('article', { content: { root: { children: [{ type: 'paragraph', children: [] }] } } })).toBe(false)
    expect(hasContent('article', { content: { root: { children: [{ type: 'paragraph', children: [{ type: 'text' }] }] } } })).toBe(true)
    expect(hasContent('gallery', { images: [{ caption: 'a' }, { caption: '' }] })).toBe(false)
  })
})

describe('prices', () => {
  it('uses the longest matching model prefix', () => {
    expect(priceFor(DEFAULT_PRICES, 'gpt-4o-mini-2024-07-18')).toEqual(DEFAULT_PRICES['gpt-4o-mini'])
    expect(priceFor(DEFAULT_PRICES, 'gpt-4o-2024-08-06')).toEqual(DEFAULT_PRICES['gpt-4o'])
    expect(estimateCost({ table: DEFAULT_PRICES, model: 'gpt-4o-mini', inputTokens: 1_000_000, outputTokens: 1_000_000 })).toBe(0.75)
    expect(estimateCost({ table: DEFAULT_PRICES, model: 'mystery-model', inputTokens: 10, outputTokens: 10 })).toBeNull()
  })
})

describe('limits', () => {
  it('lets N tasks run at once, the rest in order', async () => {
    const semaphore = new Semaphore(2)
    let running = 0
    let most = 0
    const order: number[] = []
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        semaphore.run(async () => {
          running++
          most = Math.max(most, running)
          await new Promise((r) => setTimeout(r, 5))
          order.push(n)
          running--
        }),
      ),
    )
    expect(most).toBe(2)
    expect(order).toHaveLength(5)
    expect(semaphore.inUse).toBe(0)
  })

  it('releases the slot when a task throws', async () => {
    const semaphore = new Semaphore(1)
    await expect(semaphore.run(async () => { throw new Error('boom') })).rejects.toThrow('boom')
    expect(await semaphore.run(async () => 'ok')).toBe('ok')
  })

  it('counts hits in a sliding window per key', () => {
    const limiter = new RateLimiter(2, 60_000)
    expect(limiter.take('u', 0)).toBe(0)
    expect(limiter.take('u', 1_000)).toBe(0)
    expect(limiter.take('u', 2_000)).toBe(58)
    expect(limiter.take('other', 2_000)).toBe(0)
    expect(limiter.take('u', 60_001)).toBe(0)
  })

  it('starts the month at midnight UTC on the first', () => {
    expect(monthStart(new Date('2026-11-26T23:59:00Z')).toISOString()).toBe('2026-11-01T00:00:00.000Z')
  })
})
