import { startFakeAnthropic, type FakeAnthropic } from '../../fakes/anthropic'
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai'
import { rest } from '../../helpers/rest'
import { createImage, getWorld, unique, type World } from '../../helpers/world'
import { getAiOptions } from '@/plugins/ai/options'
import type { Page, Prompt } from '@/payload-types'

export type AiWorld = World & {
  openai: FakeOpenAI
  anthropic: FakeAnthropic
  prompts: { openai: Prompt; anthropic: Prompt; image: Prompt; anthropicImage: Prompt }
  restore: () => Promise<void>
}

const ENV = ['OPENAI_BASE_URL', 'ANTHROPIC_BASE_URL', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY'] as const

/**
 * Both fakes running, the SDKs pointed at them: OpenAI's key comes from the
 * api-tokens collection (encrypted, revealed server-side), Anthropic's from
 * ANTHROPIC_API_KEY, so both credential paths are exercised.
 */
export const setupAi = async (): Promise<AiWorld> => {
  const w = await getWorld()
  const saved = Object.fromEntries(ENV.map((key) => [key, process.env[key]]))
  const openai = await startFakeOpenAI()
  const anthropic = await startFakeAnthropic()
  process.env.OPENAI_BASE_URL = openai.baseURL
  process.env.ANTHROPIC_BASE_URL = anthropic.baseURL
  delete process.env.OPENAI_API_KEY
  process.env.ANTHROPIC_API_KEY = anthropic.apiKey
  await w.payload.create({ collection: 'api-tokens', data: { label: unique('OpenAI test '), service: 'openai', secret: openai.apiKey, active: true } as never })
  const prompt = (data: Record<string, unknown>) =>
    w.payload.create({ collection: 'prompts', data: { blockType: 'any', maxTokens: 1500, active: true, ...data } as never }) as Promise<Prompt>
  const prompts = {
    openai: await prompt({
      name: unique('OpenAI text '),
      type: 'text',
      provider: 'openai',
      model: 'gpt-4o-mini',
      temperature: 0.4,
      systemPrompt: 'You are a test writer.',
      template: 'Write the {{ block_type }} for "{{ title }}" on {{ brand_name }} ({{ domain }}) in {{ language }}. Keywords: {{ keywords }}. LSI: {{ lsi }}. H1: {{ h1 }}.',
    }),
    anthropic: await prompt({
      name: unique('Claude text '),
      type: 'text',
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      temperature: 0.4,
      template: 'Write the {{ block_type }} for "{{ title }}" on {{ brand_name }} in {{ language }}. Keywords: {{ keywords }}.',
    }),
    image: await prompt({
      name: unique('Image '),
      type: 'image',
      provider: 'openai',
      model: 'gpt-image-1',
      template: 'A photo for {{ title }} about {{ keywords }}',
    }),
    anthropicImage: await prompt({
      name: unique('Claude image '),
      type: 'image',
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      active: true,
      template: 'A photo for {{ title }}',
    }),
  }
  const restore = async () => {
    await openai.close()
    await anthropic.close()
    for (const key of ENV) {
      if (saved[key] === undefined) delete process.env[key]
      else process.env[key] = saved[key]
    }
  }
  return { ...w, openai, anthropic, prompts, restore }
}

export const resetLimits = (w: World) => getAiOptions(w.payload).rateLimiter.reset()

export const lexicalParagraph = (text: string) => ({
  root: {
    type: 'root',
    version: 1,
    direction: 'ltr',
    format: '',
    indent: 0,
    children: [
      { type: 'paragraph', version: 1, direction: 'ltr', format: '', indent: 0, textFormat: 0, textStyle: '', children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }] },
    ],
  },
})

/** A page of `siteId` with one block of every type, each filled with what the schema requires. */
export const createPageWithAllBlocks = async (w: World, siteId: number, data: Record<string, unknown> = {}): Promise<Page> => {
  const image = await createImage(w.payload, siteId)
  return (await w.payload.create({
    collection: 'pages',
    data: {
      title: 'Best hiking boots',
      slug: unique('boots-'),
      h1: 'The best hiking boots of the year',
      keywords: 'hiking boots, waterproof boots',
      lsiPhrases: 'trail shoes\nankle support',
      site: siteId,
      _status: 'published',
      blocks: [
        { blockType: 'hero', heading: 'Old hero' },
        { blockType: 'article', content: lexicalParagraph('Old article') },
        { blockType: 'image', image: image.id },
        { blockType: 'textImage', text: lexicalParagraph('Old text'), image: image.id },
        { blockType: 'cta', heading: 'Old CTA', buttonText: 'Go', button: { type: 'url', url: 'https://example.com/' } },
        { blockType: 'faq', items: [{ question: 'Old question?', answer: 'Old answer.' }] },
        {
          blockType: 'swiper',
          source: 'inline',
          items: [
            { title: 'Boot A', rating: 4.5, url: 'https://example.com/a' },
            { title: 'Boot B', rating: 4, url: 'https://example.com/b' },
          ],
        },
        { blockType: 'gallery', images: [{ image: image.id }, { image: image.id, caption: 'Old caption' }] },
      ],
      ...data,
    } as never,
  })) as Page
}

export const generate = (token: string | undefined, json: Record<string, unknown>) => rest('POST', '/ai/generate', { token, json })

/** Reads an SSE body into its events. */
export const parseSse = (text: string): { event: string; data: any }[] =>
  text
    .split('\n\n')
    .filter((frame) => frame.trim())
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? 'message'
      const data = frame
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n')
      return { event, data: JSON.parse(data) }
    })
