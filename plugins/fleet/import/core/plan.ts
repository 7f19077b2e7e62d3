/**
 * From CSV text and what the database holds (languages, templates, footprints, existing sites) to the plan of
 * an import: per row, the site it makes or why it cannot. Pure: no Payload, so every rule is tested alone and
 * the dry run and the job agree by construction.
 */
import { normalizeDomain, validateColorName, validateDomain, validateHexColor, validateVariableName } from '@/fields/validators'

import { parsePairs, parseYesNo, type Pair } from './cells'
import { COLUMN_LABELS, mapHeader, type Column, type HeaderProblem } from './columns'
import { CsvSyntaxError, parseCsv } from './csv'

type ID = number | string

export type Named = { id: ID; name: string }
export type LanguageRef = { id: ID; code: string; name?: string | null; active?: boolean | null }

export type ExistingSite = {
  id: ID
  domain: string
  brandName: string
  language: ID | null
  template: ID | null
  footprint: ID | null
  customColors: Pair[]
  templateVariables: Pair[]
  keywords: string | null
  analyticsEnabled: boolean
  isTrashed: boolean
}

export type Lookups = {
  languages: LanguageRef[]
  templates: Named[]
  footprints: Named[]
  /** Every site by its domain, those in the trash too (the unique index counts them). */
  sites: Map<string, ExistingSite>
}

export type RowProblem = { row: number; column: string; reason: string }

/** A row that makes a site (`create`) or names one that exists as the row describes it (`exists`: skipped). */
export type PlannedRow = {
  row: number
  action: 'create' | 'exists'
  domain: string
  brand: string
  /** Not set: the source's (clone from). */
  language?: LanguageRef
  template?: Named
  /** null: none; not set: the source's (or none without clone from). */
  footprint?: Named | null
  colours?: Pair[]
  variables?: Pair[]
  keywords?: string
  analytics?: boolean
  cloneFrom?: { id: ID; domain: string }
  generateContent: boolean
  /** The existing site (action `exists`). */
  siteId?: ID
}

export type ImportPlan = {
  /** The file cannot be read as a whole (not CSV, no rows, bad header): nothing is planned. */
  fileProblems: HeaderProblem[]
  rows: PlannedRow[]
  problems: RowProblem[]
  counts: { rows: number; create: number; exists: number; invalid: number }
}

export const MAX_ROWS = 2_000

const lower = (s: string) => s.trim().toLowerCase()

const findNamed = (list: Named[], cell: string, what: string, where: string): { value: Named } | { problem: string } => {
  const text = cell.trim()
  const byId = list.find((item) => String(item.id) === text)
  if (byId) return { value: byId }
  const matches = list.filter((item) => lower(item.name) === lower(text))
  if (matches.length === 1) return { value: matches[0] }
  if (matches.length > 1) return { problem: `${matches.length} ${what}s are named "${text}": give the id instead (${matches.map((m) => m.id).join(', ')})` }
  const known = list.slice(0, 10).map((item) => `"${item.name}"`).join(', ')
  return { problem: `unknown ${what} "${text}"${known ? `: use one of ${known}${list.length > 10 ? ', …' : ''} (${where})` : ` (there are none yet: add one under ${where})`}` }
}

const findLanguage = (list: LanguageRef[], cell: string): { value: LanguageRef } | { problem: string } => {
  const text = lower(cell)
  const found = list.find((l) => l.code.toLowerCase() === text) ?? list.find((l) => (l.name ?? '').toLowerCase() === text)
  const active = list.filter((l) => l.active !== false).map((l) => l.code)
  if (!found) return { problem: `unknown language "${cell.trim()}": use a language code set up under Settings → Languages (${active.join(', ') || 'none yet'})` }
  if (found.active === false) return { problem: `the language ${found.code} is not active: activate it under Settings → Languages or use ${active.join(', ') || 'another'}` }
  return { value: found }
}

const sameRows = (a: Pair[], b: Pair[], normalise = (v: string) => v) => {
  if (a.length !== b.length) return false
  const map = new Map(a.map((p) => [p.name, normalise(p.value)]))
  return b.every((p) => map.get(p.name) === normalise(p.value))
}

