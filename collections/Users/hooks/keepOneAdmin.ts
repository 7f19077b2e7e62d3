import type { CollectionBeforeDeleteHook } from 'payload'
import { APIError } from 'payload'

/** Deleting the last admin would lock everyone out of users and api-tokens. */
export const keepOneAdmin: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const target = await req.payload.findByID({ collection: 'users', id, req, depth: 0, overrideAccess: true })
  if (target?.role !== 'admin') return
  const { totalDocs } = await req.payload.count({
    collection: 'users',
    req,
    overrideAccess: true,
    where: { role: { equals: 'admin' } },
  })
  if (totalDocs <= 1) {
    throw new APIError('This is the only admin: make another user an admin before deleting this one.', 400, undefined, true)
  }
}
