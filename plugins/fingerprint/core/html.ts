import { renameClassList, type Piece } from './classList'
import { parseCss, renameCssClasses } from './css'
import { renameJsClasses } from './js'
import { isLiquidStart, liquidEnd, liquidTagName, lineIndex, maskLiquid, skipLiquid, unmaskMessage } from './liquid'
import type { Renamer } from './renamer'
import { PLACEHOLDER } from './selectors'

/**
 * Renames classes in Liquid/HTML source, before it is rendered: the values of `class` attributes, the
 * bodies of `<style>` and `<script>` elements and `on…` handler attributes. It reads the source as a
 * tokenizer would (tags, attributes, quotes), stepping over Liquid as a unit wherever it is, and
 * changes nothing but those values: the rest of the source comes out byte for byte.
 *
 * Left alone: `{% raw %}` and `{% comment %}` blocks, HTML comments, `<textarea>`/`<title>` text,
 * scripts that are data (`application/ld+json`), and attribute values with character references
 * (`&quot;`), which would need decoding to be read safely.
 */

const SPACE = /[ \t\n\f\r]/
const JS_TYPE = /^\s*((text|application)\/(x-)?(java|ecma)script|module)?\s*$/i
const MARKUP_TYPE = /^\s*text\/(html|template|x-template)\s*$/i
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp'])

/** Splits an attribute value into static text, computed parts (Liquid outputs, stand-ins) and Liquid tags. */
const valuePieces = (value: string): Piece[] => {
  const pieces: Piece[] = []
  const text = (t: string) => {
    t.split(new RegExp(`(${PLACEHOLDER.source})`)).forEach((v, i) => v && pieces.push({ kind: i % 2 ? 'dynamic' : 'text', value: v }))
  }
  let last = 0
  for (let i = value.indexOf('{'); i !== -1; i = value.indexOf('{', i)) {
    if (!isLiquidStart(value, i)) {
      i++
      continue
    }
    const end = liquidEnd(value, i)
    text(value.slice(last, i))
    const unit = value.slice(i, end)
    pieces.push(unit[1] === '%' ? { kind: 'tag', value: unit, name: liquidTagName(unit, 0) } : { kind: 'dynamic', value: unit })
    last = i = end
  }
  text(value.slice(last))
  return pieces
}

type Edit = { start: number; end: number; text: string }

