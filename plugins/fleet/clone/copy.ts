import type { CollectionSlug, Payload, PayloadRequest, Where } from 'payload'

import { readLocation } from '@/lib/storage/read'
import type { Reference } from '@/lib/siteScope/references'
import { sameId, siteReferencesOf } from '@/lib/siteScope/scope'
import { uploadSource } from '@/plugins/site-builder/load/map'
import { renewRowIds } from './rows'

type ID = number | string
type Doc = Record<string, unknown> & { id: ID }

export type CloneCounts = { pages: number; media: number; presets: number; links: number; folders: number; redirects: number }

export type CloneProgress = CloneCounts & { phase: string; total: number; done: number }

export type CloneContentArgs = {
  payload: Payload
  sourceId: ID
  targetId: ID
  /** Every page becomes a draft of the clone (its latest content), published or not in the source. */
  pagesAsDrafts?: boolean
  /** Called after each phase and each chunk of pages. */
  onProgress?: (progress: CloneProgress) => Promise<void> | void
  /** Pages read and written per chunk (memory stays flat for large sites). */
  chunkSize?: number
  /** Transactions writing pages side by side (default: CLONE_LANES or 4; 1 on SQLite, which takes one writer). */
  lanes?: number
}

export type CloneContentResult = CloneCounts & {
  warnings: string[]
  /** Milliseconds per phase (folders, media, links, presets, pages, linking, site) and reading the source's pages. */
  timings: Record<string, number>
  /** Pages written a second time: they linked to pages copied after them. */
  relinked: number
}

const PAGES = 'pages'
const MEDIA = 'media'
const PRESETS = 'swiper-presets'
const LINKS = 'affiliate-links'
const REDIRECTS = 'redirects'

/** What an upload document carries about its file: made again by Payload for the copy's own file. */
const UPLOAD_FIELDS = ['filename', 'mimeType', 'filesize', 'width', 'height', 'sizes', 'url', 'thumbnailURL', 'prefix', '_objectKey']
const SYSTEM_FIELDS = ['id', 'createdAt', 'updatedAt', 'deletedAt', 'site']

const common = { depth: 0, overrideAccess: true } as const

const runLimited = async <T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> => {
  let next = 0
  const lane = async () => {
    while (next < items.length) await fn(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
}

const without = (doc: Record<string, unknown>, keys: string[]): Record<string, unknown> => {
  const out = { ...doc }
  for (const key of keys) delete out[key]
  return out
}

const chunks = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size))

/**
 * Copies a site's content into another (empty) site: media folders, media (their files copied: the clone
 * shares nothing with its source, so it survives the source's deletion), affiliate links, swiper presets and
 * pages, then the site's logo, favicon and home page. Every relationship, upload and rich text reference
 * inside the copies is pointed at the clone's own copies (found from the collections' fields, as the
 * site-scope check finds them); one to a document that is not copied (in the trash, or of another site) is
 * left empty. Documents in the source's trash are not copied.
 *
 * Pages go through the database adapter (the copies of valid documents, with their versions: published, a
 * pending draft on top, or draft only), not through Payload's create with its per-document hooks and checks:
 * what makes a 1,000-page clone take seconds. Everything else goes through the Local API (few documents;
 * uploads need Payload's file handling).
 */
