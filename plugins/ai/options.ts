import type { Payload } from 'payload'

import { limitStoreFromEnv, rateLimit, type RateLimit } from '../../lib/rateLimit'
import { Semaphore, RateLimiter } from './core/limits'
import { DEFAULT_PRICES, type PriceTable } from './core/pricing'
import type { ProviderName } from './core/types'

export type AiPluginOptions = {
  /** Off: no endpoints, buttons or jobs (the collections stay, so the schema is the same). */
  enabled?: boolean
  /** USD per million tokens by model prefix; merged over the built-in table. */
  prices?: PriceTable
  /** Generate requests per user (buttons; bulk runs count once), across every app process when REDIS_URL is set. */
  rateLimit?: { requests: number; windowSeconds: number }
  /** Calls in flight at once per provider, across buttons and bulk jobs of this process. */
  concurrency?: Partial<Record<ProviderName, number>>
  /** Used when no prompt names them. */
  defaults?: Partial<AiDefaults>
  /** SDK retries on 408/409/429/5xx (they honour retry-after). */
  maxRetries?: number
  timeoutMs?: number
}

export type AiDefaults = {
  provider: ProviderName
  model: { openai: string; anthropic: string }
  imageModel: string
  altTextModel: string
  maxTokens: number
  temperature: number
}

export type ResolvedAiOptions = {
  isEnabled: boolean
  prices: PriceTable
  defaults: AiDefaults
  maxRetries: number
  timeoutMs: number
  rateLimiter: RateLimit
  semaphores: Record<ProviderName, Semaphore>
}

export const resolveOptions = (options: AiPluginOptions = {}): ResolvedAiOptions => {
  const rate = options.rateLimit ?? { requests: 30, windowSeconds: 60 }
  return {
    isEnabled: options.enabled !== false,
    prices: { ...DEFAULT_PRICES, ...options.prices },
    defaults: {
      provider: options.defaults?.provider ?? 'openai',
      model: { openai: 'gpt-4o-mini', anthropic: 'claude-haiku-4-5', ...options.defaults?.model },
      imageModel: options.defaults?.imageModel ?? 'gpt-image-1',
      altTextModel: options.defaults?.altTextModel ?? 'gpt-4o-mini',
      maxTokens: options.defaults?.maxTokens ?? 2000,
      temperature: options.defaults?.temperature ?? 0.7,
    },
    maxRetries: options.maxRetries ?? 2,
    timeoutMs: options.timeoutMs ?? 120_000,
    rateLimiter: userRateLimit(rate),
    semaphores: {
      openai: new Semaphore(options.concurrency?.openai ?? 4),
      anthropic: new Semaphore(options.concurrency?.anthropic ?? 2),
    },
  }
}

/** In Redis when REDIS_URL is set (shared by every app process), else this process's sliding window. */
const userRateLimit = ({ requests, windowSeconds }: { requests: number; windowSeconds: number }): RateLimit => {
  const store = limitStoreFromEnv()
  if (store) return rateLimit({ name: 'ai-user', points: requests, durationSeconds: windowSeconds, store })
  const memory = new RateLimiter(requests, windowSeconds * 1000)
  return { take: async (key) => memory.take(key), reset: async (key) => memory.reset(key) }
}

const KEY = 'panelAi'

/** The plugin keeps its resolved options in the config's server-only `custom`, so hooks and jobs find them. */
export const optionsCustom = (resolved: ResolvedAiOptions) => ({ [KEY]: resolved })

export const getAiOptions = (payload: Payload): ResolvedAiOptions => {
  const found = (payload.config.custom as Record<string, unknown> | undefined)?.[KEY] as ResolvedAiOptions | undefined
  return found ?? fallback
}

const fallback = resolveOptions()
