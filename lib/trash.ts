import type { PayloadRequest } from 'payload'

/**
 * What a save did to a document of a collection with `trash: true`: moved it
 * to the trash, brought it back, or neither. Payload's trash is an update of
 * `deletedAt`, so afterChange hooks tell the two apart from the previous doc.
 */
export const trashTransition = (
  doc: { deletedAt?: string | null } | null | undefined,
  previousDoc: { deletedAt?: string | null } | null | undefined,
): 'trashed' | 'restored' | null => {
  const isTrashed = Boolean(doc?.deletedAt)
  const wasTrashed = Boolean(previousDoc?.deletedAt)
  if (isTrashed && !wasTrashed) return 'trashed'
  if (!isTrashed && wasTrashed) return 'restored'
  return null
}

/** One spelling of an instant, so the documents trashed with a site can be found again by theirs. */
export const trashStamp = (value: string | Date): string => new Date(value).toISOString()

/** The domain of the site when it is in the trash, else null: one query, whatever the caller's access. */
export const trashedSiteDomain = async (req: PayloadRequest, siteId: number | string): Promise<string | null> => {
  const { docs } = await req.payload.find({
    collection: 'sites',
    where: { and: [{ id: { equals: siteId } }, { deletedAt: { exists: true } }] },
    trash: true,
    select: { domain: true },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return docs[0]?.domain ?? null
}
