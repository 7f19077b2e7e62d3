import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Page, Site } from '@/payload-types'
import { rest } from '../../helpers/rest'
import { unique } from '../../helpers/world'
import { createPageWithAllBlocks, generate, resetLimits, setupAi, type AiWorld } from './helpers'

let w: AiWorld
let page: Page

const HERO = { json: { heading: 'H', subheading: 'S', buttonText: 'B' } }

const generations = async (where: Record<string, unknown> = {}) =>
  (await w.payload.find({ collection: 'ai-generations', where: where as never, sort: '-createdAt', depth: 0, pagination: false })).docs as Record<string, any>[]

beforeAll(async () => {
  w = await setupAi()
  page = await createPageWithAllBlocks(w, w.siteA.id)
})

afterAll(async () => {
  await w?.restore()
})

describe('who may generate', () => {
  it('answers 401 to anonymous callers and calls no model', async () => {
    w.openai.reset()
    const res = await generate(undefined, { page: page.id, blockIndex: 0 })
    expect(res.status).toBe(401)
    expect(res.body.errors[0].message).toBe('Log in to generate content.')
    expect((await rest('POST', '/ai/bulk', { json: { scope: 'page', page: page.id } })).status).toBe(401)
    expect((await rest('GET', '/ai/usage')).status).toBe(401)
    expect(w.openai.requests).toHaveLength(0)
  })

  it("answers 403 to an editor of another site, for the page and for the site, and records nothing", async () => {
    resetLimits(w)
    w.openai.reset()
    const before = (await generations()).length
    const byPage = await generate(w.tokens.editorB, { page: page.id, blockIndex: 0, prompt: w.prompts.openai.id })
    expect(byPage.status).toBe(403)
    expect(byPage.body.errors[0].message).toBe(`You do not have access to ${w.siteA.domain}.`)
    const bySite = await generate(w.tokens.editorB, { site: w.siteA.id, target: 'hero', pageData: { title: 'Sneaky' } })
    expect(bySite.status).toBe(403)
    const bulk = await rest('POST', '/ai/bulk', { token: w.tokens.editorB, json: { scope: 'site', site: w.siteA.id } })
    expect(bulk.status).toBe(403)
    expect(w.openai.requests).toHaveLength(0)
    expect((await generations()).length).toBe(before)
  })

  it('lets editors read only their own sites’ generation history, and nobody write it', async () => {
    resetLimits(w)
    w.openai.enqueue(HERO)
    expect((await generate(w.tokens.editorA, { page: page.id, blockIndex: 0, prompt: w.prompts.openai.id })).status).toBe(200)
    const mine = await rest('GET', '/ai-generations?limit=100', { token: w.tokens.editorA })
    expect(mine.status).toBe(200)
    expect(mine.body.docs.length).toBeGreaterThan(0)
    expect(mine.body.docs.every((d: any) => d.site === w.siteA.id || d.site?.id === w.siteA.id)).toBe(true)
    const theirs = await rest('GET', '/ai-generations?limit=100', { token: w.tokens.editorB })
    expect(theirs.body.docs.filter((d: any) => (d.site?.id ?? d.site) === w.siteA.id)).toHaveLength(0)
    const id = mine.body.docs[0].id
    expect((await rest('PATCH', `/ai-generations/${id}`, { token: w.tokens.admin, json: { inputTokens: 0 } })).status).toBe(403)
    expect((await rest('DELETE', `/ai-generations/${id}`, { token: w.tokens.admin })).status).toBe(403)
    expect((await rest('POST', '/ai-generations', { token: w.tokens.admin, json: { site: w.siteA.id, status: 'success' } })).status).toBe(403)
  })
})

