/**
 * The importer's columns. Header names are matched without regard to case, spaces, hyphens or underscores
 * ("Brand name", "brand_name" and "BRANDNAME" are one column), and a few spellings people use are accepted.
 */

export const COLUMNS = [
  'domain',
  'brand',
  'language',
  'template',
  'footprint',
  'colours',
  'variables',
  'keywords',
  'analytics',
  'cloneFrom',
  'generateContent',
] as const

export type Column = (typeof COLUMNS)[number]

/** How each column is named in messages and in the documentation (and in a CSV this importer writes). */
export const COLUMN_LABELS: Record<Column, string> = {
  domain: 'domain',
  brand: 'brand',
  language: 'language',
  template: 'template',
  footprint: 'footprint',
  colours: 'colours',
  variables: 'template variables',
  keywords: 'keywords',
  analytics: 'analytics',
  cloneFrom: 'clone from',
  generateContent: 'generate content',
}

const ALIASES: Record<string, Column> = {
  domain: 'domain',
  brand: 'brand',
  brandname: 'brand',
  language: 'language',
  lang: 'language',
  template: 'template',
  footprint: 'footprint',
  colours: 'colours',
  colors: 'colours',
  colour: 'colours',
  color: 'colours',
  customcolours: 'colours',
  customcolors: 'colours',
  templatevariables: 'variables',
  variables: 'variables',
  keywords: 'keywords',
  analytics: 'analytics',
  analyticsenabled: 'analytics',
  clonefrom: 'cloneFrom',
  generatecontent: 'generateContent',
}

export const headerKey = (name: string): string => name.toLowerCase().replace(/[\s_\-.]+/g, '')

export type HeaderProblem = { column: string; message: string }

/** Spreadsheet letters for a 0-based column index: 0 → A, 26 → AA. */
export const columnLetter = (index: number): string => {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

/**
 * Maps the header row to columns: index → column. Unknown and repeated names, and a missing domain or brand
 * column, are problems (the whole file is refused: a misspelt header would otherwise silently drop a column).
 */
export const mapHeader = (header: string[]): { columns: (Column | null)[]; problems: HeaderProblem[] } => {
  const problems: HeaderProblem[] = []
  const seen = new Map<Column, number>()
  const columns = header.map((raw, index) => {
    const name = raw.trim()
    if (name === '') {
      problems.push({ column: columnLetter(index), message: `Column ${columnLetter(index)} has no name in the header row: name it or delete the column.` })
      return null
    }
    const column = ALIASES[headerKey(name)]
    if (!column) {
      problems.push({
        column: name,
        message: `Unknown column "${name}" (column ${columnLetter(index)}). The columns are: ${COLUMNS.map((c) => COLUMN_LABELS[c]).join(', ')}.`,
      })
      return null
    }
    const earlier = seen.get(column)
    if (earlier !== undefined) {
      problems.push({ column: name, message: `The column "${COLUMN_LABELS[column]}" appears twice (columns ${columnLetter(earlier)} and ${columnLetter(index)}): keep one.` })
      return null
    }
    seen.set(column, index)
    return column
  })
  for (const required of ['domain', 'brand'] as const) {
    if (!seen.has(required)) problems.push({ column: COLUMN_LABELS[required], message: `The header row has no "${COLUMN_LABELS[required]}" column: every site needs one.` })
  }
  return { columns, problems }
}
