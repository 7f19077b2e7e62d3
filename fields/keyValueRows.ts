/**
 * Named values (colours, template variables, footprint path variables) are
 * stored as rows `{ name, value }`; the builder wants them as a map. Before
 * December 2026 they were stored as a JSON object `{ name: value }`: the
 * reader takes both shapes, so a deployment snapshot or a document not yet
 * converted reads the same.
 */

export type NamedValueRow = { name: string; value: string }

type Keep<T> = (value: unknown) => value is T

export const isString = (v: unknown): v is string => typeof v === 'string'
export const isScalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v)

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Rows (or a legacy map) to a map; later rows win, empty names and values `keep` refuses are skipped. */
export const namedValues = <T>(value: unknown, keep: Keep<T>): Record<string, T> => {
  if (Array.isArray(value)) {
    const out: Record<string, T> = {}
    for (const row of value) {
      if (!isRecord(row) || typeof row.name !== 'string' || row.name === '') continue
      if (keep(row.value)) out[row.name] = row.value
    }
    return out
  }
  if (!isRecord(value)) return {}
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, T] => keep(entry[1])))
}

/** A legacy map to rows, in the map's order; values that are not text are written as text (`true` -> "true"). */
export const rowsFromMap = (value: unknown): NamedValueRow[] => {
  if (Array.isArray(value)) {
    return value.flatMap((row) => (isRecord(row) && typeof row.name === 'string' ? [{ name: row.name, value: String(row.value ?? '') }] : []))
  }
  if (!isRecord(value)) return []
  return Object.entries(value).flatMap(([name, v]) =>
    v === null || v === undefined || typeof v === 'object' ? [] : [{ name, value: String(v) }],
  )
}

/**
 * Field hook: API clients and scripts written before the change may still
 * send `{ "primary": "#0f766e" }`; it is taken as rows and validated as such.
 */
export const acceptLegacyMap = ({ value }: { value?: unknown }): unknown => (isRecord(value) ? rowsFromMap(value) : value)
