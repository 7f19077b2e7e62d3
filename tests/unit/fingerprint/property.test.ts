import fc from 'fast-check'
import { Liquid } from 'liquidjs'
import { describe, expect, it } from 'vitest'

import { fingerprintTemplate, type FingerprintOutput } from '../../../plugins/fingerprint/core/index'
import { cssClasses, htmlClasses, selectorClasses } from './helpers'

/**
 * Generated templates: random class names used in random selector structures, in Liquid markup (with
 * if/else branches and classes finished by a Liquid value) and in a script (every realistic pattern,
 * with variables, concatenation and template literals). The markup is rendered by LiquidJS and the
 * script is run against a recording stand-in for the DOM, so the checks see the classes a browser would
 * see, not what the renamer thinks it wrote.
 */

// classes from a–h, prefixes from p–z: a renamed class can never equal an original one by accident
const className = fc.stringMatching(/^[a-h][a-h0-9]{0,4}(?:(?:-|__|--)[a-h0-9]{1,4})?$/)
const prefixArb = fc.stringMatching(/^[p-z][p-z0-9]{3,7}$/)
const VARIANT = 'v1' // the value the rendered markup and the script give every computed class tail

const SELECTOR_FORMS: ((a: string, b: string, c: string) => string)[] = [
  (a) => `.${a}`,
  (a, b) => `.${a}.${b}`,
  (a, b) => `.${a} .${b}`,
  (a, b) => `.${a} > .${b}`,
  (a, b) => `.${a} + .${b}`,
  (a, b) => `.${a} ~ .${b}`,
  (a, b) => `.${a}:not(.${b})`,
  (a, b, c) => `.${a}:is(.${b}, .${c})`,
  (a, b) => `:where(.${a}) .${b}`,
  (a, b) => `.${a}:has(> .${b})`,
  (a) => `div.${a}`,
  (a) => `.${a}::before`,
  (a) => `.${a}:hover`,
  (a) => `[class~="${a}"]`,
  (a, b, c) => `.${a}:not(:is(.${b} .${c}))`,
  (a, b) => `.${a}, .${b}`,
  (a) => `[class^="${a}"]`,
]
const WRAPPERS: ((rule: string) => string)[] = [
  (r) => r,
  (r) => `@media (min-width: 40rem) { ${r} }`,
  (r) => `@supports (display: grid) { ${r} }`,
  (r) => `@layer components { ${r} }`,
  (r) => `@container (min-width: 20rem) { ${r} }`,
  (r) => `@media print { @supports (display: flex) { ${r} } }`,
]

type Token = { kind: 'static'; c: string } | { kind: 'if'; c: string } | { kind: 'ifElse'; c: string; d: string } | { kind: 'variant'; base: string }

type Statement =
  | { kind: 'classList'; method: 'add' | 'remove' | 'toggle' | 'contains' | 'replace'; cs: string[] }
  | { kind: 'selector'; method: 'querySelector' | 'querySelectorAll' | 'closest' | 'matches'; selector: string }
  | { kind: 'list'; how: 'getElementsByClassName' | 'className' | 'setAttribute'; cs: string[] }
  | { kind: 'variable'; c: string }
  | { kind: 'object'; c: string; selector: string }
  | { kind: 'concat'; base: string; asSelector: boolean }
  | { kind: 'template'; base: string }
  | { kind: 'decoy'; c: string }

type Model = {
  classes: string[]
  preserved: string[]
  rules: string[]
  elements: { tag: string; quote: string; tokens: Token[]; spaces: string[] }[]
  statements: { statement: Statement; quote: string }[]
  minify: boolean
}

