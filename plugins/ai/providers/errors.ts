import { AiError } from '../core/types'

type SdkError = Error & {
  status?: number
  headers?: Headers | Record<string, string>
  error?: unknown
  code?: string | null
  type?: string | null
}

const header = (headers: SdkError['headers'], name: string): string | null => {
  if (!headers) return null
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name)
  return (headers as Record<string, string>)[name] ?? null
}

const retryAfter = (headers: SdkError['headers']): number | undefined => {
  const ms = Number(header(headers, 'retry-after-ms'))
  if (Number.isFinite(ms) && ms > 0) return Math.ceil(ms / 1000)
  const raw = header(headers, 'retry-after')
  if (!raw) return undefined
  const seconds = Number(raw)
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
  const date = Date.parse(raw)
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : undefined
}

/** The provider's own words: OpenAI `{error: {message}}`, Anthropic `{type: "error", error: {type, message}}`. */
const providerMessage = (err: SdkError): string => {
  const body = err.error as { message?: string; error?: { message?: string; type?: string } } | undefined
  return body?.error?.message ?? body?.message ?? err.message
}

const providerType = (err: SdkError): string | undefined => {
  const body = err.error as { type?: string; error?: { type?: string } } | undefined
  return body?.error?.type ?? err.type ?? body?.type ?? undefined
}

/**
 * The caller gave up (the editor closed the stream). The provider already
 * had the request, so it may bill for it: `usage` is what it reported before
 * the connection closed, partial unless `isFinal`.
 */
export const cancelled = (usage?: { inputTokens: number; outputTokens: number }, { isFinal = false } = {}): AiError =>
  new AiError('cancelled', 'Generation was cancelled before it finished.', { usage, isPartial: !isFinal })

/**
 * A stream that broke after the provider had started answering: it has
 * billed something, up to the call's limit, whatever the reason.
 */
export const cutShort = (error: AiError, usage?: { inputTokens: number; outputTokens: number }): AiError =>
  new AiError(error.code, error.message, { detail: error.detail, retryAfterSeconds: error.retryAfterSeconds, status: error.status, usage, isPartial: true })

/** OpenAI answers 429 both for "slow down" and for "out of credit"; only the first is worth another try. */
export const isQuotaExhausted = (body: string): boolean => /"(code|type)"\s*:\s*"insufficient_quota"/.test(body)

/**
 * Turns an SDK failure (after the SDK's own retries) into words for the
 * editor. Both SDKs throw APIError subclasses carrying status, headers and
 * the parsed error body; connection problems and timeouts have no status.
 */
export const mapSdkError = (label: string, raw: unknown): AiError => {
  if (raw instanceof AiError) return raw
  const err = raw as SdkError
  const name = err?.constructor?.name ?? ''
  const detail = providerMessage(err)
  if (name.includes('UserAbort') || err?.name === 'AbortError') return cancelled()
  if (name.includes('Timeout')) return new AiError('timeout', `${label} did not answer in time. Try again.`, { detail })
  if (name.includes('Connection') || err?.status === undefined) {
    return new AiError('provider_error', `${label} could not be reached (${detail}). Check the network or the base URL, then try again.`, { detail })
  }
  const status = err.status
  const type = providerType(err)
  const code = err.code ?? undefined
  if (status === 401) {
    return new AiError('bad_key', `${label} rejected the API key. An admin can replace it under Settings → API tokens.`, { detail })
  }
  if (status === 403) {
    return new AiError('bad_key', `${label} refused access with this API key (${detail}). Check the key's permissions and the model name.`, { detail })
  }
  if (status === 429 && (code === 'insufficient_quota' || type === 'insufficient_quota')) {
    return new AiError('quota', `${label} says the account has run out of credit. Top up the ${label} account, then try again.`, { detail })
  }
  if (status === 429) {
    const seconds = retryAfter(err.headers)
    return new AiError('rate_limited', `${label} is rate limiting requests${seconds ? `; try again in ${seconds} s` : '; try again in a minute'}.`, {
      retryAfterSeconds: seconds,
      detail,
    })
  }
  if (status === 529 || type === 'overloaded_error' || status === 503) {
    return new AiError('overloaded', `${label} is overloaded at the moment. Try again in a minute.`, { detail, retryAfterSeconds: retryAfter(err.headers) })
  }
  if (status === 400 && /credit balance/i.test(detail)) {
    return new AiError('quota', `${label} says the account has run out of credit. Top up the ${label} account, then try again.`, { detail })
  }
  if (status === 400 && (code === 'moderation_blocked' || /safety system/i.test(detail))) {
    return new AiError('refused', `${label} refused the request: its safety system blocked the prompt. Rephrase the prompt or the page keywords.`, { detail })
  }
  if (status === 404) return new AiError('bad_request', `${label} does not know this model or endpoint (${detail}). Check the model name in the prompt.`, { detail })
  if (status >= 400 && status < 500) return new AiError('bad_request', `${label} rejected the request: ${detail}`, { detail })
  return new AiError('provider_error', `${label} had an internal error (${status}). Try again shortly.`, { detail })
}
