import type { Payload } from 'payload'

import type { Site, User } from '@/payload-types'
import { pngBytes } from './files'
import { getTestPayload } from './payload'
import { login, rest } from './rest'

export const PASSWORD = 'correct-horse-battery-staple'

export type World = {
  payload: Payload
  admin: User
  editorA: User
  editorB: User
  siteA: Site
  siteB: Site
  tokens: { admin: string; editorA: string; editorB: string }
  languageId: number
  templateId: number
  firstRegisterRole: string | undefined
}

let world: Promise<World> | undefined

let counter = 0
/** Unique per call and per run, so files sharing the database never collide. */
export const unique = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`

const findOrCreate = async <T>(find: () => Promise<T | undefined>, create: () => Promise<T>): Promise<T> =>
  (await find()) ?? create()

const build = async (): Promise<World> => {
  const payload = await getTestPayload()
  let firstRegisterRole: string | undefined

  // The very first account is made the way the admin UI makes it, asking to be a mere editor.
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs === 0) {
    const res = await rest('POST', '/users/first-register', {
      json: { email: 'admin@panel.test', password: PASSWORD, role: 'editor' },
    })
    if (res.status !== 200) throw new Error(`first-register failed: ${res.status} ${JSON.stringify(res.body)}`)
    firstRegisterRole = res.body.user?.role
  }
  const admin = (await payload.find({ collection: 'users', where: { email: { equals: 'admin@panel.test' } } })).docs[0]
  if (!admin) throw new Error('admin@panel.test is missing: the test database was not empty when the run began')

  const language = await findOrCreate(
    async () => (await payload.find({ collection: 'languages', where: { code: { equals: 'en' } } })).docs[0],
    () => payload.create({ collection: 'languages', data: { code: 'en', name: 'English' } }),
  )
  const template = await findOrCreate(
    async () => (await payload.find({ collection: 'templates', where: { name: { equals: 'Test template' } } })).docs[0],
    () => payload.create({ collection: 'templates', data: { name: 'Test template', type: 'monolithic', html: '<main>{{ content }}</main>' } as never }),
  )
  const site = (domain: string) =>
    findOrCreate(
      async () => (await payload.find({ collection: 'sites', where: { domain: { equals: domain } } })).docs[0],
      () =>
        payload.create({
          collection: 'sites',
          data: { domain, brandName: domain.split('.')[0], language: language.id, template: template.id } as never,
        }),
    )
  const siteA = await site('site-a.test')
  const siteB = await site('site-b.test')
  const editor = (email: string, siteId: number) =>
    findOrCreate(
      async () => (await payload.find({ collection: 'users', where: { email: { equals: email } } })).docs[0],
      () =>
        payload.create({
          collection: 'users',
          data: { email, password: PASSWORD, role: 'editor', sites: [{ site: siteId }] },
        }),
    )
  const editorA = await editor('editor-a@panel.test', siteA.id)
  const editorB = await editor('editor-b@panel.test', siteB.id)

  const tokens = {
    admin: await login('admin@panel.test', PASSWORD),
    editorA: await login('editor-a@panel.test', PASSWORD),
    editorB: await login('editor-b@panel.test', PASSWORD),
  }
  return {
    payload,
    admin,
    editorA,
    editorB,
    siteA,
    siteB,
    tokens,
    languageId: language.id,
    templateId: template.id,
    firstRegisterRole,
  }
}

export const getWorld = (): Promise<World> => {
  world ??= build()
  return world
}

/** A stored image in a site's media library, made through the Local API. */
export const createImage = async (payload: Payload, siteId: number, alt = 'A blue rectangle') =>
  payload.create({
    collection: 'media',
    data: { alt, site: siteId },
    file: { data: await pngBytes(), mimetype: 'image/png', name: `${unique('img')}.png`, size: 0 },
  })
