import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import type { Page } from '@/payload-types'
import { isTarget, type BlockData, type Target } from '../core/blocks'
import { AiError } from '../core/types'
import { prepareGeneration, runGeneration, type GenerationResult, type PageContext } from '../generate'
import { getAiOptions } from '../options'
import { errorResponse, json, readJson, resolveSiteAndPage, toId } from './shared'

const PAGE_FIELDS = ['title', 'slug', 'h1', 'keywords', 'lsiPhrases'] as const

/** What the editor has in the form wins over what is stored: generating must not need a save first. */
const pageContext = (page: Page | null, data: unknown): PageContext => {
  const form = data && typeof data === 'object' ? (data as Record<string, unknown>) : {}
  const context: PageContext = { ...(page ?? { title: '' }) }
  for (const key of PAGE_FIELDS) {
    const value = form[key]
    if (typeof value === 'string') (context as Record<string, unknown>)[key] = value.slice(0, 5000)
  }
  if (form.meta && typeof form.meta === 'object') context.meta = { ...context.meta, ...(form.meta as PageContext['meta']) }
  return context
}

const findBlock = (page: Page | null, body: Record<string, unknown>): { block?: BlockData; index: number | null; id: string | null } => {
  const index = typeof body.blockIndex === 'number' && Number.isInteger(body.blockIndex) && body.blockIndex >= 0 ? body.blockIndex : null
  const id = typeof body.blockId === 'string' && body.blockId ? body.blockId.slice(0, 100) : null
  if (body.block && typeof body.block === 'object' && !Array.isArray(body.block)) return { block: body.block as BlockData, index, id }
  const blocks = (page?.blocks ?? []) as unknown as BlockData[]
  const stored = (id ? blocks.find((b) => b.id === id) : undefined) ?? (index !== null ? blocks[index] : undefined)
  return { block: stored, index, id: id ?? ((stored?.id as string | undefined) ?? null) }
}

export const resultBody = (result: GenerationResult) => ({
  fields: result.fields,
  generation: {
    id: result.generationId,
    provider: result.provider,
    model: result.model,
    inputTokens: result.inputTokens,
    outputTokens: result.outputTokens,
    costEstimate: result.costEstimate,
    durationMs: result.durationMs,
  },
  text: result.text,
})

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

/**
 * POST /api/ai/generate — writes one block (or an SEO field) and returns the
 * field values; nothing is saved to the page (the editor applies them).
 * Body: { target?, site?, page?, block?, blockIndex?, blockId?, pageData?, prompt?, stream? }.
 * With `stream: true` the answer is Server-Sent Events: `delta` {text} as
 * the model writes, then `result` {fields, generation} or `error` {message, code, status}.
 */
export const generateHandler: PayloadHandler = async (req: PayloadRequest) => {
  if (!req.user) return json({ errors: [{ message: 'Log in to generate content.' }] }, 401)
  try {
    const body = await readJson(req)
    const { site, page } = await resolveSiteAndPage(req, body)
    const { block, index, id } = findBlock(page, body)
    const target = (body.target ?? block?.blockType) as Target | undefined
    if (!isTarget(target)) {
      throw new AiError('bad_request', `Unknown target "${String(target)}". Use a block type (hero, article, image, textImage, cta, faq, swiper, gallery) or metaTitle / metaDescription.`)
    }
    if (block?.blockType && block.blockType !== target) {
      throw new AiError('bad_request', `The block is a ${String(block.blockType)} block, not ${target}.`)
    }
    const options = getAiOptions(req.payload)
    const wait = await options.rateLimiter.take(`user:${req.user.collection}:${req.user.id}`)
    if (wait > 0) {
      throw new AiError('rate_limited', `You are generating faster than allowed. Wait ${wait} s and try again.`, { retryAfterSeconds: wait })
    }
    const plan = await prepareGeneration({
      payload: req.payload,
      target,
      site,
      page: pageContext(page, body.pageData),
      block,
      blockIndex: index,
      blockId: id,
      promptId: body.prompt !== undefined && body.prompt !== null && body.prompt !== '' ? toId(body.prompt, 'prompt') : null,
      userId: req.user.collection === 'users' ? req.user.id : null,
      source: target === 'metaTitle' || target === 'metaDescription' ? 'seo' : 'button',
    })
    if (body.stream !== true) return json(resultBody(await runGeneration(plan)), 200)

    const encoder = new TextEncoder()
    const controllerSignal = new AbortController()
    const stream = new ReadableStream<Uint8Array>({
      start: async (controller) => {
        const send = (event: string, data: unknown) => {
          try {
            controller.enqueue(encoder.encode(sse(event, data)))
          } catch {
            // the client went away; the generation is still recorded
          }
        }
        try {
          const result = await runGeneration(plan, { onDelta: (text) => send('delta', { text }), signal: controllerSignal.signal })
          send('result', resultBody(result))
        } catch (err) {
          const error = err instanceof AiError ? err : new AiError('provider_error', 'Generation failed.')
          send('error', { message: error.message, code: error.code, status: error.status, retryAfter: error.retryAfterSeconds ?? null })
        } finally {
          try {
            controller.close()
          } catch {
            // already closed
          }
        }
      },
      cancel: () => controllerSignal.abort(),
    })
    return new Response(stream, {
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' },
    })
  } catch (err) {
    if (err instanceof AiError) return errorResponse(err)
    req.payload.logger.error({ msg: 'ai: generate endpoint failed', err })
    return json({ errors: [{ message: 'Generation failed on the server. Try again; if it keeps failing, check the server log.' }] }, 500)
  }
}

export const generateEndpoint: Endpoint = { path: '/ai/generate', method: 'post', handler: generateHandler }
