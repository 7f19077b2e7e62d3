import postcss, { type Root } from 'postcss'

import { FingerprintError, type Renamer } from './renamer'
import { renameSelector } from './selectors'

/** Parses template CSS; a stylesheet postcss can't read stops the build with the place to fix. */
export const parseCss = (css: string, where: string): Root => {
  try {
    return postcss.parse(css, { from: undefined })
  } catch (error) {
    const e = error as { line?: number; reason?: string; message: string }
    throw new FingerprintError(`${where}${e.line ? ` line ${e.line}` : ''}: ${e.reason ?? e.message}. Fix the CSS so it can be given this site's class names.`)
  }
}

const inKeyframes = (node: { parent?: unknown }): boolean => {
  for (let p = node.parent as { type?: string; name?: string; parent?: unknown } | undefined; p; p = p.parent as typeof p) {
    if (p.type === 'atrule' && /keyframes$/i.test(p.name ?? '')) return true
  }
  return false
}

/**
 * Renames the classes in every rule's selectors, at any depth (@media, @supports, @layer, @container,
 * nested rules). Keyframe selectors (`from`, `50%`) are not selectors and are left alone.
 */
export const renameCssClasses = (root: Root, renamer: Renamer, where: string): void => {
  root.walkRules((rule) => {
    if (inKeyframes(rule)) return
    const line = rule.source?.start?.line
    const renamed = renameSelector(rule.selector, renamer, line ? `${where} line ${line}` : where)
    if (renamed !== rule.selector) rule.selector = renamed
  })
}

/** Renames classes in a whole stylesheet given as text (inline `<style>` bodies). */
export const renameCssText = (css: string, renamer: Renamer, where: string): string => {
  const root = parseCss(css, where)
  renameCssClasses(root, renamer, where)
  return root.toString()
}
