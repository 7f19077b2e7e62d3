import type { Payload, PayloadRequest } from 'payload'

import { isScalar, namedValues } from '@/fields/keyValueRows'
import type { Language, Page, Prompt, Site } from '@/payload-types'
import { reserveTokens, type Reservation } from './budget'
import { GENERATIONS_SLUG } from './constants'
import { fitOutput, outputSpec, type BlockData, type OutputSpec, type Target } from './core/blocks'
import { boundTotal, chargeFor, imageCallBound, textCallBound, type CallBound } from './core/budget'
import { ALT_TEXT_PROMPT, DEFAULT_SYSTEM_PROMPT, DEFAULT_TEMPLATES } from './core/defaults'
import { estimateCallsCost, estimateCost, type CallUsage } from './core/pricing'
import { renderPrompt } from './core/render'
import { AiError, type Provider, type ProviderName } from './core/types'
import { markdownToLexical } from './lexical'
import { getAiOptions, type ResolvedAiOptions } from './options'
import { getProvider, PROVIDER_LABELS } from './providers'
import { aiWrite } from './writes'

export { checkBudget, tokensUsedThisMonth } from './budget'

/**
 * One generation, in two steps. `prepareGeneration` does everything that can
 * fail on our side (prompt choice, Liquid rendering, the key, and last the
 * budget reservation) before a model is called, so an endpoint can still
 * answer 4xx before it starts streaming. `runGeneration` calls the model,
 * fits the answer to the block, settles the reservation with the real usage
 * and records the call in ai-generations, failed calls included.
 */

export type PageContext = Pick<Page, 'title'> & Partial<Pick<Page, 'id' | 'slug' | 'h1' | 'keywords' | 'lsiPhrases' | 'meta'>>

export type GenerationSource = 'button' | 'bulk' | 'seo'

export type PrepareInput = {
  payload: Payload
  req?: Partial<PayloadRequest>
  target: Target
  site: Site | number
  page: PageContext
  block?: BlockData
  blockIndex?: number | null
  blockId?: string | null
  /** Prompt id named by the caller; else the block's own prompt; else the block type's default. */
  promptId?: number | string | null
  userId?: number | string | null
  source: GenerationSource
}

type ChosenPrompt = {
  id: number | null
  name: string
  version: number | null
  provider: ProviderName
  model: string
  maxTokens: number
  temperature: number | null
  system: string
  template: string
}

export type Plan = {
  input: PrepareInput
  options: ResolvedAiOptions
  site: Site
  prompt: ChosenPrompt
  promptText: string
  spec: OutputSpec
  language: string
  provider: Provider
  /** The most each provider call of this generation can be billed, in call order. */
  bounds: CallBound[]
  /** Held until runGeneration settles it: every plan from prepareGeneration must be run. */
  reservation: Reservation
}

export type GenerationResult = {
  fields: Record<string, unknown>
  generationId: number | string | null
  provider: ProviderName
  model: string
  inputTokens: number
  outputTokens: number
  costEstimate: number | null
  durationMs: number
  text: string
}

const refId = (value: unknown): number | string | null => {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'object') return (value as { id?: number | string }).id ?? null
  return value as number | string
}

const promptWanted = (target: Target) => (target === 'image' ? 'image' : 'text')

