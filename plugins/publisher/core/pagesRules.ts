/**
 * Cloudflare Pages' `_headers` and `_redirects`, read the way Pages reads them, for serving a published
 * folder as Pages would (src/app/(sites)/live). Patterns: `*` (the splat) matches anything, slashes
 * included; `:name` matches one path segment. Lines that do not parse are skipped, as Pages skips them.
 */

export type RedirectRule = { from: RegExp; to: string; status: number }
export type HeaderRule = { pattern: RegExp; set: [string, string][]; detach: string[] }

const REDIRECT_STATUSES = new Set([200, 301, 302, 303, 307, 308])

const escapeRegExp = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&')

/** `/blog/:slug/*` -> a RegExp with named groups (`splat` for the `*`). */
const patternOf = (source: string): RegExp => {
  let splats = 0
  const body = source
    .split(/(\*|:[A-Za-z_][A-Za-z0-9_]*)/)
    .map((part) => {
      if (part === '*') return splats++ === 0 ? '(?<splat>.*)' : '.*'
      if (/^:[A-Za-z_]/.test(part)) return `(?<${part.slice(1)}>[^/]+)`
      return escapeRegExp(part)
    })
    .join('')
  return new RegExp(`^${body}$`)
}

export const parseRedirects = (text: string | undefined | null): RedirectRule[] => {
  const rules: RedirectRule[] = []
  for (const raw of (text ?? '').split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const [from, to, code, ...rest] = line.split(/\s+/)
    const status = code === undefined ? 302 : Number(code)
    if (!from?.startsWith('/') || !to || rest.length > 0 || !REDIRECT_STATUSES.has(status)) continue
    // a 200 serves another path of the site; Pages does not proxy to other hosts from _redirects
    if (status === 200 && !to.startsWith('/')) continue
    try {
      rules.push({ from: patternOf(from), to, status })
    } catch {
      // a placeholder named twice: Pages refuses the rule too
    }
  }
  return rules
}

/** The first rule matching `pathname`, with `:splat` and placeholders filled into its destination. */
export const matchRedirect = (rules: RedirectRule[], pathname: string): { to: string; status: number } | null => {
  for (const rule of rules) {
    const match = rule.from.exec(pathname)
    if (!match) continue
    const groups = match.groups ?? {}
    const to = rule.to.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => groups[name] ?? whole)
    return { to, status: rule.status }
  }
  return null
}

export const parseHeaders = (text: string | undefined | null): HeaderRule[] => {
  const rules: HeaderRule[] = []
  let current: HeaderRule | null = null
  for (const raw of (text ?? '').split(/\r?\n/)) {
    if (!raw.trim() || raw.trim().startsWith('#')) continue
    if (!/^\s/.test(raw)) {
      const source = raw.trim()
      current = null
      try {
        // rules for absolute URLs (another host) say nothing about this one
        if (source.startsWith('/')) current = { pattern: patternOf(source), set: [], detach: [] }
      } catch {
        // a placeholder named twice: the rule is skipped with its headers
      }
      if (current) rules.push(current)
      continue
    }
    if (!current) continue
    const line = raw.trim()
    if (line.startsWith('!')) {
      current.detach.push(line.slice(1).trim().toLowerCase())
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    current.set.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()])
  }
  return rules
}

/**
 * The headers every rule matching `pathname` sets, in file order: the same header from two rules is
 * joined with ", " (as Pages does), and `! Name` removes one an earlier rule set.
 */
export const headersFor = (rules: HeaderRule[], pathname: string): Map<string, string> => {
  const headers = new Map<string, string>()
  for (const rule of rules) {
    if (!rule.pattern.test(pathname)) continue
    for (const name of rule.detach) headers.delete(name)
    for (const [name, value] of rule.set) headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value)
  }
  return headers
}
