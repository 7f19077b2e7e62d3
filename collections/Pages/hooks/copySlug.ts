import type { FieldHook } from 'payload'

import { copySlugCandidates } from '@/plugins/fleet/clone/core/slug'

const idOf = (value: unknown): number | string | null =>
  value && typeof value === 'object' ? ((value as { id?: number | string }).id ?? null) : ((value as number | string | null | undefined) ?? null)

/**
 * Payload's Duplicate copies the slug, which the site already has: the copy gets the first free one of
 * `<slug>-copy`, `<slug>-copy-2`, … in the same site (pages in the trash count: the unique index sees them).
 */
export const freeSlugOnDuplicate: FieldHook = async ({ value, data, req }) => {
  if (typeof value !== 'string' || value === '') return value
  const site = idOf(data?.site)
  for (let from = 1; ; from += 20) {
    const candidates = copySlugCandidates(value, from)
    const { docs } = await req.payload.find({
      collection: 'pages',
      where: { and: [{ slug: { in: candidates } }, ...(site === null ? [] : [{ site: { equals: site } }])] },
      select: { slug: true },
      pagination: false,
      trash: true,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const taken = new Set(docs.map((doc) => doc.slug))
    const free = candidates.find((slug) => !taken.has(slug))
    if (free) return free
  }
}
