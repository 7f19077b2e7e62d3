import { beforeAll, describe, expect, it } from 'vitest'

import { rest } from '../helpers/rest'
import { getWorld, type World } from '../helpers/world'

let w: World

beforeAll(async () => {
  w = await getWorld()
})

const publishingOf = async (id: number) => (await w.payload.findByID({ collection: 'sites', id, depth: 0 })).publishing

describe("a site's publishing target and Cloudflare project", () => {
  it('are set by admins', async () => {
    const res = await rest('PATCH', `/sites/${w.siteA.id}`, {
      token: w.tokens.admin,
      json: { publishing: { target: 'filesystem', cloudflareProject: 'site-a-pages' } },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(await publishingOf(w.siteA.id)).toMatchObject({ target: 'filesystem', cloudflareProject: 'site-a-pages' })
  })

  it('are seen but not changed by editors of the site: the deploy cannot be pointed at their own project', async () => {
    const res = await rest('PATCH', `/sites/${w.siteA.id}`, {
      token: w.tokens.editorA,
      json: { brandName: 'Site A, renamed', publishing: { target: 'cloudflare-pages', cloudflareProject: 'attacker-project' } },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const stored = await w.payload.findByID({ collection: 'sites', id: w.siteA.id, depth: 0 })
    expect(stored.brandName).toBe('Site A, renamed')
    expect(stored.publishing).toMatchObject({ target: 'filesystem', cloudflareProject: 'site-a-pages' })
    const read = await rest('GET', `/sites/${w.siteA.id}?depth=0`, { token: w.tokens.editorA })
    expect(read.body.publishing).toMatchObject({ target: 'filesystem', cloudflareProject: 'site-a-pages' })
    await w.payload.update({ collection: 'sites', id: w.siteA.id, data: { brandName: 'site-a' } })
  })
})
