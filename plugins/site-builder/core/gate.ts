/**
 * The link gate: what a site's files reference, and whether every reference resolves to a file of
 * the complete tree that is about to go live. Pure: no file system, no Payload.
 *
 * A reference is an `A` (asset: stylesheet, script, image, variant, font, icon, manifest; the page
 * breaks without it) or a `P` (page link: `<a href>`, canonical, sitemap `<loc>`, `_redirects` target,
 * meta refresh; a visitor can follow it). Refs are stored as strings, kind first (`A/css/x.css`,
 * `P/about/`), so a build cache can carry them for pages it does not render again.
 */

export type RefKind = 'A' | 'P'
/** `${kind}${site-root path}`, e.g. `A/assets/css/style.1a2b.css`. */
export type Ref = string

export type GateProblem = { file: string; ref: string }
export type GateResult = {
  /** Assets that are not in the tree: the deployment must not go live. */
  missing: GateProblem[]
  /** Page links that lead nowhere: published, recorded as warnings. */
  broken: GateProblem[]
  /** References checked. */
  checked: number
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', '#39': "'", '#x27': "'", '#38': '&', '#x2f': '/', '#47': '/' }
const decodeEntities = (value: string): string =>
  value.includes('&') ? value.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => ENTITIES[name.toLowerCase()] ?? whole) : value

/** Hosts under which an absolute URL is this site's own (`example.com`, `www.example.com`). */
export type SiteHosts = ReadonlySet<string>
export const siteHostsOf = (domain: string): SiteHosts => {
  const bare = domain.toLowerCase().replace(/^www\./, '')
  return new Set([bare, `www.${bare}`])
}

/**
 * The site-root path a URL found in `file` points at, or null when it leaves the site (another host,
 * mailto:, data:, a fragment of the same page). Relative URLs resolve against the file's folder.
 */
export const internalPath = (raw: string, file: string, hosts: SiteHosts): string | null => {
  const url = decodeEntities(raw.trim())
  if (!url || url.startsWith('#') || url.startsWith('{{') || url.startsWith('{%')) return null
  // the common case, a root-relative URL without dot segments, needs no URL parser (a 4,000-page build reads ~80,000)
  if (url[0] === '/' && url[1] !== '/' && !url.includes('/.') && !url.includes('\\')) {
    const end = url.search(/[?#]/)
    const bare = end === -1 ? url : url.slice(0, end)
    if (!bare.includes('%')) return bare
    try {
      return decodeURIComponent(bare)
    } catch {
      return bare
    }
  }
  let resolved: URL
  try {
    resolved = new URL(url, `https://site.invalid/${file}`)
  } catch {
    return null
  }
  if (resolved.protocol !== 'https:' && resolved.protocol !== 'http:') return null
  if (resolved.hostname !== 'site.invalid' && !hosts.has(resolved.hostname.toLowerCase())) return null
  let path: string
  try {
    path = decodeURIComponent(resolved.pathname)
  } catch {
    path = resolved.pathname
  }
  // a link to the same page (`?page=2`, `#top`) is not a file of its own
  return path
}

const PAGE_RELS = /(?:^|\s)(?:canonical|alternate|next|prev|prefetch|prerender|author|help|license|search|bookmark|external|nofollow|noopener|noreferrer)(?:\s|$)/i
const TAG = /<(script|style)\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/\1\s*>|<!--[\s\S]*?-->|<([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g
const INTERESTING = /(?:href|src|srcset|style|content|poster|data)\s*=/i
const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]+))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi

const attributesOf = (source: string): Map<string, string> => {
  const attrs = new Map<string, string>()
  for (const m of source.matchAll(ATTR)) {
    const name = m[1].toLowerCase()
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '')
  }
  return attrs
}

const cssUrls = (css: string): string[] => {
  const urls: string[] = []
  for (const m of css.matchAll(CSS_URL)) {
    const url = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]
    if (url && !/^data:/i.test(url)) urls.push(url)
  }
  return urls
}

const srcsetUrls = (value: string): string[] =>
  value
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0])
    .filter(Boolean)

