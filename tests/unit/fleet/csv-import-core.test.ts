/**
 * The importer's pure parts: the CSV parser (RFC 4180 round trip as a property, and the cases spreadsheets
 * write), header matching, the cell encodings for colours, variables and yes/no, and the plan's rules.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { formatPairs, parsePairs, parseYesNo } from '@/plugins/fleet/import/core/cells'
import { columnLetter, mapHeader } from '@/plugins/fleet/import/core/columns'
import { CsvSyntaxError, parseCsv, stringifyCsv } from '@/plugins/fleet/import/core/csv'
import { planImport, type Lookups } from '@/plugins/fleet/import/core/plan'

const fields = (text: string) => parseCsv(text).map((r) => r.fields)

describe('parseCsv', () => {
  it('reads back what stringifyCsv wrote, for any fields (commas, quotes, CR, LF, unicode)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', ';', '=', 'é', '😀', '\t') })
    // a record of one empty field is a blank line, which the parser drops by design
    const row = fc.array(field, { minLength: 1, maxLength: 6 }).filter((r) => !(r.length === 1 && r[0] === ''))
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.boolean(), fc.boolean(), (rows, withBom, withFinalNewline) => {
        const text = `${withBom ? '\ufeff' : ''}${stringifyCsv(rows)}${withFinalNewline && rows.length ? '\r\n' : ''}`
        expect(fields(text)).toEqual(rows)
      }),
      { numRuns: 500 },
    )
  })

  it('numbers rows as a spreadsheet does: a quoted line break stays in its row', () => {
    const records = parseCsv('a,b\r\n"one\r\ntwo",x\n\nlast,y')
    expect(records.map((r) => [r.row, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['one\r\ntwo', 'x']],
      [4, ['last', 'y']],
    ])
  })

  it('keeps quoted empty fields and lone CRs as record ends', () => {
    expect(fields('"",b\r"c",""')).toEqual([
      ['', 'b'],
      ['c', ''],
    ])
  })

  it('refuses an unclosed quote and text after a closing quote, naming the row', () => {
    expect(() => parseCsv('a\n"b')).toThrow(new CsvSyntaxError('Row 2: a quoted field is never closed (a " is missing).', 2))
    expect(() => parseCsv('a\n"b"c')).toThrow(/Row 2: text follows a closing quote/)
  })
})

describe('columns and cells', () => {
  it('matches header names without regard to case, spaces, hyphens or underscores', () => {
    expect(mapHeader(['Domain', ' BRAND name', 'clone_from', 'Generate-Content', 'colors']).columns).toEqual(['domain', 'brand', 'cloneFrom', 'generateContent', 'colours'])
    expect(mapHeader(['domain', 'brand', 'domain']).problems[0].message).toMatch(/appears twice \(columns A and C\)/)
    expect(columnLetter(0)).toBe('A')
    expect(columnLetter(27)).toBe('AB')
  })

  it('reads name=value pairs and writes them back, for any names and values', () => {
    const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,10}$/)
    const value = fc.string({ unit: fc.constantFrom('a', ' ', ';', '\\', '=', '#', 'x') }).map((v) => v.trim())
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ name, value }), { selector: (p) => p.name, maxLength: 5 }), (pairs) => {
        // a value that ends in a backslash followed by the separator is still read back
        const parsed = parsePairs(formatPairs(pairs), 'variable')
        expect(parsed).toEqual({ value: pairs })
      }),
      { numRuns: 300 },
    )
    expect(parsePairs('{"tagline": "Fast; cheap", "n": 3}', 'variable')).toEqual({ value: [{ name: 'tagline', value: 'Fast; cheap' }, { name: 'n', value: '3' }] })
    expect(parsePairs('primary', 'colour')).toEqual({ problem: '"primary" has no "=": write each colour as name=value, separated by ";"' })
    expect(parseYesNo('ON', false)).toEqual({ value: true })
    expect(parseYesNo('', true)).toEqual({ value: true })
    expect(parseYesNo('maybe', false)).toHaveProperty('problem')
  })
})

describe('planImport', () => {
  const lookups = (): Lookups => ({
    languages: [
      { id: 1, code: 'en', name: 'English', active: true },
      { id: 2, code: 'de', name: 'German', active: false },
    ],
    templates: [
      { id: 10, name: 'Blog' },
      { id: 11, name: 'Shop' },
    ],
    footprints: [{ id: 20, name: 'WordPress' }],
    sites: new Map([
      ['old.test', { id: 99, domain: 'old.test', brandName: 'Old', language: 1, template: 10, footprint: null, customColors: [], templateVariables: [], keywords: null, analyticsEnabled: true, isTrashed: false }],
      ['gone.test', { id: 98, domain: 'gone.test', brandName: 'Gone', language: 1, template: 10, footprint: null, customColors: [], templateVariables: [], keywords: null, analyticsEnabled: true, isTrashed: true }],
    ]),
  })

  it('plans every row, reporting each problem by row and column', () => {
    const plan = planImport(
      [
        'domain,brand,language,template,footprint,analytics,clone from',
        'https://New.test/,New,EN,blog,wordpress,off,',
        'old.test,Old,en,Blog,,,',
        'old.test,Other,en,Blog,,,',
        'gone.test,Gone,en,Blog,,,',
        'bad_domain,,de,Nope,Nope,maybe,',
        'copy.test,Copy,,,,,old.test',
        'copy2.test,Copy,,,,,nowhere.test',
        'extra.test,X,en,Blog,,,,surplus',
      ].join('\n'),
      lookups(),
    )
    expect(plan.rows.map((r) => [r.row, r.action, r.domain])).toEqual([
      [2, 'create', 'new.test'],
      [3, 'exists', 'old.test'],
      [7, 'create', 'copy.test'],
    ])
    expect(plan.rows[0]).toMatchObject({ language: { id: 1 }, template: { id: 10 }, footprint: { id: 20 }, analytics: false })
    // a cloned row leaves language and template to the source
    expect(plan.rows[2]).toMatchObject({ cloneFrom: { id: 99 } })
    expect(plan.rows[2].template).toBeUndefined()
    expect(plan.problems.map((p) => [p.row, p.column])).toEqual([
      [4, 'domain'],
      [5, 'domain'],
      [6, 'domain'],
      [6, 'brand'],
      [6, 'language'],
      [6, 'template'],
      [6, 'footprint'],
      [6, 'analytics'],
      [8, 'clone from'],
      [9, ''],
    ])
    expect(plan.problems[0].reason).toMatch(/also in row 3/)
    expect(plan.problems[1].reason).toMatch(/in the trash/)
    expect(plan.problems[4].reason).toMatch(/language de is not active/)
    expect(plan.counts).toEqual({ rows: 8, create: 2, exists: 1, invalid: 5 })
  })

  it('refuses the whole file for a header it cannot read, or no rows', () => {
    expect(planImport('', lookups()).fileProblems[0].message).toMatch(/empty/)
    expect(planImport('domain,brand\n', lookups()).fileProblems[0].message).toMatch(/no sites/)
    expect(planImport('domain\nx.test\n', lookups()).fileProblems[0].message).toMatch(/no "brand" column/)
  })
})
