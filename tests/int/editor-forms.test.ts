/**
 * Issue 15 items 6 and 7: what editors are shown, and the page form's rules
 * (a slug made from the title, a new FAQ block with a question to fill in,
 * every invalid field named by one Publish).
 */
import fc from 'fast-check'
import { createLocalReq, type CollectionConfig, type Field, type PayloadRequest, type TextField, type Validate } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { FaqBlock } from '@/blocks/Faq/config'
import { slugify } from '@/fields/validators'
import { rest } from '../helpers/rest'
import { getWorld, unique, type World } from '../helpers/world'

let w: World
let req: PayloadRequest

beforeAll(async () => {
  w = await getWorld()
  req = await createLocalReq({}, w.payload)
})

type FieldError = { path: string; message: string }
const fieldErrors = (body: any): FieldError[] => body?.errors?.flatMap((e: any) => e.data?.errors ?? []) ?? []

/** Payload's permissions answer: `true`, `{ permission: true }`, or nothing where it is denied. */
const isAllowed = (permission: unknown): boolean =>
  permission === true || (typeof permission === 'object' && permission !== null && (permission as { permission?: unknown }).permission === true)

const isHiddenFor = (collection: CollectionConfig, user: unknown): boolean => {
  const hidden = collection.admin?.hidden
  return typeof hidden === 'function' ? hidden({ user: user as never }) : Boolean(hidden)
}

const ADMIN_ONLY = ['templates', 'template-footprints', 'template-assets', 'languages', 'prompts', 'page-views', 'analytics', 'ai-batches', 'api-tokens']
const EDITORS_WORK_IN = ['sites', 'pages', 'media', 'affiliate-links', 'swiper-presets', 'deployments']

describe("editors' navigation lists only what they can use", () => {
  it('hides the admin-only sections from editors and shows them to admins', () => {
    const byslug = new Map<string, CollectionConfig>(w.payload.config.collections.map((c) => [c.slug, c as unknown as CollectionConfig]))
    for (const slug of ADMIN_ONLY) {
      expect(isHiddenFor(byslug.get(slug)!, w.editorA), slug).toBe(true)
      expect(isHiddenFor(byslug.get(slug)!, w.admin), slug).toBe(false)
    }
    for (const slug of EDITORS_WORK_IN) expect(isHiddenFor(byslug.get(slug)!, w.editorA), slug).toBe(false)
  })

  it('hides from editors only collections in which they can neither create nor change anything', async () => {
    const access = (await rest('GET', '/access', { token: w.tokens.editorA })).body
    for (const collection of w.payload.config.collections) {
      const config = collection as unknown as CollectionConfig
      // hidden from everyone (Payload's own folders, internal collections) is not a choice about editors
      if (!isHiddenFor(config, w.editorA) || isHiddenFor(config, w.admin)) continue
      const permissions = access.collections[collection.slug] ?? {}
      expect(isAllowed(permissions.create), `${collection.slug}: editors may create`).toBe(false)
      expect(isAllowed(permissions.update), `${collection.slug}: editors may update`).toBe(false)
    }
  })

  it('keeps what the site form picks from readable through the API (hiding is only the navigation)', async () => {
    for (const slug of ['templates', 'languages', 'template-footprints', 'prompts']) {
      const res = await rest('GET', `/${slug}?limit=1&depth=0`, { token: w.tokens.editorA })
      expect(res.status, slug).toBe(200)
    }
    expect((await rest('GET', '/api-tokens?limit=1', { token: w.tokens.editorA })).status).toBe(403)
  })
})

