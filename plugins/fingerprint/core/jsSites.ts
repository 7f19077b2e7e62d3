/**
 * Where a script puts classes: the class and selector places of js.ts, found in acorn's syntax tree, and
 * the variables whose value can be known without running the script.
 */

export type Role = 'classes' | 'selector' | 'html'

// acorn's ESTree nodes, read generically: the walker visits every node type the same way
export type Node = { type: string; start: number; end: number; loc?: { start: { line: number } } } & Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const CLASS_LIST_ALL = new Set(['add', 'remove'])
const CLASS_LIST_FIRST = new Set(['toggle', 'contains'])
const SELECTOR_FIRST = new Set(['querySelector', 'querySelectorAll', 'closest', 'matches', 'webkitMatchesSelector', 'msMatchesSelector'])
const JQUERY_CLASSES = new Set(['addClass', 'removeClass', 'toggleClass', 'hasClass'])
const JQUERY_SELECTOR = new Set(['find', 'children', 'siblings', 'parents', 'parent', 'next', 'prev', 'nextAll', 'prevAll', 'filter', 'not', 'is'])
const JQUERY_DELEGATE = new Set(['on', 'off', 'one'])
const HTML_PROPERTIES = new Set(['innerHTML', 'outerHTML'])

export const propertyName = (node: Node | undefined): string | null => {
  if (!node || node.type !== 'MemberExpression') return null
  if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : null
  return node.property.type === 'Literal' && typeof node.property.value === 'string' ? node.property.value : null
}

export const keyName = (node: Node): string | null => {
  if (node.computed) return null
  if (node.key.type === 'Identifier') return node.key.name
  return node.key.type === 'Literal' && typeof node.key.value === 'string' ? node.key.value : null
}

export const isString = (node: Node | undefined): boolean => node?.type === 'Literal' && typeof node.value === 'string'

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

export type Site = { role: Role; expr: Node; what: string }

export type ScriptFacts = {
  sites: Site[]
  /** The value of a variable declared once and never assigned again, or null. */
  constant(name: string): Node | null
}

export const findSites = (ast: Node): ScriptFacts => {
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
        // a property written to (CLASSES.open = …) makes the whole object unreliable
        if (node.left.type === 'MemberExpression' && node.left.object.type === 'Identifier') names.push(node.left.object.name)
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

  return {
    sites,
    constant(name) {
      const inits = declarations.get(name)
      return inits?.length === 1 && declarationCount.get(name) === 1 && !reassigned.has(name) ? inits[0] : null
    },
  }
}
