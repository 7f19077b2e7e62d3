import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { isScalar, isString, namedValues, rowsFromMap } from '@/fields/keyValueRows'
import { validateHexColor } from '@/fields/validators'

const ident = fc
  .tuple(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'), { maxLength: 20 }))
  .map(([first, rest]) => first + rest.join(''))
const hexDigits = (n: number) => fc.array(fc.constantFrom(...'0123456789abcdefABCDEF'), { minLength: n, maxLength: n }).map((d) => d.join(''))
const hex = fc.oneof(hexDigits(3), hexDigits(4), hexDigits(6), hexDigits(8)).map((d) => `#${d}`)

describe('named values: rows and the JSON objects they replaced read the same', () => {
  it('a map converted to rows reads back as the same map, in the same order', () => {
    fc.assert(
      fc.property(fc.dictionary(ident, hex), (map) => {
        const rows = rowsFromMap(map)
        expect(rows.map((r) => r.name)).toEqual(Object.keys(map))
        expect(Object.entries(namedValues(rows, isString))).toEqual(Object.entries(map))
        expect(namedValues(map, isString)).toEqual(namedValues(rows, isString))
      }),
    )
  })

  it('the last row of a name wins; rows without a name and values of other kinds are skipped', () => {
    expect(
      namedValues(
        [
          { name: 'a', value: '#111' },
          { name: '', value: '#222' },
          { value: '#333' },
          null,
          { name: 'b', value: 3 },
          { name: 'a', value: '#444' },
        ],
        isString,
      ),
    ).toEqual({ a: '#444' })
    expect(namedValues({ tagline: 'x', year: 2026, on: true, list: [1] }, isScalar)).toEqual({ tagline: 'x', year: 2026, on: true })
    expect(namedValues('nonsense', isString)).toEqual({})
    expect(rowsFromMap({ year: 2026, on: false, nested: { a: 1 } })).toEqual([
      { name: 'year', value: '2026' },
      { name: 'on', value: 'false' },
    ])
  })

  it('accepts every hex colour and nothing else', () => {
    fc.assert(
      fc.property(hex, (value) => {
        expect(validateHexColor(value)).toBe(true)
      }),
    )
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^\s*#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})\s*$/i.test(s)),
        (value) => {
          expect(validateHexColor(value)).toMatch(/hex/)
        },
      ),
    )
  })
})
