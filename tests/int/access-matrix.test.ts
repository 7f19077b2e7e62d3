/**
 * Every collection x every actor x create/read/update/trash/delete, through
 * REST with real JWTs. Each denied cell is also checked in the database:
 * nothing changed. "trash" moves a document to the trash (collections with
 * one); "delete" deletes it for good, from the trash where there is one.
 */
import type { CollectionSlug } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { pngBytes, uploadForm } from '../helpers/files'
import { rest } from '../helpers/rest'
import { getWorld, PASSWORD, unique, type World } from '../helpers/world'

type Actor = 'anonymous' | 'editorA' | 'editorB' | 'admin'
type Op = 'create' | 'read' | 'update' | 'trash' | 'delete'
const ACTORS: Actor[] = ['anonymous', 'editorA', 'editorB', 'admin']
const OPS: Op[] = ['create', 'read', 'update', 'trash', 'delete']
/** Collections with `trash: true`. */
const TRASHABLE = new Set(['sites', 'pages', 'media', 'affiliate-links', 'swiper-presets', 'templates', 'prompts'])

let w: World

const tokenOf = (actor: Actor): string | undefined => (actor === 'anonymous' ? undefined : w.tokens[actor])

type Spec = {
  /** The data a create sends (for site-scoped collections, scoped to site A). */
  data: () => Promise<Record<string, unknown>> | Record<string, unknown>
  /** A harmless update. */
  patch: () => Record<string, unknown>
  upload?: () => Promise<{ bytes: Buffer; name: string; type: string }>
  /** Who may do what to a document that belongs to site A (or to nobody, for global collections). */
  allowed: Record<Actor, Op[]>
}

const ALL: Op[] = ['create', 'read', 'update', 'trash', 'delete']
const READ: Op[] = ['read']
const NONE: Op[] = []

const siteScoped = (spec: Omit<Spec, 'allowed'>): Spec => ({
  ...spec,
  allowed: { anonymous: NONE, editorA: ALL, editorB: NONE, admin: ALL },
})
/** A site's content: its editors move it to the trash and back, only admins empty the trash. */
const siteContent = (spec: Omit<Spec, 'allowed'>): Spec => ({
  ...spec,
  allowed: { anonymous: NONE, editorA: ['create', 'read', 'update', 'trash'], editorB: NONE, admin: ALL },
})
const catalogue = (spec: Omit<Spec, 'allowed'>): Spec => ({
  ...spec,
  allowed: { anonymous: NONE, editorA: READ, editorB: READ, admin: ALL },
})

const png = async () => ({ bytes: await pngBytes(), name: `${unique('m')}.png`, type: 'image/png' })

const specs: Record<string, Spec> = {
  pages: siteContent({
    data: () => ({ title: 'Matrix page', slug: unique('matrix-'), site: w.siteA.id }),
    patch: () => ({ title: `Renamed ${unique('')}` }),
  }),
  media: siteContent({
    data: () => ({ alt: 'A blue box', site: w.siteA.id }),
    patch: () => ({ alt: `Blue box ${unique('')}` }),
    upload: png,
  }),
  'affiliate-links': siteContent({
    data: () => ({ name: 'Offer', code: unique('offer-'), url: 'https://partner.example/offer', site: w.siteA.id }),
    patch: () => ({ name: `Offer ${unique('')}` }),
  }),
  'swiper-presets': siteContent({
    data: () => ({ name: 'Top games', items: [{ title: 'Game one', rating: 4.5 }], site: w.siteA.id }),
    patch: () => ({ name: `Top ${unique('')}` }),
  }),
  'payload-folders': siteScoped({
    data: () => ({ name: unique('Folder '), site: w.siteA.id, folderType: ['media'] }),
    patch: () => ({ name: unique('Folder ') }),
  }),
  sites: {
    data: () => ({ domain: `${unique('s')}.test`, brandName: 'Matrix', language: w.languageId, template: w.templateId }),
    patch: () => ({ brandName: `Brand ${unique('')}` }),
    allowed: { anonymous: NONE, editorA: ['read', 'update'], editorB: NONE, admin: ALL },
  },
  templates: catalogue({
    data: () => ({ name: unique('Template '), type: 'monolithic' }),
    patch: () => ({ description: unique('d') }),
  }),
  'template-footprints': catalogue({
    data: () => ({ name: unique('Footprint '), pageUrlStyle: 'html' }),
    patch: () => ({ themePath: `wp-content/themes/${unique('t')}` }),
  }),
  'template-assets': catalogue({
    data: () => ({ description: 'icon' }),
    patch: () => ({ description: unique('icon ') }),
    upload: png,
  }),
  languages: catalogue({
    data: () => ({ code: `de-x${unique('').slice(-6)}`, name: 'Deutsch' }),
    patch: () => ({ name: unique('Lang ') }),
  }),
  prompts: catalogue({
    data: () => ({ name: unique('Prompt '), template: 'Write about {{ keywords }}', provider: 'openai', model: 'gpt-4o-mini' }),
    patch: () => ({ name: unique('Prompt ') }),
  }),
  'api-tokens': {
    data: () => ({ label: unique('Key '), service: 'openai', secret: 'sk-test-1234567890' }),
    patch: () => ({ label: unique('Key ') }),
    allowed: { anonymous: NONE, editorA: NONE, editorB: NONE, admin: ALL },
  },
  users: {
    data: () => ({ email: `${unique('u')}@panel.test`, password: PASSWORD, role: 'editor' }),
    patch: () => ({ name: unique('Name ') }),
    allowed: { anonymous: NONE, editorA: NONE, editorB: NONE, admin: ALL },
  },
}

