import type { OutputFile } from '@/plugins/site-builder/core/types'

const text = (file: OutputFile): string => (typeof file.body === 'string' ? file.body : Buffer.from(file.body).toString('utf8'))

/** The file a site-root URL is served from on a static host (query and hash dropped). */
const fileFor = (url: string): string => {
  const clean = decodeURIComponent(url.split(/[?#]/)[0])
  if (clean.endsWith('/')) return `${clean.slice(1)}index.html`
  return clean.slice(1)
}

const localUrls = (body: string, isCss: boolean): string[] => {
  const urls: string[] = []
  if (isCss) {
    for (const [, , url] of body.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) urls.push(url)
    for (const [, url] of body.matchAll(/@import\s+['"]([^'"]+)['"]/g)) urls.push(url)
  } else {
    for (const [, , url] of body.matchAll(/\s(?:href|src)=(["'])([^"']*)\1/g)) urls.push(url)
    for (const [, , set] of body.matchAll(/\ssrcset=(["'])([^"']*)\1/g)) {
      for (const candidate of set.split(',')) urls.push(candidate.trim().split(/\s+/)[0])
    }
    for (const [, , url] of body.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) urls.push(url)
  }
  return urls.filter((u) => u.startsWith('/') && !u.startsWith('//'))
}

/**
 * Every local href/src/srcset/url() in the output that does not resolve to
 * a file of the output, as `page -> url` lines. `also` lists files that exist
 * outside the file map (copied media).
 */
export const brokenLinks = (files: Map<string, OutputFile>, also: Iterable<string> = []): string[] => {
  const produced = new Set([...files.keys(), ...also])
  const broken: string[] = []
  for (const [path, file] of files) {
    const isCss = path.endsWith('.css')
    if (!isCss && !/\.(html|htm|php)$/.test(path)) continue
    for (const url of localUrls(text(file), isCss)) {
      if (!produced.has(fileFor(url))) broken.push(`${path} -> ${url}`)
    }
  }
  return [...new Set(broken)].sort()
}

/** Class names used in the HTML pages of a build. */
export const htmlClasses = (files: Map<string, OutputFile>): Set<string> => {
  const classes = new Set<string>()
  for (const [path, file] of files) {
    if (!/\.(html|htm|php)$/.test(path)) continue
    for (const [, , value] of text(file).matchAll(/\sclass=(["'])([^"']*)\1/g)) for (const c of value.split(/\s+/)) if (c) classes.add(c)
  }
  return classes
}
