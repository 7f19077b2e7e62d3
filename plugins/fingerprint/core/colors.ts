import postcss, { type Root, type Rule } from 'postcss'

import { parseCss } from './css'

const NAME = /^-?[A-Za-z_][A-Za-z0-9_-]*$/
// A colour is one value: nothing that could end the declaration or the rule, or the <style> element it may be inlined in.
const UNSAFE_VALUE = /[;{}<>\\!]|\/\*/

/** Why a colour can't be written as a custom property, or null when it can. */
export const colorError = (name: string, value: string): string | null => {
  const bare = name.replace(/^--/, '')
  if (!NAME.test(bare)) return `The colour name "${name}" is not a CSS custom property name (letters, digits, "-" and "_").`
  if (typeof value !== 'string' || !value.trim() || UNSAFE_VALUE.test(value) || /[\r\n]/.test(value)) {
    return `The colour "${bare}" has the value ${JSON.stringify(value)}, which is not a single CSS value (e.g. #0f766e or rgb(15 118 110)).`
  }
  return null
}

const isTopLevelRoot = (rule: Rule) => rule.parent?.type === 'root' && rule.selectors.length === 1 && rule.selectors[0].trim() === ':root'

/**
 * Sets `--name: value` for every colour on the stylesheet's first top-level `:root` rule (made first in
 * the sheet when there is none), replacing declarations of the same names there. Colours are applied
 * in name order so the output does not depend on the order of keys. Invalid colours are skipped with
 * a warning rather than written, since their values come from site editors.
 */
export const applyColorsToRoot = (root: Root, colors: Record<string, string>, warnings: string[]): void => {
  const entries = Object.entries(colors).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const valid = entries.filter(([name, value]) => {
    const error = colorError(name, value)
    if (error) warnings.push(`${error} It was left out.`)
    return !error
  })
  if (!valid.length) return
  let target: Rule | undefined
  root.each((node) => {
    if (!target && node.type === 'rule' && isTopLevelRoot(node)) target = node
  })
  if (!target) {
    target = postcss.rule({ selector: ':root' })
    // after @charset and @import, which must come first
    let after: postcss.ChildNode | undefined
    root.each((node) => {
      if (node.type === 'atrule' && /^(charset|import)$/i.test(node.name)) after = node
      else if (node.type !== 'comment') return false
    })
    if (after) after.after(target)
    else root.prepend(target)
  }
  for (const [name, value] of valid) {
    const prop = `--${name.replace(/^--/, '')}`
    const existing = target.nodes.filter((n): n is postcss.Declaration => n.type === 'decl' && n.prop === prop)
    if (existing.length) {
      existing[0].value = value.trim()
      for (const extra of existing.slice(1)) extra.remove()
    } else {
      target.append(postcss.decl({ prop, value: value.trim() }))
    }
  }
}

/** `applyColorsToRoot` for CSS given as text. */
export const applyColors = (css: string, colors: Record<string, string>, warnings: string[] = []): string => {
  const root = parseCss(css, 'Template CSS')
  applyColorsToRoot(root, colors, warnings)
  return root.toString()
}
