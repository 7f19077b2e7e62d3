import OpenAI from 'openai'

import { AiError, type ImageRequest, type ImageResult, type Provider, type TextRequest, type TextResult } from '../core/types'
import { cancelled, cutShort, isQuotaExhausted, mapSdkError } from './errors'

export type ProviderClientOptions = { apiKey: string; baseURL?: string; maxRetries?: number; timeoutMs?: number }

/** Reasoning models (o-series, gpt-5) reject any temperature but the default. */
const acceptsTemperature = (model: string) => !/^(o\d|gpt-5)/.test(model)

const LABEL = 'OpenAI'

const usageOf = (usage: OpenAI.CompletionUsage | undefined) => (usage ? { inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0 } : undefined)

/**
 * OpenAI through its official SDK: text through Chat Completions (streamed
 * with usage in the last chunk; structured output via response_format
 * json_schema, strict), images through the Images API.
 */
/**
 * The SDK retries every 429 unless the response says `x-should-retry: false`,
 * and OpenAI does not say so for `insufficient_quota` (an account out of
 * credit): three calls and several seconds for an answer that cannot change.
 * This fetch adds the header to those responses, so the SDK gives up at once.
 */
const fetchWithoutQuotaRetries: typeof fetch = async (input, init) => {
  const response = await fetch(input, init)
  if (response.status !== 429 || response.headers.get('x-should-retry')) return response
  const body = await response.text()
  const headers = new Headers(response.headers)
  if (isQuotaExhausted(body)) headers.set('x-should-retry', 'false')
  return new Response(body, { status: response.status, statusText: response.statusText, headers })
}

export const createOpenAIProvider = ({ apiKey, baseURL, maxRetries = 2, timeoutMs = 120_000 }: ProviderClientOptions): Provider => {
  const client = new OpenAI({ apiKey, baseURL: baseURL || undefined, maxRetries, timeout: timeoutMs, fetch: fetchWithoutQuotaRetries })

  const generateText = async (request: TextRequest): Promise<TextResult> => {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = []
    if (request.system) messages.push({ role: 'system', content: request.system })
    messages.push({ role: 'user', content: request.prompt })
    const params = {
      model: request.model,
      messages,
      max_completion_tokens: request.maxTokens,
      ...(request.temperature !== null && request.temperature !== undefined && acceptsTemperature(request.model) ? { temperature: request.temperature } : {}),
      ...(request.schema
        ? { response_format: { type: 'json_schema' as const, json_schema: { name: request.schema.name, schema: request.schema.schema, strict: true } } }
        : {}),
    }
    let usage: OpenAI.CompletionUsage | undefined
    let hasStarted = false
    try {
      let text = ''
      let refusal = ''
      let model = request.model
      let stopReason: string | null = null
      if (request.onDelta) {
        const stream = await client.chat.completions.create(
          { ...params, stream: true, stream_options: { include_usage: true } },
          { signal: request.signal },
        )
        // the SDK ends this loop quietly when the request is aborted: the abort is checked after it
        for await (const chunk of stream) {
          hasStarted = true
          model = chunk.model || model
          if (chunk.usage) usage = chunk.usage
          const choice = chunk.choices[0]
          if (!choice) continue
          if (choice.delta?.content) {
            text += choice.delta.content
            request.onDelta(choice.delta.content)
          }
          if (choice.delta?.refusal) refusal += choice.delta.refusal
          if (choice.finish_reason) stopReason = choice.finish_reason
        }
        // usage comes in the last chunk only: cut off before it, nothing was reported
        if (request.signal?.aborted) throw cancelled(usageOf(usage), { isFinal: usage !== undefined })
      } else {
        const completion = await client.chat.completions.create(params, { signal: request.signal })
        const choice = completion.choices[0]
        text = choice?.message?.content ?? ''
        refusal = choice?.message?.refusal ?? ''
        stopReason = choice?.finish_reason ?? null
        model = completion.model || model
        usage = completion.usage
      }
      const inputTokens = usage?.prompt_tokens ?? 0
      const outputTokens = usage?.completion_tokens ?? 0
      if (refusal || stopReason === 'content_filter') {
        throw new AiError('refused', `${LABEL} declined to write this: "${refusal || 'the content filter stopped the answer'}". Rephrase the prompt or the page keywords.`, {
          detail: refusal,
          usage: { inputTokens, outputTokens },
        })
      }
      if (stopReason === 'length' && request.schema) {
        throw new AiError('bad_output', `${LABEL} ran out of tokens before finishing. Raise the prompt's max tokens and regenerate.`, {
          usage: { inputTokens, outputTokens },
        })
      }
      return { text, model, inputTokens, outputTokens, stopReason }
    } catch (err) {
      if (err instanceof AiError) throw err
      if (request.signal?.aborted) throw cancelled(usageOf(usage))
      throw hasStarted ? cutShort(mapSdkError(LABEL, err), usageOf(usage)) : mapSdkError(LABEL, err)
    }
  }

  const generateImage = async (request: ImageRequest): Promise<ImageResult> => {
    try {
      const isGptImage = request.model.startsWith('gpt-image')
      const response = await client.images.generate(
        {
          model: request.model,
          prompt: request.prompt,
          n: 1,
          size: (request.size ?? '1024x1024') as '1024x1024',
          // gpt-image-* always answers base64 and rejects response_format; dall-e defaults to a URL
          ...(isGptImage ? {} : { response_format: 'b64_json' as const }),
        },
        { signal: request.signal },
      )
      const b64 = response.data?.[0]?.b64_json
      if (!b64) throw new AiError('bad_output', `${LABEL} returned no image. Regenerate.`)
      return {
        data: Buffer.from(b64, 'base64'),
        mimeType: 'image/png',
        model: request.model,
        inputTokens: response.usage?.input_tokens ?? 0,
        outputTokens: response.usage?.output_tokens ?? 0,
      }
    } catch (err) {
      throw mapSdkError(LABEL, err)
    }
  }

  return { name: 'openai', label: LABEL, canGenerateImages: true, acceptsTemperature, generateText, generateImage }
}
