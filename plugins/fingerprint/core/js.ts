import { parse } from 'acorn'

import { renameClassList, type Piece } from './classList'
import { findSites, isString, keyName, propertyName, type Node, type Role } from './jsSites'
import type { Renamer } from './renamer'
import { PLACEHOLDER, placeholder, renameSelector } from './selectors'

/**
 * Class names in a template's JavaScript, found through the syntax tree, so only string literals in the
 * places a class or selector goes are touched: never comments, identifiers or other strings.
 *
 * The places (what templates realistically write):
 * - `el.classList.add/remove(...)`, `toggle(a)`, `contains(a)`, `replace(a, b)`, `el.classList.value = …`
 * - `querySelector(sel)`, `querySelectorAll`, `closest`, `matches`, `getElementsByClassName('a b')`
 * - `el.className = 'a b'` (and `+=`), `el.setAttribute('class', 'a b')`, `{ className: 'a b' }`
 * - `el.innerHTML = '<i class="a">'` (and `outerHTML`, `insertAdjacentHTML(pos, html)`)
 * - jQuery: `$(sel)`, `$('<div class="a">')`, `.addClass/removeClass/toggleClass/hasClass`, traversal
 *   (`find`, `children`, `parents`, `filter`, `is`, …) and delegated `.on(event, sel, fn)`
 *
 * A value may be a string, a template literal or a `+` concatenation (the static head of a class whose tail
 * is computed is prefixed, like `block--{{ x }}` in Liquid), a `? :` or `||` choice, or a variable that is
 * declared once with such a value and never reassigned (`var OPEN = 'is-open'`), or a property of such an
 * object (`const CLS = { open: 'is-open' }; … CLS.open`).
 */

/** Renames classes in HTML held in a JS string; `line` is where the string is in the script. */
export type RenameHtml = (html: string, where: string, line: number) => string

const escapeString = (value: string, quote: string): string =>
  value
    .replace(/\\/g, '\\\\')
    .replace(quote === '"' ? /"/g : /'/g, `\\${quote}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/<\/(script)/gi, '<\\/$1')

const escapeTemplate = (value: string): string => value.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/<\/(script)/gi, '<\\/$1')

type Segment = { node: Node | null; text: string }

