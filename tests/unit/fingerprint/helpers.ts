import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { load } from 'cheerio'
import postcss from 'postcss'
import selectorParser from 'postcss-selector-parser'

import { createRenamer, type Renamer } from '../../../plugins/fingerprint/core/renamer'
import type { FingerprintInput } from '../../../plugins/fingerprint/core/index'
import { loadDefaultPartials } from '../../../plugins/site-builder/partials'
import { colorVariables, starterClassic, starterSections } from '../../../scripts/demo/templates'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export const renamer = (preserved: string[] = [], prefix = 'p1'): Renamer => createRenamer({ prefix, preserved })

/** The demo's classic template with the eight default block partials: what a real site starts from. */
export const demoInput = (overrides: Partial<FingerprintInput> = {}): FingerprintInput => {
  const partials = loadDefaultPartials(root)
  return {
    prefix: 'k7x2m9',
    preserved: [],
    colors: { ...colorVariables },
    sources: {
      liquid: {
        layout: starterClassic.html,
        menu: starterClassic.menuHtml,
        footerMenu: starterClassic.footerMenuHtml,
        faq: starterClassic.faqHtml,
        ...Object.fromEntries(Object.entries(partials).map(([type, source]) => [`block:${type}`, source])),
      },
      css: starterClassic.css,
      js: starterClassic.js,
    },
    minify: false,
    ...overrides,
  }
}

export { starterSections }

/** Classes a stylesheet's selectors name: class selectors and whole-class attribute selectors. */
export const cssClasses = (css: string): Set<string> => {
  const found = new Set<string>()
  postcss.parse(css).walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes$/i.test((rule.parent as postcss.AtRule).name)) return
    selectorParser((sel) => {
      sel.walk((node) => {
        if (node.type === 'class') found.add(node.value)
        if (node.type === 'attribute' && node.attribute === 'class' && (node.operator === '~=' || node.operator === '=') && node.value) {
          for (const c of node.value.split(/\s+/)) if (c) found.add(c)
        }
      })
    }).processSync(rule.selector)
  })
  return found
}

/** Classes of a selector string (as a script passes it to querySelector). */
export const selectorClasses = (selector: string): string[] => {
  const found: string[] = []
  selectorParser((sel) => sel.walkClasses((node) => void found.push(node.value))).processSync(selector)
  return found
}

/** Class tokens of every element in an HTML document or fragment, read by a real parser. */
export const htmlClasses = (html: string): Set<string> => {
  const $ = load(html)
  const found = new Set<string>()
  $('[class]').each((_, el) => {
    for (const c of ($(el).attr('class') ?? '').split(/\s+/)) if (c) found.add(c)
  })
  return found
}
