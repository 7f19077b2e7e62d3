import { parse } from 'acorn'

import { renameClassList, type Piece } from './classList'
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
 * declared once with such a value and never reassigned (`var OPEN = 'is-open'`).
 */

type Role = 'classes' | 'selector' | 'html'

// acorn's ESTree nodes, read generically: the walker visits every node type the same way
type Node = { type: string; start: number; end: number; loc?: { start: { line: number } } } & Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** Renames classes in HTML held in a JS string; `line` is where the string is in the script. */
export type RenameHtml = (html: string, where: string, line: number) => string

const CLASS_LIST_ALL = new Set(['add', 'remove'])
const CLASS_LIST_FIRST = new Set(['toggle', 'contains'])
const SELECTOR_FIRST = new Set(['querySelector', 'querySelectorAll', 'closest', 'matches', 'webkitMatchesSelector', 'msMatchesSelector'])
const JQUERY_CLASSES = new Set(['addClass', 'removeClass', 'toggleClass', 'hasClass'])
const JQUERY_SELECTOR = new Set(['find', 'children', 'siblings', 'parents', 'parent', 'next', 'prev', 'nextAll', 'prevAll', 'filter', 'not', 'is'])
const JQUERY_DELEGATE = new Set(['on', 'off', 'one'])
const HTML_PROPERTIES = new Set(['innerHTML', 'outerHTML'])

const propertyName = (node: Node | undefined): string | null => {
  if (!node || node.type !== 'MemberExpression') return null
  if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : null
  return node.property.type === 'Literal' && typeof node.property.value === 'string' ? node.property.value : null
}

const keyName = (node: Node): string | null => {
  if (node.computed) return null
  if (node.key.type === 'Identifier') return node.key.name
  return node.key.type === 'Literal' && typeof node.key.value === 'string' ? node.key.value : null
}

const isString = (node: Node | undefined): boolean => node?.type === 'Literal' && typeof node.value === 'string'

const firstText = (node: Node): string | null => {
  if (isString(node)) return node.value
  if (node.type === 'TemplateLiteral') return node.quasis[0].value.cooked ?? null
  if (node.type === 'BinaryExpression' && node.operator === '+') return firstText(node.left)
  return null
}

const walk = (node: unknown, visit: (node: Node) => void): void => {
  if (!node || typeof node !== 'object') return
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit)
    return
  }
  const n = node as Node
  if (typeof n.type !== 'string') return
  visit(n)
  for (const key in n) {
    if (key === 'loc' || key === 'type' || key === 'start' || key === 'end' || key === 'raw' || key === 'value' || key === 'regex') continue
    const child = n[key]
    if (child && typeof child === 'object') walk(child, visit)
  }
}

const declaredNames = (pattern: Node | null | undefined, out: string[]): void => {
  if (!pattern) return
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name)
      break
    case 'AssignmentPattern':
      declaredNames(pattern.left, out)
      break
    case 'RestElement':
      declaredNames(pattern.argument, out)
      break
    case 'ArrayPattern':
      for (const element of pattern.elements) declaredNames(element, out)
      break
    case 'ObjectPattern':
      for (const property of pattern.properties) declaredNames(property.type === 'RestElement' ? property : property.value, out)
      break
  }
}

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

  const sites: { role: Role; expr: Node; what: string }[] = []
  const declarations = new Map<string, Node[]>()
  const declarationCount = new Map<string, number>()
  const reassigned = new Set<string>()
  const declare = (names: string[]) => {
    for (const name of names) declarationCount.set(name, (declarationCount.get(name) ?? 0) + 1)
  }
  const site = (role: Role, expr: Node | undefined, what: string) => {
    if (expr && expr.type !== 'SpreadElement') sites.push({ role, expr, what })
    else if (expr?.type === 'SpreadElement') sites.push({ role, expr: expr.argument, what })
  }

  walk(ast, (node) => {
    switch (node.type) {
      case 'VariableDeclarator': {
        const names: string[] = []
        declaredNames(node.id, names)
        declare(names)
        if (node.id.type === 'Identifier' && node.init) declarations.set(node.id.name, [...(declarations.get(node.id.name) ?? []), node.init])
        break
      }
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const names: string[] = []
        if (node.id) declaredNames(node.id, names)
        for (const param of node.params) declaredNames(param, names)
        declare(names)
        break
      }
      case 'ClassDeclaration':
        if (node.id) declare([node.id.name])
        break
      case 'CatchClause': {
        const names: string[] = []
        declaredNames(node.param, names)
        declare(names)
        break
      }
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') reassigned.add(node.argument.name)
        break
      case 'AssignmentExpression': {
        const names: string[] = []
        declaredNames(node.left, names)
        for (const name of names) reassigned.add(name)
        const property = propertyName(node.left)
        if (node.operator !== '=' && node.operator !== '+=') break
        if (property === 'className' || (property === 'value' && propertyName(node.left.object) === 'classList')) site('classes', node.right, property)
        else if (property && HTML_PROPERTIES.has(property)) site('html', node.right, property)
        break
      }
      case 'Property': {
        const key = node.kind === 'init' && !node.method ? keyName(node) : null
        if ((key === 'className' || key === 'class') && node.value.type !== 'AssignmentPattern') site('classes', node.value, key)
        break
      }
      case 'CallExpression': {
        const callee = node.callee as Node
        const args = node.arguments as Node[]
        if (callee.type === 'Identifier' && (callee.name === '$' || callee.name === 'jQuery')) {
          // $(this), $(element): only strings are selectors or markup
          const text = args[0] ? firstText(args[0]) : null
          if (text !== null) site(text.trimStart().startsWith('<') ? 'html' : 'selector', args[0], callee.name)
          break
        }
        const method = propertyName(callee)
        if (!method) break
        if (propertyName(callee.object) === 'classList') {
          if (CLASS_LIST_ALL.has(method)) for (const arg of args) site('classes', arg, `classList.${method}`)
          else if (CLASS_LIST_FIRST.has(method)) site('classes', args[0], `classList.${method}`)
          else if (method === 'replace') args.slice(0, 2).forEach((arg) => site('classes', arg, 'classList.replace'))
        } else if (SELECTOR_FIRST.has(method)) site('selector', args[0], method)
        else if (method === 'getElementsByClassName') site('classes', args[0], method)
        else if (method === 'setAttribute' && isString(args[0]) && args[0].value.toLowerCase() === 'class') site('classes', args[1], method)
        else if (method === 'insertAdjacentHTML') site('html', args[1], method)
        else if (JQUERY_CLASSES.has(method)) site('classes', args[0], method)
        else if (JQUERY_SELECTOR.has(method) && args[0] && firstText(args[0]) !== null) site('selector', args[0], method)
        else if (JQUERY_DELEGATE.has(method) && args.length >= 3 && firstText(args[1]) !== null) site('selector', args[1], method)
        break
      }
    }
  })

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
        const inits = declarations.get(expr.name)
        if (!inits || inits.length !== 1 || declarationCount.get(expr.name) !== 1 || reassigned.has(expr.name) || visiting.has(expr.name)) return false
        visiting.add(expr.name)
        const found = renameExpr(role, inits[0], what)
        visiting.delete(expr.name)
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