export const renameJsClasses = (code: string, renamer: Renamer, where: string, renameHtml?: RenameHtml): string => {
  if (!code.trim()) return code
  let ast: Node
  try {
    ast = parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true, allowHashBang: true }) as unknown as Node
  } catch {
    try {
      ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true, allowHashBang: true }) as unknown as Node
    } catch (error) {
      const e = error as Error & { loc?: { line: number } }
      renamer.warn(
        `${where}${e.loc ? ` line ${e.loc.line}` : ''}: the script does not parse (${e.message.replace(/ \(\d+:\d+\)$/, '')}), so the class names in it are not renamed.`,
      )
      return code
    }
  }

  const { sites, constant } = findSites(ast)

  const edits = new Map<number, { end: number; text: string; role: Role }>()
  const lineOf = (node: Node) => (node.loc ? `${where} line ${node.loc.start.line}` : where)

  const renameText = (role: Role, text: string, at: string, line: number): string => {
    if (role === 'selector') return renameSelector(text, renamer, at)
    if (role === 'html') return renameHtml ? renameHtml(text, where, line) : text
    const pieces: Piece[] = text.split(new RegExp(`(${PLACEHOLDER.source})`)).map((value, i) => ({ kind: i % 2 ? 'dynamic' : 'text', value }) as Piece)
    return renameClassList(pieces, renamer, at)
  }

  const edit = (node: Node, text: string, role: Role) => {
    const previous = edits.get(node.start)
    if (previous && previous.role !== role) {
      renamer.warn(`${lineOf(node)}: the same string is used as ${previous.role} and as ${role}; it was renamed as ${previous.role} only.`)
      return
    }
    edits.set(node.start, { end: node.end, text, role })
  }

  /** A run of static text and computed parts: a template literal or a `+` concatenation. */
  const renameSegments = (role: Role, segments: Segment[], dynamic: Node[], node: Node): void => {
    const at = lineOf(node)
    const joined = segments.map((s, i) => (i ? placeholder('d', i - 1) : '') + s.text).join('')
    const warned = renamer.warnings.length
    const renamed = renameText(role, joined, at, node.loc?.start.line ?? 1)
    // warnings name the code, not the stand-in
    for (let w = warned; w < renamer.warnings.length; w++) {
      renamer.warnings[w] = renamer.warnings[w].replace(/__fpd(\d+)__/g, (_, n) => {
        const node = dynamic[Number(n)]
        return node ? '${' + code.slice(node.start, node.end) + '}' : '${…}'
      })
    }
    if (renamed === joined) return
    // split on this script's own stand-ins only: Liquid ones (__fpl…) stay inside the text
    const parts = renamed.split(/__fpd\d+__/)
    if (parts.length !== segments.length) {
      renamer.warn(`${at}: a computed part of the ${role === 'classes' ? 'class list' : role} moved while renaming; it was left as it was.`)
      return
    }
    segments.forEach((segment, i) => {
      if (parts[i] === segment.text) return
      if (!segment.node) {
        renamer.warn(`${at}: renaming needs text where the code computes a value; it was left as it was.`)
        return
      }
      if (segment.node.type === 'TemplateElement') edit(segment.node, escapeTemplate(parts[i]), role)
      else {
        const quote = segment.node.raw[0]
        edit(segment.node, quote + escapeString(parts[i], quote) + quote, role)
      }
    })
  }

  const concatenation = (node: Node): Node[] =>
    node.type === 'BinaryExpression' && node.operator === '+' ? [...concatenation(node.left), ...concatenation(node.right)] : [node]

  const visiting = new Set<string>()
  const renameExpr = (role: Role, expr: Node | null | undefined, what: string): boolean => {
    if (!expr) return false
    switch (expr.type) {
      case 'Literal':
        if (typeof expr.value !== 'string') return false
        renameSegments(role, [{ node: expr, text: expr.value }], [], expr)
        return true
      case 'TemplateLiteral': {
        if (expr.quasis.some((q: Node) => q.value.cooked == null)) return false
        const segments: Segment[] = expr.quasis.map((q: Node) => ({ node: q, text: q.value.cooked as string }))
        renameSegments(role, segments, expr.expressions, expr)
        return true
      }
      case 'BinaryExpression': {
        if (expr.operator !== '+') return false
        const operands = concatenation(expr)
        const isStatic = operands.map((o) => isString(o) || o.type === 'TemplateLiteral')
        if (!isStatic.some(Boolean)) return false
        if (isStatic.some((s, i) => s && isStatic[i - 1])) {
          // two strings side by side ('a' + 'b'): each is renamed as a string of its own
          operands.forEach((o, i) => isStatic[i] && renameExpr(role, o, what))
          return true
        }
        const segments: Segment[] = [{ node: null, text: '' }]
        const dynamic: Node[] = []
        operands.forEach((operand, i) => {
          if (!isStatic[i]) {
            dynamic.push(operand)
            segments.push({ node: null, text: '' })
            return
          }
          const texts: Segment[] =
            operand.type === 'TemplateLiteral'
              ? operand.quasis.map((q: Node) => ({ node: q, text: q.value.cooked ?? '' }))
              : [{ node: operand, text: operand.value }]
          if (operand.type === 'TemplateLiteral') dynamic.push(...operand.expressions)
          segments[segments.length - 1] = texts[0]
          segments.push(...texts.slice(1))
        })
        renameSegments(role, segments, dynamic, expr)
        return true
      }
      case 'ConditionalExpression':
        return [renameExpr(role, expr.consequent, what), renameExpr(role, expr.alternate, what)].some(Boolean)
      case 'LogicalExpression':
        return [expr.operator === '&&' ? false : renameExpr(role, expr.left, what), renameExpr(role, expr.right, what)].some(Boolean)
      case 'SequenceExpression':
        return renameExpr(role, expr.expressions[expr.expressions.length - 1], what)
      case 'ArrayExpression':
        return expr.elements.map((e: Node | null) => renameExpr(role, e?.type === 'SpreadElement' ? e.argument : e, what)).some(Boolean)
      case 'Identifier': {
        const init = constant(expr.name)
        if (!init || visiting.has(expr.name)) return false
        visiting.add(expr.name)
        const found = renameExpr(role, init, what)
        visiting.delete(expr.name)
        return found
      }
      case 'MemberExpression': {
        // CLASSES.open, with const CLASSES = { open: 'is-open' }
        const key = propertyName(expr)
        const object = expr.object.type === 'Identifier' ? constant(expr.object.name) : null
        if (!key || object?.type !== 'ObjectExpression' || visiting.has(expr.object.name)) return false
        const property = object.properties.find((p: Node) => p.type === 'Property' && p.kind === 'init' && !p.method && keyName(p) === key)
        if (!property) return false
        visiting.add(expr.object.name)
        const found = renameExpr(role, property.value, what)
        visiting.delete(expr.object.name)
        return found
      }
      default:
        return false
    }
  }

  for (const { role, expr, what } of sites) {
    if (!renameExpr(role, expr, what)) {
      renamer.warn(`${lineOf(expr)}: ${what} gets ${role === 'classes' ? 'a class' : role === 'selector' ? 'a selector' : 'HTML'} computed at run time, so its classes are not renamed.`)
    }
  }

  if (!edits.size) return code
  let out = ''
  let last = 0
  for (const [start, { end, text }] of [...edits.entries()].sort(([a], [b]) => a - b)) {
    out += code.slice(last, start) + text
    last = end
  }
  return out + code.slice(last)
}
