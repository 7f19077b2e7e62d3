import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { ValidationError } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Page, Prompt } from '@/payload-types'
import { renderPrompt } from '@/plugins/ai/core/render'
import { AiError } from '@/plugins/ai/core/types'
import { rest } from '../helpers/rest'
import { unique } from '../helpers/world'
import { createPageWithAllBlocks, generate, resetLimits, setupAi, type AiWorld } from '../int/ai/helpers'

/**
 * Issue 12.2: prompt templates rendered with LiquidJS's default file system,
 * rooted at the app folder, so `{% include 'package.json' %}` (or a `.env`)
 * went into the prompt sent to the provider. Prompts now render in the site
 * builder's sandbox with no partials at all, and are refused on save.
 */

let w: AiWorld
let page: Page
let secretDir: string
let secretFile: string
const SECRET = 'PAYLOAD_SECRET=do-not-leak-7f3a9c'

/** Every way to name a tag that loads another template: the only tags that could reach a file. */
const FILE_TAG_TEMPLATES = (file: string): { tag: string; template: string }[] =>
  (
    [
      ['include', `Intro {% include '${file}' %}`],
      ['render', `Intro {% render '${file}' %}`],
      ['layout', `{% layout '${file}' %}{% block main %}x{% endblock %}`],
      ['include', `{%- include "${file}" -%}`],
      ['include', `{% include '${file}' with title %}`],
      ['render', `{% if title %}\n  {% for k in (1..2) %}{% render '${file}' %}{% endfor %}\n{% endif %}`],
      ['include', `{% liquid\n  assign x = 1\n  include '${file}'\n%}`],
      ['layout', `{% layout "${file}" %}`],
    ] as const
  ).map(([tag, template]) => ({ tag, template }))

const fieldErrors = (body: any): { path: string; message: string }[] => body?.errors?.[0]?.data?.errors ?? []

beforeAll(async () => {
  w = await setupAi()
  page = await createPageWithAllBlocks(w, w.siteA.id)
  secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-prompt-'))
  secretFile = path.join(secretDir, '.env')
  fs.writeFileSync(secretFile, `${SECRET}\n`)
})

afterAll(async () => {
  fs.rmSync(secretDir, { recursive: true, force: true })
  await w?.restore()
})

describe('saving a prompt that uses a file tag', () => {
  it.each(FILE_TAG_TEMPLATES('package.json'))('refuses $tag with a message on the template field: $template', async ({ tag, template }) => {
    const before = (await w.payload.count({ collection: 'prompts' })).totalDocs
    const res = await rest('POST', '/prompts', {
      token: w.tokens.admin,
      json: { name: unique('File tag '), type: 'text', blockType: 'hero', provider: 'openai', model: 'gpt-4o-mini', template },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    const [error] = fieldErrors(res.body)
    expect(error.path).toBe('template')
    expect(error.message).toMatch(new RegExp(`^Prompt template line \\d+: \\{% ${tag} %\\} is not allowed: prompts cannot read files or other templates\\.`))
    expect((await w.payload.count({ collection: 'prompts' })).totalDocs).toBe(before)
  })

  it('refuses the change on update and keeps the stored template, and refuses through the Local API too', async () => {
    const prompt = await w.payload.create({
      collection: 'prompts',
      data: { name: unique('Clean '), type: 'text', blockType: 'hero', provider: 'openai', model: 'gpt-4o-mini', template: 'Hero for {{ title }}' } as never,
    })
    const res = await rest('PATCH', `/prompts/${prompt.id}`, { token: w.tokens.admin, json: { template: `{% render '${secretFile}' %}` } })
    expect(res.status).toBe(400)
    expect(fieldErrors(res.body)[0].message).toMatch(/\{% render %\} is not allowed/)
    expect((await w.payload.findByID({ collection: 'prompts', id: prompt.id })).template).toBe('Hero for {{ title }}')
    await expect(w.payload.update({ collection: 'prompts', id: prompt.id, data: { template: "{% include '.env' %}" } })).rejects.toBeInstanceOf(ValidationError)
  })

  it('still saves a prompt that only shows the words in raw text', async () => {
    const res = await rest('POST', '/prompts', {
      token: w.tokens.admin,
      json: { name: unique('Raw '), type: 'text', blockType: 'hero', provider: 'openai', model: 'gpt-4o-mini', active: false, template: "Say {% raw %}{% include 'x' %}{% endraw %} about {{ title }}" },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  })
})

describe('a prompt stored before the check (straight into the database)', () => {
  let stored: Prompt

  beforeAll(async () => {
    stored = (await w.payload.create({
      collection: 'prompts',
      data: { name: unique('Old '), type: 'text', blockType: 'metaTitle', provider: 'openai', model: 'gpt-4o-mini', template: 'placeholder {{ title }}' } as never,
    })) as Prompt
  })

  // one of each tag through the endpoint; every variant through the renderer below
  const firstOfEachTag = (file: string) => FILE_TAG_TEMPLATES(file).filter((c, i, all) => all.findIndex((o) => o.tag === c.tag) === i)

  it.each([...firstOfEachTag('package.json'), ...firstOfEachTag('SECRET_FILE')])('cannot read a file when it renders with $tag: $template', async ({ tag, template: raw }) => {
    const template = raw.replace('SECRET_FILE', secretFile)
    // no hooks, no validation: as a prompt saved by an older version would sit in the table
    await w.payload.db.updateOne({ collection: 'prompts', id: stored.id, data: { template } })
    await resetLimits(w)
    w.openai.reset()
    const res = await generate(w.tokens.editorA, { page: page.id, blockIndex: 0, prompt: stored.id })
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ code: 'bad_prompt' })
    expect(res.body.errors[0].message).toMatch(new RegExp(`^Prompt "${stored.name}": \\{% ${tag} %\\} is not allowed`))
    // nothing was sent anywhere, and nothing of the files came back
    expect(w.openai.requests).toHaveLength(0)
    const answer = JSON.stringify(res.body)
    expect(answer).not.toContain('do-not-leak')
    expect(answer).not.toContain('"name": "panel"')
  })

  it('renders through the same sandbox in the core too: no file, no prototype, no partial', () => {
    for (const { template: raw } of [...FILE_TAG_TEMPLATES('package.json'), ...FILE_TAG_TEMPLATES(secretFile)]) {
      let thrown: unknown
      try {
        renderPrompt({ template: raw, variables: { title: 'T' }, name: 'P' })
      } catch (err) {
        thrown = err
      }
      expect(thrown).toBeInstanceOf(AiError)
      expect((thrown as AiError).message).not.toContain('do-not-leak')
      expect((thrown as AiError).message).not.toContain('"name": "panel"')
    }
    expect(() => renderPrompt({ template: '{{ title.constructor.name }}', variables: { title: 'T' }, name: 'P' })).toThrow(AiError)
  })
})