const modelArb: fc.Arbitrary<Model> = fc.uniqueArray(className, { minLength: 3, maxLength: 10 }).chain((classes) => {
  const pick = fc.constantFrom(...classes)
  const selector = fc.tuple(fc.constantFrom(...SELECTOR_FORMS), pick, pick, pick).map(([form, a, b, c]) => form(a, b, c))
  const token: fc.Arbitrary<Token> = fc.oneof(
    pick.map((c) => ({ kind: 'static' as const, c })),
    pick.map((c) => ({ kind: 'if' as const, c })),
    fc.tuple(pick, pick).map(([c, d]) => ({ kind: 'ifElse' as const, c, d })),
    pick.map((base) => ({ kind: 'variant' as const, base })),
  )
  const statement: fc.Arbitrary<Statement> = fc.oneof(
    fc.tuple(fc.constantFrom('add', 'remove', 'toggle', 'contains', 'replace') as fc.Arbitrary<'add'>, fc.array(pick, { minLength: 2, maxLength: 3 })).map(([method, cs]) => ({
      kind: 'classList' as const,
      method,
      cs,
    })),
    fc.tuple(fc.constantFrom('querySelector', 'querySelectorAll', 'closest', 'matches') as fc.Arbitrary<'closest'>, selector).map(([method, s]) => ({
      kind: 'selector' as const,
      method,
      selector: s,
    })),
    fc.tuple(fc.constantFrom('getElementsByClassName', 'className', 'setAttribute') as fc.Arbitrary<'className'>, fc.array(pick, { minLength: 1, maxLength: 3 })).map(
      ([how, cs]) => ({ kind: 'list' as const, how, cs }),
    ),
    pick.map((c) => ({ kind: 'variable' as const, c })),
    fc.tuple(pick, selector).map(([c, sel]) => ({ kind: 'object' as const, c, selector: sel })),
    fc.tuple(pick, fc.boolean()).map(([base, asSelector]) => ({ kind: 'concat' as const, base, asSelector })),
    pick.map((base) => ({ kind: 'template' as const, base })),
    pick.map((c) => ({ kind: 'decoy' as const, c })),
  )
  return fc.record({
    classes: fc.constant(classes),
    preserved: fc.subarray(classes, { maxLength: 2 }),
    rules: fc.array(fc.tuple(selector, fc.constantFrom(...WRAPPERS)).map(([s, wrap]) => wrap(`${s} { color: red; }`)), { maxLength: 12 }),
    elements: fc.array(
      fc.record({
        tag: fc.constantFrom('div', 'span', 'section', 'a', 'li'),
        quote: fc.constantFrom('"', "'"),
        tokens: fc.array(token, { minLength: 1, maxLength: 4 }),
        spaces: fc.array(fc.constantFrom(' ', '  ', '\n', ' \t'), { minLength: 4, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    statements: fc.array(fc.record({ statement, quote: fc.constantFrom("'", '"', '`') }), { maxLength: 10 }),
    minify: fc.boolean(),
  })
})

// a variant's rendered class (base--v1) must not be a preserved name the prefix rule can't see past
const isConsistentModel = (m: Model) => !m.preserved.some((p) => m.classes.some((base) => p.startsWith(`${base}--`)))

const variantsOf = (m: Model): string[] => [
  ...m.elements.flatMap((e) => e.tokens.flatMap((t) => (t.kind === 'variant' ? [t.base] : []))),
  ...m.statements.flatMap(({ statement: s }) => (s.kind === 'concat' || s.kind === 'template' ? [s.base] : [])),
]

/** The template's sources: every class (and every variant it uses) has a rule of its own, plus the random rules. */
const sourcesOf = (m: Model) => {
  const css = [
    ...m.classes.map((c) => `.${c} { margin: 0; }`),
    ...[...new Set(variantsOf(m))].map((base) => `.${base}--${VARIANT} { padding: 0; }`),
    ...m.rules,
  ].join('\n')
  const markup = m.elements
    .map(({ tag, quote, tokens, spaces }, i) => {
      const value = tokens
        .map((t, k) => {
          const before = spaces[k % spaces.length]
          if (t.kind === 'static') return before + t.c
          if (t.kind === 'if') return `${before}{% if flag %}${t.c}{% endif %}`
          if (t.kind === 'ifElse') return `${before}{% if flag %}${t.c}{% else %}${t.d}{% endif %}`
          return `${before}${t.base}--{{ variant }}`
        })
        .join('')
      return `<${tag} id="e${i}" class=${quote}${value}${quote}>text</${tag}>`
    })
    .join('\n')
  const lit = (s: string, quote: string) => quote + s.replace(/\\/g, '\\\\').replaceAll(quote, `\\${quote}`) + quote
  const js = m.statements
    .map(({ statement: s, quote: q }, i) => {
      switch (s.kind) {
        case 'classList':
          return s.method === 'toggle' || s.method === 'contains'
            ? `el.classList.${s.method}(${lit(s.cs[0], q)}${s.method === 'toggle' ? ', true' : ''});`
            : s.method === 'replace'
              ? `el.classList.replace(${lit(s.cs[0], q)}, ${lit(s.cs[1], q)});`
              : `el.classList.${s.method}(${s.cs.map((c) => lit(c, q)).join(', ')});`
        case 'selector':
          return s.method === 'closest' || s.method === 'matches' ? `el.${s.method}(${lit(s.selector, q)});` : `document.${s.method}(${lit(s.selector, q)});`
        case 'list':
          if (s.how === 'className') return `el.className = ${lit(s.cs.join(' '), q)};`
          if (s.how === 'setAttribute') return `el.setAttribute('class', ${lit(s.cs.join(' '), q)});`
          return `document.getElementsByClassName(${lit(s.cs.join(' '), q)});`
        case 'variable':
          return `var v${i} = ${lit(s.c, q)};\nel.classList.add(v${i});`
        case 'object':
          return `const o${i} = { cls: ${lit(s.c, q)}, sel: ${lit(s.selector, q)} };\nel.classList.add(o${i}.cls);\nel.closest(o${i}['sel']);`
        case 'concat':
          return s.asSelector ? `document.querySelector(${lit(`.${s.base}--`, q)} + variant);` : `el.classList.add(${lit(`${s.base}--`, q)} + variant);`
        case 'template':
          return `el.classList.toggle(\`${s.base}--\${variant}\`);`
        case 'decoy':
          return `// el.classList.add('${s.c}')\nlog(${lit(s.c, q)}, ${lit(`.${s.c}`, q)});`
      }
    })
    .join('\n')
  return { css, markup, js }
}

type Recorded = { classes: string[]; selectors: string[]; logs: string[] }

/** Runs a template script against a recording stand-in for the DOM. */
const runScript = (js: string): Recorded => {
  const rec: Recorded = { classes: [], selectors: [], logs: [] }
  const list = (value: string) => rec.classes.push(...value.split(/\s+/).filter(Boolean))
  const el = {
    classList: {
      add: (...cs: string[]) => void cs.forEach(list),
      remove: (...cs: string[]) => void cs.forEach(list),
      toggle: (c: string) => list(c),
      contains: (c: string) => (list(c), false),
      replace: (a: string, b: string) => (list(a), list(b), true),
    },
    set className(value: string) {
      list(value)
    },
    setAttribute: (_name: string, value: string) => list(value),
    closest: (s: string) => (rec.selectors.push(s), null),
    matches: (s: string) => (rec.selectors.push(s), false),
  }
  const document = {
    querySelector: (s: string) => (rec.selectors.push(s), null),
    querySelectorAll: (s: string) => (rec.selectors.push(s), []),
    getElementsByClassName: (s: string) => (list(s), []),
  }
  const log = (...values: string[]) => void rec.logs.push(...values)
  new Function('document', 'el', 'log', 'variant', js)(document, el, log, VARIANT)
  return rec
}

const liquid = new Liquid()
const renderAll = (markup: string) => ['true', 'false'].map((flag) => liquid.parseAndRenderSync(markup, { flag: flag === 'true', variant: VARIANT })).join('\n')

const fingerprint = (m: Model, prefix: string): FingerprintOutput => {
  const { css, markup, js } = sourcesOf(m)
  return fingerprintTemplate({ prefix, preserved: m.preserved, colors: {}, sources: { liquid: { page: markup }, css, js }, minify: m.minify })
}

/** Every class a browser would meet: in the rendered markup, and passed by the script as a class or in a selector. */
const usedClasses = (out: FingerprintOutput): { html: Set<string>; js: Set<string>; recorded: Recorded } => {
  const recorded = runScript(out.js)
  return { html: htmlClasses(renderAll(out.liquid.page)), js: new Set([...recorded.classes, ...recorded.selectors.flatMap(selectorClasses)]), recorded }
}

describe('class renaming, for generated templates', () => {
  it('every class used in the HTML or JS has its rule in the CSS, and no original class survives but the preserved', () => {
    fc.assert(
      fc.property(modelArb.filter(isConsistentModel), prefixArb, (m, prefix) => {
        const out = fingerprint(m, prefix)
        const defined = cssClasses(out.css)
        const { html, js } = usedClasses(out)
        for (const c of [...html, ...js]) expect(defined, `"${c}" is used but no rule names it`).toContain(c)

        const preserved = new Set(m.preserved)
        const originals = [...m.classes, ...variantsOf(m).map((b) => `${b}--${VARIANT}`)].filter((c) => !preserved.has(c))
        for (const c of originals) {
          expect(defined.has(c) || html.has(c) || js.has(c), `"${c}" survived`).toBe(false)
          expect(out.classMap[c] ?? `${prefix}-${c}`).toBe(`${prefix}-${c}`)
        }
        for (const c of m.preserved) {
          expect(defined, `preserved "${c}"`).toContain(c)
          expect(out.classMap).not.toHaveProperty(c)
        }
        expect(out.warnings).toEqual([])
      }),
      { numRuns: 150 },
    )
  })

  it('renames each use to exactly its prefixed name and leaves unrelated strings and comments alone', () => {
    fc.assert(
      fc.property(modelArb.filter(isConsistentModel), prefixArb, (m, prefix) => {
        const source = sourcesOf(m)
        const out = fingerprint(m, prefix)
        const name = (c: string) => (m.preserved.includes(c) ? c : `${prefix}-${c}`)
        // the rendered markup: class lists element by element
        const before = liquid.parseAndRenderSync(source.markup, { flag: true, variant: VARIANT })
        const after = liquid.parseAndRenderSync(out.liquid.page, { flag: true, variant: VARIANT })
        const lists = (html: string) => [...html.matchAll(/class=(["'])(.*?)\1/gs)].map((x) => x[2].split(/\s+/).filter(Boolean))
        expect(lists(after)).toEqual(lists(before).map((l) => l.map(name)))
        // the script: what it passes at run time
        const ran = runScript(source.js)
        const renamed = runScript(out.js)
        expect(renamed.classes).toEqual(ran.classes.map(name))
        expect(renamed.selectors.map(selectorClasses)).toEqual(ran.selectors.map((s) => selectorClasses(s).map(name)))
        expect(renamed.logs).toEqual(ran.logs)
        if (!m.minify) {
          expect(out.js.replaceAll(`${prefix}-`, '')).toBe(source.js)
          expect(out.liquid.page.replaceAll(`${prefix}-`, '')).toBe(source.markup)
        }
      }),
      { numRuns: 150 },
    )
  })

  it('gives two sites from one template disjoint class sets', () => {
    fc.assert(
      fc.property(
        modelArb.filter(isConsistentModel),
        fc.uniqueArray(prefixArb, { minLength: 2, maxLength: 2 }),
        (m, [a, b]) => {
          const classesOf = (out: FingerprintOutput) => {
            const { html, js } = usedClasses(out)
            return new Set([...cssClasses(out.css), ...html, ...js])
          }
          const inA = classesOf(fingerprint(m, a))
          const inB = classesOf(fingerprint(m, b))
          const shared = [...inA].filter((c) => inB.has(c))
          expect(shared.filter((c) => !m.preserved.includes(c))).toEqual([])
        },
      ),
      { numRuns: 100 },
    )
  })

  it('is deterministic for generated templates', () => {
    fc.assert(
      fc.property(modelArb, prefixArb, (m, prefix) => {
        expect(JSON.stringify(fingerprint(m, prefix))).toBe(JSON.stringify(fingerprint(m, prefix)))
      }),
      { numRuns: 50 },
    )
  })
})