/** The columns a row gives that an existing site of the same domain does not have as given. */
export const differences = (row: PlannedRow, site: ExistingSite): Column[] => {
  const out: Column[] = []
  if (row.brand !== site.brandName) out.push('brand')
  if (row.language && String(row.language.id) !== String(site.language)) out.push('language')
  if (row.template && String(row.template.id) !== String(site.template)) out.push('template')
  if (row.footprint !== undefined && String(row.footprint?.id ?? null) !== String(site.footprint)) out.push('footprint')
  if (row.colours && !sameRows(row.colours, site.customColors, (v) => v.toLowerCase())) out.push('colours')
  if (row.variables && !sameRows(row.variables, site.templateVariables)) out.push('variables')
  if (row.keywords !== undefined && row.keywords !== (site.keywords ?? '')) out.push('keywords')
  if (row.analytics !== undefined && row.analytics !== site.analyticsEnabled) out.push('analytics')
  return out
}

/**
 * Plans an import. Every row is checked as a whole: all its problems are reported (row number as a spreadsheet
 * shows it, the header being row 1; the column's name; what to fix), and a row with any problem makes nothing.
 * A row whose domain exists already is skipped when the site has what the row gives (re-running a file makes
 * nothing twice) and refused, naming the columns, when it differs: the importer never changes an existing site.
 */
