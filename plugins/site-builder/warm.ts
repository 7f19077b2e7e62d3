/**
 * The warm path of a deployment: the worker keeps, per site, the pages (with their blocks), media and swiper
 * presets it read for the last build, and the next build reads from the database only what changed since:
 * the pages whose `updatedAt` moved (the page summaries are read anyway; they are the list of what is
 * published), and the pages that use a media item or preset that changed. The site, template, footprint,
 * language and affiliate links are read fresh every time (a handful of rows), so site and template edits need
 * no invalidation here; the builder's dependency hashes decide what re-renders, as on the cold path.
 *
 * What makes a kept page trustworthy: its row has the same `updatedAt` as when it was read (Payload sets it on
 * every write, publishing included; a draft save leaves the published row alone or moves the stamp, and then the
 * page is read again), and so has every media item and preset it uses. Anything stamped within a minute of the
 * moment it was read is read again, so two writes in one millisecond, or app servers whose clocks differ by up to
 * a minute (WARM_SKEW_MS), cannot hide a change. When a kept page is no longer published (deleted, trashed, unpublished, moved)
 * or a kept affiliate link is gone, the site's entry is dropped and the build is cold: those are the cases
 * where the loader's checks of other sites' references (load/scope.ts) must see every page again.
 *
 * Bounded: a least-recently-used list of at most WARM_SITES sites (default 8) and WARM_PAGES pages (default
 * 40,000) in all. Nothing here is needed for correctness; `resetWarmCache()` empties it.
 */
import type { Payload } from 'payload'

import type { ID, SiteSnapshot, SnapshotMedia, SnapshotPage } from './core/types'
import { collectBlockRefs } from './load/refs'
import type { StreamingSnapshot } from './load/snapshot'

/**
 * Rows stamped this close to the moment they were read are read again next time (same-millisecond writes, clock
 * skew between app servers): a minute, or WARM_SKEW_MS (tests set 0, where one clock stamps everything).
 */
const skewMs = () => (process.env.WARM_SKEW_MS !== undefined && Number(process.env.WARM_SKEW_MS) >= 0 ? Number(process.env.WARM_SKEW_MS) : 60_000)

type KeptPage = { page: SnapshotPage; updatedAt: string; readAt: number; media: string[]; presets: string[] }
type KeptPreset = { preset: SiteSnapshot['presets'][string]; updatedAt: string; readAt: number; media: string[] }
type KeptMedia = { media: SnapshotMedia; readAt: number }

type Entry = {
  pages: Map<string, KeptPage>
  presets: Map<string, KeptPreset>
  media: Map<string, KeptMedia>
  links: Set<string>
}

const entries = new Map<string, Entry>()

/** What the warm path did in this process: the tests check that deployments take it. */
export const warmStats = { builds: 0, warm: 0, cold: 0, pagesKept: 0, pagesRead: 0 }

/** PANEL_WARM=0 turns the warm path off (every deployment reads the whole site): to measure it, or to rule it out. */
export const isWarmPathOn = () => process.env.PANEL_WARM !== '0'

export const resetWarmCache = () => {
  entries.clear()
}

const limits = () => ({
  sites: Number(process.env.WARM_SITES) > 0 ? Number(process.env.WARM_SITES) : 8,
  pages: Number(process.env.WARM_PAGES) > 0 ? Number(process.env.WARM_PAGES) : 40_000,
})

/** Keeps the entry as the most recently used, then drops the least recently used sites beyond the bounds. */
const store = (siteId: string, entry: Entry) => {
  entries.delete(siteId)
  entries.set(siteId, entry)
  const { sites, pages } = limits()
  let total = 0
  for (const e of entries.values()) total += e.pages.size
  for (const [id, e] of entries) {
    if (entries.size <= sites && total <= pages) break
    if (id === siteId && entries.size === 1) break
    entries.delete(id)
    total -= e.pages.size
  }
  // one site bigger than the whole budget is not kept at all
  if (total > pages) entries.delete(siteId)
}

const refsOfPage = (page: SnapshotPage) => {
  const refs = { media: new Set<string>(), presets: new Set<string>() }
  if (page.meta.image != null) refs.media.add(String(page.meta.image))
  collectBlockRefs(page.blocks, refs)
  return { media: [...refs.media], presets: [...refs.presets] }
}

export type WarmLoader = {
  /** Whether the kept pages were used (false: the site had no usable entry, every page is read). */
  isWarm: boolean
  loadPages: StreamingSnapshot['loadPages']
  /** After a complete build: keep what this build read for the next one. */
  keep: () => void
  stats: () => { kept: number; read: number }
}

/**
 * Wraps a streamed snapshot's `loadPages` with the site's kept pages. `startedAt` is when the snapshot's reads
 * began (lib/clock's now()): what was read is stamped with it.
 */