describe('bad input is a 4xx that says what to fix', () => {
  it.each([
    [{ page: 999999, blockIndex: 0 }, 404, 'Page 999999 does not exist.'],
    [{ page: 'abc' }, 400, 'page must be a document id.'],
    [{ target: 'hero' }, 400, 'Say which site this is for'],
    [{ site: 'SITE', target: 'banner' }, 400, 'Unknown target "banner"'],
    [{ page: 'PAGE', blockIndex: 0, target: 'faq' }, 400, 'The block is a hero block, not faq.'],
    [{ page: 'PAGE', blockIndex: 0, prompt: 987654 }, 400, 'Prompt 987654 does not exist.'],
  ])('%j -> %i', async (body, status, message) => {
    resetLimits(w)
    const json = JSON.parse(JSON.stringify(body).replace('"PAGE"', String(page.id)).replace('"SITE"', String(w.siteA.id)))
    const res = await generate(w.tokens.editorA, json)
    expect(res.status).toBe(status)
    expect(res.body.errors[0].message).toContain(message)
  })

  it('names an unknown prompt variable', async () => {
    resetLimits(w)
    const prompt = await w.payload.create({
      collection: 'prompts',
      data: { name: unique('Broken '), type: 'text', blockType: 'hero', provider: 'openai', model: 'gpt-4o-mini', template: 'Hello {{ brand_nam }} about {{ title }}' } as never,
    })
    w.openai.reset()
    const res = await generate(w.tokens.editorA, { page: page.id, blockIndex: 0, prompt: prompt.id })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].message).toMatch(new RegExp(`^Prompt "${prompt.name}": unknown variable \\{\\{ brand_nam \\}\\}\\. Known variables: .*brand_name`))
    expect(w.openai.requests).toHaveLength(0)
    await w.payload.update({ collection: 'prompts', id: prompt.id, data: { active: false } })
  })

  it('rate limits a user who generates too fast, with retry-after', async () => {
    resetLimits(w)
    // requests that fail validation after the limiter still count: 30 per minute by default
    for (let i = 0; i < 30; i++) {
      const res = await generate(w.tokens.editorA, { page: page.id, blockIndex: 0, prompt: 987654 })
      expect(res.status).toBe(400)
    }
    const limited = await generate(w.tokens.editorA, { page: page.id, blockIndex: 0, prompt: w.prompts.openai.id })
    expect(limited.status).toBe(429)
    expect(limited.body.errors[0].message).toMatch(/^You are generating faster than allowed\. Wait \d+ s and try again\.$/)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // another user is not affected
    w.openai.enqueue(HERO)
    expect((await generate(w.tokens.admin, { page: page.id, blockIndex: 0, prompt: w.prompts.openai.id })).status).toBe(200)
    resetLimits(w)
  })
})

