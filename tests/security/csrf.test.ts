import config from '@payload-config'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'

import { publicUrl } from '@/lib/publicUrl'
import { crossOriginCookieProblem } from '@/plugins/api-guard/core/origin'
import { graphql, rest, type RestResponse } from '../helpers/rest'
import { getWorld, unique, type World } from '../helpers/world'

let w: World
let cookie: string
const PANEL = 'http://localhost:3000'
const EVIL = 'http://evil.example'

beforeAll(async () => {
  w = await getWorld()
  // the admin's browser session: the sign-in cookie holds the same JWT the login answered with
  cookie = `payload-token=${w.tokens.admin}`
})

/** The messages a client would show. */
const message = (res: RestResponse): string =>
  Array.isArray(res.body?.errors) ? res.body.errors.map((e: { message: string }) => e.message).join(' | ') : JSON.stringify(res.body)
const pageCount = async () => (await w.payload.count({ collection: 'pages', where: { site: { equals: w.siteA.id } } })).totalDocs
const deploymentCount = async () => (await w.payload.count({ collection: 'deployments', where: { site: { equals: w.siteA.id } } })).totalDocs
const newPage = () => ({ title: 'From somewhere', slug: unique('csrf-'), site: w.siteA.id })

describe('the sign-in cookie from another origin', () => {
  it('configures Payload from PUBLIC_URL: serverURL and the csrf allow-list', async () => {
    const sanitized = await config
    expect(sanitized.serverURL).toBe(PANEL)
    expect(sanitized.csrf).toContain(PANEL)
  })

  it('refuses POST /api/pages with the admin cookie and Origin: http://evil.example, saying why; accepts it from Panel', async () => {
    const before = await pageCount()
    const res = await rest('POST', '/pages', { json: newPage(), headers: { cookie, origin: EVIL } })
    expect(res.status).toBe(403)
    expect(message(res)).toMatch(/comes from "http:\/\/evil\.example", not from Panel \(http:\/\/localhost:3000\)/)
    expect(await pageCount()).toBe(before)
    const same = await rest('POST', '/pages', { json: newPage(), headers: { cookie, origin: PANEL } })
    expect(same.status, message(same)).toBe(201)
    // API keys and JWTs work from anywhere: another site cannot make a browser send them
    const withJwt = await rest('POST', '/pages', { token: w.tokens.editorA, json: newPage(), headers: { origin: EVIL } })
    expect(withJwt.status, message(withJwt)).toBe(201)
  })

  it('refuses POST /api/sites/:id/deploy (a custom endpoint) the same way, before it queues anything; accepts it from Panel', async () => {
    const before = await deploymentCount()
    const res = await rest('POST', `/sites/${w.siteA.id}/deploy`, { headers: { cookie, origin: EVIL } })
    expect(res.status).toBe(403)
    expect(message(res)).toMatch(/sign-in cookie but comes from "http:\/\/evil\.example"/)
    expect(await deploymentCount()).toBe(before)
    const same = await rest('POST', `/sites/${w.siteA.id}/deploy`, { headers: { cookie, origin: PANEL } })
    expect(same.status, message(same)).toBe(202)
  })

  it('refuses a cookie write without Origin when the browser says it is cross-site', async () => {
    const res = await rest('POST', '/pages', { json: newPage(), headers: { cookie, 'sec-fetch-site': 'cross-site' } })
    expect(res.status).toBe(403)
    expect(message(res)).toMatch(/an unknown origin/)
  })

  it('refuses a GraphQL mutation with the cookie from another origin', async () => {
    const before = await pageCount()
    const res = await graphql(`mutation { createPage(data: { title: "x", slug: "${unique('gql-')}", site: ${w.siteA.id} }) { id } }`, {
      headers: { cookie, origin: EVIL },
    })
    expect(message(res)).toMatch(/sign-in cookie but comes from "http:\/\/evil\.example"/)
    expect(await pageCount()).toBe(before)
  })
})

describe('the origin decision', () => {
  const allowedOrigins = [PANEL]
  const decide = (headers: Record<string, string>) => crossOriginCookieProblem({ headers: new Headers(headers), allowedOrigins, cookieName: 'payload-token' })

  it('is Payload\'s: Origin in the list, or no Origin and Sec-Fetch-Site not cross-site', () => {
    expect(decide({ cookie: 'payload-token=x', origin: PANEL })).toBeNull()
    expect(decide({ cookie: 'payload-token=x', 'sec-fetch-site': 'same-origin' })).toBeNull()
    expect(decide({ cookie: 'payload-token=x', 'sec-fetch-site': 'none' })).toBeNull()
    expect(decide({ cookie: 'payload-token=x', origin: 'http://localhost:3000.evil.example' })).toMatch(/Refused/)
    expect(decide({ cookie: 'payload-token=x' })).toMatch(/Refused/)
    expect(decide({ cookie: 'other=1', origin: EVIL })).toBeNull()
    expect(decide({ cookie: 'payload-token=x', origin: EVIL, authorization: 'JWT y' })).toBeNull()
  })
})

describe('PUBLIC_URL', () => {
  const saved = { url: process.env.PUBLIC_URL, env: process.env.NODE_ENV }
  afterEach(() => {
    process.env.PUBLIC_URL = saved.url
    ;(process.env as Record<string, string | undefined>).NODE_ENV = saved.env
    if (saved.url === undefined) delete process.env.PUBLIC_URL
  })

  it('is an origin: a trailing slash is dropped, a path or another scheme is refused with what to write', () => {
    process.env.PUBLIC_URL = 'https://Panel.Example.com:443/'
    expect(publicUrl()).toBe('https://panel.example.com')
    process.env.PUBLIC_URL = 'https://panel.example.com/admin'
    expect(() => publicUrl()).toThrow(/origin only, without a path .*use "https:\/\/panel\.example\.com"/)
    process.env.PUBLIC_URL = 'ftp://panel.example.com'
    expect(() => publicUrl()).toThrow(/http:\/\/ or https:\/\//)
  })

  it('defaults to http://localhost:3000, except in production where it must be set', () => {
    delete process.env.PUBLIC_URL
    expect(publicUrl()).toBe(PANEL)
    ;(process.env as Record<string, string>).NODE_ENV = 'production'
    expect(() => publicUrl()).toThrow(/PUBLIC_URL must be set in production/)
  })
})
