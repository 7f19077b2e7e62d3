/**
 * An editor of site A pointing any relationship or upload field (blocks at any depth, rich text nodes, the
 * site's logo, preset items, ...) at a document of site B is refused with a 400 naming the field, over REST
 * and GraphQL, on create and on update. The rows come from the Payload config (helpers/referenceMatrix.ts): a field
 * added later is in the matrix without editing this file.
 */
import config from '@payload-config'
import type { CollectionSlug, Payload } from 'payload'
import { formatNames, toWords, ValidationError } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { findForeignReferences } from '@/lib/siteScope/scope'
import type { Page, Site, User } from '@/payload-types'
import { pngBytes, uploadForm } from '../helpers/files'
import { graphql, rest } from '../helpers/rest'
import { createImage, getWorld, unique, type World } from '../helpers/world'
import { countQueries } from '../int/site-builder/fixtures'
import { cleanUp, createFixtures, dataFor, describeRow, errorPath, referenceRows, storedIds, twoSites, type Fixtures, type Row } from './helpers/referenceMatrix'

const sanitized = await config
const rows = referenceRows(sanitized)

type Id = number | string
type Api = 'REST' | 'GraphQL' | 'Local API'
type Actor = 'editor' | 'admin'
type Outcome = { op: 'create' | 'update'; api: Api; actor: Actor; result: 'refused' | 'dropped' | 'n/a'; detail?: string }

let w: World
let fx: Fixtures
let siteA: Site
let siteB: Site
let editor: User
let tokens: Record<Actor, string>
let startedAt: string
const outcomes = new Map<string, Outcome[]>()

const ANOTHER_SITE = /belongs to another site/

beforeAll(async () => {
  w = await getWorld()
  startedAt = new Date().toISOString()
  const made = await twoSites(w)
  ;({ siteA, siteB, editor } = made)
  tokens = { editor: made.editorToken, admin: w.tokens.admin }
  fx = createFixtures(w.payload, siteA.id, siteB.id)
}, 300_000)

afterAll(async () => {
  if (!fx) return
  await cleanUp(fx)
  // a deployment an editor may request (its references dropped) queued a job: nothing of ours is left to run
  await w.payload.db.deleteMany({ collection: 'payload-jobs', where: { createdAt: { greater_than_equal: startedAt } } })
  const counts: Record<string, number> = {}
  for (const list of outcomes.values()) {
    for (const o of list) {
      const key = `${o.api} ${o.op} as ${o.actor}: ${o.result}`
      counts[key] = (counts[key] ?? 0) + 1
    }
  }
  const table = [...outcomes].map(([row, list]) => `  ${row}: ${list.map((o) => `${o.api} ${o.op} ${o.result}${o.actor === 'admin' ? ' (admin)' : ''}`).join(', ')}`)
  console.info(`cross-site matrix: ${outcomes.size} rows\n${table.join('\n')}\n${Object.entries(counts).sort().map(([k, v]) => `  ${k}: ${v}`).join('\n')}`)
})

const graphQLName = (slug: string): string | null => {
  const gql = w.payload.collections[slug as CollectionSlug].config.graphQL
  if (gql === false) return null
  return gql?.singularName ? toWords(gql.singularName, true) : formatNames(slug).singular
}

const isUpload = (slug: string) => Boolean(w.payload.collections[slug as CollectionSlug].config.upload)

/** The ids the row's field holds in a stored document (null when there is no such document). */
const stored = async (row: Row, id: Id) => {
  const doc = await w.payload.findByID({ collection: row.collection as CollectionSlug, id, depth: 0, disableErrors: true, draft: true })
  return doc ? storedIds(row, doc as never) : null
}

/** A 400 whose message names the field, with one reason per foreign reference (one per rich text node). */
const refusal = (row: Row, errors: unknown): boolean => {
  const list = (Array.isArray(errors) ? errors : []) as { message?: string; data?: { errors?: { path: string; message: string }[] }; extensions?: { data?: { errors?: { path: string; message: string }[] } } }[]
  return list.some((e) => {
    const named = (e.data?.errors ?? e.extensions?.data?.errors ?? []).filter((f) => f.path === errorPath(row) && ANOTHER_SITE.test(f.message))
    return named.length === row.targets.length && (e.message ?? '').includes(errorPath(row))
  })
}

