import { beforeAll, describe, expect, it } from 'vitest'

import { revealSecret } from '@/fields/encrypted/reveal'
import { graphql, rest } from '../helpers/rest'
import { getWorld, unique, type World } from '../helpers/world'

const SECRET = 'sk-live-abcdefghijklmnop-WXYZ'

let w: World
let tokenId: number | string

beforeAll(async () => {
  w = await getWorld()
  const res = await rest('POST', '/api-tokens', {
    token: w.tokens.admin,
    json: { label: unique('OpenAI '), service: 'openai', secret: SECRET },
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  tokenId = res.body.doc.id
})

const mentionsSecret = (value: unknown) => {
  const text = JSON.stringify(value)
  return text.includes(SECRET) || /v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:/.test(text)
}

describe('API token secrets', () => {
  it('are stored encrypted, never as the plaintext', async () => {
    const row = (await w.payload.db.findOne({ collection: 'api-tokens', where: { id: { equals: tokenId } } })) as Record<string, unknown>
    expect(typeof row.secret).toBe('string')
    expect(row.secret).not.toContain(SECRET)
    expect(row.secret).toMatch(/^v1:/)
  })

  it('are absent from every read path: REST create response, by id, list, GraphQL, Local API', async () => {
    const byId = await rest('GET', `/api-tokens/${tokenId}`, { token: w.tokens.admin })
    const list = await rest('GET', '/api-tokens?depth=0', { token: w.tokens.admin })
    const gql = await graphql(`{ ApiTokens { docs { id label secret secretMask } } }`, { token: w.tokens.admin })
    const local = await w.payload.findByID({ collection: 'api-tokens', id: tokenId })
    const localList = await w.payload.find({ collection: 'api-tokens' })
    for (const [name, read] of Object.entries({ byId: byId.body, list: list.body, gql: gql.body, local, localList })) {
      expect(mentionsSecret(read), `${name}: ${JSON.stringify(read)}`).toBe(false)
    }
    expect(byId.body.secret).toBeUndefined()
    expect(local.secret).toBeUndefined()
  })

  it('are shown masked to the last four characters', async () => {
    const byId = await rest('GET', `/api-tokens/${tokenId}`, { token: w.tokens.admin })
    expect(byId.body.secretMask).toBe('••••WXYZ')
  })

  it('cannot be used in where filters or sorting', async () => {
    const where = await rest('GET', `/api-tokens?where[secret][equals]=${encodeURIComponent(SECRET)}`, { token: w.tokens.admin })
    expect(where.status).toBe(400)
    const like = await rest('GET', '/api-tokens?where[secret][like]=v1', { token: w.tokens.admin })
    expect(like.status).toBe(400)
    const nested = await rest('GET', '/api-tokens?where[or][0][secret][exists]=true', { token: w.tokens.admin })
    expect(nested.status).toBe(400)
    const sort = await rest('GET', '/api-tokens?sort=-secret', { token: w.tokens.admin })
    expect(sort.status).toBe(400)
    await expect(
      w.payload.find({ collection: 'api-tokens', where: { secret: { exists: true } } }),
    ).rejects.toThrow(/cannot be used to filter or sort/)
  })

  it('decrypt server-side through the explicit reveal call', async () => {
    expect(await revealSecret({ payload: w.payload, collection: 'api-tokens', id: tokenId, field: 'secret' })).toBe(SECRET)
  })

  it('survive an update that does not mention them, and are replaced by one that does', async () => {
    const relabel = await rest('PATCH', `/api-tokens/${tokenId}`, { token: w.tokens.admin, json: { label: 'Renamed', secret: '' } })
    expect(relabel.status).toBe(200)
    expect(await revealSecret({ payload: w.payload, collection: 'api-tokens', id: tokenId, field: 'secret' })).toBe(SECRET)
    const rotate = await rest('PATCH', `/api-tokens/${tokenId}`, { token: w.tokens.admin, json: { secret: 'sk-new-9876' } })
    expect(rotate.status).toBe(200)
    expect(rotate.body.doc.secretMask).toBe('••••9876')
    expect(await revealSecret({ payload: w.payload, collection: 'api-tokens', id: tokenId, field: 'secret' })).toBe('sk-new-9876')
  })

  it('cannot be set through the mask field', async () => {
    const res = await rest('PATCH', `/api-tokens/${tokenId}`, { token: w.tokens.admin, json: { secretMask: '••••HACK' } })
    expect(res.status).toBe(200)
    expect(res.body.doc.secretMask).not.toBe('••••HACK')
  })

  it('are required when a token is created', async () => {
    const res = await rest('POST', '/api-tokens', { token: w.tokens.admin, json: { label: 'Empty', service: 'openai' } })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toMatch(/Secret is required/)
  })

  it('are out of reach of editors entirely', async () => {
    const res = await rest('GET', `/api-tokens/${tokenId}`, { token: w.tokens.editorA })
    expect([403, 404]).toContain(res.status)
  })
})