const choosePrompt = async ({ payload, target, promptId, block, options }: { payload: Payload; target: Target; promptId?: number | string | null; block?: BlockData; options: ResolvedAiOptions }): Promise<ChosenPrompt> => {
  const fromPrompt = (prompt: Prompt): ChosenPrompt => ({
    id: prompt.id,
    name: prompt.name,
    version: prompt.version ?? 1,
    provider: prompt.provider,
    model: prompt.model,
    maxTokens: prompt.maxTokens ?? options.defaults.maxTokens,
    temperature: prompt.temperature ?? null,
    system: prompt.systemPrompt || DEFAULT_SYSTEM_PROMPT,
    template: prompt.template,
  })
  const named = promptId ?? refId(block?.prompt)
  if (named !== null && named !== undefined) {
    const prompt = (await payload.find({ collection: 'prompts', where: { id: { equals: named } }, limit: 1, depth: 0, overrideAccess: true })).docs[0]
    if (!prompt) throw new AiError('bad_request', `Prompt ${named} does not exist. Choose another prompt for this block.`)
    if (!prompt.active) throw new AiError('bad_request', `Prompt "${prompt.name}" is inactive. Activate it or choose another prompt.`)
    if (prompt.type !== promptWanted(target)) {
      const article = (word: string) => (word === 'image' ? 'an image' : 'a text')
      throw new AiError('bad_request', `Prompt "${prompt.name}" is ${article(prompt.type)} prompt; the ${target} block needs ${article(promptWanted(target))} prompt.`)
    }
    return fromPrompt(prompt)
  }
  for (const blockType of [target, 'any']) {
    const found = await payload.find({
      collection: 'prompts',
      where: { and: [{ active: { equals: true } }, { blockType: { equals: blockType } }, { type: { equals: promptWanted(target) } }] },
      sort: '-updatedAt',
      limit: 1,
      depth: 0,
      overrideAccess: true,
    })
    if (found.docs[0]) return fromPrompt(found.docs[0])
  }
  const provider = options.defaults.provider
  return {
    id: null,
    name: `Built-in ${target} prompt`,
    version: null,
    provider: target === 'image' ? 'openai' : provider,
    model: target === 'image' ? options.defaults.imageModel : options.defaults.model[provider],
    maxTokens: options.defaults.maxTokens,
    temperature: options.defaults.temperature,
    system: DEFAULT_SYSTEM_PROMPT,
    template: DEFAULT_TEMPLATES[target],
  }
}

const blockVariables = (block: BlockData = {}): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(block)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value
  }
  return out
}

