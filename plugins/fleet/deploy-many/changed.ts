import type { CollectionSlug, Payload } from 'payload'

import type { Deployment, Site } from '@/payload-types'

type ID = number | string

/** The site's own documents that its build reads. */
const SITE_CONTENT: CollectionSlug[] = ['pages', 'media', 'swiper-presets', 'affiliate-links']
const LANES = 8

const idOf = (value: unknown): ID | null =>
  value && typeof value === 'object' ? ((value as { id?: ID }).id ?? null) : ((value as ID | null | undefined) ?? null)
const ms = (value: string | null | undefined) => (value ? new Date(value).getTime() : 0)

/**
 * When the files live now were built: the newest successful deployment's start, or, when that one was a
 * rollback or a redeploy (which publish an older build's files again), the start of the deployment whose files
 * it published. Null when the site has never been deployed.
 */
export const liveBuiltAt = async (payload: Payload, siteId: ID): Promise<number | null> => {
  const { docs } = await payload.find({
    collection: 'deployments',
    where: { and: [{ site: { equals: siteId } }, { status: { equals: 'success' } }] },
    sort: '-createdAt',
    limit: 1,
    depth: 0,
    select: { startedAt: true, createdAt: true, rollbackOf: true, redeployOf: true },
    overrideAccess: true,
  })
  let deployment = docs[0] as Partial<Deployment> | undefined
  for (let hops = 0; deployment && hops < 10; hops++) {
    const source = idOf(deployment.rollbackOf) ?? idOf(deployment.redeployOf)
    if (source === null) break
    const older = (await payload.findByID({ collection: 'deployments', id: source, depth: 0, disableErrors: true, overrideAccess: true })) as Deployment | null
    if (!older) break
    deployment = older
  }
  return deployment ? ms(deployment.startedAt) || ms(deployment.createdAt) : null
}

/** The newest `updatedAt` of what the site's build reads: its pages (in the trash too), media, presets, links. */
const newestContentChange = async (payload: Payload, siteId: ID): Promise<number> => {
  const newest = await Promise.all(
    SITE_CONTENT.map(async (collection) => {
      const { docs } = await payload.find({
        collection,
        where: { site: { equals: siteId } },
        sort: '-updatedAt',
        limit: 1,
        depth: 0,
        pagination: false,
        select: { updatedAt: true },
        trash: true,
        overrideAccess: true,
      })
      return ms((docs[0] as { updatedAt?: string } | undefined)?.updatedAt)
    }),
  )
  return Math.max(0, ...newest)
}

/**
 * The sites among `sites` that changed since their last successful deployment: never deployed, or something
 * their build reads was saved after the live files were built (liveBuiltAt) — the site itself, its template or
 * footprint, or one of its pages, media, swiper presets or affiliate links (a page moved to the trash counts: the
 * trash is a save). Not seen: a document deleted for good (its updatedAt goes with it), and a change to the site's
 * language or to a template asset; deploy those sites by selection. Saves in the same second as the start of a
 * build count as changes: a change is never missed, at worst a site is deployed once more.
 */
export const changedSites = async (payload: Payload, sites: Pick<Site, 'id' | 'updatedAt' | 'template' | 'footprint'>[]): Promise<ID[]> => {
  const templates = new Map<string, number>()
  const footprints = new Map<string, number>()
  const templateIds = [...new Set(sites.map((site) => idOf(site.template)).filter((id): id is ID => id !== null))]
  const footprintIds = [...new Set(sites.map((site) => idOf(site.footprint)).filter((id): id is ID => id !== null))]
  if (templateIds.length) {
    const { docs } = await payload.find({ collection: 'templates', where: { id: { in: templateIds } }, select: { updatedAt: true }, depth: 0, pagination: false, overrideAccess: true })
    for (const doc of docs) templates.set(String(doc.id), ms(doc.updatedAt))
  }
  if (footprintIds.length) {
    const { docs } = await payload.find({ collection: 'template-footprints', where: { id: { in: footprintIds } }, select: { updatedAt: true }, depth: 0, pagination: false, overrideAccess: true })
    for (const doc of docs) footprints.set(String(doc.id), ms(doc.updatedAt))
  }

  const changed = new Set<string>()
  let next = 0
  const lane = async () => {
    while (next < sites.length) {
      const site = sites[next++]!
      const builtAt = await liveBuiltAt(payload, site.id)
      if (builtAt === null) {
        changed.add(String(site.id))
        continue
      }
      const shared = Math.max(ms(site.updatedAt), templates.get(String(idOf(site.template))) ?? 0, footprints.get(String(idOf(site.footprint))) ?? 0)
      if (shared >= builtAt || (await newestContentChange(payload, site.id)) >= builtAt) changed.add(String(site.id))
    }
  }
  await Promise.all(Array.from({ length: Math.min(LANES, sites.length) }, lane))
  // in the order given
  return sites.filter((site) => changed.has(String(site.id))).map((site) => site.id)
}
