import fs from 'node:fs/promises'
import path from 'node:path'

import { contentTypeFor } from '@/plugins/publisher/core/contentType'
import { headersFor, matchRedirect, parseHeaders, parseRedirects, type HeaderRule, type RedirectRule } from '@/plugins/publisher/core/pagesRules'
import { CONTROL_FILES } from '@/plugins/publisher/core/plan'
import { rewriteCss, rewriteHtml } from '../../preview/_lib/rewriteUrls'

/**
 * A published folder served the way Cloudflare Pages serves a deployment: `_redirects` first (redirects,
 * and 200 rewrites to another path of the site), then the file (`/x/` -> x/index.html, `/x` -> x.html),
 * else the nearest 404.html with status 404; `_headers`
 * on every file served. The site links to itself with root-relative URLs, so, like the preview, HTML and
 * CSS have those moved under `base` (and so do redirects within the site).
 */

/** Files Pages reads but never serves. */
const HIDDEN = new Set([...CONTROL_FILES, '_routes.json', '_worker.js'])
/** Host-wide headers: served from Panel's origin they would bind all of Panel, not this site. */
const HOST_WIDE = new Set(['strict-transport-security', 'set-cookie', 'clear-site-data'])
const MAX_REWRITES = 5

type Folder = { root: string; base: string; redirects: RedirectRule[]; headers: HeaderRule[] }

const notFoundText = (message: string, status = 404): Response =>
  new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex, nofollow' } })

const readText = (file: string): Promise<string | undefined> => fs.readFile(file, 'utf8').catch(() => undefined)

/** The live version's folder (the `current` link resolved once, so one request reads one version), or null. */
export const openFolder = async (current: string, base: string): Promise<Folder | null> => {
  const root = await fs.realpath(current).catch(() => null)
  if (!root) return null
  const [redirects, headers] = await Promise.all([readText(path.join(root, '_redirects')), readText(path.join(root, '_headers'))])
  return { root, base: base.replace(/\/+$/, ''), redirects: parseRedirects(redirects), headers: parseHeaders(headers) }
}

/** URL path segments as a path inside the folder, or null for anything that could leave it or names a control file. */
const relativePath = (segments: string[]): string | null => {
  if (segments.some((s) => s === '.' || s === '..' || /[\\/\0]/.test(s))) return null
  if (segments.length === 1 && HIDDEN.has(segments[0]!)) return null
  return segments.join('/')
}

/** A regular file at `relative` inside the folder (symbolic links that lead out of it are not followed). */
const fileAt = async (folder: Folder, relative: string): Promise<string | null> => {
  const candidate = path.resolve(folder.root, relative)
  if (!candidate.startsWith(folder.root + path.sep)) return null
  try {
    const real = await fs.realpath(candidate)
    if (!real.startsWith(folder.root + path.sep)) return null
    return (await fs.stat(real)).isFile() ? real : null
  } catch {
    return null
  }
}

/**
 * What a static URL path names on Pages, without `_redirects`: `/x/` and `/x` serve x/index.html, `/x`
 * also x.html. (Pages redirects `/x` to `/x/` for a folder; Next.js removes trailing slashes before a
 * route sees the URL, so both arrive as `/x` here and the folder's index.html is served at either.)
 */
const resolveStatic = async (folder: Folder, pathname: string): Promise<string | null> => {
  const relative = relativePath(pathname.split('/').slice(1).filter(Boolean))
  if (relative === null) return null
  if (relative === '') return fileAt(folder, 'index.html')
  return (await fileAt(folder, relative)) ?? (await fileAt(folder, `${relative}.html`)) ?? fileAt(folder, `${relative}/index.html`)
}

/** The 404.html nearest to the requested path, as Pages looks for it. */
const notFoundPage = async (folder: Folder, pathname: string): Promise<string | null> => {
  const dirs = pathname.split('/').slice(1, -1)
  if (relativePath(dirs) === null) return fileAt(folder, '404.html')
  for (let depth = dirs.length; depth >= 0; depth--) {
    const found = await fileAt(folder, [...dirs.slice(0, depth), '404.html'].join('/'))
    if (found) return found
  }
  return null
}

/** A root-relative location moves under the base; other hosts are left alone. */
const withBase = (folder: Folder, location: string): string => (location.startsWith('/') && !location.startsWith('//') ? `${folder.base}${location}` : location)

const redirectResponse = (folder: Folder, to: string, status: number, search: string): Response => {
  const location = withBase(folder, to.includes('?') || !search ? to : `${to}${search}`)
  return new Response(null, { status, headers: { location, 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex, nofollow' } })
}

const fileResponse = async (folder: Folder, file: string, status: number, pathname: string): Promise<Response> => {
  const headers = new Headers({ 'content-type': contentTypeFor(file) })
  for (const [name, value] of headersFor(folder.headers, pathname)) {
    if (!HOST_WIDE.has(name)) headers.set(name, value)
  }
  // signed-in users only: what the site lets anyone cache, only their browser may keep here
  const cacheControl = headers.get('cache-control')
  headers.set('cache-control', cacheControl ? cacheControl.replace(/\bpublic\b/gi, 'private') : 'private, no-cache')
  headers.set('x-robots-tag', 'noindex, nofollow')
  const type = headers.get('content-type') ?? ''
  if (type.startsWith('text/html')) return new Response(rewriteHtml(await fs.readFile(file, 'utf8'), folder.base), { status, headers })
  if (type.startsWith('text/css')) return new Response(rewriteCss(await fs.readFile(file, 'utf8'), folder.base), { status, headers })
  const bytes = await fs.readFile(file)
  headers.set('content-length', String(bytes.byteLength))
  return new Response(new Uint8Array(bytes), { status, headers })
}

/** The answer for `pathname` (starting with "/", the site's own path) of the folder. */
export const serveFolder = async (folder: Folder, pathname: string, search = ''): Promise<Response> => {
  let current = pathname
  for (let hop = 0; hop <= MAX_REWRITES; hop++) {
    const rule = matchRedirect(folder.redirects, current)
    if (rule && rule.status !== 200) return redirectResponse(folder, rule.to, rule.status, search)
    if (rule && hop < MAX_REWRITES) {
      // a rewrite: the other path's content at this URL
      current = rule.to.split('?')[0]!
      continue
    }
    const found = await resolveStatic(folder, current)
    if (found) return fileResponse(folder, found, 200, pathname)
    const notFound = await notFoundPage(folder, current)
    return notFound ? fileResponse(folder, notFound, 404, pathname) : notFoundText('Not found')
  }
  return notFoundText('Not found')
}

export { notFoundText }
