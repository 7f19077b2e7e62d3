/**
 * The one rule every source (CSS, Liquid/HTML, JS) follows: a template class
 * `c` becomes `<prefix>-c` unless the template preserves it.
 *
 * A prefix scheme rather than a lookup table, because templates build classes
 * from parts (`block--{{ variant }}`, `'item-' + i`): prefixing the static head
 * of such a token gives the same name the CSS rule `.block--split` is renamed
 * to, without knowing the values the part can take.
 *
 * Prefixes are letters, digits and `_` (no `-`), so two sites' class names can
 * never meet: `a-x` and `b-y` are equal only if `a` and `b` are.
 */

export class FingerprintError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FingerprintError'
  }
}

const PREFIX = /^[A-Za-z][A-Za-z0-9_]{1,31}$/

/** Why a class prefix cannot be used, or null when it can. */
export const classPrefixError = (prefix: string): string | null => {
  if (PREFIX.test(prefix)) return null
  return `The class prefix "${prefix}" must be 2 to 32 letters, digits or "_", starting with a letter (no "-", so two sites' prefixes can never overlap).`
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A new prefix such as `k7x2m9`: a letter then five letters or digits (36^5 ≈ 60 million, enough for
 * sites to differ by chance). `random` returns numbers in [0, 1); pass a seeded one for repeatable fixtures.
 */
export const newClassPrefix = (random: () => number = Math.random, length = 6): string => {
  let prefix = ALPHABET[Math.floor(random() * 26)]
  while (prefix.length < length) prefix += ALPHABET[Math.floor(random() * ALPHABET.length)]
  return prefix
}

/**
 * Classes a template may keep: exact names, or `name*` for every class starting with `name`
 * (`swiper-*` keeps a widget's whole family). There is no built-in list: the builder's own markup
 * carries no classes a template must not rename, and guessing a framework's classes would rename too
 * little for templates that don't use it. Templates that load a CSS framework list its classes.
 */
export type Preserved = { exact: Set<string>; prefixes: string[] }

export const parsePreserved = (list: readonly string[]): Preserved => {
  const exact = new Set<string>()
  const prefixes: string[] = []
  for (const raw of list) {
    const item = raw.trim().replace(/^\./, '')
    if (!item) continue
    if (item.endsWith('*')) prefixes.push(item.slice(0, -1))
    else exact.add(item)
  }
  return { exact, prefixes: [...new Set(prefixes)].sort() }
}

export type Renamer = {
  readonly prefix: string
  /** The class's new name (itself when preserved); records the pair in the class map. */
  rename(cls: string): string
  /**
   * The static head of a class whose rest is computed (`block--` of `block--{{ variant }}`): the prefixed head,
   * or null when a preserved class could begin with it, so prefixing might rename a class that must stay.
   */
  renameHead(head: string): string | null
  isPreserved(cls: string): boolean
  warn(message: string): void
  readonly classMap: Map<string, string>
  readonly warnings: string[]
}

export const createRenamer = ({ prefix, preserved }: { prefix: string; preserved: readonly string[] }): Renamer => {
  const error = classPrefixError(prefix)
  if (error) throw new FingerprintError(error)
  const keep = parsePreserved(preserved)
  const classMap = new Map<string, string>()
  const warnings: string[] = []
  const isPreserved = (cls: string) => keep.exact.has(cls) || keep.prefixes.some((p) => cls.startsWith(p))
  for (const cls of keep.exact) {
    if (cls.startsWith(`${prefix}-`)) warnings.push(`The preserved class "${cls}" starts with this site's prefix "${prefix}-", so it may clash with a renamed class.`)
  }
  return {
    prefix,
    classMap,
    warnings,
    isPreserved,
    rename(cls) {
      if (!cls || isPreserved(cls)) return cls
      let renamed = classMap.get(cls)
      if (!renamed) classMap.set(cls, (renamed = `${prefix}-${cls}`))
      return renamed
    },
    renameHead(head) {
      if (!head) return null
      const couldBePreserved =
        [...keep.exact].some((c) => c.startsWith(head)) || keep.prefixes.some((p) => p.startsWith(head) || head.startsWith(p))
      return couldBePreserved ? null : `${prefix}-${head}`
    },
    warn(message) {
      warnings.push(message)
    },
  }
}

/** Line number (1-based) of an offset, for warnings that point at the source. */
export const lineAt = (source: string, offset: number): number => {
  let line = 1
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++
  return line
}