/** The references of one HTML document. */
const htmlRefs = (html: string, add: (kind: RefKind, url: string) => void): void => {
  for (const m of html.matchAll(TAG)) {
    if (m[1]) {
      if (m[1].toLowerCase() === 'style') for (const url of cssUrls(m[3])) add('A', url)
      else {
        const src = attributesOf(m[2]).get('src')
        if (src) add('A', src)
      }
      continue
    }
    if (!m[4]) continue // a comment
    const source = m[5] ?? ''
    // most tags carry only classes and ids: no attribute that can reference a file
    if (!INTERESTING.test(source)) continue
    const tag = m[4].toLowerCase()
    const attrs = attributesOf(source)
    const style = attrs.get('style')
    if (style) for (const url of cssUrls(decodeEntities(style))) add('A', url)
    switch (tag) {
      case 'a':
      case 'area': {
        const href = attrs.get('href')
        if (href !== undefined) add('P', href)
        break
      }
      case 'link': {
        const href = attrs.get('href')
        if (href !== undefined) add(PAGE_RELS.test(attrs.get('rel') ?? '') ? 'P' : 'A', href)
        const srcset = attrs.get('imagesrcset')
        if (srcset) for (const url of srcsetUrls(srcset)) add('A', url)
        break
      }
      case 'meta': {
        const content = attrs.get('content')
        if (!content) break
        if ((attrs.get('http-equiv') ?? '').toLowerCase() === 'refresh') {
          const target = /url\s*=\s*['"]?([^'"]+)/i.exec(content)
          if (target) add('P', target[1])
        } else if (/^(og:image|og:image:url|og:image:secure_url|og:video|og:audio|twitter:image)$/i.test(attrs.get('property') ?? attrs.get('name') ?? '')) {
          add('A', content)
        } else if (/^og:url$/i.test(attrs.get('property') ?? '')) {
          add('P', content)
        }
        break
      }
      case 'iframe':
      case 'frame': {
        const src = attrs.get('src')
        if (src) add('P', src)
        break
      }
      default: {
        for (const name of ['src', 'poster', 'data']) {
          const value = attrs.get(name)
          if (value) add('A', value)
        }
        const srcset = attrs.get('srcset')
        if (srcset) for (const url of srcsetUrls(srcset)) add('A', url)
      }
    }
  }
}

/**
 * Every internal reference of one site file, as deduplicated `Ref`s. HTML pages, stylesheets,
 * sitemaps, `_redirects`, robots.txt and web manifests are read; other files reference nothing.
 */
export const refsOf = (file: string, body: string | Uint8Array, hosts: SiteHosts): Ref[] => {
  const text = (): string => (typeof body === 'string' ? body : Buffer.from(body).toString('utf8'))
  const refs = new Set<Ref>()
  const add = (kind: RefKind, url: string) => {
    const path = internalPath(url, file, hosts)
    if (path !== null) refs.add(`${kind}${path}`)
  }
  if (/\.(html?|php)$/i.test(file) || /(^|\/)index\.php\//.test(file)) htmlRefs(text(), add)
  else if (/\.css$/i.test(file)) for (const url of cssUrls(text())) add('A', url)
  else if (file === 'sitemap.xml') for (const m of text().matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)) add('P', m[1])
  else if (file === 'robots.txt') for (const m of text().matchAll(/^\s*sitemap:\s*(\S+)/gim)) add('A', m[1])
  else if (file === '_redirects') for (const rule of parseRedirects(text())) add('P', rule.to)
  else if (/\.webmanifest$|(^|\/)manifest\.json$/i.test(file)) for (const m of text().matchAll(/"src"\s*:\s*"([^"]+)"/g)) add('A', m[1])
  return [...refs].sort()
}

/** The rules of a `_redirects` file: `from to [status]`, comments and blank lines skipped. */
export const parseRedirects = (text: string): { from: string; to: string; status: number }[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(/\s+/))
    .filter((parts) => parts.length >= 2)
    .map(([from, to, status]) => ({ from, to, status: Number(status ?? 302) || 302 }))

/**
 * Whether a site-root path is served by a file of the tree, the way static hosts serve it
 * (Cloudflare Pages and the local-folder server alike): the file itself, `x/` from `x/index.html`,
 * `x` from `x.html` or `x/index.html`.
 */
export const resolves = (path: string, has: (file: string) => boolean): boolean => {
  const file = path.replace(/^\/+/, '')
  if (file === '' || file.endsWith('/')) return has(`${file}index.html`)
  if (has(file)) return true
  return has(`${file}.html`) || has(`${file}/index.html`)
}

/** `_redirects` sources that answer a request, exact or with a trailing splat. */
const redirectMatcher = (redirects: string | undefined): ((path: string) => boolean) => {
  const exact = new Set<string>()
  const prefixes: string[] = []
  for (const rule of parseRedirects(redirects ?? '')) {
    if (!rule.from.startsWith('/')) continue
    if (rule.from.endsWith('*')) prefixes.push(rule.from.slice(0, -1))
    else if (!rule.from.includes(':')) exact.add(rule.from.replace(/\/$/, '') || '/')
  }
  return (path) => exact.has(path.replace(/\/$/, '') || '/') || prefixes.some((prefix) => path.startsWith(prefix))
}

/**
 * Checks every reference of the complete tree: `refs` lists each file's references (pages rendered now,
 * pages reused from the last build with their cached refs, and the site-wide files), `has` says whether a
 * path is a file of the tree. A reference that a `_redirects` rule answers counts as resolved.
 */
export const checkTree = ({
  refs,
  has,
  redirects,
}: {
  refs: Iterable<[file: string, refs: readonly Ref[]]>
  has: (file: string) => boolean
  redirects?: string
}): GateResult => {
  const redirected = redirectMatcher(redirects)
  const result: GateResult = { missing: [], broken: [], checked: 0 }
  const known = new Map<string, boolean>()
  for (const [file, list] of refs) {
    for (const ref of list) {
      result.checked++
      const path = ref.slice(1)
      let ok = known.get(path)
      if (ok === undefined) {
        ok = resolves(path, has) || redirected(path)
        known.set(path, ok)
      }
      if (ok) continue
      ;(ref[0] === 'A' ? result.missing : result.broken).push({ file, ref: path })
    }
  }
  const order = (a: GateProblem, b: GateProblem) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)
  result.missing.sort(order)
  result.broken.sort(order)
  return result
}

/** The gate's refusal: which files reference which missing assets (the first few, and how many in all). */
export const missingAssetsMessage = (missing: GateProblem[], shown = 5): string => {
  const lines = missing.slice(0, shown).map((p) => `"${p.file}" references ${p.ref}`)
  const more = missing.length > shown ? `; and ${missing.length - shown} more` : ''
  return `The site references ${missing.length} file(s) that it does not contain, so nothing was published: ${lines.join('; ')}${more}. Fix the template or page, or upload the file again.`
}

/** Warning lines for page links that lead nowhere (published anyway). */
export const brokenLinkWarnings = (broken: GateProblem[]): string[] => broken.map((p) => `Broken link on "${p.file}": ${p.ref} is not a page of the site`)
