import { applyColorsToRoot } from './colors'
import { parseCss, renameCssClasses } from './css'
import { renameLiquidHtml } from './html'
import { renameJsClasses } from './js'
import { minifyCss, minifyJs } from './minify'
import { createRenamer } from './renamer'

export { applyColors, colorError } from './colors'
export { minifyCss, minifyJs } from './minify'
export { minifyHtml } from './minifyHtml'
export { renameHtmlClasses } from './renderedHtml'
export { classPrefixError, FingerprintError, newClassPrefix } from './renamer'

export type FingerprintInput = {
  /** The site's uniqueClassPrefix: every renamed class becomes `<prefix>-<class>`. */
  prefix: string
  /** Classes never renamed (the template's preservedClasses): exact names, or `name*` for a family. */
  preserved: string[]
  /** Colour custom properties, template colorVariables with the site's customColors over them. */
  colors: Record<string, string>
  sources: {
    /** Liquid/HTML sources by name (layout, sections, menus, block partials); the names come back as given. */
    liquid: Record<string, string>
    css: string
    js: string
  }
  minify: boolean
}

export type FingerprintOutput = {
  liquid: Record<string, string>
  css: string
  js: string
  /** Every renamed class, original → new, in name order; for renameHtmlClasses on page content. */
  classMap: Record<string, string>
  warnings: string[]
}

const byName = <T>(entries: [string, T][]) => entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

/**
 * Gives a template this site's fingerprint, once per site and before anything is rendered: classes
 * renamed consistently in the Liquid sources, the CSS and the JS; colours set on `:root`; CSS and JS
 * minified when asked. Pages rendered from the result need no class work of their own, except HTML
 * that did not come from the template (rich text: renameHtmlClasses).
 *
 * Pure and deterministic: the same input gives the same bytes. Throws a FingerprintError for an
 * invalid prefix or CSS that can't be parsed; everything else that can't be renamed is a warning.
 */
export const fingerprintTemplate = (input: FingerprintInput): FingerprintOutput => {
  const renamer = createRenamer({ prefix: input.prefix, preserved: input.preserved })
  const root = parseCss(input.sources.css, 'Template CSS')
  renameCssClasses(root, renamer, 'Template CSS')

  const liquid: Record<string, string> = {}
  for (const [name, source] of byName(Object.entries(input.sources.liquid))) {
    liquid[name] = renameLiquidHtml(source, renamer, `Template part "${name}"`)
  }
  const renameHtml = (html: string, where: string, line: number) => renameLiquidHtml(html, renamer, where, line)
  let js = renameJsClasses(input.sources.js, renamer, 'Template JS', renameHtml)

  const warnings = renamer.warnings
  applyColorsToRoot(root, input.colors, warnings)
  let css = root.toString()
  if (input.minify) {
    css = minifyCss(css, warnings)
    js = minifyJs(js, warnings)
  }
  return {
    liquid: Object.fromEntries(Object.entries(input.sources.liquid).map(([name]) => [name, liquid[name]])),
    css,
    js,
    classMap: Object.fromEntries(byName([...renamer.classMap.entries()])),
    // the same construct in two partials says the same thing once
    warnings: [...new Set(warnings)],
  }
}
