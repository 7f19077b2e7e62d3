import type { CollectionSlug, Payload } from 'payload'

import { aadFor } from './index'
import { decryptSecret, isEncrypted } from './crypto'

/**
 * The one explicit, server-side way to read a secret: straight from the
 * database adapter (no hooks, no API), then decrypted. Never expose the
 * result through an endpoint.
 */
export const revealSecret = async ({
  payload,
  collection,
  id,
  field,
}: {
  payload: Payload
  collection: CollectionSlug
  id: number | string
  field: string
}): Promise<string | null> => {
  const row = (await payload.db.findOne({ collection, where: { id: { equals: id } } })) as Record<string, unknown> | null
  const stored = row?.[field]
  if (!isEncrypted(stored)) return null
  return decryptSecret({ ciphertext: stored, secret: payload.secret, aad: aadFor(collection, field) })
}
