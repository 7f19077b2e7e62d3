import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Page, Site } from '@/payload-types'
import { getAiOptions } from '@/plugins/ai/options'
import { rest } from '../../helpers/rest'
import { unique } from '../../helpers/world'
import { createImage } from '../../helpers/world'
import { lexicalParagraph, resetLimits, setupAi, type AiWorld } from './helpers'

let w: AiWorld
let site: Site

const runAiJobs = () => w.payload.jobs.run({ queue: 'ai', sequential: true })

const batch = async (id: number | string) => (await w.payload.findByID({ collection: 'ai-batches', id, depth: 0 })) as Record<string, any>

const draft = async (id: number) => (await w.payload.findByID({ collection: 'pages', id, depth: 0, draft: true })) as Page

const emptyRichText = { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'paragraph', version: 1, children: [], direction: null, format: '', indent: 0, textFormat: 0, textStyle: '' }] } }

beforeAll(async () => {
  w = await setupAi()
  site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('bulk')}.test`, brandName: 'Bulk Boots', language: w.languageId, template: w.templateId } as never,
  })) as Site
  // the built-in prompts are used: no prompt names a provider for these block types, so OpenAI (the default) writes
  await w.payload.update({ collection: 'prompts', where: { blockType: { equals: 'any' } }, data: { active: false } })
})

afterAll(async () => {
  await w?.payload.update({ collection: 'prompts', where: { id: { in: Object.values(w.prompts).map((p) => p.id) } }, data: { active: true } })
  await w?.restore()
})

describe('Generate page and Generate site', () => {
  let page: Page

  beforeAll(async () => {
    const image = await createImage(w.payload, site.id)
    page = (await w.payload.create({
      collection: 'pages',
      data: {
        title: 'Trail running shoes',
        slug: unique('shoes-'),
        keywords: 'trail running shoes',
        site: site.id,
        _status: 'draft',
        blocks: [
          // hero with a heading: has content, skipped unless forced
          { blockType: 'hero', heading: 'Written by hand' },
          // the editor left these empty
          { blockType: 'cta', heading: '', buttonText: 'x', button: { type: 'url', url: 'https://example.com/' } },
          { blockType: 'article', content: emptyRichText },
          { blockType: 'faq', items: [] },
          { blockType: 'gallery', images: [{ image: image.id }] },
        ],
      } as never,
      // an unfinished page: a draft, so its empty blocks pass validation
      draft: true,
    })) as Page
  })

  it('queues a job, reports per-block results and saves the generated content as a draft, leaving filled blocks alone', async () => {
    resetLimits(w)
    w.openai.reset()
    // the blocks are written side by side: answer by what each call asks for
    w.openai.fallback = (request) => {
      const schema = request.body?.response_format?.json_schema?.name
      if (schema === 'call_to_action') return { json: { heading: 'Run the trail', text: 'Grip and comfort.', buttonText: 'Compare shoes' } }
      if (schema === 'faq') return { json: { heading: 'Shoe questions', items: [{ question: 'Waterproof?', answer: 'Some are.' }, { question: 'Drop?', answer: '4-8 mm.' }, { question: 'Weight?', answer: 'Light.' }] } }
      if (schema === 'gallery') return { json: { heading: 'Gallery', captions: ['Muddy trail'] } }
      return { text: '# Picking trail shoes\n\n## Grip\n\nLook for **deep lugs**.' }
    }
    const before = await draft(page.id)
    const res = await rest('POST', '/ai/bulk', { token: w.tokens.admin, json: { scope: 'page', page: page.id } })
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    expect(res.body.doc).toMatchObject({ status: 'queued', scope: 'page', progress: { total: 5, done: 0 } })
    // nothing happens before the job runs
    expect((await draft(page.id)).blocks).toEqual(before.blocks)
    await runAiJobs()
    const done = await batch(res.body.doc.id)
    expect(done.status).toBe('done')
    expect(done.progress).toMatchObject({ total: 5, done: 5, generated: 4, skipped: 1, failed: 0 })
    expect(done.progress.tokens).toBe(w.openai.usage.reduce((s, u) => s + u.input + u.output, 0))
    const byIndex = Object.fromEntries((done.results as any[]).map((r) => [r.blockIndex, r]))
    expect(byIndex[0]).toMatchObject({ blockType: 'hero', status: 'skipped', message: 'Already has content.' })
    for (const i of [1, 2, 3, 4]) expect(byIndex[i]).toMatchObject({ status: 'generated', message: 'Generated with gpt-4o-mini.' })

    const saved = await draft(page.id)
    const [hero, cta, article, faq, gallery] = saved.blocks as any[]
    expect(hero.heading).toBe('Written by hand')
    expect(cta).toMatchObject({ heading: 'Run the trail', text: 'Grip and comfort.', buttonText: 'Compare shoes' })
    expect(article.heading).toBe('Picking trail shoes')
    expect(article.content.root.children.map((n: any) => n.type)).toEqual(['heading', 'paragraph'])
    expect(faq.heading).toBe('Shoe questions')
    expect(faq.items.map((i: any) => i.question)).toEqual(['Waterproof?', 'Drop?', 'Weight?'])
    expect(gallery.images[0].caption).toBe('Muddy trail')
    expect(gallery.images[0].image).toBeTruthy()
    // still a draft for the editor to review and publish
    expect(saved._status).toBe('draft')
    const history = await w.payload.find({ collection: 'ai-generations', where: { and: [{ site: { equals: site.id } }, { source: { equals: 'bulk' } }] }, pagination: false })
    expect(history.docs).toHaveLength(4)
  })

  it('rewrites filled blocks when forced, and retries a block the SDK gave up on after 429s', async () => {
    resetLimits(w)
    w.openai.reset()
    // rate limited three times (the SDK's two retries), then the job's own retry succeeds
    w.openai.fallback = (request) => {
      const text = JSON.stringify(request.body)
      if (text.includes('hero section')) return { json: { heading: 'Forced hero', subheading: 'New', buttonText: 'Go' } }
      return { text: '# T\n\nBody.' }
    }
    w.openai.enqueue({ fault: 'rate_limit', retryAfter: 0 }, { fault: 'rate_limit', retryAfter: 0 }, { fault: 'rate_limit', retryAfter: 0 })
    const page2 = (await w.payload.create({
      collection: 'pages',
      data: { title: 'Forced', slug: unique('forced-'), site: site.id, blocks: [{ blockType: 'hero', heading: 'Old' }] } as never,
    })) as Page
    const res = await rest('POST', '/ai/bulk', { token: w.tokens.admin, json: { scope: 'page', page: page2.id, force: true } })
    expect(res.status).toBe(202)
    await runAiJobs()
    const done = await batch(res.body.doc.id)
    expect(done.status).toBe('done')
    expect(done.results[0], JSON.stringify(w.openai.requests.map((r) => r.path))).toMatchObject({ status: 'generated', message: 'Generated with gpt-4o-mini after 2 attempts.' })
    expect(((await draft(page2.id)).blocks as any[])[0].heading).toBe('Forced hero')
    expect(w.openai.requests).toHaveLength(4)
    w.openai.fallback = (request) => ({ text: `fallback ${request.path}` })
  })

  it('generates a whole site with at most N calls in flight per provider', async () => {
    resetLimits(w)
    w.openai.reset()
    w.openai.latencyMs = 150
    const semaphore = getAiOptions(w.payload).semaphores.openai
    semaphore.resize(2)
    try {
      const other = (await w.payload.create({
        collection: 'pages',
        data: {
          title: 'Second page',
          slug: unique('second-'),
          site: site.id,
          blocks: [
            { blockType: 'hero', heading: '' },
            { blockType: 'cta', heading: '', buttonText: 'x', button: { type: 'url', url: 'https://example.com/' } },
            { blockType: 'faq', items: [] },
            { blockType: 'textImage', text: emptyRichText, image: (await createImage(w.payload, site.id)).id },
          ],
        } as never,
        draft: true,
      })) as Page
      w.openai.fallback = (request) => {
        const schema = request.body?.response_format?.json_schema
        if (schema?.name === 'hero') return { json: { heading: 'Site hero', subheading: 's', buttonText: 'b' } }
        if (schema?.name === 'call_to_action') return { json: { heading: 'Site CTA', text: 't', buttonText: 'b' } }
        if (schema?.name === 'faq') return { json: { heading: 'FAQ', items: [{ question: 'Q?', answer: 'A.' }] } }
        return { text: '# Beside\n\nText.' }
      }
      const res = await rest('POST', '/ai/bulk', { token: w.tokens.admin, json: { scope: 'site', site: site.id } })
      expect(res.status).toBe(202)
      await runAiJobs()
      const done = await batch(res.body.doc.id)
      expect(done.status).toBe('done')
      expect(done.progress.generated, JSON.stringify(done.results)).toBe(4)
      expect(w.openai.maxInFlight).toBe(2)
      const blocks = (await draft(other.id)).blocks as any[]
      expect(blocks.map((b) => b.heading)).toEqual(['Site hero', 'Site CTA', 'FAQ', 'Beside'])
    } finally {
      semaphore.resize(4)
      w.openai.latencyMs = 0
      w.openai.fallback = (request) => ({ text: `fallback ${request.path}` })
    }
  })

  it('lets the editor of the site follow the run, and nobody else', async () => {
    const { docs } = await w.payload.find({ collection: 'ai-batches', where: { site: { equals: site.id } }, limit: 1 })
    expect((await rest('GET', `/ai-batches/${docs[0].id}`, { token: w.tokens.admin })).status).toBe(200)
    expect((await rest('GET', `/ai-batches/${docs[0].id}`, { token: w.tokens.editorA })).status).toBe(404)
    expect((await rest('PATCH', `/ai-batches/${docs[0].id}`, { token: w.tokens.admin, json: { status: 'queued' } })).status).toBe(403)
  })
})

describe('rich text written by bulk runs', () => {
  it('turns an article into Lexical that the page keeps', async () => {
    // covered end to end above; here: an article block that already has text is skipped
    resetLimits(w)
    const page = (await w.payload.create({
      collection: 'pages',
      data: { title: 'Has text', slug: unique('text-'), site: site.id, blocks: [{ blockType: 'article', content: lexicalParagraph('Mine') }] } as never,
    })) as Page
    const res = await rest('POST', '/ai/bulk', { token: w.tokens.admin, json: { scope: 'page', page: page.id } })
    await runAiJobs()
    const done = await batch(res.body.doc.id)
    expect(done.results[0]).toMatchObject({ status: 'skipped', message: 'Already has content.' })
  })
})
