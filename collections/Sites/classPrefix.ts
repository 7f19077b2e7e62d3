import { randomBytes } from 'node:crypto'
import type { FieldHook } from 'payload'

const PREFIX = /^[a-z][a-z0-9]{1,11}$/

/** Letters first so the prefix is always a valid CSS identifier start. */
export const generateClassPrefix = (): string => {
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  const alphabet = letters + '0123456789'
  const bytes = randomBytes(6)
  let out = letters[bytes[0] % letters.length]
  for (let i = 1; i < bytes.length; i++) out += alphabet[bytes[i] % alphabet.length]
  return out
}

export const validateClassPrefix = (value: unknown): true | string => {
  if (value === undefined || value === null || value === '') return true
  if (typeof value !== 'string' || !PREFIX.test(value)) {
    return 'A class prefix is 2–12 lowercase letters and digits, starting with a letter'
  }
  return true
}

/** Generated once at creation; after that only an explicit edit changes it, so class names stay stable across deploys. */
export const classPrefixOnCreate: FieldHook = ({ value, operation, previousValue }) => {
  if (typeof value === 'string' && value !== '') return value
  if (operation === 'update' && previousValue) return previousValue
  return generateClassPrefix()
}
