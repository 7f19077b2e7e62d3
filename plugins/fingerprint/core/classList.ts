import type { Renamer } from './renamer'

/**
 * A class list as written in a source: static text, values computed at render or run time
 * (`{{ variant }}`, a JS expression) and Liquid tags that output nothing but choose between branches
 * (`{% if %}is-active{% endif %}`).
 */
export type Piece =
  | { kind: 'text'; value: string }
  | { kind: 'dynamic'; value: string }
  | { kind: 'tag'; value: string; name: string }

const SPACE = /[ \t\n\f\r]/
const OPENS = new Set(['if', 'unless', 'case', 'for', 'tablerow'])
const BRANCHES = new Set(['else', 'elsif', 'when'])
const CLOSES = new Set(['endif', 'endunless', 'endcase', 'endfor', 'endtablerow'])

/**
 * Renames every class token in a class list. A token is renamed whole when it is static, by its static
 * head when its tail is computed (`block--{{ x }}` → `P-block--{{ x }}`); a token that starts with a
 * computed value can't be renamed and is reported. `where` names the place for warnings.
 *
 * Liquid tags are transparent (`btn{% if x %}-primary{% endif %}` is one token `btn…`), except that each
 * branch of an if/case starts where the tag that opened it started, so
 * `{% if a %}on{% else %}off{% endif %}` renames both `on` and `off`.
 */
export const renameClassList = (pieces: readonly Piece[], renamer: Renamer, where: string): string => {
  let out = ''
  let atStart = true
  const saved: boolean[] = []
  pieces.forEach((piece, index) => {
    if (piece.kind === 'tag') {
      if (OPENS.has(piece.name)) saved.push(atStart)
      else if (BRANCHES.has(piece.name) && saved.length) atStart = saved[saved.length - 1]
      else if (CLOSES.has(piece.name)) saved.pop()
      out += piece.value
      return
    }
    if (piece.kind === 'dynamic') {
      if (atStart) {
        renamer.warn(`${where}: the class ${JSON.stringify(piece.value)} is computed, so it is not renamed; write the class out, or list it in the template's preserved classes.`)
      }
      atStart = false
      out += piece.value
      return
    }
    const text = piece.value
    let i = 0
    while (i < text.length) {
      if (SPACE.test(text[i])) {
        out += text[i++]
        atStart = true
        continue
      }
      let j = i
      while (j < text.length && !SPACE.test(text[j])) j++
      const token = text.slice(i, j)
      if (atStart) {
        // the token goes on into a computed value: only its head is static
        const continues = j === text.length && pieces[index + 1]?.kind === 'dynamic'
        if (continues) {
          const head = renamer.renameHead(token)
          if (head === null) renamer.warn(`${where}: the class "${token}…" could be a preserved class, so it is not renamed.`)
          out += head ?? token
        } else {
          out += renamer.rename(token)
        }
      } else {
        out += token
      }
      atStart = false
      i = j
    }
  })
  return out
}

/** A class list with nothing computed in it. */
export const renameStaticClassList = (value: string, renamer: Renamer, where: string): string =>
  renameClassList([{ kind: 'text', value }], renamer, where)
