import type { Payload, TypedUser } from 'payload'

import { renderSnapshot } from '@/plugins/site-builder/build'
import { hashOf } from '@/plugins/site-builder/core/hash'
import type { BuildResult, ID } from '@/plugins/site-builder/core/types'
import { loadSiteSnapshot } from '@/plugins/site-builder/load/snapshot'

type Entry = { fingerprint: string; result: BuildResult; checkedAt: number }

/** Recent builds per site and user (what a user may read decides what the build contains). */
const builds = new Map<string, Entry>()
const MAX_ENTRIES = 8
/** A page and the files it pulls in arrive together; within this window they share one build. */
const ASSET_REUSE_MS = 10_000

const remember = (key: string, entry: Entry) => {
  builds.delete(key)
  builds.set(key, entry)
  while (builds.size > MAX_ENTRIES) builds.delete(builds.keys().next().value!)
}

/**
 * The published site as `user` may see it. The snapshot is loaded on every
 * page request (a handful of queries) and only rendered again when it
 * changed; unchanged pages come from the previous build's cache. Files other
 * than pages (CSS, images) reuse a build made moments ago.
 */
export const previewBuild = async ({
  payload,
  siteId,
  user,
  isAssetRequest = false,
}: {
  payload: Payload
  siteId: ID
  user: TypedUser
  isAssetRequest?: boolean
}): Promise<BuildResult> => {
  const key = `${siteId}:${user.collection}:${user.id}`
  const previous = builds.get(key)
  if (previous && isAssetRequest && Date.now() - previous.checkedAt < ASSET_REUSE_MS) return previous.result
  const snapshot = await loadSiteSnapshot({ payload, siteId, user })
  const { takenAt, ...content } = snapshot
  const fingerprint = hashOf({ content, year: takenAt.slice(0, 4) })
  if (previous?.fingerprint === fingerprint) {
    remember(key, { ...previous, checkedAt: Date.now() })
    return previous.result
  }
  // the site's own class names, colours and icons, without waiting for image variants to encode
  const result = await renderSnapshot({ snapshot, cache: previous?.result.cache, fingerprint: { pictures: false } })
  remember(key, { fingerprint, result, checkedAt: Date.now() })
  return result
}

/** For tests: forget every cached build. */
export const clearPreviewBuilds = (): void => builds.clear()