export const cloneSiteContent = async ({
  payload,
  sourceId,
  targetId,
  pagesAsDrafts = false,
  onProgress,
  chunkSize = 100,
  lanes = payload.db.name === 'sqlite' ? 1 : Number(process.env.CLONE_LANES) || 4,
}: CloneContentArgs): Promise<CloneContentResult> => {
  const warnings: string[] = []
  const isSqlite = payload.db.name === 'sqlite'
  const ofSource: Where = { site: { equals: sourceId } }
  const folderSlug = payload.config.folders ? (payload.config.folders.slug as CollectionSlug) : null
  const maps = new Map<string, Map<string, ID>>()
  const mapOf = (collection: string) => {
    let map = maps.get(collection)
    if (!map) maps.set(collection, (map = new Map()))
    return map
  }

  // the redirects list (plugins/fleet/redirects), when that plugin is installed
  const hasRedirects = Boolean(payload.collections[REDIRECTS as CollectionSlug])
  const count = async (collection: CollectionSlug) => (await payload.count({ collection, where: ofSource, overrideAccess: true })).totalDocs
  const totals: CloneCounts = {
    folders: folderSlug ? await count(folderSlug) : 0,
    media: await count(MEDIA),
    links: await count(LINKS),
    presets: await count(PRESETS),
    pages: await count(PAGES),
    redirects: hasRedirects ? await count(REDIRECTS as CollectionSlug) : 0,
  }
  const total = Object.values(totals).reduce((a, b) => a + b, 0)
  const done: CloneCounts = { pages: 0, media: 0, presets: 0, links: 0, folders: 0, redirects: 0 }
  const timings: Record<string, number> = {}
  let phaseStart = performance.now()
  let phaseName = ''
  const report = async (phase: string, key?: string) => {
    if (key) {
      if (phaseName) timings[phaseName] = Math.round(performance.now() - phaseStart)
      phaseName = key
      phaseStart = performance.now()
    }
    await onProgress?.({ phase, total, done: Object.values(done).reduce((a, b) => a + b, 0), ...done })
  }

  /**
   * The copy's references, pointed at the clone's documents; `own` adds copies not committed yet (pages
   * written in the same transaction), `pending` hears of references to documents not copied yet.
   */
  const remap = (collection: string, doc: Doc, pending?: (ref: Reference) => void, own?: Map<string, ID>): Record<string, unknown> => {
    const copy = structuredClone(doc) as Record<string, unknown>
    siteReferencesOf({
      payload,
      collection,
      doc: copy,
      rewrite: (ref) => {
        if (ref.relationTo === 'sites') return sameId(ref.id, sourceId) ? targetId : null
        const mapped = maps.get(ref.relationTo)?.get(String(ref.id)) ?? (ref.relationTo === PAGES ? own?.get(String(ref.id)) : undefined)
        if (mapped !== undefined) return mapped
        pending?.(ref)
        return null
      },
    })
    return copy
  }

  await report('Copying media folders', 'folders')
  if (folderSlug) {
    const { docs } = await payload.find({ collection: folderSlug, where: ofSource, pagination: false, sort: 'createdAt', ...common })
    // parents first: a folder's copy points at its parent's copy
    let left = docs as unknown as Doc[]
    while (left.length > 0) {
      const ready = left.filter((f) => f.folder === null || f.folder === undefined || mapOf(folderSlug).has(String(f.folder)) || !left.some((o) => sameId(o.id, f.folder as ID)))
      const batch = ready.length > 0 ? ready : left
      for (const folder of batch) {
        const data = without(remap(folderSlug, folder), SYSTEM_FIELDS)
        const made = await payload.create({ collection: folderSlug, data: { ...data, site: targetId } as never, ...common })
        mapOf(folderSlug).set(String(folder.id), made.id)
        done.folders++
      }
      left = left.filter((f) => !batch.includes(f))
    }
  }

  await report('Copying media', 'media')
  {
    const { docs } = await payload.find({ collection: MEDIA, where: ofSource, pagination: false, sort: 'createdAt', ...common })
    // two uploads at once on PostgreSQL; SQLite fails a second transaction opened while one is open
    await runLimited(docs as unknown as Doc[], isSqlite ? 1 : 2, async (media) => {
      const filename = String(media.filename ?? '')
      const location = uploadSource(payload, MEDIA, filename, media.url as string | null, media as never)
      let bytes: Uint8Array
      try {
        bytes = await readLocation(location)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
        warnings.push(`Media "${filename}" was not copied: its file is missing from the media storage (${location}). What used it in the source is left empty in the clone.`)
        return
      }
      const data = without(remap(MEDIA, media), [...SYSTEM_FIELDS, ...UPLOAD_FIELDS])
      const made = await payload.create({
        collection: MEDIA,
        data: { ...data, site: targetId } as never,
        file: { data: Buffer.from(bytes), mimetype: String(media.mimeType), name: filename, size: bytes.byteLength },
        ...common,
      })
      mapOf(MEDIA).set(String(media.id), made.id)
      done.media++
    })
  }

  await report('Copying affiliate links', 'links')
  {
    const { docs } = await payload.find({ collection: LINKS, where: ofSource, pagination: false, sort: 'createdAt', ...common })
    for (const link of docs as unknown as Doc[]) {
      // clicks are the source's: the clone starts counting its own
      const data = without(remap(LINKS, link), [...SYSTEM_FIELDS, 'clicks'])
      const made = await payload.create({ collection: LINKS, data: { ...data, site: targetId } as never, ...common })
      mapOf(LINKS).set(String(link.id), made.id)
      done.links++
    }
  }

  await report('Copying swiper presets', 'presets')
  {
    const { docs } = await payload.find({ collection: PRESETS, where: ofSource, pagination: false, sort: 'createdAt', ...common })
    const fields = payload.collections[PRESETS].config.fields
    for (const preset of docs as unknown as Doc[]) {
      const data = without(remap(PRESETS, preset), SYSTEM_FIELDS)
      renewRowIds({ fields, data, blocks: payload.config.blocks ?? [] })
      const made = await payload.create({ collection: PRESETS, data: { ...data, site: targetId } as never, ...common })
      mapOf(PRESETS).set(String(preset.id), made.id)
      done.presets++
    }
  }

  await report('Copying pages', 'pages')
  const sourceSite = (await payload.findByID({ collection: 'sites', id: sourceId, select: { homePage: true, logo: true, favicon: true, autoDeploy: true }, ...common })) as Doc
  const pageFields = payload.collections[PAGES].config.fields
  const blocks = payload.config.blocks ?? []
  const salt = `clone:${String(targetId)}`
  // ids only, home page first: links to it (the most common) are known when the others are written
  const { docs: summaries } = await payload.find({ collection: PAGES, where: ofSource, pagination: false, sort: 'createdAt', select: { id: true } as never, ...common })
  const home = String((sourceSite.homePage as ID | null) ?? '')
  const pageIds = (summaries as unknown as Doc[]).map((p) => p.id).sort((a, b) => (String(a) === home ? -1 : String(b) === home ? 1 : 0))
  const sourcePages = new Set(pageIds.map(String))
  const needsSecondPass = new Set<string>()

  /** The source's states of a chunk of pages: main documents (published, or the only draft) and latest versions. */
  const readChunk = async (ids: ID[]) => {
    const started = performance.now()
    const where: Where = { id: { in: ids } }
    const [main, latest] = await Promise.all([
      payload.find({ collection: PAGES, where, pagination: false, draft: false, ...common }),
      payload.find({ collection: PAGES, where, pagination: false, draft: true, ...common }),
    ])
    timings.reading = (timings.reading ?? 0) + Math.round(performance.now() - started)
    const latestById = new Map((latest.docs as unknown as Doc[]).map((d) => [String(d.id), d]))
    return (main.docs as unknown as Doc[]).map((m) => {
      const l = latestById.get(String(m.id)) ?? m
      const isPublished = m._status === 'published' && !pagesAsDrafts
      // a published page with newer unpublished changes: both states, as the editor left them
      const hasDraft = isPublished && l._status === 'draft' && String(l.updatedAt) > String(m.updatedAt)
      return { id: m.id, published: isPublished ? m : null, draft: isPublished ? (hasDraft ? l : null) : l }
    })
  }

  const prepare = (doc: Doc, status: 'published' | 'draft', pending?: (ref: Reference) => void, own?: Map<string, ID>) => {
    const data = without(remap(PAGES, doc, pending, own), ['id', 'deletedAt'])
    renewRowIds({ fields: pageFields, data, blocks, salt })
    return { ...data, site: targetId, _status: status } as Record<string, unknown>
  }

  /** Work in a transaction of its own (one commit for many rows, not one per row); none where the adapter has none. */
  const inTransaction = async (fn: (req?: Partial<PayloadRequest>) => Promise<void>) => {
    const transactionID = await payload.db.beginTransaction?.()
    if (!transactionID) return fn()
    try {
      await fn({ transactionID } as Partial<PayloadRequest>)
      await payload.db.commitTransaction(transactionID)
    } catch (err) {
      await payload.db.rollbackTransaction(transactionID)
      throw err
    }
  }
  /**
   * A chunk's pages in `lanes` transactions side by side (PostgreSQL takes several writers; SQLite one), each
   * a run of consecutive pages: a page often links to the one made before it, which is then in its own
   * transaction. A link into another lane's uncommitted pages waits for the second pass (a foreign key to a
   * row another transaction has not committed would wait on it, and two such waits deadlock).
   */
  const lanesOf = <T>(items: T[]): T[][] => {
    const size = Math.ceil(items.length / Math.max(1, Math.min(lanes, items.length)))
    return chunks(items, Math.max(1, size))
  }
  type State = Awaited<ReturnType<typeof readChunk>>[number]

  /** The page's versions as the editor left them: published, a newer draft on top, or a draft alone. */
  const writeVersions = async ({ id, state, published, req, own, pending }: { id: ID; state: State; published: Record<string, unknown> | null; req?: Partial<PayloadRequest>; own?: Map<string, ID>; pending?: (ref: Reference) => void }) => {
    const versions = [published, state.draft ? prepare(state.draft, 'draft', pending, own) : null].filter((v): v is Record<string, unknown> => v !== null)
    let last = ''
    for (const version of versions) {
      // the newest version is the latest: keep their order even where the source's times are equal
      let updatedAt = String(version.updatedAt ?? new Date().toISOString())
      if (updatedAt <= last) updatedAt = new Date(new Date(last).getTime() + 1).toISOString()
      last = updatedAt
      await payload.db.createVersion({
        collectionSlug: PAGES,
        parent: id,
        versionData: { ...version, updatedAt },
        autosave: false,
        createdAt: String(version.createdAt ?? updatedAt),
        updatedAt,
        returning: false,
        req,
      })
    }
  }

  // every page's document and versions; a link to a page not copied yet is left empty and the page noted
  for (const chunk of chunks(pageIds, chunkSize)) {
    const states = await readChunk(chunk)
    await Promise.all(
      lanesOf(states).map((lane) =>
        (async () => {
          const own = new Map<string, ID>()
          await inTransaction(async (req) => {
            for (const state of lane) {
              const isLater = (ref: Reference) => {
                if (ref.relationTo === PAGES && sourcePages.has(String(ref.id))) needsSecondPass.add(String(state.id))
              }
              const published = state.published ? prepare(state.published, 'published', isLater, own) : null
              const data = published ?? prepare(state.draft!, 'draft', isLater, own)
              const made = await payload.db.create({ collection: PAGES, data, select: { id: true }, req })
              const id = made.id as ID
              await writeVersions({ id, state, published, req, own, pending: isLater })
              own.set(String(state.id), id)
            }
          })
          for (const [from, to] of own) mapOf(PAGES).set(from, to)
          done.pages += own.size
        })(),
      ),
    )
    await report('Copying pages')
  }

  // the pages that linked to pages copied after them, written again with every link (usually a few)
  await report('Linking pages', 'linking')
  for (const chunk of chunks(pageIds.filter((id) => needsSecondPass.has(String(id))), chunkSize)) {
    const states = await readChunk(chunk)
    await Promise.all(
      lanesOf(states).map((lane) =>
        inTransaction(async (req) => {
          for (const state of lane) {
            const id = mapOf(PAGES).get(String(state.id))!
            const published = state.published ? prepare(state.published, 'published') : null
            await payload.db.updateOne({ collection: PAGES, id, data: published ?? prepare(state.draft!, 'draft'), returning: false, req })
            await payload.db.deleteVersions({ collection: PAGES, where: { parent: { equals: id } }, req })
            await writeVersions({ id, state, published, req })
          }
        }),
      ),
    )
  }

  // the old addresses keep working on the clone too: each rule as it is, its page target the clone's copy. Straight
  // to the adapter: the source's list was checked when it was saved (no loops, no rule hiding a page) and the clone
  // has the same pages at the same addresses
  if (hasRedirects) {
    await report('Copying redirects', 'redirects')
    const { docs } = await payload.find({ collection: REDIRECTS as CollectionSlug, where: ofSource, pagination: false, sort: 'createdAt', ...common })
    await inTransaction(async (req) => {
      for (const redirect of docs as unknown as Doc[]) {
        const data = without(remap(REDIRECTS, redirect), SYSTEM_FIELDS)
        if ((data.toPage === null || data.toPage === undefined) && !data.toPath) {
          warnings.push(`Redirect ${String(redirect.from)} was not copied: its page is not on the site any more`)
          continue
        }
        await payload.db.create({ collection: REDIRECTS as CollectionSlug, data: { ...data, site: targetId }, select: { id: true }, req })
        done.redirects++
      }
    })
  }

  await report('Finishing the site', 'site')
  const mapped = (collection: string, value: unknown): ID | null => {
    const id = value && typeof value === 'object' ? (value as { id?: ID }).id : (value as ID | null | undefined)
    return id === null || id === undefined ? null : (maps.get(collection)?.get(String(id)) ?? null)
  }
  // straight to the adapter: bookkeeping of the new site, not an edit (no autoDeploy for it)
  await payload.db.updateOne({
    collection: 'sites',
    id: targetId,
    data: {
      homePage: mapped(PAGES, sourceSite.homePage),
      logo: mapped(MEDIA, sourceSite.logo),
      favicon: mapped(MEDIA, sourceSite.favicon),
      autoDeploy: Boolean(sourceSite.autoDeploy),
    },
    returning: false,
  })
  await report('Done', 'done')
  return { ...done, warnings, timings, relinked: needsSecondPass.size }
}
