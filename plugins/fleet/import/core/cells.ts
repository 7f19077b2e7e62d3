/**
 * What one cell may hold, for the columns that are more than text.
 *
 * - Pairs (colours, template variables): `name=value` separated by `;`, e.g. `primary=#112233; accent=#445566`.
 *   Spaces around names, values and separators are dropped. A `;` or `\` inside a value is written `\;` or `\\`.
 *   A cell that starts with `{` is read as a JSON object instead (`{"tagline": "Fast; cheap"}`).
 * - Yes/no (analytics, generate content): yes/no, y/n, true/false, on/off, 1/0, in any case; empty means the
 *   default (analytics on, generate content off).
 */

export type Pair = { name: string; value: string }
export type CellResult<T> = { value: T } | { problem: string }

const splitPairs = (cell: string): string[] => {
  const parts: string[] = []
  let part = ''
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]
    if (c === '\\' && (cell[i + 1] === ';' || cell[i + 1] === '\\')) {
      part += cell[i + 1]
      i++
    } else if (c === ';') {
      parts.push(part)
      part = ''
    } else part += c
  }
  parts.push(part)
  return parts
}

/** `a=1; b=2` (or a JSON object) to rows; a name twice, a part without `=` or an empty name are problems. */
export const parsePairs = (cell: string, what: string): CellResult<Pair[]> => {
  const text = cell.trim()
  if (text === '') return { value: [] }
  let pairs: Pair[]
  if (text.startsWith('{')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      return { problem: `not valid JSON; write ${what}s as name=value pairs separated by ";" or as a JSON object` }
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { problem: `write ${what}s as a JSON object of names to values` }
    const entries = Object.entries(parsed as Record<string, unknown>)
    const bad = entries.find(([, v]) => v !== null && typeof v === 'object')
    if (bad) return { problem: `the ${what} "${bad[0]}" has a list or object as its value: give text` }
    pairs = entries.map(([name, v]) => ({ name: name.trim(), value: v === null ? '' : String(v).trim() }))
  } else {
    pairs = []
    for (const part of splitPairs(text)) {
      if (part.trim() === '') continue
      const eq = part.indexOf('=')
      if (eq < 0) return { problem: `"${part.trim()}" has no "=": write each ${what} as name=value, separated by ";"` }
      pairs.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() })
    }
  }
  const seen = new Set<string>()
  for (const { name } of pairs) {
    if (name === '') return { problem: `a ${what} has no name before "="` }
    if (seen.has(name)) return { problem: `the ${what} "${name}" is given twice` }
    seen.add(name)
  }
  return { value: pairs }
}

/** Pairs back to a cell (`a=1; b=2`), escaping `;` and `\` in values. */
export const formatPairs = (pairs: Pair[]): string => pairs.map(({ name, value }) => `${name}=${value.replaceAll('\\', '\\\\').replaceAll(';', '\\;')}`).join('; ')

const YES = new Set(['yes', 'y', 'true', 'on', '1'])
const NO = new Set(['no', 'n', 'false', 'off', '0'])

export const parseYesNo = (cell: string, fallback: boolean): CellResult<boolean> => {
  const text = cell.trim().toLowerCase()
  if (text === '') return { value: fallback }
  if (YES.has(text)) return { value: true }
  if (NO.has(text)) return { value: false }
  return { problem: `"${cell.trim()}" is not yes or no (write yes/no, true/false, on/off or 1/0; empty means ${fallback ? 'yes' : 'no'})` }
}
