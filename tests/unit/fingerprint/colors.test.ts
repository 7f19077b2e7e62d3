import postcss from 'postcss'
import { describe, expect, it } from 'vitest'

import { applyColors } from '../../../plugins/fingerprint/core/colors'

/** The custom properties of each :root rule, in order, as a browser would read them. */
const roots = (css: string) => {
  const found: string[][] = []
  postcss.parse(css).walkRules(':root', (rule) => void found.push(rule.nodes.map((n) => (n.type === 'decl' ? `${n.prop}:${n.value.trim()}` : ''))))
  return found
}

describe('applyColors', () => {
  it('replaces a colour the template declares on :root, in place', () => {
    expect(applyColors(':root {\n  --primary: #000;\n  --radius: 1rem;\n}\n.a { color: var(--primary) }', { primary: '#0f766e' })).toBe(
      ':root {\n  --primary: #0f766e;\n  --radius: 1rem;\n}\n.a { color: var(--primary) }',
    )
  })

  it('adds colours the rule lacks, in name order, and drops duplicate declarations', () => {
    const out = applyColors(':root { --b: 1; --b: 2 }', { c: 'red', a: 'blue', b: 'green' })
    expect(roots(out)).toEqual([['--b:green', '--a:blue', '--c:red']])
  })

  it('writes only on the first top-level :root rule', () => {
    const css = '@media (prefers-color-scheme: dark) { :root { --primary: #fff } }\n:root { --x: 1 }\n:root { --primary: #111 }'
    expect(roots(applyColors(css, { primary: 'teal' }))).toEqual([['--primary:#fff'], ['--x:1', '--primary:teal'], ['--primary:#111']])
  })

  it('creates a :root rule when there is none, after @charset and @import', () => {
    expect(applyColors('.a { color: var(--primary) }', { primary: '#123456' })).toMatch(/^:root\s*\{\s*--primary: #123456;?\s*\}\s*\.a/)
    const out = applyColors('@charset "utf-8";\n@import url(a.css);\n.a {}', { primary: 'red' })
    expect(out.indexOf(':root')).toBeGreaterThan(out.indexOf('@import'))
    expect(out.indexOf(':root')).toBeLessThan(out.indexOf('.a'))
  })

  it('accepts names given with their dashes', () => {
    expect(roots(applyColors(':root{}', { '--accent': 'orange' }))).toEqual([['--accent:orange']])
  })

  it('refuses values that would break out of the declaration, with a warning', () => {
    const warnings: string[] = []
    const css = ':root { --primary: #000 }'
    expect(applyColors(css, { primary: 'red; } body { display: none', 'bad name': 'red', x: '</style><script>' }, warnings)).toBe(css)
    expect(warnings).toHaveLength(3)
    expect(warnings).toContainEqual(expect.stringMatching(/^The colour "primary" has the value .* which is not a single CSS value/))
    expect(warnings).toContainEqual(expect.stringMatching(/^The colour name "bad name" is not a CSS custom property name/))
  })

  it('changes nothing without colours', () => {
    expect(applyColors('.a {}', {})).toBe('.a {}')
  })
})
