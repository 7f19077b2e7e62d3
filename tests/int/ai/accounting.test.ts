import config from '@payload-config'
import { handleEndpoints } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Page, Site } from '@/payload-types'
import { tokensUsedThisMonth } from '@/plugins/ai/budget'
import { DEFAULT_PRICES, estimateCost } from '@/plugins/ai/core/pricing'
import { BUDGET_STOP } from '@/plugins/ai/jobs/batch'
import { rest } from '../../helpers/rest'
import { createImage, unique } from '../../helpers/world'
import { generate, resetLimits, setupAi, type AiWorld } from './helpers'

/** Issue 12.11: what ai-generations and bulk runs record must be what happened. */

let w: AiWorld

const newSite = async (budget: number | null = null): Promise<Site> =>
  (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('acct-')}.test`, brandName: 'Accounts', language: w.languageId, template: w.templateId, aiMonthlyTokenBudget: budget } as never,
  })) as Site

const newPage = async (site: Site, blocks: Record<string, unknown>[]): Promise<Page> =>
  (await w.payload.create({
    collection: 'pages',
    data: { title: 'Rain jackets', slug: unique('jackets-'), keywords: 'rain jackets', site: site.id, _status: 'draft', blocks } as never,
    draft: true,
  })) as Page

const generationsOf = async (site: Site) =>
  (await w.payload.find({ collection: 'ai-generations', where: { site: { equals: site.id } }, sort: '-createdAt', pagination: false, depth: 0 })).docs as Record<string, any>[]

/** Starts a streamed generation the way the browser does, without reading the answer to its end. */
const openStream = async (token: string, json: Record<string, unknown>) => {
  const url = new URL('/api/ai/generate', 'http://localhost:3000')
  const request = new Request(url, {
    method: 'POST',
    headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...json, stream: true }),
  })
  return handleEndpoints({ config, path: url.pathname, request })
}

const waitFor = async <T>(find: () => Promise<T | undefined>, what: string): Promise<T> => {
  for (let i = 0; i < 600; i++) {
    const found = await find()
    if (found !== undefined) return found
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`timed out waiting for ${what}`)
}

beforeAll(async () => {
  w = await setupAi()
})

afterAll(async () => {
  await w?.restore()
})

describe('a streamed generation the editor abandons', () => {
  it.each(['openai', 'anthropic'] as const)('%s: is recorded as cancelled with the usage the provider reported, and the budget counts what it may have cost', async (provider) => {
    const fake = provider === 'openai' ? w.openai : w.anthropic
    const site = await newSite()
    const page = await newPage(site, [{ blockType: 'hero', heading: '' }])
    await resetLimits(w)
    fake.reset()
    // slow enough that the editor leaves half-way through
    fake.enqueue({ json: { heading: 'Stay dry on every trail', subheading: 'Jackets that breathe.', buttonText: 'See jackets' }, chunkSize: 2, chunkDelayMs: 100 })
    const res = await openStream(w.tokens.admin, { page: page.id, blockIndex: 0, prompt: w.prompts[provider].id })
    expect(res.status).toBe(200)
    const reader = res.body!.getReader()
    let seen = ''
    while ((seen.match(/event: delta/g) ?? []).length < 3) {
      const { value, done } = await reader.read()
      if (done) throw new Error('the stream ended before the editor left')
      seen += new TextDecoder().decode(value)
    }
    await reader.cancel()

    const [generation] = await waitFor(async () => {
      const docs = await generationsOf(site)
      return docs.length ? docs : undefined
    }, 'the cancelled generation to be recorded')
    const reported = fake.usage[0]
    expect(generation).toMatchObject({ status: 'cancelled', errorCode: 'cancelled', provider })
    if (provider === 'anthropic') {
      // message_start carried the input tokens (and the first output token) before the editor left
      expect(generation.inputTokens).toBe(reported.input)
      expect(generation.outputTokens).toBe(1)
    } else {
      // OpenAI reports usage only in the stream's last chunk, which never came
      expect(generation.inputTokens).toBe(0)
      expect(generation.outputTokens).toBe(0)
    }
    // the provider may still bill up to the call's limit: the budget counts that, never less than reported
    const charged = await tokensUsedThisMonth(w.payload, site.id)
    expect(charged).toBeGreaterThanOrEqual(reported.input + w.prompts[provider].maxTokens!)
    expect(await w.payload.count({ collection: 'ai-budget-reservations', where: { site: { equals: site.id } } })).toMatchObject({ totalDocs: 0 })
  })
})

describe('the price of an image block', () => {
  it('prices the image at the image model and its alt text at the text model', async () => {
    const site = await newSite()
    const image = await createImage(w.payload, site.id)
    const page = await newPage(site, [{ blockType: 'image', image: image.id }])
    await resetLimits(w)
    w.openai.reset()
    w.openai.enqueue({ text: 'image call' }, { text: 'A hiker in a red rain jacket' })
    const res = await generate(w.tokens.admin, { page: page.id, blockIndex: 0, prompt: w.prompts.image.id })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const [imageCall, altCall] = w.openai.usage
    const expected =
      estimateCost({ table: DEFAULT_PRICES, model: 'gpt-image-1', inputTokens: imageCall.input, outputTokens: imageCall.output })! +
      estimateCost({ table: DEFAULT_PRICES, model: 'gpt-4o-mini', inputTokens: altCall.input, outputTokens: altCall.output })!
    const [generation] = await generationsOf(site)
    expect(generation.costEstimate).toBeCloseTo(expected, 6)
    expect(res.body.generation.costEstimate).toBeCloseTo(expected, 6)
    expect(generation.inputTokens).toBe(imageCall.input + altCall.input)
  })
})

describe('blocks a bulk run could not write for the budget', () => {
  it('read the same on every page: skipped, with one message, whether refused themselves or after another was', async () => {
    const site = await newSite(1)
    const blocks = [
      { blockType: 'hero', heading: '', prompt: w.prompts.openai.id },
      { blockType: 'hero', heading: '', prompt: w.prompts.openai.id },
    ]
    const first = await newPage(site, blocks)
    await newPage(site, blocks)
    await newPage(site, blocks)
    // room for one block: the most a block may use, as the refusal says, and a half
    await resetLimits(w)
    const refusal = await generate(w.tokens.admin, { page: first.id, blockIndex: 0, prompt: w.prompts.openai.id })
    const most = Number(/may use up to ([\d,]+) tokens/.exec(refusal.body.errors[0].message)![1].replace(/,/g, ''))
    await w.payload.update({ collection: 'sites', id: site.id, data: { aiMonthlyTokenBudget: most + Math.floor(most / 2) } })
    await resetLimits(w)
    w.openai.reset()
    w.openai.fallback = () => ({ json: { heading: 'Dry', subheading: 'Light', buttonText: 'Go' } })
    // the first page's call stays at the provider until its neighbour has been refused
    const release = w.openai.hold()
    let running: Promise<unknown> | undefined
    try {
      const res = await rest('POST', '/ai/bulk', { token: w.tokens.admin, json: { scope: 'site', site: site.id } })
      expect(res.status, JSON.stringify(res.body)).toBe(202)
      running = w.payload.jobs.run({ queue: 'ai', sequential: true })
      await waitFor(async () => {
        const progress = ((await w.payload.findByID({ collection: 'ai-batches', id: res.body.doc.id, depth: 0 })) as Record<string, any>).progress
        return progress?.done === 1 && w.openai.inFlight === 1 ? true : undefined
      }, 'one block at the provider and its neighbour refused')
      release()
      await running
      const run = (await w.payload.findByID({ collection: 'ai-batches', id: res.body.doc.id, depth: 0 })) as Record<string, any>
      expect(run.progress, JSON.stringify(run.results)).toMatchObject({ total: 6, done: 6, generated: 1, skipped: 5, failed: 0 })
      const stopped = (run.results as any[]).filter((r) => r.status !== 'generated')
      expect(new Set(stopped.map((r) => `${r.status}: ${r.message}`))).toEqual(new Set([`skipped: ${BUDGET_STOP}`]))
    } finally {
      // a failure above must not leave the held call, and the run waiting on it, behind for the files after this one
      release()
      await running?.catch(() => undefined)
      w.openai.reset()
    }
  })
})