/** `firstLine`: the line the source starts on in its file (for HTML inside a JS string). */
export const renameLiquidHtml = (src: string, renamer: Renamer, where: string, firstLine = 1): string => {
  if (!src.includes('<')) return src
  const edits: Edit[] = []
  const lines = lineIndex(src)
  const lineOf = (offset: number) => lines(offset) + firstLine - 1
  const at = (offset: number) => `${where} line ${lineOf(offset)}`
  const n = src.length

  /** CSS or JS body with Liquid in it: masked, renamed with line numbers that match the file, restored. */
  const renameEmbedded = (start: number, end: number, rename: (code: string) => string) => {
    const body = src.slice(start, end)
    if (!body.trim()) return
    const masked = maskLiquid(body)
    const pad = '\n'.repeat(lineOf(start) - 1)
    const warned = renamer.warnings.length
    let out: string
    try {
      out = rename(pad + masked.text).slice(pad.length)
    } catch (error) {
      // a <style> the CSS parser can't read: the page still builds, with this element as written
      renamer.warn(`${(error as Error).message.replace(/\. Fix the CSS.*$/, '')}; the classes in this element are not renamed.`)
      return
    }
    for (let w = warned; w < renamer.warnings.length; w++) renamer.warnings[w] = unmaskMessage(renamer.warnings[w], masked.units)
    const restored = masked.restore(out)
    if (restored === null) renamer.warn(`${at(start)}: Liquid in this element could not be kept in place while renaming; its classes are not renamed.`)
    else if (restored !== body) edits.push({ start, end, text: restored })
  }

  const renameStyle = (start: number, end: number) =>
    renameEmbedded(start, end, (code) => {
      const root = parseCss(code, where)
      renameCssClasses(root, renamer, where)
      return root.toString()
    })

  const renameScript = (start: number, end: number) =>
    renameEmbedded(start, end, (code) => renameJsClasses(code, renamer, where, (html, w, line) => renameLiquidHtml(html, renamer, w, line)))

  const attribute = (name: string, start: number, end: number) => {
    const value = src.slice(start, end)
    if (name === 'class') {
      const renamed = renameClassList(valuePieces(value), renamer, at(start))
      if (renamed !== value) edits.push({ start, end, text: renamed })
    } else if (name.startsWith('on') && !value.includes('&')) {
      renameScript(start, end)
    }
  }

  /** A start tag at `i` (`<` then a letter or Liquid); returns where scanning goes on. */
  const startTag = (i: number): number => {
    let j = i + 1
    let tagName = ''
    while (j < n && !SPACE.test(src[j]) && src[j] !== '>' && src[j] !== '/') {
      if (isLiquidStart(src, j)) {
        tagName += '{}'
        j = liquidEnd(src, j)
      } else tagName += src[j++]
    }
    tagName = tagName.toLowerCase()
    const attrs = new Map<string, string>()
    while (j < n) {
      const c = src[j]
      if (c === '>') {
        j++
        break
      }
      if (SPACE.test(c) || c === '/') {
        j++
        continue
      }
      if (isLiquidStart(src, j)) {
        j = skipLiquid(src, j)
        continue
      }
      const nameStart = j
      while (j < n && !SPACE.test(src[j]) && src[j] !== '=' && src[j] !== '>' && src[j] !== '/') j = isLiquidStart(src, j) ? liquidEnd(src, j) : j + 1
      const name = src.slice(nameStart, j).toLowerCase()
      let k = j
      while (k < n && SPACE.test(src[k])) k++
      if (src[k] !== '=') continue
      k++
      while (k < n && SPACE.test(src[k])) k++
      let valueStart: number
      let valueEnd: number
      if (src[k] === '"' || src[k] === "'") {
        const quote = src[k]
        valueStart = ++k
        while (k < n && src[k] !== quote) k = isLiquidStart(src, k) ? liquidEnd(src, k) : k + 1
        valueEnd = Math.min(k, n)
        j = k + 1
      } else {
        valueStart = k
        while (k < n && !SPACE.test(src[k]) && src[k] !== '>') k = isLiquidStart(src, k) ? liquidEnd(src, k) : k + 1
        valueEnd = j = k
      }
      attrs.set(name, src.slice(valueStart, valueEnd))
      attribute(name, valueStart, valueEnd)
    }
    if (!RAW_TEXT.has(tagName)) return j
    const close = new RegExp(`</${tagName}[\\s/>]`, 'ig')
    close.lastIndex = j
    const match = close.exec(src)
    const bodyEnd = match ? match.index : n
    if (tagName === 'style') renameStyle(j, bodyEnd)
    else if (tagName === 'script' && !attrs.has('src')) {
      const type = attrs.get('type') ?? ''
      if (JS_TYPE.test(type)) renameScript(j, bodyEnd)
      else if (MARKUP_TYPE.test(type)) {
        const body = src.slice(j, bodyEnd)
        const renamed = renameLiquidHtml(body, renamer, where, lineOf(j))
        if (renamed !== body) edits.push({ start: j, end: bodyEnd, text: renamed })
      }
    }
    return bodyEnd
  }

  const interesting = /[<{]/g
  let i = 0
  while (i < n) {
    interesting.lastIndex = i
    const next = interesting.exec(src)
    if (!next) break
    i = next.index
    if (src[i] === '{') {
      i = isLiquidStart(src, i) ? skipLiquid(src, i) : i + 1
    } else if (src.startsWith('<!--', i)) {
      const end = src.indexOf('-->', i + 4)
      i = end === -1 ? n : end + 3
    } else if (/[A-Za-z]/.test(src[i + 1] ?? '') || isLiquidStart(src, i + 1)) {
      i = startTag(i)
    } else {
      i++
    }
  }

  if (!edits.length) return src
  edits.sort((a, b) => a.start - b.start)
  let out = ''
  let last = 0
  for (const edit of edits) {
    out += src.slice(last, edit.start) + edit.text
    last = edit.end
  }
  return out + src.slice(last)
}
