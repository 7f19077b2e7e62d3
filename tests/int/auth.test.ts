import { beforeAll, describe, expect, it } from 'vitest'

import { rest } from '../helpers/rest'
import { getWorld, type World } from '../helpers/world'

let w: World

beforeAll(async () => {
  w = await getWorld()
})

describe('API keys for automation', () => {
  it('authenticate REST calls with the user\'s own rights, and are never read back, not even by their owner', async () => {
    const apiKey = 'a1b2c3d4-e5f6-4a1b-8c2d-editor-a-automation'
    const enable = await rest('PATCH', `/users/${w.editorA.id}`, {
      token: w.tokens.editorA,
      json: { enableAPIKey: true, apiKey },
    })
    expect(enable.status, JSON.stringify(enable.body)).toBe(200)

    const pages = await rest('GET', `/pages?where[site][equals]=${w.siteB.id}`, { apiKey })
    expect(pages.status).toBe(200)
    expect(pages.body.totalDocs).toBe(0)
    const create = await rest('POST', '/pages', { apiKey, json: { title: 'From a script', site: w.siteA.id } })
    expect(create.status, JSON.stringify(create.body)).toBe(201)
    const intrude = await rest('POST', '/pages', { apiKey, json: { title: 'Elsewhere', site: w.siteB.id } })
    expect(intrude.status).toBe(400)

    const self = await rest('GET', `/users/${w.editorA.id}`, { token: w.tokens.editorA })
    expect(self.body.apiKey).toBeUndefined()
    expect(JSON.stringify(self.body)).not.toContain(apiKey)
    const byAdmin = await rest('GET', `/users/${w.editorA.id}`, { token: w.tokens.admin })
    expect(byAdmin.status).toBe(200)
    expect(byAdmin.body.apiKey).toBeUndefined()
    expect(JSON.stringify(byAdmin.body)).not.toContain(apiKey)

    const wrong = await rest('GET', '/pages', { apiKey: 'not-a-real-key' })
    expect(wrong.status).toBe(403)
  })

  it('refuse to delete the last admin', async () => {
    // other files may have made admins of their own; this rule is about the last one
    await w.payload.delete({ collection: 'users', where: { and: [{ role: { equals: 'admin' } }, { id: { not_equals: w.admin.id } }] } })
    const res = await rest('DELETE', `/users/${w.admin.id}`, { token: w.tokens.admin })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toMatch(/only admin/)
  })
})

describe('GET /api/health', () => {
  it('answers 200 with database reachability, without authentication', async () => {
    const res = await rest('GET', '/health')
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('ok')
    expect(res.body.database.reachable).toBe(true)
    expect(typeof res.body.database.latencyMs).toBe('number')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })
})
