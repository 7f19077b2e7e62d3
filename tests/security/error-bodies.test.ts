import { beforeAll, describe, expect, it } from 'vitest'

import { explainClientErrors } from '@/plugins/api-guard/errors'
import { jpegBytes, uploadForm } from '../helpers/files'
import { graphql, rest, type RestResponse } from '../helpers/rest'
import { getWorld, unique, type World } from '../helpers/world'
import { startCollector } from '../int/analytics/helpers'

let w: World

beforeAll(async () => {
  w = await getWorld()
})

/** The messages a client would show. */
const message = (res: RestResponse): string =>
  Array.isArray(res.body?.errors) ? res.body.errors.map((e: { message: string }) => e.message).join(' | ') : JSON.stringify(res.body)

const GENERIC = /Something went wrong|An unknown error|There was a problem while uploading/

/** A refusal: a 4xx (never a 500) whose message says what was wrong, not a generic one. */
const expectRefusal = (res: RestResponse, status: number, expected: RegExp) => {
  expect(res.status, message(res)).toBe(status)
  expect(message(res)).toMatch(expected)
  expect(message(res)).not.toMatch(GENERIC)
}

const upload = (bytes: Buffer, name: string, type: string) =>
  rest('POST', '/media', { token: w.tokens.editorA, form: uploadForm({ bytes, name, type }, { alt: 'A file', site: w.siteA.id }) })

describe('refusals keep their reason over REST', () => {
  it('every upload refusal is a 4xx saying what is wrong, including the ones Payload would make generic', async () => {
    expectRefusal(await upload(Buffer.from('#!/bin/sh\necho hi\n'), 'evil.png', 'image/png'), 415, /"evil\.png" is not an allowed file type: its content is a script/)
    expectRefusal(await upload(Buffer.from('<?xml version="1.0"?><script>alert(1)</script>'), 'x.svg', 'image/svg+xml'), 415, /"x\.svg" is not an allowed file type/)
    // Payload alone answers these two with "There was a problem while uploading the file."
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10"/></svg>')
    expectRefusal(await upload(svg, 'icon.svg', 'image/svg+xml'), 400, /"icon\.svg" has no size: give its <svg> element width and height attributes or a viewBox/)
    const jpeg = (await jpegBytes(400, 300)).subarray(0, 200)
    expectRefusal(await upload(Buffer.from(jpeg), 'cut.jpg', 'image/jpeg'), 400, /"cut\.jpg" could not be read as an image: .*export it again/)
  })

  it('the secret filter refusal, and any public error whatever its shape, keeps its message', async () => {
    expectRefusal(await rest('GET', '/api-tokens?where[secret][like]=sk-', { token: w.tokens.admin }), 400, /Secret fields \(secret\) cannot be used to filter or sort/)
    const res = await graphql('{ ApiTokens(where: { secret: { like: "sk-" } }) { docs { id } } }', { token: w.tokens.admin })
    expect(message(res)).toMatch(/Secret fields \(secret\) cannot be used to filter or sort/)
    // an error without a name is what Payload's formatter turns into "An unknown error occurred."
    const nameless = Object.assign(new Error('Choose one of your sites first.'), { name: '', status: 400, isPublic: true })
    const answer = await explainClientErrors({
      error: nameless,
      req: {} as never,
      context: {},
      result: { errors: [{ message: 'An unknown error occurred.' }] } as never,
    })
    expect(answer).toEqual({ response: { errors: [{ message: 'Choose one of your sites first.' }] } })
  })
})

describe('malformed requests are 4xx that say what to send', () => {
  const NO_DOCUMENT = /no document to save: send it as a JSON object with Content-Type: application\/json, or as multipart\/form-data/
  it('POST /api/pages with a text/plain body, a form without _payload, or JSON null', async () => {
    const token = w.tokens.editorA
    expectRefusal(await rest('POST', '/pages', { token, headers: { 'content-type': 'text/plain' } }), 400, NO_DOCUMENT)
    const form = new FormData()
    form.set('title', 'x')
    expectRefusal(await rest('POST', '/pages', { token, form }), 400, NO_DOCUMENT)
    expectRefusal(await rest('POST', '/pages', { token, json: null }), 400, NO_DOCUMENT)
    expectRefusal(await rest('PATCH', `/sites/${w.siteA.id}`, { token }), 400, NO_DOCUMENT)
  })

  it('text that is not JSON where Payload parses JSON: _payload and where', async () => {
    const form = new FormData()
    form.set('_payload', '{"title": ')
    expectRefusal(await rest('POST', '/pages', { token: w.tokens.editorA, form }), 400, /not valid JSON/)
    expectRefusal(await rest('GET', '/pages?where=title-is-x', { token: w.tokens.editorA }), 400, /not valid JSON.*where\[field\]\[operator\]=value/)
  })

  it('a filter value of the wrong type', async () => {
    expectRefusal(await rest('GET', '/pages?where[site][equals]=not-a-number', { token: w.tokens.editorA }), 400, /does not fit its field/)
    const date = await rest('GET', '/pages?where[createdAt][greater_than]=not-a-date', { token: w.tokens.editorA })
    expect(date.status, message(date)).toBeLessThan(500)
  })

  it('ids that are not ids: 404 saying so', async () => {
    for (const [method, path] of [['GET', '/pages/abc'], ['DELETE', '/pages/abc'], ['POST', '/pages/abc/duplicate'], ['GET', '/pages/12abc']]) {
      expectRefusal(await rest(method, path, { token: w.tokens.admin }), 404, /ids here are whole numbers/)
    }
  })

  it('versions of a collection that keeps none: 404', async () => {
    expectRefusal(await rest('GET', '/api-tokens/versions', { token: w.tokens.admin }), 404, /API tokens keep no versions/)
    expectRefusal(await rest('GET', '/api-tokens/versions/1', { token: w.tokens.admin }), 404, /API tokens keep no versions/)
  })
})

describe('affiliate links with control characters', () => {
  it('are refused on save with where the character is', async () => {
    const res = await rest('POST', '/affiliate-links', {
      token: w.tokens.editorA,
      json: { name: 'Broken', code: unique('ctl-'), url: 'https://partner.example/offer\r\nSet-Cookie: a=b', site: w.siteA.id },
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toMatch(/invisible control character \(U\+000D, such as a line break or tab\) at position 30/)
  })

  it('stored before the check, still redirect from /go/ (never a 5xx), without the control characters', async () => {
    const code = unique('legacy-')
    const link = await w.payload.create({ collection: 'affiliate-links', data: { name: 'Legacy', code, url: 'https://partner.example/offer', site: w.siteA.id } as never })
    // as an older version stored it: straight into the database, past validation
    await w.payload.db.updateOne({ collection: 'affiliate-links', id: link.id, data: { url: 'https://partner.example/off\u0007er\r\nSet-Cookie: a=b' } })
    const collector = await startCollector()
    try {
      const res = await fetch(`${collector.url}/go/${w.siteA.id}/${code}/`, { redirect: 'manual' })
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe('https://partner.example/off%07erSet-Cookie:%20a=b')
      expect(res.headers.get('set-cookie')).toBeNull()
    } finally {
      await collector.close()
    }
  })
})
