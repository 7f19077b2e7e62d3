import { transform } from 'lightningcss'
import { minify_sync } from 'terser'

/**
 * Browsers the minified CSS is written for: the last versions of Chrome/Edge on Windows 7, Firefox ESR
 * and Safari 15.4 (roughly browserslist "defaults" in 2025). Fixed here, not read from a browserslist
 * database, so the same CSS gives the same bytes on every machine and in every year.
 */
const TARGETS = {
  chrome: 109 << 16,
  edge: 109 << 16,
  firefox: 115 << 16,
  safari: (15 << 16) | (4 << 8),
  ios_saf: (15 << 16) | (4 << 8),
}

/**
 * Minifies CSS with lightningcss. With error recovery, CSS it can't read (which browsers would drop too)
 * is reported with its line instead of failing the build.
 */
/**
 * lightningcss turns `content: "\2192"` into a literal arrow. Written back as an escape the stylesheet stays
 * ASCII, which keeps it independent of the page's charset and lets V8 hold pages that inline it as
 * one-byte strings (half the memory of a site build).
 */
const asciiCss = (css: string): string =>
  /[^\x00-\x7f]/.test(css) ? css.replace(/[^\x00-\x7f]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `) : css

export const minifyCss = (css: string, warnings: string[] = []): string => {
  if (!css.trim()) return ''
  try {
    const result = transform({ filename: 'template.css', code: Buffer.from(css), minify: true, targets: TARGETS, errorRecovery: true })
    for (const w of result.warnings) warnings.push(`Template CSS line ${w.loc.line}: ${w.message} (browsers ignore it).`)
    return asciiCss(result.code.toString())
  } catch (error) {
    const e = error as Error & { loc?: { line: number } }
    warnings.push(`Template CSS${e.loc ? ` line ${e.loc.line}` : ''}: ${e.message}; the CSS is published unminified.`)
    return css
  }
}

/**
 * Minifies a classic script with terser's default (safe) compressions. Top-level names are kept, because
 * a template's markup may call them (`onclick="openMenu()"`); licence comments (`/*!`, `@license`) stay.
 */
export const minifyJs = (js: string, warnings: string[] = []): string => {
  if (!js.trim()) return ''
  try {
    const result = minify_sync(js, {
      ecma: 2020,
      module: false,
      toplevel: false,
      compress: { defaults: true, passes: 1 },
      mangle: true,
      format: { comments: 'some', inline_script: true },
    })
    return result.code ?? js
  } catch (error) {
    const e = error as Error & { line?: number }
    warnings.push(`Template JS${e.line ? ` line ${e.line}` : ''}: ${e.message}; the script is published unminified.`)
    return js
  }
}
