/**
 * Redirect paths: what a `from` or `to` may be, how two spellings of one path compare, how chains are
 * followed and how rules are written into Cloudflare's `_redirects`. Pure: no Payload import.
 */

export type RedirectStatus = 301 | 302

/** A path of the site: `/old-page/`, `/old.html`. Placeholders and splats are not offered (exact paths only). */
const PATH = /^\/[A-Za-z0-9\-._~!$&'()+,;=@%/]*$/

/** The path as stored, or a message saying what to fix. */
export const normalizePath = (raw: unknown): { path: string } | { error: string } => {
  const text = typeof raw === 'string' ? raw.trim() : ''
  if (!text) return { error: 'is required: a path of the site such as /old-page/' }
  let path = text
  // a full URL of any host: keep its path (the site's own domain is the usual case when pasted from a browser)
  if (/^https?:\/\//i.test(path)) {
    try {
      const url = new URL(path)
      if (url.search || url.hash) return { error: `"${text}" has a query or fragment: give the path alone, such as ${url.pathname}` }
      path = url.pathname
    } catch {
      return { error: `"${text}" is not a URL or path: give a path such as /old-page/` }
    }
  }
  if (!path.startsWith('/')) return { error: `"${text}" must start with "/", such as /${path}` }
  if (/[?#]/.test(path)) return { error: `"${text}" has a query or fragment: give the path alone` }
  if (/[*:]/.test(path)) return { error: `"${text}" has "*" or ":": only exact paths are supported` }
  if (!PATH.test(path)) return { error: `"${text}" has spaces or characters a URL path cannot have: encode them (%20)` }
  if (path.includes('//')) return { error: `"${text}" has an empty segment ("//")` }
  if (path.length > 500) return { error: 'is longer than 500 characters' }
  return { path }
}

/** One key for `/a` and `/a/` (static hosts serve both from the same file, and the gate treats them alike). */
export const pathKey = (path: string): string => path.replace(/\/+$/, '') || '/'

export type Rule = { from: string; to: string }

/**
 * Where `target` finally leads through `rules` (followed while some rule's `from` is the current
 * target), and whether the walk comes back to `from` (a loop) or cycles among the rules themselves.
 */
export const followChain = (from: string, target: string, rules: readonly Rule[]): { to: string; isLoop: boolean; hops: number } => {
  const byFrom = new Map(rules.map((r) => [pathKey(r.from), r.to]))
  const start = pathKey(from)
  const seen = new Set<string>([start])
  let to = target
  let hops = 0
  while (true) {
    const key = pathKey(to)
    if (seen.has(key)) return { to, isLoop: true, hops }
    const next = byFrom.get(key)
    if (next === undefined) return { to, isLoop: false, hops }
    seen.add(key)
    to = next
    hops++
  }
}

export type EmittedRedirect = { from: string; to: string; status: RedirectStatus }

/** One rule as `_redirects` declares it: a source ending in `/` is written with and without the slash. */
export type Declaration = { rule: EmittedRedirect; lines: string[] }

/**
 * The rules' `_redirects` declarations, sorted by source. A source ending in `/` is written with and without the
 * slash, as Pages matches sources exactly; a rule whose source is a live page's URL is left out (the page wins), and
 * so is a rule to itself. A source another rule already declared is not declared again.
 */
export const redirectDeclarations = (rules: readonly EmittedRedirect[], isLive: (path: string) => boolean = () => false): Declaration[] => {
  const declarations: Declaration[] = []
  const written = new Set<string>()
  for (const rule of [...rules].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))) {
    if (isLive(rule.from) || pathKey(rule.from) === pathKey(rule.to)) continue
    const sources = rule.from !== '/' && rule.from.endsWith('/') ? [rule.from, rule.from.replace(/\/+$/, '')] : [rule.from]
    const lines: string[] = []
    for (const source of sources) {
      if (written.has(source)) continue
      written.add(source)
      lines.push(`${source} ${rule.to} ${rule.status}`)
    }
    if (lines.length) declarations.push({ rule, lines })
  }
  return declarations
}

/** `_redirects` lines, sorted by source (`redirectDeclarations`, flattened). */
export const redirectLines = (rules: readonly EmittedRedirect[], isLive: (path: string) => boolean = () => false): string[] =>
  redirectDeclarations(rules, isLive).flatMap((d) => d.lines)
