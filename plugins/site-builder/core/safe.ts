/** HTML the builder made itself; the Liquid output filter passes it through unescaped. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html
  }
  toJSON(): string {
    return this.html
  }
  /** Liquid treats a value with a `valueOf` like that value in conditions such as `{% if content %}`. */
  valueOf(): string {
    return this.html
  }
}

export const safe = (html: string): SafeHtml => new SafeHtml(html)

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

const NEEDS_ESCAPE = /[&<>"']/

export const escapeHtml = (value: unknown): string => {
  if (value === null || value === undefined) return ''
  const s = String(value)
  // most values (titles, urls, labels) have nothing to escape: no new string then
  return NEEDS_ESCAPE.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]) : s
}

/** A tagged template that escapes interpolations unless they are SafeHtml (or arrays of them). */
export const html = (strings: TemplateStringsArray, ...values: unknown[]): SafeHtml => {
  let out = strings[0]
  values.forEach((value, i) => {
    const part = Array.isArray(value)
      ? value.map((v) => (v instanceof SafeHtml ? v.html : escapeHtml(v))).join('')
      : value instanceof SafeHtml
        ? value.html
        : escapeHtml(value)
    out += part + strings[i + 1]
  })
  return new SafeHtml(out)
}

/** For `<script type="application/ld+json">`: JSON that cannot close the script element. */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
