import { beforeAll, describe, expect, it } from 'vitest'

import { rest } from '../helpers/rest'
import { getWorld, unique, type World } from '../helpers/world'

let w: World

beforeAll(async () => {
  w = await getWorld()
})

type FieldError = { path: string; message: string }
const fieldErrors = (body: any): FieldError[] => body?.errors?.flatMap((e: any) => e.data?.errors ?? []) ?? []
const messageFor = (body: any, path: string) => fieldErrors(body).find((e) => e.path === path)?.message

describe('validation answers 400 with field-level messages and saves nothing', () => {
  it('refuses a malformed domain, naming what to fix', async () => {
    for (const [domain, expected] of [
      ['not a domain', /not a (valid )?domain|only the host name/],
      ['localhost', /top-level domain/],
      ['-bad-.com', /hyphen/],
    ] as const) {
      const res = await rest('POST', '/sites', {
        token: w.tokens.admin,
        json: { domain, brandName: 'X', language: w.languageId, template: w.templateId },
      })
      expect(res.status).toBe(400)
      expect(messageFor(res.body, 'domain')).toMatch(expected)
    }
  })

  it('normalises https://Example.COM/ to example.com and refuses a duplicate domain', async () => {
    const domain = `${unique('dup')}.com`
    const first = await rest('POST', '/sites', {
      token: w.tokens.admin,
      json: { domain: `https://${domain.toUpperCase()}/`, brandName: 'One', language: w.languageId, template: w.templateId },
    })
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    expect(first.body.doc.domain).toBe(domain)
    const second = await rest('POST', '/sites', {
      token: w.tokens.admin,
      json: { domain, brandName: 'Two', language: w.languageId, template: w.templateId },
    })
    expect(second.status).toBe(400)
    expect(messageFor(second.body, 'domain')).toBeTruthy()
    expect((await w.payload.count({ collection: 'sites', where: { domain: { equals: domain } } })).totalDocs).toBe(1)
  })

  it('refuses a slug used by another page of the same site, but allows it on another site', async () => {
    const slug = unique('about-')
    const a = await rest('POST', '/pages', { token: w.tokens.admin, json: { title: 'About', slug, site: w.siteA.id } })
    expect(a.status, JSON.stringify(a.body)).toBe(201)
    const clash = await rest('POST', '/pages', { token: w.tokens.admin, json: { title: 'About 2', slug, site: w.siteA.id } })
    expect(clash.status).toBe(400)
    expect(messageFor(clash.body, 'slug')).toMatch(/already used on this site/)
    const other = await rest('POST', '/pages', { token: w.tokens.admin, json: { title: 'About', slug, site: w.siteB.id } })
    expect(other.status, JSON.stringify(other.body)).toBe(201)
    expect((await w.payload.count({ collection: 'pages', where: { slug: { equals: slug } } })).totalDocs).toBe(2)
  })

  it('makes a slug from the title and refuses an invalid one', async () => {
    const made = await rest('POST', '/pages', { token: w.tokens.editorA, json: { title: 'Über uns & Kontakt!', site: w.siteA.id } })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    expect(made.body.doc.slug).toBe('uber-uns-kontakt')
    const bad = await rest('POST', '/pages', { token: w.tokens.editorA, json: { title: 'Bad', slug: 'Has Spaces', site: w.siteA.id } })
    expect(bad.status).toBe(400)
    expect(messageFor(bad.body, 'slug')).toMatch(/not a valid slug/)
  })

  it('allows only http and https URLs', async () => {
    for (const url of ['javascript:alert(1)', 'ftp://files.example.com/x', 'data:text/html,hi', 'not a url']) {
      const res = await rest('POST', '/affiliate-links', {
        token: w.tokens.editorA,
        json: { name: 'Bad', code: unique('bad-'), url, site: w.siteA.id },
      })
      expect(res.status).toBe(400)
      expect(messageFor(res.body, 'url')).toMatch(/http|URL/)
    }
  })

  it('checks colours and variables row by row', async () => {
    // more in structured-fields.test.ts
    const colors = await rest('PATCH', `/sites/${w.siteA.id}`, {
      token: w.tokens.editorA,
      json: { customColors: [{ name: 'primary', value: '#12345' }, { name: 'accent', value: 'blue' }] },
    })
    expect(colors.status).toBe(400)
    expect(messageFor(colors.body, 'customColors.0.value')).toMatch(/"#12345" is not a hex colour/)
    const name = await rest('PATCH', `/sites/${w.siteA.id}`, { token: w.tokens.editorA, json: { templateVariables: [{ name: '1st', value: 'x' }] } })
    expect(name.status).toBe(400)
    expect(messageFor(name.body, 'templateVariables.0.name')).toMatch(/letters, digits and underscores/)
    const good = await rest('PATCH', `/sites/${w.siteA.id}`, {
      token: w.tokens.editorA,
      json: { customColors: [{ name: 'primary', value: '#0f766e' }, { name: 'text', value: '#111827' }] },
    })
    expect(good.status, JSON.stringify(good.body)).toBe(200)
  })

  it('saves nothing of a page whose second block is invalid', async () => {
    const slug = unique('half-')
    const res = await rest('POST', '/pages', {
      token: w.tokens.editorA,
      json: {
        title: 'Half',
        slug,
        site: w.siteA.id,
        blocks: [
          { blockType: 'hero', heading: 'Fine' },
          { blockType: 'cta', heading: 'Missing button', button: { type: 'url', url: 'javascript:alert(1)' } },
        ],
      },
    })
    expect(res.status).toBe(400)
    const paths = fieldErrors(res.body).map((e) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['blocks.1.buttonText', 'blocks.1.button.url']))
    expect((await w.payload.count({ collection: 'pages', where: { slug: { equals: slug } } })).totalDocs).toBe(0)
  })

  it('requires alt text for images', async () => {
    const { pngBytes, uploadForm } = await import('../helpers/files')
    const form = uploadForm({ bytes: await pngBytes(), name: 'no-alt.png', type: 'image/png' }, { site: w.siteA.id })
    const before = (await w.payload.count({ collection: 'media' })).totalDocs
    const res = await rest('POST', '/media', { token: w.tokens.editorA, form })
    expect(res.status).toBe(400)
    expect(messageFor(res.body, 'alt')).toMatch(/Alt text is required/)
    expect((await w.payload.count({ collection: 'media' })).totalDocs).toBe(before)
  })
})