/**
 * A document of site A (or a global one) made by the server, for
 * read/update/trash/delete cells. For sites that is site A itself, except
 * when an admin trashes or deletes one.
 */
const seed = async (slug: string, op?: Op, actor?: Actor): Promise<{ id: number | string; domain?: string }> => {
  if (slug === 'sites' && !((op === 'delete' || op === 'trash') && actor === 'admin')) return w.siteA
  const spec = specs[slug]
  const data = await spec.data()
  if (spec.upload) {
    const file = await spec.upload()
    return w.payload.create({
      collection: slug as CollectionSlug,
      data: data as never,
      file: { data: file.bytes, mimetype: file.type, name: file.name, size: file.bytes.length },
    })
  }
  return w.payload.create({ collection: slug as CollectionSlug, data: data as never })
}

const exists = async (slug: string, id: number | string) =>
  (await w.payload.count({ collection: slug as CollectionSlug, where: { id: { equals: id } }, trash: true })).totalDocs === 1

const DENIED = [400, 401, 403, 404]

beforeAll(async () => {
  w = await getWorld()
})

describe.each(Object.keys(specs))('%s', (slug) => {
  const spec = specs[slug]

  describe.each(ACTORS)('as %s', (actor) => {
    const may = (op: Op) => spec.allowed[actor].includes(op)

    it(`create: ${may('create') ? 'allowed' : 'denied'}`, async () => {
      const data = await spec.data()
      const before = (await w.payload.count({ collection: slug as CollectionSlug })).totalDocs
      const res = spec.upload
        ? await rest('POST', `/${slug}`, { token: tokenOf(actor), form: uploadForm(await spec.upload(), data) })
        : await rest('POST', `/${slug}`, { token: tokenOf(actor), json: data })
      const after = (await w.payload.count({ collection: slug as CollectionSlug })).totalDocs
      if (may('create')) {
        expect(res.status, JSON.stringify(res.body)).toBe(201)
        expect(after).toBe(before + 1)
      } else {
        expect(DENIED, JSON.stringify(res.body)).toContain(res.status)
        expect(after).toBe(before)
      }
    })

    it(`read: ${may('read') ? 'allowed' : 'denied'} (by id and in lists)`, async () => {
      const doc = await seed(slug, 'read', actor)
      const one = await rest('GET', `/${slug}/${doc.id}`, { token: tokenOf(actor) })
      const list = await rest('GET', `/${slug}?limit=250&depth=0`, { token: tokenOf(actor) })
      const filtered = await rest('GET', `/${slug}?where[id][equals]=${doc.id}&depth=0`, { token: tokenOf(actor) })
      if (may('read')) {
        expect(one.status).toBe(200)
        expect(one.body.id).toBe(doc.id)
        expect(list.body.docs.map((d: { id: unknown }) => d.id)).toContain(doc.id)
        expect(filtered.body.totalDocs).toBe(1)
      } else {
        expect(DENIED).toContain(one.status)
        if (list.status === 200) {
          expect(list.body.docs.map((d: { id: unknown }) => d.id)).not.toContain(doc.id)
          expect(filtered.body.totalDocs).toBe(0)
        } else {
          expect(DENIED).toContain(list.status)
        }
      }
    })

    it(`update: ${may('update') ? 'allowed' : 'denied'}`, async () => {
      const doc = await seed(slug, 'update', actor)
      const patch = spec.patch()
      const res = await rest('PATCH', `/${slug}/${doc.id}`, { token: tokenOf(actor), json: patch })
      const stored = (await w.payload.findByID({ collection: slug as CollectionSlug, id: doc.id, depth: 0 })) as unknown as Record<string, unknown>
      const [key, value] = Object.entries(patch)[0]
      if (may('update')) {
        expect(res.status, JSON.stringify(res.body)).toBe(200)
        expect(stored[key]).toBe(value)
      } else {
        expect(DENIED, JSON.stringify(res.body)).toContain(res.status)
        expect(stored[key]).not.toBe(value)
      }
    })

    it.runIf(TRASHABLE.has(slug))(`trash: ${may('trash') ? 'allowed' : 'denied'}`, async () => {
      const doc = await seed(slug, 'trash', actor)
      // a site goes to the trash only with its domain typed
      const confirm = slug === 'sites' ? { confirmDomain: doc.domain } : {}
      const res = await rest('PATCH', `/${slug}/${doc.id}`, { token: tokenOf(actor), json: { deletedAt: new Date().toISOString(), ...confirm } })
      const stored = (await w.payload.findByID({ collection: slug as CollectionSlug, id: doc.id, depth: 0, trash: true })) as { deletedAt?: string | null }
      if (may('trash')) {
        expect(res.status, JSON.stringify(res.body)).toBe(200)
        expect(stored.deletedAt).toBeTruthy()
      } else {
        expect(DENIED, JSON.stringify(res.body)).toContain(res.status)
        expect(stored.deletedAt ?? null).toBeNull()
      }
    })

    it(`delete: ${may('delete') ? 'allowed' : 'denied'}`, async () => {
      const doc = await seed(slug, 'delete', actor)
      const isTrashable = TRASHABLE.has(slug)
      // for good from the trash (site A itself stays where it is: an editor must not delete it even so)
      if (isTrashable && !(slug === 'sites' && doc.id === w.siteA.id)) await w.payload.update({ collection: slug as CollectionSlug, id: doc.id, data: { deletedAt: new Date().toISOString() } })
      const res = await rest('DELETE', `/${slug}/${doc.id}${isTrashable ? '?trash=true' : ''}`, { token: tokenOf(actor) })
      if (may('delete')) {
        expect(res.status, JSON.stringify(res.body)).toBe(200)
        expect(await exists(slug, doc.id)).toBe(false)
      } else {
        expect(DENIED, JSON.stringify(res.body)).toContain(res.status)
        expect(await exists(slug, doc.id)).toBe(true)
      }
    })
  })
})

