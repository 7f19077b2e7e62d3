import type { CollectionSlug, PayloadRequest } from 'payload'

type Args = { req: PayloadRequest; siblingData?: Record<string, unknown>; data?: Record<string, unknown>; id?: number | string }

const idOf = (value: unknown): number | string | undefined =>
  value && typeof value === 'object' && 'id' in value ? (value as { id: number | string }).id : (value as number | string | undefined)

/**
 * A friendly duplicate check before the database's unique index answers:
 * the index is the guarantee, this is the message that names the clash.
 */
export const uniqueWithinSite =
  ({ collection, field, label }: { collection: CollectionSlug; field: string; label: string }) =>
  async (value: string, { req, data, siblingData, id }: Args): Promise<true | string> => {
    const site = idOf(data?.site ?? siblingData?.site)
    if (site === undefined || site === null) return true
    const { docs } = await req.payload.find({
      collection,
      req,
      depth: 0,
      limit: 1,
      overrideAccess: true,
      draft: true,
      // the unique index counts documents in the trash too
      trash: true,
      pagination: false,
      where: {
        and: [{ site: { equals: site } }, { [field]: { equals: value } }, ...(id ? [{ id: { not_equals: id } }] : [])],
      },
    })
    if ((docs[0] as { deletedAt?: string | null } | undefined)?.deletedAt) return `The ${label} "${value}" is used by something in this site's trash: choose another, or restore that one.`
    if (docs.length > 0) return `The ${label} "${value}" is already used on this site: choose another.`
    return true
  }