describe('provider errors in words', () => {
  const call = (provider: 'openai' | 'anthropic') => generate(w.tokens.editorA, { page: page.id, blockIndex: 0, prompt: w.prompts[provider].id })

  it.each([
    ['openai', [{ fault: 'bad_key' }], 502, 'bad_key', /^OpenAI rejected the API key\. An admin can replace it under Settings → API tokens\.$/],
    ['anthropic', [{ fault: 'bad_key' }], 502, 'bad_key', /^Anthropic rejected the API key/],
    ['openai', [{ refusal: "I'm sorry, I can't help with that." }], 422, 'refused', /^OpenAI declined to write this: "I'm sorry, I can't help with that\."\. Rephrase/],
    ['anthropic', [{ refusal: 'no' }], 422, 'refused', /^Anthropic declined to write this: "The request could be related/],
    ['openai', [{ fault: 'quota' }], 402, 'quota', /^OpenAI says the account has run out of credit/],
    ['openai', [{ fault: 'rate_limit', retryAfter: 0 }, { fault: 'rate_limit', retryAfter: 0 }, { fault: 'rate_limit', retryAfter: 0 }], 429, 'rate_limited', /^OpenAI is rate limiting requests/],
    ['openai', [{ fault: 'server' }, { fault: 'server' }, { fault: 'server' }], 502, 'provider_error', /^OpenAI had an internal error \(500\)\. Try again shortly\.$/],
    ['anthropic', [{ fault: 'overloaded' }, { fault: 'overloaded' }, { fault: 'overloaded' }], 503, 'overloaded', /^Anthropic is overloaded at the moment\. Try again in a minute\.$/],
  ] as const)('%s %j -> %i %s', async (provider, faults, status, code, message) => {
    resetLimits(w)
    const fake = provider === 'openai' ? w.openai : w.anthropic
    fake.reset()
    fake.enqueue(...(faults as unknown as never[]))
    const res = await call(provider)
    expect(res.status).toBe(status)
    expect(res.body.errors[0]).toMatchObject({ code })
    expect(res.body.errors[0].message).toMatch(message)
    // the SDK's own retries: 429 and 5xx are tried three times in all, the rest once
    expect(fake.requests).toHaveLength(faults.length)
    const [last] = await generations({ site: { equals: w.siteA.id } })
    expect(last).toMatchObject({ status: code === 'refused' ? 'refused' : 'failed', errorCode: code, provider })
    expect(last.error).toContain(res.body.errors[0].message)
  })

  it.each(['openai', 'anthropic'] as const)('%s: a retry after a 429 with retry-after succeeds', async (provider) => {
    resetLimits(w)
    const fake = provider === 'openai' ? w.openai : w.anthropic
    fake.reset()
    fake.enqueue({ fault: 'rate_limit', retryAfter: 1 }, HERO)
    const started = Date.now()
    const res = await call(provider)
    expect(res.status).toBe(200)
    expect(res.body.fields.heading).toBe('H')
    expect(fake.requests).toHaveLength(2)
    // retry-after: 1 was honoured
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    // only the successful attempt is billed
    expect(res.body.generation.inputTokens).toBe(fake.usage[0].input)
  })
})

describe('monthly token budget', () => {
  let site: Site
  let budgetPage: Page

  beforeAll(async () => {
    site = (await w.payload.create({
      collection: 'sites',
      data: { domain: `${unique('budget')}.test`, brandName: 'Budget', language: w.languageId, template: w.templateId, aiMonthlyTokenBudget: 1 } as never,
    })) as Site
    budgetPage = await createPageWithAllBlocks(w, site.id)
  })

  it('answers 429 before calling a model when the generation might not fit what is left, with a clear message', async () => {
    await resetLimits(w)
    w.openai.reset()
    const domain = site.domain.replace(/\./g, '\\.')
    // a budget of 1 token: not even the first call fits its most possible usage
    const refused = await generate(w.tokens.admin, { page: budgetPage.id, blockIndex: 0, prompt: w.prompts.openai.id })
    expect(refused.status).toBe(429)
    expect(refused.body.errors[0].code).toBe('budget_exceeded')
    const most = new RegExp(
      `^${domain} has used 0 of its 1 AI tokens for \\w+ \\d{4}\\. This generation may use up to ([\\d,]+) tokens, more than is left\\. The budget resets on \\d{4}-\\d{2}-01; an admin can raise it`,
    ).exec(refused.body.errors[0].message)
    expect(most, refused.body.errors[0].message).not.toBeNull()
    expect(w.openai.requests).toHaveLength(0)
    // room for exactly one such call: it runs, and is counted at what it really used
    const room = Number(most![1].replace(/,/g, ''))
    await w.payload.update({ collection: 'sites', id: site.id, data: { aiMonthlyTokenBudget: room } })
    w.openai.enqueue(HERO)
    const first = await generate(w.tokens.admin, { page: budgetPage.id, blockIndex: 0, prompt: w.prompts.openai.id })
    expect(first.status).toBe(200)
    const used = first.body.generation.inputTokens + first.body.generation.outputTokens
    expect(used).toBeLessThan(room)
    const second = await generate(w.tokens.admin, { page: budgetPage.id, blockIndex: 0, prompt: w.prompts.openai.id })
    expect(second.status).toBe(429)
    expect(second.body.errors[0].message).toMatch(new RegExp(`^${domain} has used ${used.toLocaleString('en')} of its ${room.toLocaleString('en')} AI tokens`))
    expect(w.openai.requests).toHaveLength(1)
    // a bulk run is refused up front once nothing at all is left
    await w.payload.update({ collection: 'sites', id: site.id, data: { aiMonthlyTokenBudget: used } })
    const bulk = await rest('POST', '/ai/bulk', { token: w.tokens.admin, json: { scope: 'page', page: budgetPage.id } })
    expect(bulk.status).toBe(429)
    expect(bulk.body.errors[0].message).toMatch(new RegExp(`^${domain} has used ${used.toLocaleString('en')} of its ${used.toLocaleString('en')} AI tokens`))
  })

  it('lets generation go on once an admin raises the budget, and editors cannot raise it', async () => {
    const email = `${unique('budget-editor')}@panel.test`
    await w.payload.create({ collection: 'users', data: { email, password: 'correct-horse-battery-staple', role: 'editor', sites: [{ site: site.id }] } as never })
    const { login } = await import('../../helpers/rest')
    const token = await login(email, 'correct-horse-battery-staple')
    const before = (await w.payload.findByID({ collection: 'sites', id: site.id })).aiMonthlyTokenBudget
    await rest('PATCH', `/sites/${site.id}`, { token, json: { aiMonthlyTokenBudget: 1_000_000 } })
    expect((await w.payload.findByID({ collection: 'sites', id: site.id })).aiMonthlyTokenBudget).toBe(before)
    await w.payload.update({ collection: 'sites', id: site.id, data: { aiMonthlyTokenBudget: 1_000_000 } })
    resetLimits(w)
    w.openai.enqueue(HERO)
    expect((await generate(token, { page: budgetPage.id, blockIndex: 0, prompt: w.prompts.openai.id })).status).toBe(200)
  })

  it('sums usage per site and provider, matching the fakes’ usage figures', async () => {
    const res = await rest('GET', `/ai/usage?site=${site.id}`, { token: w.tokens.admin })
    expect(res.status).toBe(200)
    const all = await generations({ site: { equals: site.id } })
    expect(res.body.rows).toEqual([
      expect.objectContaining({
        site: site.id,
        domain: site.domain,
        provider: 'openai',
        calls: all.length,
        inputTokens: all.reduce((s, g) => s + g.inputTokens, 0),
        outputTokens: all.reduce((s, g) => s + g.outputTokens, 0),
        budget: 1_000_000,
      }),
    ])
    const editorView = await rest('GET', `/ai/usage?site=${site.id}`, { token: w.tokens.editorB })
    expect(editorView.body.rows).toEqual([])
  })
})
