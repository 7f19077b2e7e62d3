import fs from 'node:fs'
import { Readable } from 'node:stream'

import type { AssetCopy, BuildResult, OutputFile } from '@/plugins/site-builder/core/types'
import { BuildError } from '@/plugins/site-builder/core/types'
import { readLocation } from '@/lib/storage/read'
import { rewriteCss, rewriteHtml } from './rewriteUrls'

/** Previews show drafts and are access-controlled: never cached by anyone, never indexed. */
const PRIVATE = { 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex, nofollow' }

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

export const textResponse = (status: number, message: string): Response =>
  new Response(`${message}\n`, { status, headers: { ...PRIVATE, 'content-type': 'text/plain; charset=utf-8' } })

/** A build that failed, shown where the page would have been: the message says what to fix. */
export const buildErrorResponse = (err: unknown): Response => {
  if (!(err instanceof BuildError)) throw err
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:10vh auto;padding:0 1.5rem;line-height:1.6;color:#111827}pre{white-space:pre-wrap;background:#fef2f2;border:1px solid #fecaca;padding:1rem;border-radius:.5rem}</style></head>
<body><h1>The site could not be built</h1><pre>${escapeHtml(err.message)}</pre></body></html>\n`
  return new Response(body, { status: 500, headers: { ...PRIVATE, 'content-type': 'text/html; charset=utf-8' } })
}

/** An output file as the preview serves it: HTML and CSS with their site-root URLs moved under `base`. */
export const fileResponse = (file: OutputFile, base: string, status = 200): Response => {
  let body: string | Uint8Array = file.body
  if (typeof body === 'string') {
    if (file.contentType.startsWith('text/html')) body = rewriteHtml(body, base)
    else if (file.contentType.startsWith('text/css')) body = rewriteCss(body, base)
  }
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), { status, headers: { ...PRIVATE, 'content-type': file.contentType } })
}

const assetResponse = async (asset: AssetCopy): Promise<Response> => {
  const headers = { ...PRIVATE, 'content-type': asset.contentType, 'x-content-type-options': 'nosniff' }
  if (asset.source.startsWith('s3://')) {
    try {
      return new Response(new Uint8Array(await readLocation(asset.source)), { headers })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      return textResponse(404, `The file for /${asset.path} is missing from the media storage: upload it again.`)
    }
  }
  if (/^https?:\/\//i.test(asset.source)) {
    const upstream = await fetch(asset.source)
    if (!upstream.ok || !upstream.body) return textResponse(404, `The file for /${asset.path} is missing from the media storage.`)
    return new Response(upstream.body, { headers })
  }
  try {
    const stat = await fs.promises.stat(asset.source)
    const stream = Readable.toWeb(fs.createReadStream(asset.source)) as ReadableStream<Uint8Array>
    return new Response(stream, { headers: { ...headers, 'content-length': String(stat.size) } })
  } catch {
    return textResponse(404, `The file for /${asset.path} is missing from the media storage: upload it again.`)
  }
}

/** Which output a URL path names, the way a static host resolves it (a folder serves its index.html). */
export const lookup = (result: BuildResult, segments: string[]): { file: OutputFile } | { asset: AssetCopy } | null => {
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\'))) return null
  const path = segments.filter(Boolean).join('/')
  if (path === '') return result.files.has('index.html') ? { file: result.files.get('index.html')! } : null
  const file = result.files.get(path) ?? result.files.get(`${path}/index.html`)
  if (file) return { file }
  const asset = result.assets.find((a) => a.path === path)
  return asset ? { asset } : null
}

/**
 * `/` of a site without a home page: what is missing and where to choose it, with the pages it has, instead
 * of the site's own "Page not found" (which says nothing about why).
 */
export const noHomePageResponse = (result: BuildResult, base: string): Response => {
  const prefix = base.replace(/\/+$/, '')
  const reason = result.warnings.find((w) => /home page/i.test(w)) ?? 'The site has no home page.'
  const links = result.pages.map((p) => `<li><a href="${escapeHtml(prefix + p.url)}">${escapeHtml(p.slug)}</a></li>`).join('')
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No home page</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:10vh auto;padding:0 1.5rem;line-height:1.6;color:#111827}p.why{background:#fffbeb;border:1px solid #fcd34d;padding:1rem;border-radius:.5rem}</style></head>
<body><h1>This site has no home page</h1><p class="why">${escapeHtml(reason)}</p>
<p>Open the site in Panel and choose its <strong>Home page</strong> (Site tab); it is then served here at "/".</p>
${links ? `<p>Its published pages:</p><ul>${links}</ul>` : '<p>The site has no published pages yet.</p>'}</body></html>\n`
  return new Response(body, { status: 404, headers: { ...PRIVATE, 'content-type': 'text/html; charset=utf-8' } })
}

export const serve = async (result: BuildResult, segments: string[], base: string): Promise<Response> => {
  const found = lookup(result, segments)
  if (found && 'file' in found) return fileResponse(found.file, base)
  if (found) return assetResponse(found.asset)
  if (segments.filter(Boolean).length === 0) return noHomePageResponse(result, base)
  const notFound = result.files.get('404.html')
  return notFound ? fileResponse(notFound, base, 404) : textResponse(404, 'Not found')
}
