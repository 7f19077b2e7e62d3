import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { Page, Prompt, Site } from '@/payload-types'
import { reserveTokens, tokensUsedThisMonth } from '@/plugins/ai/budget'
import { budgetMonth } from '@/plugins/ai/core/budget'
import { monthStart } from '@/plugins/ai/core/limits'
import { BUDGET_STOP } from '@/plugins/ai/jobs/batch'
import { rest } from '../helpers/rest'
import { unique } from '../helpers/world'
import { generate, resetLimits, setupAi, type AiWorld } from '../int/ai/helpers'

/**
 * Issue 12.4: with 200 tokens left, 10 parallel generations all ran (1,380
 * tokens over), and a bulk run's per-page Promise.all overshot by 1,592. Every
 * call now reserves its most possible tokens in the database before it
 * reaches the provider; the reservation is settled with the real usage.
 */

let w: AiWorld

const HERO = { json: { heading: 'Dry feet', subheading: 'Tested on wet trails.', buttonText: 'See boots' } }

const newSite = async (): Promise<Site> =>
  (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('budget-')}.test`, brandName: 'Budget Boots', language: w.languageId, template: w.templateId, aiMonthlyTokenBudget: 1 } as never,
  })) as Site

/** A draft page whose hero blocks are empty (so a bulk run writes them) and each name `prompt`. */
const newPage = async (site: Site, prompt: Prompt, blocks: number): Promise<Page> =>
  (await w.payload.create({
    collection: 'pages',
    data: {
      title: 'Waterproof boots',
      slug: unique('boots-'),
      keywords: 'waterproof boots',
      site: site.id,
      _status: 'draft',
      blocks: Array.from({ length: blocks }, () => ({ blockType: 'hero', heading: '', prompt: prompt.id })),
    } as never,
    draft: true,
  })) as Page

const setBudget = (site: Site, tokens: number) => w.payload.update({ collection: 'sites', id: site.id, data: { aiMonthlyTokenBudget: tokens } })

/** The most one generation of this block may use, as the refusal with a budget of 1 token states it. */
const mostPerCall = async (site: Site, page: Page, prompt: Prompt): Promise<number> => {
  await setBudget(site, 1)
  await resetLimits(w)
  const res = await generate(w.tokens.admin, { page: page.id, blockIndex: 0, prompt: prompt.id })
  expect(res.status).toBe(429)
  const match = /may use up to ([\d,]+) tokens/.exec(res.body.errors[0].message)
  expect(match, res.body.errors[0].message).not.toBeNull()
  return Number(match![1].replace(/,/g, ''))
}

/** What the site's history says it used this month: the provider-reported figures of every call. */
const recordedUsage = async (site: Site) =>
  (await w.payload.find({ collection: 'ai-generations', where: { site: { equals: site.id } }, pagination: false, depth: 0 })).docs.reduce(
    (sum, doc) => sum + (doc.totalTokens ?? 0),
    0,
  )

/** Polls until `ready` (at most 30 s), then says what it saw when it gives up. */
const waitUntil = async (ready: () => boolean | Promise<boolean>, state: () => unknown) => {
  const until = Date.now() + 30_000
  while (!(await ready())) {
    if (Date.now() > until) throw new Error(`gave up waiting; saw ${JSON.stringify(state())}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const reservationsOf = async (site: Site) => (await w.payload.count({ collection: 'ai-budget-reservations', where: { site: { equals: site.id } } })).totalDocs

beforeAll(async () => {
  w = await setupAi()
})

afterAll(async () => {
  await w?.restore()
})

afterEach(() => {
  // a failed test must not leave the providers holding their answers
  w.openai.reset()
  w.anthropic.reset()
})

