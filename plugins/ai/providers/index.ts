import type { Payload } from 'payload'

import { revealSecret } from '@/fields/encrypted/reveal'
import { AiError, type Provider, type ProviderName } from '../core/types'
import type { ResolvedAiOptions } from '../options'
import { createAnthropicProvider } from './anthropic'
import { createOpenAIProvider } from './openai'

export const PROVIDER_LABELS: Record<ProviderName, string> = { openai: 'OpenAI', anthropic: 'Anthropic' }
const ENV_KEYS: Record<ProviderName, string> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' }
const ENV_URLS: Record<ProviderName, string> = { openai: 'OPENAI_BASE_URL', anthropic: 'ANTHROPIC_BASE_URL' }

const clients = new Map<string, Provider>()
const LAST_USED_EVERY_MS = 60_000

/**
 * The key for a provider: the newest active API token of that service
 * (decrypted here, server-side only), else OPENAI_API_KEY / ANTHROPIC_API_KEY.
 */
export const resolveApiKey = async (payload: Payload, provider: ProviderName): Promise<{ apiKey: string; tokenId: number | string | null }> => {
  const { docs } = await payload.find({
    collection: 'api-tokens',
    where: { and: [{ service: { equals: provider } }, { active: { equals: true } }] },
    sort: '-updatedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const token = docs[0]
  if (token) {
    const apiKey = await revealSecret({ payload, collection: 'api-tokens', id: token.id, field: 'secret' })
    if (apiKey) {
      const last = token.lastUsedAt ? Date.parse(token.lastUsedAt) : 0
      if (Date.now() - last > LAST_USED_EVERY_MS) {
        // straight to the adapter: no hooks, no version bump, nothing that could touch the secret
        await payload.db.updateOne({ collection: 'api-tokens', id: token.id, data: { lastUsedAt: new Date().toISOString() } }).catch(() => undefined)
      }
      return { apiKey, tokenId: token.id }
    }
  }
  const fromEnv = process.env[ENV_KEYS[provider]]
  if (fromEnv) return { apiKey: fromEnv, tokenId: null }
  throw new AiError(
    'no_key',
    `No ${PROVIDER_LABELS[provider]} API key. An admin can add one under Settings → API tokens (service ${PROVIDER_LABELS[provider]}), or set ${ENV_KEYS[provider]} on the server.`,
  )
}

export const getProvider = async ({ payload, provider, options }: { payload: Payload; provider: ProviderName; options: ResolvedAiOptions }): Promise<Provider> => {
  const { apiKey } = await resolveApiKey(payload, provider)
  const baseURL = process.env[ENV_URLS[provider]] || undefined
  const cacheKey = `${provider}\n${baseURL ?? ''}\n${apiKey}\n${options.maxRetries}`
  let client = clients.get(cacheKey)
  if (!client) {
    const clientOptions = { apiKey, baseURL, maxRetries: options.maxRetries, timeoutMs: options.timeoutMs }
    client = provider === 'openai' ? createOpenAIProvider(clientOptions) : createAnthropicProvider(clientOptions)
    if (clients.size > 20) clients.clear()
    clients.set(cacheKey, client)
  }
  return client
}