export const warmLoader = async ({ payload, siteId, loaded, startedAt }: { payload: Payload; siteId: ID; loaded: StreamingSnapshot; startedAt: number }): Promise<WarmLoader> => {
  const key = String(siteId)
  const { snapshot } = loaded
  warmStats.builds++
  // the current stamps of the site's media and presets: two small queries, no content
  const stampsOf = async (collection: 'media' | 'swiper-presets') =>
    new Map(
      (
        await payload.find({ collection, where: { site: { equals: siteId } }, select: { updatedAt: true }, pagination: false, depth: 0, overrideAccess: true })
      ).docs.map((d) => [String(d.id), String(d.updatedAt)]),
    )
  const [mediaNow, presetsNow] = await Promise.all([stampsOf('media'), stampsOf('swiper-presets')])
  const summaries = new Map(snapshot.pages.map((p) => [String(p.id), p]))

  let previous = entries.get(key) ?? null
  if (previous) {
    const gone = [...previous.pages.keys()].some((id) => !summaries.has(id)) || [...previous.links].some((id) => !(id in snapshot.affiliateLinks))
    if (gone) previous = null
  }
  if (!previous) entries.delete(key)
  const isWarm = previous !== null
  if (isWarm) warmStats.warm++
  else warmStats.cold++

  const skew = skewMs()
  const isFresh = (updatedAt: string, readAt: number) => new Date(updatedAt).getTime() < readAt - skew
  const mediaOk = (id: string): KeptMedia | null => {
    const kept = previous?.media.get(id)
    return kept && mediaNow.get(id) === kept.media.updatedAt && isFresh(kept.media.updatedAt, kept.readAt) ? kept : null
  }
  const presetOk = (id: string): KeptPreset | null => {
    const kept = previous?.presets.get(id)
    return kept && presetsNow.get(id) === kept.updatedAt && isFresh(kept.updatedAt, kept.readAt) && kept.media.every(mediaOk) ? kept : null
  }

  const next: Entry = { pages: new Map(), presets: new Map(), media: new Map(), links: new Set(Object.keys(snapshot.affiliateLinks)) }
  let kept = 0
  let read = 0

  const loadPages = async (chunk: SnapshotPage[]): Promise<SnapshotPage[]> => {
    const out = new Map<string, SnapshotPage>()
    const toRead: SnapshotPage[] = []
    for (const summary of chunk) {
      const id = String(summary.id)
      const page = previous?.pages.get(id)
      if (page && page.updatedAt === summary.updatedAt && isFresh(page.updatedAt, page.readAt) && page.media.every(mediaOk) && page.presets.every(presetOk)) {
        // what the cold loader would have added to the snapshot for this page
        for (const m of page.media) if (!(m in snapshot.media)) snapshot.media[m] = previous!.media.get(m)!.media
        for (const p of page.presets) {
          const preset = previous!.presets.get(p)!
          if (!(p in snapshot.presets)) snapshot.presets[p] = preset.preset
          for (const m of preset.media) if (!(m in snapshot.media)) snapshot.media[m] = previous!.media.get(m)!.media
          next.presets.set(p, preset)
          for (const m of preset.media) next.media.set(m, previous!.media.get(m)!)
        }
        for (const m of page.media) next.media.set(m, previous!.media.get(m)!)
        next.pages.set(id, page)
        out.set(id, page.page)
        kept++
      } else toRead.push(summary)
    }
    if (toRead.length) {
      const fresh = await loaded.loadPages(toRead)
      const readAt = startedAt
      for (const page of fresh) {
        const id = String(page.id)
        const refs = refsOfPage(page)
        for (const p of refs.presets) {
          const preset = snapshot.presets[p]
          if (!preset) continue
          const media = preset.items.map((item) => item.image).filter((m): m is ID => m != null).map(String)
          // stamped with what was current before the read: a later write shows as a change next time
          next.presets.set(p, { preset, updatedAt: presetsNow.get(p) ?? '', readAt, media })
          for (const m of media) if (snapshot.media[m]) next.media.set(m, { media: snapshot.media[m], readAt })
        }
        for (const m of refs.media) if (snapshot.media[m]) next.media.set(m, { media: snapshot.media[m], readAt })
        // the summary's stamp, read before the content: if the row moved in between, the next build reads it again
        next.pages.set(id, { page, updatedAt: summaries.get(id)?.updatedAt ?? '', readAt, ...refs })
        out.set(id, page)
        read++
      }
    }
    // the order asked for; a page that vanished meanwhile is left out, and the builder stops as it does cold
    return chunk.flatMap((summary) => {
      const page = out.get(String(summary.id))
      return page ? [page] : []
    })
  }

  return {
    isWarm,
    loadPages,
    keep: () => {
      // a kept media item or preset no page uses any more is simply not carried over
      warmStats.pagesKept += kept
      warmStats.pagesRead += read
      if (next.pages.size === summaries.size) store(key, next)
      else entries.delete(key)
    },
    stats: () => ({ kept, read }),
  }
}
