import selectorParser from 'postcss-selector-parser'

import type { Renamer } from './renamer'

/**
 * Stand-ins for values computed at render or run time inside a CSS selector or a JS string
 * (`.item-{{ n }}`, `'.item-' + n`): identifier characters, so the selector still parses, and
 * unusual enough not to be a real class.
 */
export const PLACEHOLDER = /__fp[dl]\d+__/
export const placeholder = (kind: 'd' | 'l', n: number) => `__fp${kind}${n}__`

const SPACE_SPLIT = /([ \t\n\f\r]+)/

/**
 * How the value of a class attribute selector is renamed. Renamed classes keep their whole name after
 * the prefix, so a value that matches the middle or end of a class still matches (`*="col-"` finds
 * `P-col-6` as it found `col-6`); a value that matches the start of a class, or a whole class, gets the
 * prefix: `[class^="col-"]` → `[class^="P-col-"]`, `[class~="x"]` → `[class~="P-x"]`,
 * `[class*=" col-"]` → `[class*=" P-col-"]` (the space marks a class boundary).
 */
const renameAttributeValue = (operator: string, value: string, renamer: Renamer): string => {
  const parts = value.split(SPACE_SPLIT)
  const count = Math.ceil(parts.length / 2)
  const wholeStart = operator === '=' || operator === '~=' || operator === '^=' || operator === '|='
  const wholeEnd = operator === '=' || operator === '~=' || operator === '$='
  return parts
    .map((token, index) => {
      if (index % 2 === 1 || token === '') return token
      const k = index / 2
      const startsClass = k > 0 || wholeStart
      const endsClass = k < count - 1 || wholeEnd
      if (!startsClass) return token
      if (endsClass && !PLACEHOLDER.test(token)) return renamer.rename(token)
      const head = token.split(PLACEHOLDER)[0]
      // the start of a preserved class (`[class^="swiper-"]` with `swiper-*` kept) stays as written
      const renamed = renamer.renameHead(head)
      return renamed === null ? token : renamed + token.slice(head.length)
    })
    .join('')
}

const renameClassNode = (node: selectorParser.ClassName, renamer: Renamer, where: string) => {
  const value = node.value
  if (!PLACEHOLDER.test(value)) {
    node.value = renamer.rename(value)
    return
  }
  const head = value.split(PLACEHOLDER)[0]
  const renamed = head ? renamer.renameHead(head) : null
  if (renamed === null) {
    renamer.warn(`${where}: the class in "${String(node)}" is computed, so it is not renamed; write the class out, or list it in the template's preserved classes.`)
    return
  }
  node.value = renamed + value.slice(head.length)
}

/**
 * Renames the classes of one selector list: class selectors anywhere (also inside :not(), :is(),
 * :where(), :has()) and class attribute selectors. Returns the selector unchanged, with a warning, when
 * it does not parse.
 */
export const renameSelector = (selector: string, renamer: Renamer, where: string): string => {
  if (!selector.includes('.') && !/\[\s*class/i.test(selector)) return selector
  let changed = false
  const processor = selectorParser((root) => {
    root.walk((node) => {
      if (node.type === 'class') {
        const before = node.value
        renameClassNode(node, renamer, where)
        changed ||= node.value !== before
      } else if (node.type === 'attribute' && node.attribute.toLowerCase() === 'class' && node.operator && node.value !== undefined) {
        const before = node.value
        const after = renameAttributeValue(node.operator, before, renamer)
        if (after !== before) {
          // keep the author's quoting; a value that gained a space needs quotes
          node.setValue(after, { quoteMark: node.quoteMark ?? (/\s/.test(after) ? '"' : null) })
          changed = true
        }
      }
    })
  })
  try {
    const result = processor.processSync(selector, { lossless: true })
    return changed ? result : selector
  } catch (error) {
    renamer.warn(`${where}: the selector "${selector}" could not be read (${(error as Error).message}), so its classes are not renamed.`)
    return selector
  }
}