export const promptVariables = ({ site, language, page, target, block }: { site: Site; language: Language | null; page: PageContext; target: Target; block?: BlockData }) => {
  const lsi = (page.lsiPhrases ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  const languageName = language?.name ?? language?.code ?? 'English'
  const templateVariables = namedValues(site.templateVariables, isScalar)
  // a page without keywords of its own writes about the site's (set on the site, e.g. by the CSV importer)
  const keywords = page.keywords || (site as { keywords?: string | null }).keywords || ''
  return {
    keywords,
    lsi: lsi.join(', '),
    brand_name: site.brandName,
    domain: site.domain,
    title: page.title ?? '',
    h1: page.h1 || page.title || '',
    language: languageName,
    language_code: language?.code ?? 'en',
    block_type: target,
    page: {
      title: page.title ?? '',
      slug: page.slug ?? '',
      h1: page.h1 || page.title || '',
      keywords,
      lsi_phrases: lsi,
      meta_title: page.meta?.title ?? '',
      meta_description: page.meta?.description ?? '',
    },
    site: {
      domain: site.domain,
      brand_name: site.brandName,
      language: languageName,
      language_code: language?.code ?? 'en',
      variables: templateVariables,
    },
    block: blockVariables(block),
  }
}

export const prepareGeneration = async (input: PrepareInput): Promise<Plan> => {
  const { payload, target } = input
  const options = getAiOptions(payload)
  const site =
    typeof input.site === 'object'
      ? input.site
      : ((await payload.findByID({ collection: 'sites', id: input.site, depth: 0, overrideAccess: true })) as Site)
  const languageId = refId(site.language)
  const language =
    typeof site.language === 'object' && site.language
      ? site.language
      : languageId === null
        ? null
        : ((await payload.findByID({ collection: 'languages', id: languageId, depth: 0, overrideAccess: true }).catch(() => null)) as Language | null)
  const spec = outputSpec(target, input.block)
  const prompt = await choosePrompt({ payload, target, promptId: input.promptId, block: input.block, options })
  if (target === 'image' && prompt.provider !== 'openai') {
    throw new AiError('unsupported', `${PROVIDER_LABELS[prompt.provider]} cannot generate images. Give the image prompt "${prompt.name}" the OpenAI provider and an image model such as gpt-image-1.`)
  }
  const variables = promptVariables({ site, language, page: input.page, target, block: input.block })
  const rendered = renderPrompt({ template: prompt.template, variables, name: prompt.name })
  if (!rendered) throw new AiError('bad_prompt', `Prompt "${prompt.name}" renders to empty text for this page. Fill in the page's title or keywords, or edit the prompt.`)
  const promptText = spec.kind === 'image' ? rendered : `${rendered}\n\n${spec.instructions}`
  // fail before streaming when there is no key
  const provider = await getProvider({ payload, provider: prompt.provider, options })
  const bounds =
    spec.kind === 'image'
      ? [imageCallBound({ model: prompt.model, prompt: promptText }), textCallBound({ prompt: altTextPrompt(promptText, variables.language), maxTokens: ALT_TEXT_MAX_TOKENS })]
      : [textCallBound({ system: prompt.system, prompt: promptText, schema: spec.kind === 'json' ? spec.schema : null, maxTokens: prompt.maxTokens })]
  // last, so nothing after it can fail and leave tokens held
  const reservation = await reserveTokens({ payload, site, tokens: boundTotal(bounds) })
  return { input, options, site, prompt, promptText, spec, language: variables.language, provider, bounds, reservation }
}

const ALT_TEXT_MAX_TOKENS = 100
const altTextPrompt = (promptText: string, language: string) => ALT_TEXT_PROMPT(promptText, language)

type Status = 'success' | 'failed' | 'refused' | 'cancelled'

type Recorded = {
  plan: Plan
  status: Status
  model: string
  calls: CallUsage[]
  durationMs: number
  output?: string
  error?: AiError
}

const record = async ({ plan, status, model, calls, durationMs, output, error }: Recorded) => {
  const { input, prompt, options } = plan
  const inputTokens = calls.reduce((sum, call) => sum + call.inputTokens, 0)
  const outputTokens = calls.reduce((sum, call) => sum + call.outputTokens, 0)
  // an image and its alt text are priced each at its own model
  const costEstimate = calls.length ? estimateCallsCost({ table: options.prices, calls }) : estimateCost({ table: options.prices, model, inputTokens: 0, outputTokens: 0 })
  const doc = await aiWrite(input.payload, () =>
    input.payload.create({
      collection: GENERATIONS_SLUG as 'ai-generations',
      data: {
        summary: `${input.target} · ${input.page.title ?? ''}`.slice(0, 200),
        site: plan.site.id,
        page: typeof input.page.id === 'number' ? input.page.id : null,
        user: input.userId ?? null,
        target: input.target,
        blockIndex: input.blockIndex ?? null,
        blockId: input.blockId ?? null,
        source: input.source,
        prompt: prompt.id,
        promptVersion: prompt.version,
        provider: prompt.provider,
        model,
        inputTokens,
        outputTokens,
        totalTokens: inputTokens + outputTokens,
        costEstimate,
        durationMs,
        status,
        errorCode: error?.code ?? null,
        error: error ? [error.message, error.detail && error.detail !== error.message ? `Provider said: ${error.detail}` : null].filter(Boolean).join('\n') : null,
        promptText: plan.promptText.slice(0, 20_000),
        output: output?.slice(0, 50_000) ?? null,
      } as never,
      overrideAccess: true,
      depth: 0,
      req: input.req,
    }),
  )
  return { id: doc.id as number | string, costEstimate, inputTokens, outputTokens }
}

const statusOf = (error: AiError): Status => (error.code === 'refused' ? 'refused' : error.code === 'cancelled' ? 'cancelled' : 'failed')

export type RunOptions = { onDelta?: (text: string) => void; signal?: AbortSignal }

export const runGeneration = async (plan: Plan, { onDelta, signal }: RunOptions = {}): Promise<GenerationResult> => {
  const { input, options, prompt, spec, provider } = plan
  const { payload } = input
  const started = performance.now()
  const semaphore = options.semaphores[prompt.provider]
  /** What each provider call reported, for the history and its price. */
  const calls: CallUsage[] = []
  /** What the calls count against the budget: their usage, or their bound where a call was cut short. */
  let charge = 0
  let model = prompt.model
  let text = ''

  const call = async <T extends CallUsage>(bound: CallBound, callModel: string, run: () => Promise<T>): Promise<T> => {
    if (signal?.aborted) throw new AiError('cancelled', 'Generation was cancelled before it finished.')
    try {
      const result = await semaphore.run(run)
      calls.push({ model: result.model, inputTokens: result.inputTokens, outputTokens: result.outputTokens })
      charge += result.inputTokens + result.outputTokens
      return result
    } catch (raw) {
      const error = raw instanceof AiError ? raw : null
      if (error?.usage || error?.isPartial) {
        calls.push({ model: callModel, inputTokens: error.usage?.inputTokens ?? 0, outputTokens: error.usage?.outputTokens ?? 0 })
        charge += chargeFor({ bound, usage: error.usage, isPartial: error.isPartial })
      }
      throw raw
    }
  }

  try {
    let fields: Record<string, unknown>
    if (spec.kind === 'image') {
      if (!provider.generateImage) throw new AiError('unsupported', `${provider.label} cannot generate images.`)
      const image = await call(plan.bounds[0], prompt.model, () => provider.generateImage!({ model: prompt.model, prompt: plan.promptText, signal }))
      model = image.model
      const altModel = options.defaults.altTextModel
      const alt = await call(plan.bounds[1], altModel, () =>
        provider.generateText({ model: altModel, prompt: altTextPrompt(plan.promptText, plan.language), maxTokens: ALT_TEXT_MAX_TOKENS, temperature: 0.2, signal }),
      )
      const altText = alt.text.replace(/^["']+|["']+$/g, '').replace(/\s+/g, ' ').trim().slice(0, 300) || `Image for ${input.page.title}`
      text = altText
      onDelta?.(`Alt text: ${altText}`)
      const media = await aiWrite(payload, () =>
        payload.create({
          collection: 'media',
          data: { alt: altText, site: plan.site.id } as never,
          file: { data: image.data, mimetype: image.mimeType, name: `ai-${plan.site.id}-${Date.now().toString(36)}.png`, size: image.data.length },
          overrideAccess: true,
          depth: 0,
          req: input.req,
        }),
      )
      fields = { image: media.id }
    } else {
      const result = await call(plan.bounds[0], prompt.model, () =>
        provider.generateText({
          model: prompt.model,
          system: prompt.system,
          prompt: plan.promptText,
          maxTokens: prompt.maxTokens,
          temperature: prompt.temperature,
          schema: spec.kind === 'json' ? spec.schema : null,
          onDelta,
          signal,
        }),
      )
      model = result.model
      text = result.text
      const fitted = fitOutput({ target: input.target, text, block: input.block })
      fields = fitted.fields
      if (fitted.richText) {
        fields[fitted.richText.field] = await markdownToLexical({ config: payload.config, markdown: fitted.richText.markdown })
      }
    }
    await plan.reservation.settle(charge)
    const durationMs = Math.round(performance.now() - started)
    const saved = await record({ plan, status: 'success', model, calls, durationMs, output: text })
    return {
      fields,
      generationId: saved.id,
      provider: prompt.provider,
      model,
      inputTokens: saved.inputTokens,
      outputTokens: saved.outputTokens,
      costEstimate: saved.costEstimate,
      durationMs,
      text,
    }
  } catch (raw) {
    const error = raw instanceof AiError ? raw : new AiError('provider_error', `Generation failed: ${(raw as Error).message}`, { detail: (raw as Error).stack })
    // released when nothing was billed; else what the calls used (or may have used)
    await plan.reservation.settle(charge)
    const durationMs = Math.round(performance.now() - started)
    await record({ plan, status: statusOf(error), model, calls, durationMs, output: text, error }).catch((err) =>
      payload.logger.error({ msg: 'ai: could not record a failed generation', err }),
    )
    if (!(raw instanceof AiError)) payload.logger.error({ msg: 'ai: generation failed', err: raw })
    throw error
  }
}