describe('the slug is made from the title, so it is not asked for', () => {
  const slugFieldConfig = (): TextField => {
    const fields = w.payload.collections.pages.config.fields as Field[]
    return fields.find((f) => 'name' in f && f.name === 'slug') as TextField
  }
  const validateSlug = (value: unknown, siblingData: Record<string, unknown>, site?: number) =>
    (slugFieldConfig().validate as Validate)(value, {
      siblingData,
      data: { ...siblingData, site },
      req,
      operation: 'create',
      path: ['slug'],
    } as never)

  it('is not marked required in the form', () => {
    expect(slugFieldConfig().required ?? false).toBe(false)
  })

  it('the form accepts an empty slug exactly when the title makes a valid one, and judges the slug the title makes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (title) => {
        const empty = await validateSlug('', { title })
        const made = slugify(title)
        if (made === '') expect(empty).toMatch(/Enter a slug, or a title/)
        else expect(empty).toBe(await validateSlug(made, { title }))
      }),
      { numRuns: 200 },
    )
  })

  it('the form names a clash before saving: an empty slug whose title makes a slug already used on the site', async () => {
    const title = `Clash ${unique('t')}`
    await w.payload.create({ collection: 'pages', data: { title, site: w.siteA.id } as never })
    expect(await validateSlug('', { title }, w.siteA.id)).toMatch(/already used on this site/)
    expect(await validateSlug('', { title }, w.siteB.id)).toBe(true)
  })

  it('the server makes it from the title, refuses a title with nothing to make it from, and keeps it unique per site', async () => {
    const title = `Über uns ${unique('')}`
    const made = await rest('POST', '/pages', { token: w.tokens.editorA, json: { title, site: w.siteA.id } })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(made.body.doc.slug).toBe(slugify(title))
    const again = await rest('POST', '/pages', { token: w.tokens.editorA, json: { title, site: w.siteA.id } })
    expect(again.status).toBe(400)
    expect(fieldErrors(again.body).find((e) => e.path === 'slug')?.message).toMatch(/already used on this site/)
    const nothing = await rest('POST', '/pages', { token: w.tokens.editorA, json: { title: '!!!', site: w.siteA.id, _status: 'published' } })
    expect(nothing.status).toBe(400)
    expect(fieldErrors(nothing.body).find((e) => e.path === 'slug')?.message).toMatch(/Enter a slug, or a title/)
  })
})

describe('a new FAQ block starts with a question to fill in', () => {
  it('has one empty question row by default', () => {
    const items = FaqBlock.fields.find((f) => 'name' in f && f.name === 'items') as { defaultValue?: unknown }
    const value = typeof items.defaultValue === 'function' ? (items.defaultValue as () => unknown)() : items.defaultValue
    expect(value).toEqual([{ question: '', answer: '' }])
  })

  it('Save Draft keeps the unfinished row; Publish names its question and answer in one answer', async () => {
    const draft = await rest('POST', '/pages?draft=true', {
      token: w.tokens.editorA,
      json: { title: `FAQ ${unique('')}`, site: w.siteA.id, _status: 'draft', blocks: [{ blockType: 'faq' }] },
    })
    expect(draft.status, JSON.stringify(draft.body)).toBe(201)
    expect(draft.body.doc.blocks[0].items).toHaveLength(1)
    const publish = await rest('PATCH', `/pages/${draft.body.doc.id}`, { token: w.tokens.editorA, json: { _status: 'published' } })
    expect(publish.status).toBe(400)
    expect(fieldErrors(publish.body).map((e) => e.path)).toEqual(expect.arrayContaining(['blocks.0.items.0.question', 'blocks.0.items.0.answer']))
  })
})

describe('Publish names every invalid field at once', () => {
  // each block as an editor adds it and forgets to fill it, with the fields Publish must name
  const UNFINISHED: Record<string, { block: Record<string, unknown>; paths: string[] }> = {
    hero: { block: { blockType: 'hero' }, paths: ['heading'] },
    faq: { block: { blockType: 'faq' }, paths: ['items.0.question', 'items.0.answer'] },
    cta: { block: { blockType: 'cta' }, paths: ['heading'] },
  }

  it('for any mix of unfinished blocks, one refused Publish lists all of their fields', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...Object.keys(UNFINISHED)), { minLength: 1, maxLength: 5 }), async (kinds) => {
        const res = await rest('POST', '/pages', {
          token: w.tokens.editorA,
          json: { title: `Mix ${unique('')}`, site: w.siteA.id, _status: 'published', blocks: kinds.map((k) => UNFINISHED[k]!.block) },
        })
        expect(res.status).toBe(400)
        const named = fieldErrors(res.body).map((e) => e.path)
        const expected = kinds.flatMap((kind, i) => UNFINISHED[kind]!.paths.map((p) => `blocks.${i}.${p}`))
        expect(named).toEqual(expect.arrayContaining(expected))
        // the toast's message names them too, not only the first
        expect(res.body.errors[0].message).toMatch(new RegExp(`invalid.*${kinds.length > 1 ? 'Block 2' : 'Block 1'}`))
      }),
      { numRuns: 12 },
    )
  })
})
