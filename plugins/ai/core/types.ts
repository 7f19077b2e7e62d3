/** The provider interface and the errors every provider maps its failures to. No Payload here. */

export type ProviderName = 'openai' | 'anthropic'

export type JsonSchema = { [key: string]: unknown }

export type TextRequest = {
  model: string
  system?: string | null
  prompt: string
  maxTokens: number
  /** Sent only where the provider and model accept it. */
  temperature?: number | null
  /** Structured output: the answer is JSON text matching this schema. */
  schema?: { name: string; schema: JsonSchema } | null
  /** Streams: called with every piece of text as it arrives. */
  onDelta?: (text: string) => void
  signal?: AbortSignal
}

export type TextResult = {
  text: string
  model: string
  inputTokens: number
  outputTokens: number
  stopReason: string | null
}

export type ImageRequest = { model: string; prompt: string; size?: string; signal?: AbortSignal }

export type ImageResult = {
  data: Buffer
  mimeType: string
  model: string
  inputTokens: number
  outputTokens: number
}

export type Provider = {
  name: ProviderName
  label: string
  canGenerateImages: boolean
  acceptsTemperature: (model: string) => boolean
  generateText: (request: TextRequest) => Promise<TextResult>
  generateImage?: (request: ImageRequest) => Promise<ImageResult>
}

export type AiErrorCode =
  | 'no_key'
  | 'bad_key'
  | 'rate_limited'
  | 'quota'
  | 'refused'
  | 'overloaded'
  | 'provider_error'
  | 'timeout'
  | 'bad_request'
  | 'bad_output'
  | 'bad_prompt'
  | 'budget_exceeded'
  | 'unsupported'
  | 'cancelled'

/** HTTP status our endpoints answer with for each failure. */
export const STATUS_FOR: Record<AiErrorCode, number> = {
  no_key: 400,
  bad_key: 502,
  rate_limited: 429,
  quota: 402,
  refused: 422,
  overloaded: 503,
  provider_error: 502,
  timeout: 504,
  bad_request: 400,
  bad_output: 502,
  bad_prompt: 400,
  budget_exceeded: 429,
  unsupported: 400,
  // nginx's "client closed request": nobody is left to read it
  cancelled: 499,
}

/** A failure with a message written for the editor; `detail` keeps the provider's own words for the history. */
export class AiError extends Error {
  readonly code: AiErrorCode
  readonly status: number
  readonly retryAfterSeconds?: number
  readonly detail?: string
  /** Tokens billed before the failure (a refusal still costs its input). */
  readonly usage?: { inputTokens: number; outputTokens: number }
  /**
   * The provider had the request and the call ended before it reported its
   * final usage (a stream cancelled or broken half-way): it may have billed
   * more than `usage`, up to the call's limit.
   */
  readonly isPartial: boolean

  constructor(
    code: AiErrorCode,
    message: string,
    extra: { retryAfterSeconds?: number; detail?: string; usage?: { inputTokens: number; outputTokens: number }; isPartial?: boolean; status?: number } = {},
  ) {
    super(message)
    this.name = 'AiError'
    this.code = code
    this.status = extra.status ?? STATUS_FOR[code]
    this.retryAfterSeconds = extra.retryAfterSeconds
    this.detail = extra.detail
    this.usage = extra.usage
    this.isPartial = extra.isPartial ?? false
  }
}

export const isAiError = (value: unknown): value is AiError => value instanceof AiError
