import { APIConnectionError, APIError } from 'cloudflare'

/**
 * Retries for every Cloudflare call. The SDK's own retries are turned off
 * (maxRetries: 0) so that one policy covers all steps: exponential backoff
 * with jitter on 5xx (HTML error pages included), 429 honouring retry-after,
 * dropped connections, and Cloudflare's transient code 8000000; everything
 * else fails at once with Cloudflare's own message.
 */

export type RetryOptions = {
  maxRetries: number
  backoffBaseMs: number
  backoffMaxMs: number
  /** Longest retry-after we are willing to wait; longer ones are clamped. */
  retryAfterMaxMs: number
  sleep: (ms: number) => Promise<void>
  /** Called before each retry, for the deployment log. */
  onRetry: (info: { step: string; attempt: number; delayMs: number; reason: string }) => void
}

export type Classified =
  | { kind: 'retry'; reason: string; status?: number; retryAfterMs?: number }
  | { kind: 'auth'; reason: string; status: number; codes: number[] }
  | { kind: 'fatal'; reason: string; status?: number; codes?: number[] }

/** A response the SDK accepted but whose body is not what the API promises (an HTML 200, an empty body). */
export class UnexpectedResponseError extends Error {}

const TRANSIENT_CODES = new Set([8000000])
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
])

export function classify(err: unknown): Classified {
  if (err instanceof UnexpectedResponseError) return { kind: 'retry', reason: err.message }
  if (err instanceof APIConnectionError) {
    return { kind: 'retry', reason: `connection failed (${networkCause(err) ?? err.message})` }
  }
  if (err instanceof APIError && typeof err.status === 'number') {
    const reason = describeApiError(err)
    const codes = err.errors.flatMap((e) => (typeof e.code === 'number' ? [e.code] : []))
    const status = err.status
    if (status === 429) return { kind: 'retry', reason, status, retryAfterMs: retryAfterMs(err.headers) }
    if (status >= 500 || status === 408 || codes.some((code) => TRANSIENT_CODES.has(code))) {
      return { kind: 'retry', reason, status }
    }
    if (status === 401 || status === 403) return { kind: 'auth', status, reason, codes }
    return { kind: 'fatal', reason, status, codes }
  }
  const code = networkCause(err)
  if (code) return { kind: 'retry', reason: `connection failed (${code})` }
  return { kind: 'fatal', reason: err instanceof Error ? err.message : String(err) }
}

/** "502 Bad gateway (HTML error page)" rather than a page of HTML; Cloudflare's code and message otherwise. */
export function describeApiError(err: APIError): string {
  if (err.errors.length) {
    return `${err.status} ${err.errors.map((e) => `${e.message} [${e.code}]`).join('; ')}`
  }
  const text = err.message
  if (/<html|<!doctype/i.test(text)) {
    const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim()
    return `${err.status} HTML error page${title ? ` "${title}"` : ''}`
  }
  return text.length > 300 ? `${text.slice(0, 300)}...` : text
}

function networkCause(err: unknown): string | undefined {
  let current: unknown = err
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

function retryAfterMs(headers: Headers | undefined): number | undefined {
  const ms = headers?.get('retry-after-ms')
  if (ms && Number.isFinite(Number(ms))) return Number(ms)
  const value = headers?.get('retry-after')
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return seconds * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

export function backoffDelay(attempt: number, options: RetryOptions): number {
  const ceiling = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** attempt)
  // "equal jitter": at least half the ceiling, so retries never bunch up at zero
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
}

/** Every reason once, in the order first seen, with how often it came: "502 HTML error page (×2), connection failed (ECONNRESET)". */
export function summarizeReasons(reasons: string[]): string {
  const counts = new Map<string, number>()
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1)
  return [...counts].map(([reason, n]) => (n > 1 ? `${reason} (×${n})` : reason)).join(', ')
}

/**
 * The error a step ends with; `reason` is what Cloudflare said, ready for a user. `exhausted`: it gave
 * up because every attempt failed for a passing reason (a 5xx, a reset, a 429, an upload token that
 * lapsed and was renewed), and the message names them all, not only the last.
 */
export class CloudflareStepError extends Error {
  constructor(
    readonly step: string,
    readonly classified: Classified,
    readonly attempts: number,
    readonly history: string[] = [classified.reason],
    readonly exhausted = classified.kind === 'retry',
  ) {
    super(exhausted ? `Cloudflare ${step} failed after ${attempts} attempts: ${summarizeReasons(history)}` : `Cloudflare ${step} failed: ${classified.reason}`)
    this.name = 'CloudflareStepError'
  }
}

/** Retries with an upload token another request already renewed: free, but not for ever. */
const MAX_REPLACED_RETRIES = 10
/** Upload tokens fetched in a row for one call, each refused at once: then the tokens themselves are refused. */
const MAX_TOKENS_IN_A_ROW = 3

/**
 * Runs `call` until it succeeds, a non-retryable error occurs, or retries run
 * out. `onAuthError` lets asset steps swap in a fresh upload token and retry
 * (at most 3 fresh tokens in a row, each an attempt); `'replaced'` means the
 * rejected token had already been renewed by a parallel request, so the retry
 * costs no attempt. When it is absent (or returns false) a 401/403 is final.
 */
export async function withRetry<T>(input: {
  step: string
  options: RetryOptions
  call: () => Promise<T>
  onAuthError?: () => Promise<boolean | 'replaced'>
}): Promise<T> {
  const { step, options, call, onAuthError } = input
  // upload tokens refused with no other failure between them: after the first, each was a fresh one
  let refusedInARow = 0
  let replacedRetries = 0
  // why each attempt failed: when the attempts run out, the error names every cause, not only the last
  const history: string[] = []
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call()
    } catch (err) {
      const classified = classify(err)
      if (classified.kind === 'auth' && onAuthError && replacedRetries < MAX_REPLACED_RETRIES) {
        const canRenew = refusedInARow < MAX_TOKENS_IN_A_ROW && attempt < options.maxRetries
        const outcome = canRenew ? await onAuthError() : false
        // the token had already been replaced (a parallel request saw it lapse first): not this call's failure
        if (outcome === 'replaced') {
          replacedRetries += 1
          options.onRetry({ step, attempt: attempt + 1, delayMs: 0, reason: `${classified.reason}; using the upload token fetched meanwhile` })
          attempt -= 1
          continue
        }
        refusedInARow += 1
        history.push(classified.reason)
        if (outcome) {
          options.onRetry({ step, attempt: attempt + 1, delayMs: 0, reason: `${classified.reason}; fetched a new upload token` })
          continue
        }
        // out of attempts with a token that lapsed like others before it: a passing failure among others, not the
        // token's permission; only fresh tokens refused again and again point at the token (exhausted: false)
        throw new CloudflareStepError(step, classified, attempt + 1, history, refusedInARow <= MAX_TOKENS_IN_A_ROW)
      }
      if (classified.kind !== 'retry' || attempt >= options.maxRetries) {
        if (classified.kind === 'retry') history.push(classified.reason)
        throw new CloudflareStepError(step, classified, attempt + 1, classified.kind === 'retry' ? history : [classified.reason])
      }
      refusedInARow = 0
      history.push(classified.reason)
      const delayMs =
        classified.retryAfterMs !== undefined
          ? Math.min(classified.retryAfterMs, options.retryAfterMaxMs)
          : backoffDelay(attempt, options)
      options.onRetry({ step, attempt: attempt + 1, delayMs, reason: classified.reason })
      await options.sleep(delayMs)
    }
  }
}
