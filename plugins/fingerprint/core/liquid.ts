/**
 * Reading Liquid source without rendering it: where each `{{ output }}` and `{% tag %}` ends (quotes
 * inside them may hold `}}` or `>`), and stand-ins that let CSS and JS parsers read code with Liquid in it.
 */

import { PLACEHOLDER, placeholder } from './selectors'

export const isLiquidStart = (src: string, i: number): boolean => src.charCodeAt(i) === 123 && (src.charCodeAt(i + 1) === 123 || src.charCodeAt(i + 1) === 37)

/** The index just past the `{{ … }}` or `{% … %}` that starts at `i` (the end of the source when it is not closed). */
export const liquidEnd = (src: string, i: number): number => {
  const close = src[i + 1] === '{' ? '}}' : '%}'
  const isComment = close === '%}' && /^\{%-?\s*#/.test(src.slice(i, i + 8))
  let j = i + 2
  while (j < src.length) {
    const c = src[j]
    if (!isComment && (c === '"' || c === "'")) {
      // Liquid strings have no escapes; an unclosed one is a Liquid syntax error the builder reports
      const q = src.indexOf(c, j + 1)
      if (q !== -1) {
        j = q + 1
        continue
      }
    }
    if (c === close[0] && src[j + 1] === '}') return j + 2
    j++
  }
  return src.length
}

/** The name of the Liquid tag at `i` (`if`, `endfor`, `raw`, …), or '' for an output. */
export const liquidTagName = (src: string, i: number): string => {
  if (src[i + 1] !== '%') return ''
  const match = /^\{%-?\s*([A-Za-z_#][\w]*)/.exec(src.slice(i, i + 40))
  return match ? match[1] : ''
}

/** For `{% raw %}` and `{% comment %}`: the index past their matching end tag. */
export const blockEnd = (src: string, name: string, from: number): number => {
  const re = new RegExp(`\\{%-?\\s*end${name}\\s*-?%\\}`, 'g')
  re.lastIndex = from
  const match = re.exec(src)
  return match ? match.index + match[0].length : src.length
}

/** The index past the Liquid unit at `i`, taking `{% raw %}…{% endraw %}` and comment blocks whole. */
export const skipLiquid = (src: string, i: number): number => {
  const end = liquidEnd(src, i)
  const name = liquidTagName(src, i)
  return name === 'raw' || name === 'comment' ? blockEnd(src, name, end) : end
}

export type Masked = { text: string; restore(text: string): string | null; units: string[] }

/**
 * Replaces Liquid in CSS or JS with stand-ins the parser accepts: outputs become identifiers
 * (`__fpl0__`), tags become comments (`/*__fpl1__*\/`). `restore` puts the Liquid back, or returns null
 * when a stand-in went missing.
 */
export const maskLiquid = (src: string): Masked => {
  const units: string[] = []
  let text = ''
  let last = 0
  for (let i = src.indexOf('{'); i !== -1 && i < src.length; i = src.indexOf('{', i)) {
    if (!isLiquidStart(src, i)) {
      i++
      continue
    }
    const end = skipLiquid(src, i)
    const unit = src.slice(i, end)
    const stand = placeholder('l', units.length)
    units.push(unit)
    text += src.slice(last, i) + (unit[1] === '%' ? `/*${stand}*/` : stand)
    last = i = end
  }
  text += src.slice(last)
  return {
    text,
    units,
    restore(out) {
      let found = 0
      const restored = out.replace(/\/\*__fpl(\d+)__\*\/|__fpl(\d+)__/g, (_, a: string | undefined, b: string | undefined) => {
        found++
        return units[Number(a ?? b)] ?? ''
      })
      return found === units.length ? restored : null
    },
  }
}

/** Puts Liquid back into a warning written about masked code. */
export const unmaskMessage = (message: string, units: string[]): string =>
  message.replace(new RegExp(`/\\*(${PLACEHOLDER.source})\\*/|(${PLACEHOLDER.source})`, 'g'), (whole) => {
    const n = /__fpl(\d+)__/.exec(whole)
    return n && units[Number(n[1])] !== undefined ? units[Number(n[1])] : whole
  })

/** offset → 1-based line, by binary search over line starts (warnings are rare, sources are read often). */
export const lineIndex = (src: string): ((offset: number) => number) => {
  const starts = [0]
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return lo + 1
  }
}
