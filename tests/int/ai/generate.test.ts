import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Page } from '@/payload-types'
import type { Reply } from '../../fakes/openai-anthropic-shared'
import { rest } from '../../helpers/rest'
import { createPageWithAllBlocks, generate, parseSse, resetLimits, setupAi, type AiWorld } from './helpers'

let w: AiWorld
let page: Page

type Case = {
  target: string
  index: number
  reply: Reply[]
  /** What the generate endpoint answers in `fields` (rich text checked separately). */
  expected: (fields: Record<string, any>) => void
}

const ARTICLE = `# Choosing hiking boots

## Fit first

Boots should feel **snug** at the heel and *roomy* at the toes. Read our [sizing guide](https://example.com/sizing).

- Try them on in the afternoon
- Wear your hiking socks

| Boot | Weight |
| --- | --- |
| Trail Pro | 900 g |
`

const CASES: Case[] = [
  {
    target: 'hero',
    index: 0,
    reply: [{ json: { heading: 'Walk further, stay dry', subheading: 'Waterproof boots tested on real trails.', buttonText: 'See the boots' } }],
    expected: (f) => expect(f).toEqual({ heading: 'Walk further, stay dry', subheading: 'Waterproof boots tested on real trails.', buttonText: 'See the boots' }),
  },
  {
    target: 'article',
    index: 1,
    reply: [{ text: ARTICLE, chunkSize: 7 }],
    expected: (f) => {
      expect(f.heading).toBe('Choosing hiking boots')
      const types = f.content.root.children.map((n: { type: string }) => n.type)
      expect(types).toEqual(['heading', 'paragraph', 'list', 'table'])
    },
  },
  {
    target: 'image',
    index: 2,
    reply: [{ text: 'image call' }, { text: '"A hiker in waterproof boots crossing a stream"' }],
    expected: (f) => expect(typeof f.image).toBe('number'),
  },
  {
    target: 'textImage',
    index: 3,
    reply: [{ text: '# Made for wet trails\n\nEvery pair is *tested* in streams.' }],
    expected: (f) => {
      expect(f.heading).toBe('Made for wet trails')
      expect(f.text.root.children[0].type).toBe('paragraph')
    },
  },
  {
    target: 'cta',
    index: 4,
    reply: [{ json: { heading: 'Ready for the trail?', text: 'Pick your pair today.', buttonText: 'Shop boots' } }],
    expected: (f) => expect(f).toEqual({ heading: 'Ready for the trail?', text: 'Pick your pair today.', buttonText: 'Shop boots' }),
  },
  {
    target: 'faq',
    index: 5,
    reply: [
      {
        json: {
          heading: 'Boot questions',
          items: [
            { question: 'Are they waterproof?', answer: 'Yes, with a membrane.' },
            { question: 'How heavy are they?', answer: 'About 900 g a pair.' },
            { question: 'Do they need breaking in?', answer: 'A few short walks.' },
          ],
        },
      },
    ],
    expected: (f) =>
      expect(f).toEqual({
        heading: 'Boot questions',
        items: [
          { question: 'Are they waterproof?', answer: 'Yes, with a membrane.' },
          { question: 'How heavy are they?', answer: 'About 900 g a pair.' },
          { question: 'Do they need breaking in?', answer: 'A few short walks.' },
        ],
      }),
  },
  {
    target: 'swiper',
    index: 6,
    reply: [
      {
        json: {
          heading: 'Our favourites',
          buttonText: 'Read review',
          items: [
            { title: 'Boot A, refreshed', description: 'Light and dry.', badge: 'Best buy' },
            { title: 'Boot B, refreshed', description: 'Tough soles.', badge: '' },
          ],
        },
      },
    ],
    expected: (f) => {
      expect(f.heading).toBe('Our favourites')
      expect(f.buttonText).toBe('Read review')
      // the texts change; ratings and links of the cards stay
      expect(f.items.map((i: any) => [i.title, i.description, i.badge, i.rating, i.url])).toEqual([
        ['Boot A, refreshed', 'Light and dry.', 'Best buy', 4.5, 'https://example.com/a'],
        ['Boot B, refreshed', 'Tough soles.', null, 4, 'https://example.com/b'],
      ])
    },
  },
  {
    target: 'gallery',
    index: 7,
    reply: [{ json: { heading: 'On the trail', captions: ['Crossing a stream', 'At the summit'] } }],
    expected: (f) => {
      expect(f.heading).toBe('On the trail')
      expect(f.images.map((i: any) => i.caption)).toEqual(['Crossing a stream', 'At the summit'])
      expect(typeof f.images[0].image).toBe('number')
    },
  },
]

const storedPage = async () => (await w.payload.findByID({ collection: 'pages', id: page.id, depth: 0, draft: true })) as Page