type Attempt = { status: 'refused' | 'forbidden' | 'done' | 'other'; createdId?: Id; detail: string }

const viaRest = async (row: Row, op: 'create' | 'update', actor: Actor, foreign: Id[]): Promise<Attempt> => {
  const token = tokens[actor]
  let res
  if (op === 'create') {
    const data = await dataFor(fx, row, foreign, siteA.id)
    res = isUpload(row.collection)
      ? await rest('POST', `/${row.collection}?depth=0`, { token, form: uploadForm({ bytes: await pngBytes(), name: `${unique('m')}.png`, type: 'image/png' }, data) })
      : await rest('POST', `/${row.collection}?depth=0`, { token, json: data })
  } else {
    const id = await fx.docOf(row.collection, siteA.id)
    res = await rest('PATCH', `/${row.collection}/${id}?depth=0`, { token, json: await dataFor(fx, row, foreign, siteA.id) })
  }
  const detail = `${res.status} ${JSON.stringify(res.body).slice(0, 400)}`
  if (res.status === 400 && refusal(row, res.body?.errors)) return { status: 'refused', detail }
  if (res.status === 403) return { status: 'forbidden', detail }
  if (res.status === 200 || res.status === 201) return { status: 'done', createdId: op === 'create' ? res.body?.doc?.id : undefined, detail }
  return { status: 'other', detail }
}

const viaGraphQL = async (row: Row, op: 'create' | 'update', actor: Actor, foreign: Id[]): Promise<Attempt | null> => {
  const name = graphQLName(row.collection)
  // GraphQL cannot carry a file: uploads are created over REST only
  if (!name || (op === 'create' && isUpload(row.collection))) return null
  const mutation = `${op}${name}`
  // the input types Payload names after the collection (buildMutationInputType)
  const args = { data: `mutation${name}${op === 'update' ? 'Update' : ''}Input!`, id: w.payload.collections[row.collection as CollectionSlug].customIDType === 'text' ? 'String!' : 'Int!' }
  const data = await dataFor(fx, row, foreign, siteA.id)
  const id = op === 'update' ? await fx.docOf(row.collection, siteA.id) : undefined
  const query =
    op === 'create'
      ? `mutation ($data: ${args.data}) { ${mutation}(data: $data) { id } }`
      : `mutation ($id: ${args.id}, $data: ${args.data}) { ${mutation}(id: $id, data: $data) { id } }`
  const res = await graphql(query, { token: tokens[actor], variables: { data, ...(id === undefined ? {} : { id }) } })
  const detail = `${res.status} ${JSON.stringify(res.body).slice(0, 400)}`
  const errors = res.body?.errors
  if (errors?.length) {
    if (refusal(row, errors)) return { status: 'refused', detail }
    if (errors.some((e: { extensions?: { statusCode?: number }; message?: string }) => e.extensions?.statusCode === 403 || /not allowed/i.test(e.message ?? ''))) {
      return { status: 'forbidden', detail }
    }
    return { status: 'other', detail }
  }
  return { status: 'done', createdId: res.body?.data?.[mutation]?.id, detail }
}

/** When no user may write the collection through the API: the Local API on the admin's behalf, access off. */
const viaLocalApi = async (row: Row, op: 'create' | 'update', foreign: Id[]): Promise<Attempt> => {
  const user = { ...w.admin, collection: 'users' } as never
  try {
    if (op === 'create') {
      const doc = await w.payload.create({ collection: row.collection as CollectionSlug, data: (await dataFor(fx, row, foreign, siteA.id)) as never, user, overrideAccess: true, depth: 0 })
      return { status: 'done', createdId: doc.id as Id, detail: 'created' }
    }
    const id = (await fx.docOf(row.collection, siteA.id))!
    const data = await dataFor(fx, row, foreign, siteA.id)
    await w.payload.update({ collection: row.collection as CollectionSlug, id, data: data as never, user, overrideAccess: true, depth: 0 })
    return { status: 'done', detail: 'updated' }
  } catch (err) {
    const detail = String((err as Error).message)
    if (err instanceof ValidationError && refusal(row, [{ message: err.message, data: err.data }])) return { status: 'refused', detail }
    return { status: 'other', detail }
  }
}

