import type { Payload, Where } from 'payload'

import type { DeployBuildCache } from '../site-builder/build'
import { isWarmPathOn } from '../site-builder/warm'
import type { Manifest } from './core'

/**
 * What an incremental deployment starts from: the manifest and build cache of the site's last successful
 * deployment. On a big site they are megabytes of JSON; the worker that recorded them keeps them in memory, so
 * the next deployment asks the database only which deployment is the last success (its id) and reads the
 * record's JSON only when it is not the one kept (another worker deployed, a rollback, a restart). A success
 * record's manifest and cache never change, so the id is enough. One per site, for the sites the warm path keeps.
 */
type Kept = { id: string; manifest: Manifest | null; buildCache: DeployBuildCache | null }

const kept = new Map<string, Kept>()
const MAX_SITES = 32

export const rememberDeployed = (siteId: number | string, entry: { id: number | string; manifest: Manifest | null; buildCache: DeployBuildCache | null }) => {
  if (!isWarmPathOn()) return
  const key = String(siteId)
  kept.delete(key)
  kept.set(key, { id: String(entry.id), manifest: entry.manifest, buildCache: entry.buildCache })
  if (kept.size > MAX_SITES) kept.delete(kept.keys().next().value!)
}

export const forgetDeployed = () => kept.clear()

/** The last successful deployment's id, manifest and build cache, or null when the site has none. */
export const lastDeployed = async (payload: Payload, siteId: number | string): Promise<Kept | null> => {
  const where: Where = { and: [{ site: { equals: siteId } }, { status: { equals: 'success' } }] }
  const { docs } = await payload.find({ collection: 'deployments', where, sort: '-finishedAt', limit: 1, depth: 0, overrideAccess: true, select: { finishedAt: true } })
  const last = docs[0]
  if (!last) return null
  const mine = kept.get(String(siteId))
  if (mine && isWarmPathOn() && mine.id === String(last.id)) return mine
  const full = await payload.findByID({ collection: 'deployments', id: last.id, depth: 0, overrideAccess: true })
  return { id: String(full.id), manifest: (full.manifest ?? null) as Manifest | null, buildCache: (full.buildCache ?? null) as DeployBuildCache | null }
}
