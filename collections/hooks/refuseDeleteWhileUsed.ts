import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook, CollectionSlug, PayloadRequest } from 'payload'
import { APIError } from 'payload'

import { trashTransition } from '@/lib/trash'

type Options = {
  /** The collection whose documents require this one, e.g. sites. */
  by: CollectionSlug
  /** Their required field that points here, e.g. template or assets.file. */
  field: string
  /** What the user should do about them, e.g. "choose another template for them first". */
  fix: string
}

const SHOWN = 3

const titleOf = (req: PayloadRequest, collection: CollectionSlug, doc: unknown): string => {
  const key = req.payload.collections[collection].config.admin.useAsTitle ?? 'id'
  const record = doc as Record<string, unknown>
  return String(record[key] ?? record.id)
}

const labelOf = (req: PayloadRequest, collection: CollectionSlug, count: number): string => {
  const { singular, plural } = req.payload.collections[collection].config.labels
  const label = count === 1 ? singular : plural
  return (typeof label === 'string' ? label : collection).toLowerCase()
}

/**
 * A required relationship cannot be emptied: the database would refuse the
 * delete with a raw constraint error (Payload makes every such foreign key
 * ON DELETE SET NULL). Say who still needs the document instead, those in
 * the trash included, since they may come back.
 */
const refuse = async ({ req, collection, id, by, field, fix }: Options & { req: PayloadRequest; collection: CollectionSlug; id: number | string }) => {
  const hasTrash = Boolean(req.payload.collections[by].config.trash)
  const { docs, totalDocs } = await req.payload.find({
    collection: by,
    where: { [field]: { equals: id } },
    limit: SHOWN,
    depth: 0,
    overrideAccess: true,
    ...(hasTrash ? { trash: true } : {}),
    req,
  })
  if (totalDocs === 0) return
  const self = await req.payload.findByID({ collection, id, depth: 0, overrideAccess: true, disableErrors: true, trash: true, req })
  const names = docs.map((doc) => titleOf(req, by, doc)).join(', ')
  const more = totalDocs > SHOWN ? ` and ${totalDocs - SHOWN} more` : ''
  const trashed = docs.some((doc) => (doc as { deletedAt?: unknown }).deletedAt) ? ' (those in the trash count too)' : ''
  const name = self ? `"${titleOf(req, collection, self)}"` : String(id)
  throw new APIError(
    `The ${labelOf(req, collection, 1)} ${name} is used by ${totalDocs} ${labelOf(req, by, totalDocs)} (${names}${more})${trashed}: ${fix}.`,
    409,
    undefined,
    true,
  )
}

/** Refuses deleting the document for good while `by` documents require it. */
export const refuseDeleteWhileUsed =
  (options: Options): CollectionBeforeDeleteHook =>
  ({ collection, id, req }) =>
    refuse({ ...options, req, collection: collection.slug as CollectionSlug, id })

/** Refuses moving the document to the trash while `by` documents require it: they could not be built without it. */
export const refuseTrashWhileUsed =
  (options: Options): CollectionBeforeChangeHook =>
  async ({ collection, data, originalDoc, req }) => {
    if (originalDoc && trashTransition(data, originalDoc) === 'trashed') await refuse({ ...options, req, collection: collection.slug as CollectionSlug, id: originalDoc.id })
    return data
  }