export const planImport = (csv: string, lookups: Lookups): ImportPlan => {
  const empty = (fileProblems: HeaderProblem[]): ImportPlan => ({ fileProblems, rows: [], problems: [], counts: { rows: 0, create: 0, exists: 0, invalid: 0 } })
  let records
  try {
    records = parseCsv(csv)
  } catch (err) {
    if (err instanceof CsvSyntaxError) return empty([{ column: '', message: `The file is not valid CSV. ${err.message}` }])
    throw err
  }
  if (records.length === 0) return empty([{ column: '', message: 'The file is empty: the first row names the columns (domain, brand, …), one site per row after it.' }])
  const [header, ...body] = records
  const { columns, problems: headerProblems } = mapHeader(header.fields)
  if (headerProblems.length) return empty(headerProblems)
  const rowsOnly = body.filter((r) => r.fields.some((f) => f.trim() !== ''))
  if (rowsOnly.length === 0) return empty([{ column: '', message: 'The file has a header row but no sites: add one row per site below it.' }])
  if (rowsOnly.length > MAX_ROWS) return empty([{ column: '', message: `The file has ${rowsOnly.length} rows; import at most ${MAX_ROWS} at a time (split the file).` }])

  const rows: PlannedRow[] = []
  const problems: RowProblem[] = []
  const firstRowOf = new Map<string, number>()
  let invalid = 0

  for (const record of rowsOnly) {
    const row = record.row
    const rowProblems: RowProblem[] = []
    const fail = (column: Column | string, reason: string) =>
      rowProblems.push({ row, column: (COLUMN_LABELS as Record<string, string>)[column] ?? column, reason })
    if (record.fields.length > columns.length) {
      fail('', `the row has ${record.fields.length} fields but the header names ${columns.length} columns (an unquoted comma in a value? put the value in double quotes)`)
    }
    const cell = (column: Column): string => {
      const index = columns.indexOf(column)
      return index >= 0 ? (record.fields[index] ?? '').trim() : ''
    }
    const has = (column: Column) => cell(column) !== ''

    const planned: PlannedRow = { row, action: 'create', domain: '', brand: '', generateContent: false }

    // domain
    const rawDomain = cell('domain')
    if (rawDomain === '') fail('domain', 'the domain is empty: every row needs the domain of the site to make')
    else {
      const domainCheck = validateDomain(rawDomain)
      if (domainCheck !== true) fail('domain', domainCheck)
      else {
        planned.domain = normalizeDomain(rawDomain)
        const earlier = firstRowOf.get(planned.domain)
        if (earlier !== undefined) fail('domain', `the domain ${planned.domain} is also in row ${earlier}: list each site once`)
        else firstRowOf.set(planned.domain, row)
      }
    }

    // brand
    const brand = cell('brand')
    if (brand === '') fail('brand', 'the brand is empty: every site needs a brand name')
    else if (brand.length > 120) fail('brand', `the brand is ${brand.length} characters long; at most 120`)
    else planned.brand = brand

    // clone from: its settings are the defaults of what the row leaves empty
    if (has('cloneFrom')) {
      const source = lookups.sites.get(normalizeDomain(cell('cloneFrom')))
      if (!source) fail('cloneFrom', `no site has the domain "${cell('cloneFrom')}": clone from an existing site (sites made by this file cannot be sources yet)`)
      else if (source.isTrashed) fail('cloneFrom', `${source.domain} is in the trash: restore it to clone it`)
      else planned.cloneFrom = { id: source.id, domain: source.domain }
    }
    const isClone = has('cloneFrom')

    // language
    if (has('language')) {
      const found = findLanguage(lookups.languages, cell('language'))
      if ('problem' in found) fail('language', found.problem)
      else planned.language = found.value
    } else if (!isClone) fail('language', 'the language is empty: give a language code such as en (or clone from a site to take its language)')

    // template and footprint
    if (has('template')) {
      const found = findNamed(lookups.templates, cell('template'), 'template', 'Design → Templates')
      if ('problem' in found) fail('template', found.problem)
      else planned.template = found.value
    } else if (!isClone) fail('template', 'the template is empty: name one of the templates (or clone from a site to take its template)')
    if (has('footprint')) {
      if (['none', '-'].includes(lower(cell('footprint')))) planned.footprint = null
      else {
        const found = findNamed(lookups.footprints, cell('footprint'), 'footprint', 'Design → Template footprints')
        if ('problem' in found) fail('footprint', found.problem)
        else planned.footprint = found.value
      }
    } else if (!isClone) planned.footprint = null

    // colours
    if (has('colours')) {
      const parsed = parsePairs(cell('colours'), 'colour')
      if ('problem' in parsed) fail('colours', parsed.problem)
      else {
        const bad = parsed.value.map(({ name, value }) => {
          const n = validateColorName(name)
          if (n !== true) return n
          const v = validateHexColor(value)
          return v === true ? null : `${name}: ${v}`
        })
        const first = bad.find((b) => b !== null)
        if (first) fail('colours', first)
        else if (parsed.value.length > 64) fail('colours', `${parsed.value.length} colours; at most 64`)
        else planned.colours = parsed.value
      }
    }

    // template variables
    if (has('variables')) {
      const parsed = parsePairs(cell('variables'), 'variable')
      if ('problem' in parsed) fail('variables', parsed.problem)
      else {
        const badName = parsed.value.find(({ name }) => validateVariableName(name) !== true)
        const tooLong = parsed.value.find(({ value }) => value.length > 10_000)
        if (badName) fail('variables', `"${badName.name}" cannot be a variable name: ${validateVariableName(badName.name)}`)
        else if (tooLong) fail('variables', `the value of ${tooLong.name} is longer than 10,000 characters`)
        else planned.variables = parsed.value
      }
    }

    // keywords
    if (has('keywords')) {
      if (cell('keywords').length > 500) fail('keywords', `the keywords are ${cell('keywords').length} characters long; at most 500`)
      else planned.keywords = cell('keywords')
    }

    // yes/no columns
    if (has('analytics')) {
      const parsed = parseYesNo(cell('analytics'), true)
      if ('problem' in parsed) fail('analytics', parsed.problem)
      else planned.analytics = parsed.value
    }
    const generate = parseYesNo(cell('generateContent'), false)
    if ('problem' in generate) fail('generateContent', generate.problem)
    else planned.generateContent = generate.value

    // an existing site: skipped when it is what the row says, refused when it is not
    if (rowProblems.length === 0) {
      const existing = lookups.sites.get(planned.domain)
      if (existing?.isTrashed) fail('domain', `a site in the trash has the domain ${planned.domain}: restore it, or empty the trash, then import again`)
      else if (existing) {
        const diff = differences(planned, existing)
        if (diff.length) {
          fail('domain', `a site with the domain ${planned.domain} exists already and differs in ${diff.map((c) => COLUMN_LABELS[c]).join(', ')}: the importer never changes an existing site; edit it, or import under another domain`)
        } else {
          planned.action = 'exists'
          planned.siteId = existing.id
        }
      }
    }

    if (rowProblems.length) {
      invalid++
      problems.push(...rowProblems)
    } else rows.push(planned)
  }
  return {
    fileProblems: [],
    rows,
    problems,
    counts: {
      rows: rowsOnly.length,
      create: rows.filter((r) => r.action === 'create').length,
      exists: rows.filter((r) => r.action === 'exists').length,
      invalid,
    },
  }
}
