/**
 * A built site links to itself with root-relative URLs (`/assets/css/x.css`,
 * `/about/`). Served under `/preview/<siteId>/` those would leave the preview,
 * so previews prefix every root-relative URL with the base. Protocol-relative
 * (`//cdn…`), absolute and fragment URLs are left alone.
 */

const ROOT_RELATIVE = String.raw`\/(?![\/\\])`

// href="/x", src='/x', action=/x — attribute values that are one URL
const URL_ATTRIBUTE = new RegExp(String.raw`(\s(?:href|src|action|poster|data-src|xlink:href)\s*=\s*)(["']?)(${ROOT_RELATIVE})`, 'gi')
// srcset="/a.webp 320w, /b.webp 768w" — a list of URLs
const SRCSET_ATTRIBUTE = /(\s(?:srcset|imagesrcset|data-srcset)\s*=\s*)(["'])([^"']*)\2/gi
// <meta http-equiv="refresh" content="0; url=/x">
const META_REFRESH = new RegExp(String.raw`(\scontent\s*=\s*["']\s*\d+\s*;\s*url=)(${ROOT_RELATIVE})`, 'gi')
// url(/x), url("/x"), url(&quot;/x&quot;) in style sheets, <style> and style attributes
const CSS_URL = new RegExp(String.raw`(url\(\s*(?:["']|&quot;|&#39;)?)(${ROOT_RELATIVE})`, 'gi')
const CSS_IMPORT = new RegExp(String.raw`(@import\s+["'])(${ROOT_RELATIVE})`, 'gi')

const normalizeBase = (base: string): string => base.replace(/\/+$/, '')

export const rewriteCss = (css: string, base: string): string => {
  const prefix = normalizeBase(base)
  return css.replace(CSS_URL, `$1${prefix}$2`).replace(CSS_IMPORT, `$1${prefix}$2`)
}

export const rewriteSrcset = (srcset: string, base: string): string => {
  const prefix = normalizeBase(base)
  return srcset
    .split(',')
    .map((entry) => entry.replace(/^(\s*)(\/(?![/\\]))/, `$1${prefix}$2`))
    .join(',')
}

export const rewriteHtml = (html: string, base: string): string => {
  const prefix = normalizeBase(base)
  return rewriteCss(
    html
      .replace(URL_ATTRIBUTE, `$1$2${prefix}$3`)
      .replace(SRCSET_ATTRIBUTE, (_whole, lead: string, quote: string, list: string) => `${lead}${quote}${rewriteSrcset(list, prefix)}${quote}`)
      .replace(META_REFRESH, `$1${prefix}$2`),
    prefix,
  )
}
