import { createLocalReq } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { convertNamedValuesToRows } from '@/lib/dataMigrations/namedValuesToRows'
import { buildSiteFromDatabase } from '@/plugins/site-builder/build'
import { rest } from '../helpers/rest'
import { getWorld, unique, type World } from '../helpers/world'

let w: World

beforeAll(async () => {
  w = await getWorld()
})

type FieldError = { path: string; message: string }
const fieldErrors = (body: any): FieldError[] => body?.errors?.flatMap((e: any) => e.data?.errors ?? []) ?? []
const messageFor = (body: any, path: string) => fieldErrors(body).find((e) => e.path === path)?.message
const rowsOf = (rows: { name: string; value?: string | null }[] | null | undefined) => (rows ?? []).map(({ name, value }) => ({ name, value }))

const paragraph = (text: string) => ({
  root: {
    type: 'root',
    version: 1,
    direction: 'ltr' as const,
    format: '' as const,
    indent: 0,
    children: [
      {
        type: 'paragraph',
        version: 1,
        direction: 'ltr' as const,
        format: '' as const,
        indent: 0,
        textFormat: 0,
        children: [{ type: 'text', version: 1, text, format: 0, style: '', mode: 'normal' as const, detail: 0 }],
      },
    ],
  },
})

describe('site colours are rows of name and hex colour', () => {
  it('refuses a bad colour, a bad name, a name given twice and the old JSON object, saying what to type, and saves nothing', async () => {
    const before = await w.payload.findByID({ collection: 'sites', id: w.siteA.id, depth: 0 })
    const patch = (customColors: unknown) => rest('PATCH', `/sites/${w.siteA.id}`, { token: w.tokens.editorA, json: { customColors } })

    const badValue = await patch([
      { name: 'primary', value: '#0f766e' },
      { name: 'accent', value: '#12345' },
    ])
    expect(badValue.status).toBe(400)
    expect(messageFor(badValue.body, 'customColors.1.value')).toMatch(/"#12345" is not a hex colour: use # followed by 3 or 6 hex digits \(e\.g\. #1d4ed8/)

    for (const value of ['blue', 'rgb(1 2 3)', '#ggg', '0f766e', '']) {
      const res = await patch([{ name: 'primary', value }])
      expect(res.status, value).toBe(400)
      expect(messageFor(res.body, 'customColors.0.value'), value).toMatch(/hex/)
    }

    const badName = await patch([{ name: 'Brand Color', value: '#0f766e' }])
    expect(badName.status).toBe(400)
    expect(messageFor(badName.body, 'customColors.0.name')).toMatch(/lowercase letters, digits and hyphens/)

    const twice = await patch([
      { name: 'primary', value: '#0f766e' },
      { name: 'primary', value: '#111111' },
    ])
    expect(twice.status).toBe(400)
    expect(messageFor(twice.body, 'customColors')).toMatch(/"primary" is listed twice/)

    // clients written for the JSON object get the same checks, row by row
    const oldShape = await patch({ primary: '#0f766e', accent: 'blue' })
    expect(oldShape.status).toBe(400)
    expect(messageFor(oldShape.body, 'customColors.1.value')).toMatch(/"blue" is not a hex colour/)
    const notRows = await patch('primary=#0f766e')
    expect(notRows.status).toBe(400)

    const after = await w.payload.findByID({ collection: 'sites', id: w.siteA.id, depth: 0 })
    expect(rowsOf(after.customColors)).toEqual(rowsOf(before.customColors))
  })

  it('keeps an editor’s valid colours and variables, in their order', async () => {
    const customColors = [
      { name: 'primary', value: '#0F766E' },
      { name: 'accent', value: '#fa0' },
      { name: 'overlay', value: '#00000080' },
    ]
    const templateVariables = [
      { name: 'tagline', value: 'Fresh guides every week' },
      { name: 'footer_note', value: '' },
    ]
    const res = await rest('PATCH', `/sites/${w.siteA.id}`, { token: w.tokens.editorA, json: { customColors, templateVariables } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(rowsOf(res.body.doc.customColors)).toEqual(customColors)
    expect(rowsOf(res.body.doc.templateVariables)).toEqual(templateVariables)
    const legacy = await rest('PATCH', `/sites/${w.siteA.id}`, { token: w.tokens.editorA, json: { templateVariables: { tagline: 'From a map', year: 2026 } } })
    expect(legacy.status, JSON.stringify(legacy.body)).toBe(200)
    expect(rowsOf(legacy.body.doc.templateVariables)).toEqual([
      { name: 'tagline', value: 'From a map' },
      { name: 'year', value: '2026' },
    ])
    const badVariable = await rest('PATCH', `/sites/${w.siteA.id}`, { token: w.tokens.editorA, json: { templateVariables: [{ name: 'foot note', value: 'x' }] } })
    expect(badVariable.status).toBe(400)
    expect(messageFor(badVariable.body, 'templateVariables.0.name')).toMatch(/letters, digits and underscores/)
  })
})

describe('the built site gets the rows', () => {
  it('renders site colours over the template’s as CSS custom properties, and variables with the template’s defaults', async () => {
    const admin = w.tokens.admin
    const template = await rest('POST', '/templates', {
      token: admin,
      json: {
        name: unique('Rows template '),
        type: 'monolithic',
        html: '<!doctype html><html lang="{{ site.language }}"><head>{{ head }}</head><body><p class="tagline">{{ tagline }}</p><p class="note">{{ vars.footer_note }}</p>{{ content }}{{ scripts }}</body></html>',
        css: 'body{color:var(--text);background:var(--background)}a{color:var(--primary)}',
        cssOutput: 'inline',
        colorVariables: [
          { name: 'primary', value: '#111111' },
          { name: 'text', value: '#232a31' },
          { name: 'background', value: '#fafafa' },
        ],
        variables: [
          { name: 'tagline', required: true, description: 'One line under the brand' },
          { name: 'footer_note', defaultValue: 'Default footer note' },
        ],
      },
    })
    expect(template.status, JSON.stringify(template.body)).toBe(201)
    const site = await rest('POST', '/sites', {
      token: admin,
      json: {
        domain: `${unique('rows')}.test`,
        brandName: 'Rows',
        language: w.languageId,
        template: template.body.doc.id,
        customColors: [
          { name: 'primary', value: '#0f766e' },
          { name: 'accent', value: '#e8742f' },
        ],
        templateVariables: [{ name: 'tagline', value: 'Fresh guides every week' }],
      },
    })
    expect(site.status, JSON.stringify(site.body)).toBe(201)
    await w.payload.create({
      collection: 'pages',
      data: { title: 'Home', slug: 'index', site: site.body.doc.id, _status: 'published', blocks: [{ blockType: 'article', heading: 'Hello', content: paragraph('Words.') }] } as never,
    })

    const built = await buildSiteFromDatabase({ payload: w.payload, siteId: site.body.doc.id })
    const html = String([...built.files].find(([path]) => path === 'index.html')?.[1].body ?? '')
    expect(html).toContain('Fresh guides every week')
    expect(html).toContain('Default footer note')
    const root = /:root\{([^}]*)\}/.exec(html)?.[1] ?? ''
    const declared = Object.fromEntries(root.split(';').map((d) => d.split(':').map((s) => s.trim())))
    expect(declared).toMatchObject({ '--primary': '#0f766e', '--accent': '#e8742f', '--text': '#232a31', '--background': '#fafafa' })

    // a required variable the site leaves empty stops the build, naming it and the template's description
    await w.payload.update({ collection: 'sites', id: site.body.doc.id, data: { templateVariables: [{ name: 'tagline', value: '' }] } })
    await expect(buildSiteFromDatabase({ payload: w.payload, siteId: site.body.doc.id })).rejects.toThrow(/needs the variable "tagline" \(One line under the brand\)/)
  })
})

describe('converting the JSON objects of before December 2026', () => {
  it('moves each object into rows in its order, once, and lists the colours that are not hex', async () => {
    const { payload } = w
    const isSqlite = payload.db.name === 'sqlite'
    const site = await payload.create({
      collection: 'sites',
      data: { domain: `${unique('legacy')}.test`, brandName: 'Legacy', language: w.languageId, template: w.templateId } as never,
    })
    const execute = (raw: string) => (payload.db as any).execute({ drizzle: (payload.db as any).drizzle, raw })
    const json = isSqlite ? 'text' : 'jsonb'
    await execute(`ALTER TABLE "sites" ADD COLUMN "custom_colors" ${json}`)
    await execute(`ALTER TABLE "sites" ADD COLUMN "template_variables" ${json}`)
    try {
      await execute(
        `UPDATE "sites" SET "custom_colors" = '{"primary": "#0f766e", "accent": "oklch(70% 0.15 60)"}', "template_variables" = '{"tagline": "Hi there", "year": 2026, "show_banner": true}' WHERE "id" = ${Number(site.id)}`,
      )
      const req = await createLocalReq({}, payload)
      const report = await convertNamedValuesToRows({ payload, req })
      expect(report.converted['sites.custom_colors']).toBeGreaterThanOrEqual(1)
      expect(report.notHex).toContainEqual({ table: 'sites', id: site.id, name: 'accent', value: 'oklch(70% 0.15 60)' })
      const again = await convertNamedValuesToRows({ payload, req })
      expect(again.converted['sites.custom_colors']).toBe(0)

      const after = await payload.findByID({ collection: 'sites', id: site.id, depth: 0 })
      // in the order the database gives the object's keys, which is the order the builder read them in before (jsonb sorts them)
      const order = isSqlite ? ['primary', 'accent'] : ['accent', 'primary']
      expect(rowsOf(after.customColors)).toEqual(order.map((name) => ({ name, value: name === 'primary' ? '#0f766e' : 'oklch(70% 0.15 60)' })))
      expect(Object.fromEntries(rowsOf(after.templateVariables).map((r) => [r.name, r.value]))).toEqual({ tagline: 'Hi there', year: '2026', show_banner: 'true' })
    } finally {
      await execute(`ALTER TABLE "sites" DROP COLUMN "custom_colors"`)
      await execute(`ALTER TABLE "sites" DROP COLUMN "template_variables"`)
    }
  })
})