const lastGeneration = async () =>
  (await w.payload.find({ collection: 'ai-generations', sort: '-createdAt', limit: 1, depth: 0 })).docs[0] as Record<string, any>

beforeAll(async () => {
  w = await setupAi()
  page = await createPageWithAllBlocks(w, w.siteA.id)
})

afterAll(async () => {
  await w?.restore()
})

describe.each(['openai', 'anthropic'] as const)('every block type through REST with %s', (provider) => {
  for (const c of CASES) {
    it(`${c.target}: generates, writes nothing, and lands in the block's fields on Apply`, async () => {
      resetLimits(w)
      const fake = provider === 'openai' ? w.openai : w.anthropic
      fake.reset()
      const before = await storedPage()
      const prompt = c.target === 'image' ? w.prompts.image.id : w.prompts[provider].id
      if (c.target === 'image' && provider === 'anthropic') {
        const res = await generate(w.tokens.editorA, { page: page.id, blockIndex: c.index, prompt: w.prompts.anthropicImage.id })
        expect(res.status).toBe(400)
        expect(res.body.errors[0].message).toMatch(/^Anthropic cannot generate images\. Give the image prompt/)
        const wrongType = await generate(w.tokens.editorA, { page: page.id, blockIndex: c.index, prompt: w.prompts.anthropic.id })
        expect(wrongType.status).toBe(400)
        expect(wrongType.body.errors[0].message).toMatch(/is a text prompt; the image block needs an image prompt/)
        expect(fake.requests).toHaveLength(0)
        return
      }
      fake.enqueue(...c.reply)
      const res = await generate(w.tokens.editorA, { page: page.id, blockIndex: c.index, prompt })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      c.expected(res.body.fields)

      // nothing written to the page by generating
      const after = await storedPage()
      expect(after.blocks).toEqual(before.blocks)

      // the call is in the history with the fake's own usage figures
      const generation = await lastGeneration()
      const billed = fake.usage.reduce((sum, u) => ({ input: sum.input + u.input, output: sum.output + u.output }), { input: 0, output: 0 })
      expect(generation).toMatchObject({
        status: 'success',
        provider,
        target: c.target,
        blockIndex: c.index,
        page: page.id,
        site: w.siteA.id,
        user: w.editorA.id,
        inputTokens: billed.input,
        outputTokens: billed.output,
        totalTokens: billed.input + billed.output,
      })
      expect(res.body.generation).toMatchObject({ inputTokens: billed.input, outputTokens: billed.output })
      expect(generation.costEstimate).toBeGreaterThan(0)

      // what the SDK sent
      const sent = fake.requests.at(-1)!
      if (c.target !== 'image') {
        const text = JSON.stringify(sent.body)
        expect(text).toContain('Best hiking boots')
        expect(text).toContain('hiking boots, waterproof boots')
        if (provider === 'openai') {
          expect(sent.path).toBe('/v1/chat/completions')
          expect(sent.body.temperature).toBe(0.4)
          expect(sent.body.messages[0]).toEqual({ role: 'system', content: 'You are a test writer.' })
          expect(Boolean(sent.body.response_format)).toBe(['hero', 'cta', 'faq', 'swiper', 'gallery'].includes(c.target))
        } else {
          expect(sent.path).toBe('/v1/messages')
          expect(sent.body.temperature).toBeUndefined()
          expect(Boolean(sent.body.output_config?.format)).toBe(['hero', 'cta', 'faq', 'swiper', 'gallery'].includes(c.target))
        }
      } else {
        expect(fake.requests.map((r) => r.path)).toEqual(['/v1/images/generations', '/v1/chat/completions'])
        const media = await w.payload.findByID({ collection: 'media', id: res.body.fields.image, depth: 0 })
        expect(media.alt).toBe('A hiker in waterproof boots crossing a stream')
        expect(media.site).toBe(w.siteA.id)
      }

      // Apply + save, as the admin does: merge the fields into the block and PATCH the page
      const blocks = (after.blocks ?? []).map((block, i) => (i === c.index ? { ...block, ...res.body.fields } : block))
      const saved = await rest('PATCH', `/pages/${page.id}`, { token: w.tokens.editorA, json: { blocks } })
      expect(saved.status, JSON.stringify(saved.body)).toBe(200)
      const applied = (await storedPage()).blocks![c.index] as Record<string, any>
      for (const [key, value] of Object.entries(res.body.fields)) {
        if (key === 'items' || key === 'images') {
          expect((applied[key] as any[]).map((row) => ({ ...row, id: undefined }))).toEqual((value as any[]).map((row) => ({ ...row, id: undefined })))
        } else expect(applied[key]).toEqual(value)
      }
      // the blocks around it are untouched
      expect(applied.blockType).toBe(c.target)
    })
  }
})

