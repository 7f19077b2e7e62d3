import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { AiError } from '@/plugins/ai/core/types'
import { createOpenAIProvider } from '@/plugins/ai/providers/openai'
import { startFakeOpenAI, type FakeOpenAI } from '../../fakes/openai'

/** The OpenAI provider against the fake, no database: the SDK's retries as OpenAI's real answers drive them. */

let fake: FakeOpenAI

beforeAll(async () => {
  fake = await startFakeOpenAI()
})

afterAll(async () => {
  await fake?.close()
})

const provider = () => createOpenAIProvider({ apiKey: fake.apiKey, baseURL: fake.baseURL, maxRetries: 2 })
const hero = { model: 'gpt-4o-mini', prompt: 'Write a hero', maxTokens: 100 }

describe('OpenAI 429s', () => {
  it('gives up at once on insufficient_quota: an account out of credit does not recover in a second', async () => {
    fake.reset()
    fake.enqueue({ fault: 'quota' }, { text: 'would have answered on a retry' })
    const error = await provider()
      .generateText(hero)
      .catch((err: unknown) => err)
    expect(error).toBeInstanceOf(AiError)
    expect((error as AiError).code).toBe('quota')
    expect((error as AiError).message).toMatch(/^OpenAI says the account has run out of credit/)
    expect(fake.requests).toHaveLength(1)
  })

  it('still retries a plain rate limit, honouring retry-after', async () => {
    fake.reset()
    fake.enqueue({ fault: 'rate_limit', retryAfter: 0 }, { text: 'after one retry' })
    const result = await provider().generateText(hero)
    expect(result.text).toBe('after one retry')
    expect(fake.requests).toHaveLength(2)
  })
})
