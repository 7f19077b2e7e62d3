import type { CollectionBeforeValidateHook } from 'payload'
import { ValidationError } from 'payload'

import { idOf } from '@/lib/siteScope/references'
import { findForeignReferences, sameId, singularLabel, SITE_FIELD, SITES, siteReferencesOf, siteScope } from '@/lib/siteScope/scope'

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value)

/** The document as it will be stored when it moves to another site: what it keeps must move with it. */
const merged = (original: Record<string, unknown>, data: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...original }
  for (const [key, value] of Object.entries(data)) out[key] = isRecord(value) && isRecord(original[key]) ? merged(original[key], value) : value
  return out
}

/**
 * Refuses, with a 400 naming each field, a write that makes a document of one site point at a document of
 * another: every relationship and upload field (blocks at any depth, rich text nodes) found from the collection's
 * fields. Runs for every write made by or for a user (REST, GraphQL, the admin, the Local API given a user),
 * admins included. Server code writing without a user is trusted here and checked again when the site is built.
 */
export const refuseForeignReferences = (): CollectionBeforeValidateHook => async ({ collection, data, operation, originalDoc, req }) => {
  if (!req.user || !isRecord(data)) return data
  const { payload } = req
  const isSite = collection.slug === SITES
  if (!isSite && !siteScope(payload.config).isSiteScoped(collection.slug)) return data

  // a site's own id is its tenant; a site being created (or duplicated) has no documents yet
  const original = isRecord(originalDoc) ? originalDoc : undefined
  const site = isSite
    ? operation === 'update' ? idOf(original?.id) : null
    : idOf(SITE_FIELD in data ? data[SITE_FIELD] : original?.[SITE_FIELD])
  const isMoving = !isSite && operation === 'update' && original !== undefined && SITE_FIELD in data && !sameId(idOf(data[SITE_FIELD]), idOf(original[SITE_FIELD]))

  const references = siteReferencesOf({ payload, collection: collection.slug, doc: isMoving && original ? merged(original, data) : data, req })
  if (references.length === 0) return data
  const foreign = await findForeignReferences({ payload, req, site, references })
  if (foreign.length === 0) return data

  throw new ValidationError(
    {
      collection: collection.slug,
      errors: foreign.map((ref) => {
        const what = `${singularLabel(payload, ref.relationTo)} ${ref.id}`
        return {
          path: ref.path,
          message: ref.isInRichText
            ? `The text links to or shows ${what}, which belongs to another site: remove it or choose one from this site.`
            : `${what} belongs to another site: choose one from this site.`,
        }
      }),
    },
    req.t,
  )
}
