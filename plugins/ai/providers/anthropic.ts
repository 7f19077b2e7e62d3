import Anthropic from '@anthropic-ai/sdk'

import { AiError, type Provider, type TextRequest, type TextResult } from '../core/types'
import { cancelled, cutShort, mapSdkError } from './errors'
import type { ProviderClientOptions } from './openai'

const LABEL = 'Anthropic'

/**
 * Anthropic through its official SDK: the Messages API, streamed with
 * `messages.stream`; structured output through `output_config.format`
 * json_schema. The SDK's current types have no temperature, so none is sent.
 * No image generation.
 */
export const createAnthropicProvider = ({ apiKey, baseURL, maxRetries = 2, timeoutMs = 120_000 }: ProviderClientOptions): Provider => {
  const client = new Anthropic({ apiKey, baseURL: baseURL || undefined, maxRetries, timeout: timeoutMs })

  const generateText = async (request: TextRequest): Promise<TextResult> => {
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model: request.model,
      max_tokens: request.maxTokens,
      messages: [{ role: 'user', content: request.prompt }],
      ...(request.system ? { system: request.system } : {}),
      ...(request.schema ? { output_config: { format: { type: 'json_schema', schema: request.schema.schema } } } : {}),
    }
    // what the stream has reported so far: input in message_start, the final output count in message_delta
    let streamed: { inputTokens: number; outputTokens: number } | undefined
    let isUsageFinal = false
    try {
      let message: Anthropic.Message
      if (request.onDelta) {
        const onDelta = request.onDelta
        const stream = client.messages.stream(params, { signal: request.signal })
        stream.on('text', (delta) => onDelta(delta))
        stream.on('streamEvent', (event) => {
          if (event.type === 'message_start') {
            const usage = event.message.usage
            streamed = {
              inputTokens: (usage.input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0),
              outputTokens: usage.output_tokens ?? 0,
            }
          } else if (event.type === 'message_delta' && streamed) {
            streamed = { ...streamed, outputTokens: event.usage.output_tokens ?? streamed.outputTokens }
            isUsageFinal = true
          }
        })
        message = await stream.finalMessage()
      } else {
        message = await client.messages.create(params, { signal: request.signal })
      }
      const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('')
      const inputTokens = (message.usage.input_tokens ?? 0) + (message.usage.cache_creation_input_tokens ?? 0) + (message.usage.cache_read_input_tokens ?? 0)
      const outputTokens = message.usage.output_tokens ?? 0
      if (message.stop_reason === 'refusal') {
        const why = message.stop_details?.explanation
        throw new AiError('refused', `${LABEL} declined to write this${why ? `: "${why}"` : ''}. Rephrase the prompt or the page keywords.`, {
          detail: why ?? 'refusal',
          usage: { inputTokens, outputTokens },
        })
      }
      if (message.stop_reason === 'max_tokens' && request.schema) {
        throw new AiError('bad_output', `${LABEL} ran out of tokens before finishing. Raise the prompt's max tokens and regenerate.`, {
          usage: { inputTokens, outputTokens },
        })
      }
      return { text, model: message.model || request.model, inputTokens, outputTokens, stopReason: message.stop_reason }
    } catch (err) {
      if (err instanceof AiError) throw err
      if (request.signal?.aborted) throw cancelled(streamed, { isFinal: isUsageFinal })
      throw streamed ? cutShort(mapSdkError(LABEL, err), streamed) : mapSdkError(LABEL, err)
    }
  }

  return { name: 'anthropic', label: LABEL, canGenerateImages: false, acceptsTemperature: () => false, generateText }
}
