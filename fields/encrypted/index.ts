import type { CollectionBeforeOperationHook, CollectionSlug, Field, FieldHook } from 'payload'
import { APIError } from 'payload'

import { nobody } from '@/access/nobody'
import { encryptSecret, isEncrypted, maskSecret } from './crypto'

type EncryptedFieldOptions = {
  name: string
  label?: string
  description?: string
  required?: boolean
}

export const maskFieldName = (name: string): string => `${name}Mask`

export const aadFor = (collection: string, name: string): string => `${collection}.${name}`

/**
 * Encrypt on write; an empty value on update keeps the stored secret, so an
 * admin can edit the label without retyping the token. The stored ciphertext
 * comes from `siblingDocWithLocales`, which Payload reads from the database
 * without afterRead hooks.
 */
const encryptOnWrite =
  (name: string): FieldHook =>
  ({ value, siblingData, siblingDocWithLocales, collection, req, operation }) => {
    const stored = siblingDocWithLocales?.[name]
    if (value === undefined || value === null || value === '') {
      return operation === 'update' && isEncrypted(stored) ? stored : null
    }
    if (typeof value !== 'string') throw new APIError(`${name} must be text`, 400, undefined, true)
    if (isEncrypted(value) && value === stored) return value
    siblingData[maskFieldName(name)] = maskSecret(value)
    return encryptSecret({ plaintext: value, secret: req.payload.secret, aad: aadFor(collection?.slug ?? '', name) })
  }

/**
 * Never hand the ciphertext to anyone, the Local API included; `revealSecret`
 * is the only way out. Returning undefined would keep the value, so the key
 * is deleted from the document being read.
 */
const stripOnRead =
  (name: string): FieldHook =>
  ({ siblingData }) => {
    if (siblingData) delete siblingData[name]
    return undefined
  }

export const encryptedField = ({ name, label, description, required }: EncryptedFieldOptions): Field[] => [
  {
    name,
    type: 'text',
    label,
    access: { read: nobody },
    admin: {
      description: description ?? 'Write-only. Stored encrypted; leave empty to keep the current value.',
      disableListColumn: true,
      disableListFilter: true,
      disableGroupBy: true,
      placeholder: 'Paste a new value to replace the stored one',
    },
    validate: (value: unknown, { operation }: { operation?: string }) => {
      // on update an empty value keeps the stored secret
      if (!required || operation === 'update') return true
      return typeof value === 'string' && value.length > 0 ? true : `${label ?? name} is required`
    },
    hooks: { beforeChange: [encryptOnWrite(name)], afterRead: [stripOnRead(name)] },
  },
  {
    name: maskFieldName(name),
    type: 'text',
    label: `${label ?? name} (stored)`,
    access: { create: nobody, update: nobody },
    admin: {
      readOnly: true,
      description: 'Only the last four characters are ever shown.',
    },
  },
]

const mentions = (node: unknown, names: Set<string>): boolean => {
  if (Array.isArray(node)) return node.some((item) => mentions(item, names))
  if (node && typeof node === 'object') {
    return Object.entries(node).some(([key, child]) => {
      const path = key.split('.')
      return path.some((segment) => names.has(segment)) || mentions(child, names)
    })
  }
  return false
}

/**
 * Field read access already hides a secret from REST and GraphQL queries;
 * this also closes sorting and the Local API, where access is off by default.
 */
export const denySecretQueries = <T extends CollectionSlug>(names: string[]): CollectionBeforeOperationHook<T> => {
  const set = new Set(names)
  return ({ args, operation }) => {
    if (!['read', 'readDistinct', 'count', 'update', 'delete'].includes(operation)) return args
    const where = (args as { where?: unknown }).where
    const sort = (args as { sort?: unknown }).sort
    const sorts = (Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []) as string[]
    if (mentions(where, set) || sorts.some((s) => s.replace(/^-/, '').split('.').some((seg) => set.has(seg)))) {
      throw new APIError(`Secret fields (${names.join(', ')}) cannot be used to filter or sort`, 400, undefined, true)
    }
    return args
  }
}
