import { createHash } from 'node:crypto'

/** JSON with sorted keys, so equal data always hashes the same whatever the key order. */
export const stableStringify = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`
}

export const sha256 = (input: string | Uint8Array): string => createHash('sha256').update(input).digest('hex')

export const hashOf = (value: unknown): string => sha256(stableStringify(value))
