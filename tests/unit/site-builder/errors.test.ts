import { describe, expect, it } from 'vitest'

import { makeMonolithicSnapshot, makeSnapshot } from '../../fixtures/snapshot'
import { build, buildError } from './helpers'

/** The fixture with its footer section (order 3, named "Footer") replaced. */
const withFooter = (html: string) => {
  const snapshot = makeSnapshot()
  snapshot.template.sections[2].html = html
  return snapshot
}

const SMALL = { renderLimit: 200, memoryLimit: 2_000_000, outputBytes: 200_000 }

/** Runs a build that must fail, and checks it fails fast. */
const failing = (run: () => unknown, maxMs = 1_500) => {
  const start = performance.now()
  const error = buildError(run)
  expect(performance.now() - start).toBeLessThan(maxMs)
  return error
}

describe('build errors', () => {
  it('names a required template variable that has no value', () => {
    const snapshot = makeSnapshot({ site: { templateVariables: {} } })
    snapshot.template.variables[0].defaultValue = null
    const error = failing(() => build(snapshot))
    expect(error.message).toContain('"tagline"')
    expect(error.message).toContain('Template "Clean"')
    expect(error.details.variable).toBe('tagline')
  })

  it('uses the template default when the site leaves a required variable empty', () => {
    const snapshot = makeSnapshot({ site: { templateVariables: { tagline: '' } } })
    expect(build(snapshot).files.get('index.html')?.body).toContain('Honest slot reviews')
  })

  it('names the section and the line of a Liquid syntax error', () => {
    const error = failing(() => build(withFooter('<footer>\n  <p>{{ brand_name }}</p>\n  {% if year %}\n  <p>{{ year }}</p>\n</footer>')))
    expect(error.message).toMatch(/section "Footer" line 3\b/)
    expect(error.message).toMatch(/not closed/)
    expect(error.details).toMatchObject({ part: 'section "Footer"', line: 3 })
  })

  it('names the line of an unknown filter', () => {
    const error = failing(() => build(withFooter('<footer>\n<p>{{ brand_name | money }}</p>\n</footer>')))
    expect(error.message).toMatch(/section "Footer" line 2: .*money/)
  })

  it('names the layout of a monolithic template and a broken block override', () => {
    const layout = makeMonolithicSnapshot()
    layout.template.html = `${layout.template.html}\n{% endfor %}`
    expect(failing(() => build(layout)).message).toMatch(/^Template layout line \d+/)

    const override = makeSnapshot({ template: { blockTemplates: [{ blockType: 'cta', html: '<section>\n{{ heading </section>' }] } })
    expect(failing(() => build(override)).message).toMatch(/block partial "cta" line 2/)
  })

  it('stops a runaway loop', () => {
    const error = failing(() => build(withFooter('{% for i in (1..100000000) %}{{ i }}{% endfor %}'), { limits: SMALL }))
    expect(error.message).toMatch(/section "Footer".*limit exceeded/)
  })

  it('stops a slow template at the render time limit', () => {
    const error = failing(() =>
      build(withFooter('{% for i in (1..3000) %}{% for j in (1..3000) %}{% endfor %}{% endfor %}'), { limits: { renderLimit: 100 } }),
    )
    expect(error.message).toMatch(/section "Footer".*render limit exceeded/)
  })

  it('stops a section whose output is too large, saying by how much', () => {
    const error = failing(() =>
      build(withFooter('{% for i in (1..10000) %}<p>{{ brand_name }} {{ i }}</p>{% endfor %}'), { limits: { outputBytes: 100 * 1024 } }),
    )
    expect(error.message).toMatch(/section "Footer": the output is \d+ KB, over the 100 KB limit for one page/)
  })

  it('stops a page whose sections are each under the limit but together over it', () => {
    const snapshot = makeSnapshot()
    const chunk = '{% for i in (1..2000) %}<p>{{ i }}</p>{% endfor %}' // about 20 KB
    for (const section of snapshot.template.sections) section.html = `${section.html}\n<div hidden>${chunk}</div>`
    expect(() => build(snapshot, { limits: { outputBytes: 40 * 1024 } })).toThrow(/sections \(the whole page\): the output is \d+ KB, over the 40 KB limit/)
  })

  it('stops a block partial that loops over its own output', () => {
    const snapshot = makeSnapshot({
      template: { blockTemplates: [{ blockType: 'faq', html: '{% for i in (1..100000) %}{% for item in items %}{{ item.answer }}{% endfor %}{% endfor %}' }] },
    })
    const error = failing(() => build(snapshot, { limits: SMALL }))
    expect(error.message).toMatch(/block partial "faq" \(page "faq", block 1\)/)
  })

  it.each([
    ["{% include '/etc/passwd' %}", '/etc/passwd'],
    ["{% render '../../package.json' %}", '../../package.json'],
    ["{% layout '/etc/hosts' %}", '/etc/hosts'],
  ])('cannot read files: %s is not found', (tag, file) => {
    const error = failing(() => build(withFooter(`<footer>\n${tag}\n</footer>`)))
    expect(error.message).toMatch(/section "Footer" line 2/)
    expect(error.message).toMatch(/no partial named/i)
    expect(error.message).toContain(file)
    expect(error.message).not.toMatch(/root:|"name": "panel"|localhost/)
  })

  it('can include its own block partials (they live in memory)', () => {
    const snapshot = withFooter('<footer>{% render "block-cta", block_id: "footer-cta", heading: "Hello", button_text: null %}</footer>')
    expect(build(snapshot).files.get('index.html')?.body).toMatch(/<footer><section id="footer-cta" class="block block--cta[^"]*"[^>]*>\s*<h2[^>]*>Hello<\/h2>/)
  })
})
