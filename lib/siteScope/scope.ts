import type { CollectionSlug, Payload, PayloadRequest, SanitizedConfig, Where } from 'payload'

import { collectReferences, idOf, type ID, type Reference } from './references'

/** The tenants (plugin-multi-tenant's `tenantsSlug`) and the field that says whose a document is (`tenantField.name`). */
export const SITES = 'sites'
export const SITE_FIELD = 'site'

export type SiteScope = {
  /** Documents of this collection belong to one site: it has the top-level `site` relationship (pages, media, ...). */
  isSiteScoped: (collection: string) => boolean
  /** A reference to a document of this collection can cross sites: a site-scoped collection, or the sites themselves. */
  belongsToASite: (collection: string) => boolean
}

const scopes = new WeakMap<SanitizedConfig, SiteScope>()

/** Read once per config from the sanitized collections, so a collection or field added later is scoped alike. */
export const siteScope = (config: SanitizedConfig): SiteScope => {
  let scope = scopes.get(config)
  if (!scope) {
    const scoped = new Set<string>(
      config.collections
        .filter((collection) =>
          collection.flattenedFields.some(
            (field) => field.name === SITE_FIELD && field.type === 'relationship' && field.relationTo === SITES && !field.hasMany,
          ),
        )
        .map((collection) => collection.slug),
    )
    scope = { isSiteScoped: (slug) => scoped.has(slug), belongsToASite: (slug) => slug === SITES || scoped.has(slug) }
    scopes.set(config, scope)
  }
  return scope
}

export const sameId = (a: ID | null | undefined, b: ID | null | undefined): boolean =>
  a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b)

/** The site a document belongs to: its `site`, or its own id for a site. */
export const siteOfDocument = (collection: string, doc: Record<string, unknown> | null | undefined): ID | null =>
  collection === SITES ? idOf(doc?.id) : idOf(doc?.[SITE_FIELD])

/**
 * The references a document of `collection` holds to documents that belong to a site (its own `site` field
 * aside), found from the collection's fields.
 */
export const siteReferencesOf = ({
  payload,
  collection,
  doc,
  req,
  rewrite,
}: {
  payload: Payload
  collection: string
  doc: unknown
  req?: Partial<PayloadRequest>
  /** Rewrites each reference in place (see collectReferences). */
  rewrite?: (ref: Reference) => ID | null | undefined
}): Reference[] => {
  const config = payload.collections[collection as CollectionSlug]?.config
  if (!config) return []
  const scope = siteScope(payload.config)
  const blocks = payload.config.blocks ?? []
  return collectReferences({
    fields: config.fields,
    data: doc,
    isWanted: scope.belongsToASite,
    blockBySlug: (slug) => blocks.find((block) => block.slug === slug),
    skipTopLevel: scope.isSiteScoped(collection) ? [SITE_FIELD] : [],
    // Lexical reads `req.payload` to find the fields of upload nodes
    req: req?.payload ? req : { payload },
    rewrite,
  })
}

/** Ids of the type the collection uses; anything else is left to Payload's own validation. */
const usableId = (payload: Payload, collection: string, id: ID): ID | null => {
  const type = payload.collections[collection as CollectionSlug]?.customIDType ?? payload.db.defaultIDType
  if (type === 'number') {
    const n = typeof id === 'number' ? id : /^\d+$/.test(id) ? Number(id) : NaN
    return Number.isSafeInteger(n) ? n : null
  }
  return typeof id === 'string' ? id : null
}

export type FindForeignArgs = {
  payload: Payload
  req?: Partial<PayloadRequest>
  /** The site the references must stay in; null (a site not created yet) has no documents of its own. */
  site: ID | null
  references: Reference[]
  /** Sites already known (documents the caller has loaded), `undefined` when not: those are not read again. */
  knownSite?: (collection: string, id: ID) => ID | null | undefined
}

/**
 * The references that point at a document of another site (or of no site). Unknown documents are read in one
 * query per collection, whatever the number of references. Ids that match no document are not foreign: a
 * missing document shows nothing.
 */
export const findForeignReferences = async ({ payload, req, site, references, knownSite }: FindForeignArgs): Promise<Reference[]> => {
  const sites = new Map<string, ID | null>()
  const key = (collection: string, id: ID) => `${collection}:${String(id)}`
  const unknown = new Map<string, Set<ID>>()
  for (const ref of references) {
    const id = usableId(payload, ref.relationTo, ref.id)
    if (id === null) continue
    if (ref.relationTo === SITES) {
      sites.set(key(SITES, id), id)
      continue
    }
    const known = knownSite?.(ref.relationTo, id)
    if (known !== undefined) sites.set(key(ref.relationTo, id), known)
    else unknown.set(ref.relationTo, (unknown.get(ref.relationTo) ?? new Set()).add(id))
  }
  await Promise.all(
    [...unknown].map(async ([collection, ids]) => {
      const where: Where = { id: { in: [...ids] } }
      const { docs } = await payload.find({
        collection: collection as CollectionSlug,
        where,
        select: { [SITE_FIELD]: true } as never,
        depth: 0,
        pagination: false,
        overrideAccess: true,
        trash: true,
        req,
      })
      for (const doc of docs as Record<string, unknown>[]) sites.set(key(collection, doc.id as ID), idOf(doc[SITE_FIELD]))
    }),
  )
  return references.filter((ref) => {
    const id = usableId(payload, ref.relationTo, ref.id)
    if (id === null) return false
    const owner = sites.get(key(ref.relationTo, id))
    return owner !== undefined && !sameId(owner, site)
  })
}

/** A collection's name for one document, for messages: "Media", "Page", "Swiper Preset". */
export const singularLabel = (payload: Payload, collection: string): string => {
  const label = payload.collections[collection as CollectionSlug]?.config.labels?.singular
  return typeof label === 'string' ? label : collection
}