/**
 * One operation on one API, as the editor, then the admin, then (nobody may) the Local API: never stored.
 * `local` keeps the Local API's outcome of the row, asked once whichever API led to it.
 */
const check = async (row: Row, op: 'create' | 'update', api: 'REST' | 'GraphQL', foreign: Id[], local: Map<string, Promise<Outcome>>): Promise<Outcome> => {
  for (const actor of ['editor', 'admin'] as const) {
    const attempt = api === 'REST' ? await viaRest(row, op, actor, foreign) : await viaGraphQL(row, op, actor, foreign)
    if (attempt === null) return { op, api, actor, result: 'n/a' }
    if (attempt.status === 'forbidden') continue
    return settle(row, op, api, actor, attempt, foreign)
  }
  if (!local.has(op)) local.set(op, viaLocalApi(row, op, foreign).then((attempt) => settle(row, op, 'Local API', 'admin', attempt, foreign)))
  return local.get(op)!
}

const settle = async (row: Row, op: 'create' | 'update', api: Api, actor: Actor, attempt: Attempt, foreign: Id[]): Promise<Outcome> => {
  const where = `${describeRow(row)}: ${api} ${op} as ${actor}`
  expect(attempt.status, `${where}: neither refused nor accepted\n${attempt.detail}`).not.toBe('other')
  if (attempt.status === 'refused') return { op, api, actor, result: 'refused' }
  // accepted: only a field the API does not let users write (the collection drops it) may be, and then without it
  const id = op === 'create' ? attempt.createdId : await fx.docOf(row.collection, siteA.id)
  expect(id, `${where}: accepted without saying what it made\n${attempt.detail}`).toBeDefined()
  if (op === 'create') fx.made.push({ collection: row.collection, id: id! })
  const ids = await stored(row, id!)
  for (const one of foreign) expect(ids ?? [], `${where}: stored a reference to another site's document\n${attempt.detail}`).not.toContain(String(one))
  return { op, api, actor, result: 'dropped', detail: attempt.detail }
}

describe('the matrix', () => {
  it('is generated from the config and reaches every kind of place a reference can sit', () => {
    const names = rows.map(describeRow)
    // a floor, not the list: the generator must keep finding fields in blocks, arrays in blocks, groups, rich text, sites
    for (const expected of [
      'pages blocks.hero.image -> media',
      'pages blocks.cta.button.page -> pages',
      'pages blocks.swiper.preset -> swiper-presets',
      'pages blocks.gallery.images.image -> media',
      'pages blocks.swiper.items.affiliateLink -> affiliate-links',
      'pages blocks.article.content[upload node] -> media',
      'pages meta.image -> media',
      'sites logo -> media',
      'swiper-presets items.image -> media',
      'media folder -> payload-folders',
    ]) {
      expect(names).toContain(expected)
    }
    const link = rows.find((r) => describeRow(r).startsWith('pages blocks.article.content[link node]'))
    expect(link?.targets).toEqual(expect.arrayContaining(['pages', 'media', 'affiliate-links', 'sites']))
    expect(names.some((n) => /^users /.test(n))).toBe(false)
  })
})

describe.each(rows.map((row) => [describeRow(row), row] as const))('%s', (_name, row) => {
  it('is refused on create and update, over REST and GraphQL, and never stored', async () => {
    const foreign: Id[] = []
    for (const target of row.targets) {
      const id = await fx.docOf(target, siteB.id)
      expect(id, `no document of ${target} on site B`).not.toBeNull()
      foreign.push(id!)
    }
    const list: Outcome[] = []
    const local = new Map<string, Promise<Outcome>>()
    for (const op of ['create', 'update'] as const) for (const api of ['REST', 'GraphQL'] as const) list.push(await check(row, op, api, foreign, local))
    outcomes.set(describeRow(row), list)
    // wherever the value reaches the write, it is the field that is named: at least once per row
    expect(list.some((o) => o.result === 'refused'), JSON.stringify(list, null, 1)).toBe(true)
  })
})

