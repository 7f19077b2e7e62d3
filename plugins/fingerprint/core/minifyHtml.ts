/**
 * A conservative HTML minifier for rendered pages, in one pass and without building a tree (it runs once
 * per page, so it must cost little):
 *
 * - a run of whitespace between words or tags becomes one character (a newline if it had one, else a
 *   space). Browsers render any run as one space, so inline and inline-block spacing is unchanged;
 * - whitespace that never renders goes: inside `<head>`, and around `<html>`, `<head>`, `<body>`;
 * - comments go, except conditional comments (`<!--[if …]>`);
 * - whitespace between attributes becomes one space;
 * - `<pre>`, `<textarea>`, `<script>`, `<style>` and `<title>` are copied as they are, as are attribute
 *   values, the doctype and CDATA.
 *
 * It does not remove optional tags or quotes, nor whitespace next to other elements: CSS could make any
 * element inline, and then that whitespace would show.
 */

const SPACE = /[ \t\n\f\r]/
const SPACE_RUN = /[ \t\n\f\r]+/g
const VERBATIM = new Set(['pre', 'textarea', 'script', 'style', 'title'])
// inside a tag: whitespace, a quoted value (copied whole), or a run of anything else
const TAG_TOKEN = /[ \t\n\f\r]+|"[^"]*"?|'[^']*'?|[^ \t\n\f\r"'>]+/y
const CLOSERS: Record<string, RegExp> = Object.fromEntries([...VERBATIM].map((name) => [name, new RegExp(`</${name}[\\s/>]`, 'ig')]))
/** Attributes the slow path would change (or must read token by token): tabs or newlines, double spaces, a space before the end, single quotes. */
const UNTIDY = /[\t\n\f\r']| {2}| $| \/$/
const evenQuotes = (s: string): boolean => {
  let count = 0
  for (let k = s.indexOf('"'); k !== -1; k = s.indexOf('"', k + 1)) count++
  return count % 2 === 0
}
const STRUCTURE = new Set(['html', '/html', 'head', '/head', 'body', '/body', '!doctype'])

const UNTIDY_TEXT = /[\t\n\f\r]| {2}/
// most text between tags is already tidy: then there is nothing to replace
const collapse = (text: string) => (UNTIDY_TEXT.test(text) ? text.replace(SPACE_RUN, (run) => (run.includes('\n') ? '\n' : ' ')) : text)

export const minifyHtml = (html: string): string => {
  const n = html.length
  let out = ''
  let text = '' // text since the last tag, collapsed when the next tag is reached
  let previousTag = '!doctype' // the start of the document counts like a structural tag
  let inHead = false

  const flush = (nextTag: string) => {
    if (text) {
      if (/^[ \t\n\f\r]*$/.test(text)) {
        if (!inHead && !STRUCTURE.has(previousTag) && !STRUCTURE.has(nextTag)) out += text.includes('\n') ? '\n' : ' '
      } else {
        let t = collapse(text)
        if (STRUCTURE.has(previousTag)) t = t.replace(/^[ \t\n\f\r]+/, '')
        if (STRUCTURE.has(nextTag)) t = t.replace(/[ \t\n\f\r]+$/, '')
        out += t
      }
      text = ''
    }
    previousTag = nextTag
  }

  /** `<pre>`, `<script>`…: everything up to the closing tag as written; returns where that tag starts. */
  const copyVerbatim = (name: string, from: number): number => {
    const close = CLOSERS[name]
    close.lastIndex = from
    const match = close.exec(html)
    const stop = match ? match.index : n
    out += html.slice(from, stop)
    return stop
  }

  let i = 0
  while (i < n) {
    const lt = html.indexOf('<', i)
    if (lt === -1) {
      text += html.slice(i)
      break
    }
    text += html.slice(i, lt)
    i = lt
    const next = html[i + 1] ?? ''
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4)
      const stop = end === -1 ? n : end + 3
      if (html.startsWith('<!--[if', i)) {
        flush('!--')
        out += html.slice(i, stop)
      }
      i = stop
      continue
    }
    if (next === '!' || next === '?') {
      // doctype, CDATA, processing instruction: as written
      const end = html.startsWith('<![CDATA[', i) ? html.indexOf(']]>', i) + 2 : html.indexOf('>', i)
      const stop = end < i ? n : end + 1
      flush(html.slice(i + 1, i + 9).toLowerCase() === '!doctype' ? '!doctype' : '!')
      out += html.slice(i, stop)
      i = stop
      continue
    }
    const isEnd = next === '/'
    if (!/[A-Za-z]/.test(isEnd ? (html[i + 2] ?? '') : next)) {
      text += '<'
      i++
      continue
    }
    // a tag: its name, then attributes with whitespace between them collapsed and values copied
    let j = i + (isEnd ? 2 : 1)
    const nameStart = j
    while (j < n && !SPACE.test(html[j]) && html[j] !== '>' && html[j] !== '/') j++
    const name = html.slice(nameStart, j).toLowerCase()
    const tag = isEnd ? `/${name}` : name
    flush(tag)
    if (tag === 'head') inHead = true
    else if (tag === '/head' || tag === 'body') inHead = false
    // fast path: attributes already written with single spaces and only double quotes (so the first `>`
    // ends the tag when the quotes pair up) are copied as they are
    const gt = html.indexOf('>', j)
    if (gt !== -1) {
      const attributes = html.slice(j, gt)
      if (!UNTIDY.test(attributes) && evenQuotes(attributes)) {
        out += html.slice(i, gt + 1)
        i = gt + 1
        if (!isEnd && VERBATIM.has(name)) i = copyVerbatim(name, i)
        continue
      }
    }
    let t = html.slice(i, j)
    let space = false
    let afterUnquoted = false // the last token was an unquoted value, whose last character may be a "/"
    while (j < n && html[j] !== '>') {
      TAG_TOKEN.lastIndex = j
      const token = TAG_TOKEN.exec(html)![0]
      j += token.length
      if (SPACE.test(token[0])) {
        space = true
        continue
      }
      // `<br />` may lose its space, `<a href=x/ />` must not (the "/" would join the value)
      if (space && !(token === '/' && html[j] === '>' && !afterUnquoted)) t += ' '
      space = false
      t += token
      afterUnquoted = token[0] !== '"' && token[0] !== "'" && token.includes('=') && !token.endsWith('=')
    }
    out += `${t}>`
    i = j + 1
    if (!isEnd && VERBATIM.has(name)) i = copyVerbatim(name, i)
  }
  flush('/html')
  return out
}