describe('streaming', () => {
  it.each(['openai', 'anthropic'] as const)('streams %s deltas as Server-Sent Events, then the fitted result', async (provider) => {
    resetLimits(w)
    const fake = provider === 'openai' ? w.openai : w.anthropic
    fake.reset()
    fake.enqueue({ json: { heading: 'Streamed heading', subheading: 'Streamed sub', buttonText: 'Go' }, chunkSize: 5 })
    const res = await generate(w.tokens.editorA, { page: page.id, blockIndex: 0, prompt: w.prompts[provider].id, stream: true })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
    const events = parseSse(res.body as string)
    const deltas = events.filter((e) => e.event === 'delta')
    expect(deltas.length).toBeGreaterThan(5)
    expect(JSON.parse(deltas.map((e) => e.data.text).join(''))).toEqual({ heading: 'Streamed heading', subheading: 'Streamed sub', buttonText: 'Go' })
    const result = events.at(-1)!
    expect(result.event).toBe('result')
    expect(result.data.fields).toEqual({ heading: 'Streamed heading', subheading: 'Streamed sub', buttonText: 'Go' })
    expect(fake.requests.at(-1)!.body.stream).toBe(true)
    // usage from the stream's final frames is what gets recorded
    expect(result.data.generation).toMatchObject({ inputTokens: fake.usage[0].input, outputTokens: fake.usage[0].output })
    expect(await lastGeneration()).toMatchObject({ inputTokens: fake.usage[0].input, outputTokens: fake.usage[0].output, status: 'success' })
  })

  it('sends a refusal as an error event in words, and records it', async () => {
    resetLimits(w)
    w.anthropic.reset()
    w.anthropic.enqueue({ refusal: 'I cannot help with that.' })
    const res = await generate(w.tokens.editorA, { page: page.id, blockIndex: 0, prompt: w.prompts.anthropic.id, stream: true })
    const events = parseSse(res.body as string)
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { code: 'refused', status: 422 } })
    expect(events.at(-1)!.data.message).toMatch(/Anthropic declined to write this: "The request could be related to an area/)
    const generation = await lastGeneration()
    expect(generation).toMatchObject({ status: 'refused', errorCode: 'refused', inputTokens: w.anthropic.usage[0].input })
  })
})

describe('SEO fields', () => {
  it.each(['metaTitle', 'metaDescription'] as const)('writes %s as plain text within its length', async (target) => {
    resetLimits(w)
    w.openai.reset()
    const long = 'Best hiking boots of 2026: waterproof, light and tested on real trails by our editors in the Alps and beyond, season after season'
    w.openai.enqueue({ text: `"${long}"` })
    const res = await generate(w.tokens.editorA, { page: page.id, target, prompt: w.prompts.openai.id })
    expect(res.status).toBe(200)
    const value = res.body.fields[target === 'metaTitle' ? 'title' : 'description'] as string
    expect(value.length).toBeLessThanOrEqual(target === 'metaTitle' ? 60 : 160)
    expect(long.startsWith(value)).toBe(true)
    expect((await lastGeneration()).source).toBe('seo')
  })

  it("fills plugin-seo's Auto-generate through the AI, and keeps the current title when the AI fails", async () => {
    resetLimits(w)
    await w.payload.create({
      collection: 'prompts',
      data: { name: 'Meta title (test)', type: 'text', blockType: 'metaTitle', provider: 'openai', model: 'gpt-4o-mini', template: 'Meta title for {{ title }}' } as never,
    })
    w.openai.reset()
    w.openai.enqueue({ text: 'Hiking boots that stay dry' })
    const body = { id: page.id, collectionSlug: 'pages', doc: { ...(await storedPage()), meta: { title: 'Current title' } } }
    const res = await rest('POST', '/plugin-seo/generate-title', { token: w.tokens.editorA, json: body })
    expect(res.status).toBe(200)
    expect(res.body.result).toBe('Hiking boots that stay dry')
    expect(w.openai.requests.at(-1)!.body.messages.at(-1).content).toContain('Meta title for Best hiking boots')
    w.openai.enqueue({ fault: 'bad_key' })
    const failed = await rest('POST', '/plugin-seo/generate-title', { token: w.tokens.editorA, json: body })
    expect(failed.body.result).toBe('Current title')
    expect((await lastGeneration()).errorCode).toBe('bad_key')
    // another site's editor gets nothing generated
    w.openai.reset()
    const other = await rest('POST', '/plugin-seo/generate-title', { token: w.tokens.editorB, json: body })
    expect(other.body.result ?? '').not.toBe('Hiking boots that stay dry')
    expect(w.openai.requests).toHaveLength(0)
  })
})