describe('beyond the matrix', () => {
  const page = (site: Id, blocks: unknown[]) => ({ title: 'Own', slug: unique('own-'), site, blocks })

  it("accepts the site's own media, pages, links and presets", async () => {
    const image = await createImage(w.payload, siteA.id as number)
    const target = await w.payload.create({ collection: 'pages', data: { title: 'Target', slug: unique('t-'), site: siteA.id } })
    const res = await rest('POST', '/pages', {
      token: tokens.editor,
      json: page(siteA.id, [
        { blockType: 'hero', heading: 'Hi', image: image.id, button: { type: 'page', page: target.id } },
        { blockType: 'article', content: { root: { type: 'root', version: 1, format: '', indent: 0, direction: 'ltr', children: [{ type: 'upload', relationTo: 'media', value: image.id, fields: null, format: '', version: 3 }] } } },
      ]),
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  })

  it('refuses admins alike, and names every foreign field at once', async () => {
    const theirs = await createImage(w.payload, siteB.id as number)
    const res = await rest('POST', '/pages', {
      token: tokens.admin,
      json: { ...page(siteA.id, [{ blockType: 'image', image: theirs.id }, { blockType: 'hero', heading: 'x', image: theirs.id }]), meta: { image: theirs.id } },
    })
    expect(res.status).toBe(400)
    const paths = res.body.errors[0].data.errors.map((e: { path: string }) => e.path).sort()
    expect(paths).toEqual(['blocks.0.image', 'blocks.1.image', 'meta.image'])
    expect(res.body.errors[0].message).toContain('blocks.0.image')
  })

  it('refuses moving a page to another site while it keeps the first site\'s media', async () => {
    const image = await createImage(w.payload, siteA.id as number)
    const moving = (await w.payload.create({ collection: 'pages', data: page(siteA.id, [{ blockType: 'image', image: image.id }]) as never })) as Page
    const res = await rest('PATCH', `/pages/${moving.id}`, { token: tokens.admin, json: { site: siteB.id } })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].data.errors).toEqual([expect.objectContaining({ path: 'blocks.0.image' })])
    const after = await w.payload.findByID({ collection: 'pages', id: moving.id, depth: 0 })
    expect(after.site).toBe(siteA.id)
  })

  it("checks a site's own logo against the site itself", async () => {
    const own = await createImage(w.payload, siteA.id as number)
    const theirs = await createImage(w.payload, siteB.id as number)
    expect((await rest('PATCH', `/sites/${siteA.id}`, { token: tokens.editor, json: { logo: own.id } })).status).toBe(200)
    const res = await rest('PATCH', `/sites/${siteA.id}`, { token: tokens.editor, json: { favicon: theirs.id } })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].data.errors[0]).toMatchObject({ path: 'favicon', message: expect.stringMatching(ANOTHER_SITE) })
  })

  it('refuses on behalf of a user through the Local API, and leaves server code without a user to the build', async () => {
    const theirs = await createImage(w.payload, siteB.id as number)
    const data = page(siteA.id, [{ blockType: 'image', image: theirs.id }]) as never
    await expect(w.payload.create({ collection: 'pages', data, user: { ...editor, collection: 'users' } as never, overrideAccess: false })).rejects.toThrow(/blocks\.0\.image/)
    const trusted = await w.payload.create({ collection: 'pages', data })
    fx.made.push({ collection: 'pages', id: trusted.id })
  })

  it('looks the referenced documents up in one query per collection, however many there are', async () => {
    const images = []
    for (let i = 0; i < 12; i++) images.push(await createImage(w.payload, (i % 2 ? siteA.id : siteB.id) as number))
    const references = [
      ...images.map((m, i) => ({ path: `blocks.${i}.image`, relationTo: 'media', id: m.id, isInRichText: false })),
      { path: 'blocks.12.preset', relationTo: 'swiper-presets', id: (await fx.docOf('swiper-presets', siteB.id))!, isInRichText: false },
    ]
    const counted = await countQueries(w.payload as Payload, () => findForeignReferences({ payload: w.payload, site: siteA.id, references }))
    expect(counted.calls.sort()).toEqual(['find(media)', 'find(swiper-presets)'])
    expect(counted.result.map((r) => r.path)).toEqual([...images.flatMap((_, i) => (i % 2 ? [] : [`blocks.${i}.image`])), 'blocks.12.preset'])
  })
})