describe('site scoping beyond the matrix', () => {
  it('an editor of site B cannot create content in site A, even by naming it', async () => {
    const res = await rest('POST', '/pages', {
      token: w.tokens.editorB,
      json: { title: 'Intruder', slug: unique('intruder-'), site: w.siteA.id },
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toMatch(/site/i)
  })

  it('an editor cannot move a page of their site to a site they do not have', async () => {
    const page = await w.payload.create({ collection: 'pages', data: { title: 'Stay', slug: unique('stay-'), site: w.siteA.id } })
    const res = await rest('PATCH', `/pages/${page.id}`, { token: w.tokens.editorA, json: { site: w.siteB.id } })
    expect(res.status).toBe(400)
    const stored = await w.payload.findByID({ collection: 'pages', id: page.id, depth: 0 })
    expect(stored.site).toBe(w.siteA.id)
  })

  it('a where clause naming another site returns nothing for an editor', async () => {
    await w.payload.create({ collection: 'pages', data: { title: 'B only', slug: unique('b-'), site: w.siteB.id } })
    const res = await rest('GET', `/pages?where[site][equals]=${w.siteB.id}`, { token: w.tokens.editorA })
    expect(res.status).toBe(200)
    expect(res.body.totalDocs).toBe(0)
    const admin = await rest('GET', `/pages?where[site][equals]=${w.siteB.id}`, { token: w.tokens.admin })
    expect(admin.body.totalDocs).toBeGreaterThan(0)
  })

  it('an editor lists only their own user document and cannot promote themselves', async () => {
    const list = await rest('GET', '/users', { token: w.tokens.editorA })
    expect(list.status).toBe(200)
    expect(list.body.docs.map((u: { email: string }) => u.email)).toEqual(['editor-a@panel.test'])
    const promote = await rest('PATCH', `/users/${w.editorA.id}`, {
      token: w.tokens.editorA,
      json: { role: 'admin', sites: [{ site: w.siteA.id }, { site: w.siteB.id }] },
    })
    const stored = await w.payload.findByID({ collection: 'users', id: w.editorA.id, depth: 0 })
    expect(stored.role).toBe('editor')
    expect(stored.sites?.map((s) => (typeof s.site === 'object' ? s.site.id : s.site))).toEqual([w.siteA.id])
    expect([200, 403]).toContain(promote.status)
  })

  it('the first user created becomes an admin even when asking to be an editor', async () => {
    expect(w.admin.role).toBe('admin')
    if (w.firstRegisterRole !== undefined) expect(w.firstRegisterRole).toBe('admin')
    const again = await rest('POST', '/users/first-register', {
      json: { email: `${unique('late')}@panel.test`, password: PASSWORD },
    })
    expect(again.status).toBe(403)
  })

  it('GraphQL returns only the editor\'s sites and pages', async () => {
    const { graphql } = await import('../helpers/rest')
    await w.payload.create({ collection: 'pages', data: { title: 'GQL B', slug: unique('gql-b-'), site: w.siteB.id } })
    const res = await graphql('{ Sites { docs { id domain } } Pages(limit: 100) { docs { id site { id } } } }', {
      token: w.tokens.editorA,
    })
    expect(res.status).toBe(200)
    expect(res.body.data.Sites.docs.map((s: { domain: string }) => s.domain)).toEqual(['site-a.test'])
    const siteIds = new Set(res.body.data.Pages.docs.map((p: { site: { id: unknown } }) => p.site.id))
    expect([...siteIds].every((id) => id === w.siteA.id)).toBe(true)
    const anon = await graphql('{ ApiTokens { docs { id } } }')
    expect(JSON.stringify(anon.body)).toMatch(/not allowed|Forbidden/i)
  })
})
