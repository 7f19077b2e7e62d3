import { ValidationError } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { rest } from '../../helpers/rest'
import { getWorld, unique, type World } from '../../helpers/world'

let w: World

beforeAll(async () => {
  w = await getWorld()
})

const FOOTER_WITH_OPEN_IF = '<footer>\n  <p>{{ brand_name }}</p>\n  {% if x %}\n  <p>never closed</p>\n</footer>'

const sectional = (footer: string) => ({
  name: unique('SB sectional '),
  type: 'sectional',
  sections: [
    { type: 'header', name: 'Header', order: 0, html: '<header>{{ menu }}</header>' },
    { type: 'footer', name: 'Footer', order: 2, html: footer },
    { type: 'content', name: 'Main', order: 1, html: '<main>{{ content }}</main>' },
  ],
})

const fieldErrors = (body: any): { path: string; message: string }[] => body?.errors?.[0]?.data?.errors ?? []

describe('saving a template with broken Liquid', () => {
  it('is refused with the field path of the section and a message naming the section and line', async () => {
    const before = (await w.payload.count({ collection: 'templates' })).totalDocs
    const res = await rest('POST', '/templates', { token: w.tokens.admin, json: sectional(FOOTER_WITH_OPEN_IF) })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.body)).toEqual([{ path: 'sections.1.html', message: 'Template section "Footer" line 3: tag {% if x %} not closed' }])
    expect((await w.payload.count({ collection: 'templates' })).totalDocs).toBe(before)
  })

  it('saves the same template once the tag is closed', async () => {
    const res = await rest('POST', '/templates', { token: w.tokens.admin, json: sectional(FOOTER_WITH_OPEN_IF.replace('</footer>', '{% endif %}\n</footer>')) })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  })

  it('checks the layout, menus and block overrides too, and reports every broken part at once', async () => {
    const created = await w.payload.create({ collection: 'templates', data: { name: unique('SB parts '), type: 'monolithic', html: '<main>{{ content }}</main>' } as never })
    const res = await rest('PATCH', `/templates/${created.id}`, {
      token: w.tokens.admin,
      json: {
        html: '<main>\n{{ content | nosuchfilter }}</main>',
        menuHtml: '<nav>{% for item in navigation %}<a>{{ item.label }}</a></nav>',
        blockTemplates: [{ blockType: 'hero', html: '<section>{{ heading }}</section>' }, { blockType: 'cta', html: '<div>\n\n{% endif %}</div>' }],
      },
    })
    expect(res.status).toBe(400)
    const errors = fieldErrors(res.body)
    expect(errors.map((e) => e.path)).toEqual(['html', 'menuHtml', 'blockTemplates.1.html'])
    expect(errors[0].message).toBe('Template layout line 2: undefined filter: nosuchfilter')
    expect(errors[1].message).toMatch(/^Template menu line 1: tag \{% for item in navigation %\} not closed/)
    expect(errors[2].message).toMatch(/^Template block partial "cta" line 3: /)
    const stored = await w.payload.findByID({ collection: 'templates', id: created.id })
    expect(stored.html).toBe('<main>{{ content }}</main>')
  })

  it('is refused through the Local API as a ValidationError', async () => {
    await expect(
      w.payload.create({ collection: 'templates', data: { name: unique('SB local '), type: 'monolithic', faqHtml: '{% for q in items %}' } as never }),
    ).rejects.toBeInstanceOf(ValidationError)
  })
})