describe.each(['openai', 'anthropic'] as const)('%s: generations at once against a budget with room for two', (provider) => {
  const fake = () => (provider === 'openai' ? w.openai : w.anthropic)

  it('20 parallel generations: two run, eighteen get 429 without reaching the provider, and usage stays within the budget', async () => {
    const site = await newSite()
    const page = await newPage(site, w.prompts[provider], 1)
    const most = await mostPerCall(site, page, w.prompts[provider])
    const budget = 2 * most + Math.floor(most / 2)
    await setBudget(site, budget)
    await resetLimits(w)
    fake().reset()
    fake().fallback = () => HERO
    // the provider holds its answers: whatever reaches it stays in flight while the others ask, so only the
    // reservations (not finished calls) can stop them
    const release = fake().hold()
    const answered: number[] = []
    const pending = Array.from({ length: 20 }, () =>
      generate(w.tokens.admin, { page: page.id, blockIndex: 0, prompt: w.prompts[provider].id }).then((r) => {
        answered.push(r.status)
        return r
      }),
    )
    await waitUntil(
      () => answered.length === 18 && fake().inFlight === 2,
      () => ({ answered, inFlight: fake().inFlight }),
    )
    release()
    const responses = await Promise.all(pending)

    const ok = responses.filter((r) => r.status === 200)
    const refused = responses.filter((r) => r.status === 429)
    expect(ok, JSON.stringify(responses.map((r) => [r.status, r.body?.errors?.[0]?.message]))).toHaveLength(2)
    expect(refused).toHaveLength(18)
    for (const r of refused) expect(r.body.errors[0].code).toBe('budget_exceeded')
    expect(fake().requests).toHaveLength(2)

    const used = await recordedUsage(site)
    expect(used).toBe(fake().usage.reduce((sum, u) => sum + u.input + u.output, 0))
    expect(used).toBeLessThanOrEqual(budget)
    // the budget counted exactly what the provider reported, and holds nothing back any more
    expect(await tokensUsedThisMonth(w.payload, site.id)).toBe(used)
    expect(await reservationsOf(site)).toBe(0)
  })

  it('a bulk run of 8 blocks written side by side: two are generated, the rest stopped by the budget, usage within it', async () => {
    const site = await newSite()
    const page = await newPage(site, w.prompts[provider], 8)
    const most = await mostPerCall(site, page, w.prompts[provider])
    const budget = 2 * most + Math.floor(most / 2)
    await setBudget(site, budget)
    await resetLimits(w)
    fake().reset()
    fake().fallback = () => HERO
    const release = fake().hold()
    const res = await rest('POST', '/ai/bulk', { token: w.tokens.admin, json: { scope: 'page', page: page.id } })
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    const running = w.payload.jobs.run({ queue: 'ai', sequential: true })
    // the six that did not fit are settled while the two that did are still at the provider
    let progress: Record<string, any> = {}
    await waitUntil(
      async () => {
        progress = ((await w.payload.findByID({ collection: 'ai-batches', id: res.body.doc.id, depth: 0 })) as Record<string, any>).progress ?? {}
        return progress.skipped === 6 && fake().inFlight === 2
      },
      () => ({ progress, inFlight: fake().inFlight }),
    )
    release()
    await running

    const run = (await w.payload.findByID({ collection: 'ai-batches', id: res.body.doc.id, depth: 0 })) as Record<string, any>
    expect(run.status).toBe('done')
    expect(run.progress, JSON.stringify(run.results)).toMatchObject({ total: 8, done: 8, generated: 2, skipped: 6, failed: 0 })
    for (const result of run.results.filter((r: any) => r.status !== 'generated')) expect(result).toMatchObject({ status: 'skipped', message: BUDGET_STOP })
    expect(fake().requests).toHaveLength(2)
    const used = await recordedUsage(site)
    expect(used).toBeLessThanOrEqual(budget)
    expect(run.progress.tokens).toBe(used)
    expect(await tokensUsedThisMonth(w.payload, site.id)).toBe(used)
    expect(await reservationsOf(site)).toBe(0)
  })
})

describe('reservations', () => {
  const saved = process.env.AI_RESERVATION_TTL_MS
  afterEach(() => {
    if (saved === undefined) delete process.env.AI_RESERVATION_TTL_MS
    else process.env.AI_RESERVATION_TTL_MS = saved
  })

  it('one left by a process that died stops counting when it expires; one held by a live process is renewed until settled', async () => {
    process.env.AI_RESERVATION_TTL_MS = '3000'
    const site = await newSite()
    const page = await newPage(site, w.prompts.openai, 1)
    const most = await mostPerCall(site, page, w.prompts.openai)
    await setBudget(site, most)
    const fresh = (await w.payload.findByID({ collection: 'sites', id: site.id, depth: 0 })) as Site
    const call = async () => {
      await resetLimits(w)
      return generate(w.tokens.admin, { page: page.id, blockIndex: 0, prompt: w.prompts.openai.id })
    }

    // a worker took the whole budget and died: its row stays, nobody renews it
    const dead = await w.payload.create({
      collection: 'ai-budget-reservations',
      data: { budgetKey: `${site.id}:${budgetMonth()}`, site: site.id, tokens: most, expiresAt: new Date(Date.now() + 60_000).toISOString() } as never,
    })
    expect((await call()).status).toBe(429)
    // its time comes (no waiting here: the clock is moved, not the test)
    await w.payload.update({ collection: 'ai-budget-reservations', id: dead.id, data: { expiresAt: new Date(Date.now() - 1_000).toISOString() } as never })
    w.openai.enqueue(HERO)
    expect((await call()).status).toBe(200)

    // this process holds the rest: renewed every TTL/3, it still counts after its first TTL is over
    const left = most - (await tokensUsedThisMonth(w.payload, site.id))
    const live = await reserveTokens({ payload: w.payload, site: fresh, tokens: left })
    await new Promise((resolve) => setTimeout(resolve, 3_500))
    const blocked = await call()
    expect(blocked.status).toBe(429)
    expect(blocked.body.errors[0].message).toMatch(/more are held for generations in progress/)
    await live.settle(0)
    await setBudget(site, most * 2)
    w.openai.enqueue(HERO)
    expect((await call()).status).toBe(200)
  })

  it('several processes reserving at once against one database agree: exactly the room there is', async () => {
    const site = await newSite()
    const tokens = 1_000
    const budget = 4 * tokens + 999
    const now = new Date()
    const args = [`${site.id}:${budgetMonth(now)}`, String(site.id), budgetMonth(now), monthStart(now).toISOString(), String(tokens), String(budget), '8']
    const child = path.resolve('tests/security/helpers/reserveChild.ts')
    const run = promisify(execFile)
    const outputs = await Promise.all([1, 2, 3].map(() => run(process.execPath, ['--import', 'tsx', child, ...args], { env: process.env, timeout: 240_000 })))
    const ids = outputs.flatMap(({ stdout }) => JSON.parse(stdout) as (number | null)[])
    expect(ids).toHaveLength(24)
    expect(ids.filter((id) => id !== null)).toHaveLength(4)
    expect(await reservationsOf(site)).toBe(4)
  })
})
