import type { PaginatedDocs, Payload, PayloadRequest, TypedUser, Where } from 'payload'

import type { Media, Page, SwiperPreset, TemplateAsset } from '@/payload-types'
import { BuildError, type ID, type SiteSnapshot, type SnapshotPage } from '../core/types'
import { byId, mapAffiliateLink, mapRedirect, mapFootprint, mapMedia, mapPage, mapPreset, mapSite, mapTemplate } from './map'
import { collectBlockRefs, refId } from './refs'
import { refuseForeignReferences } from './scope'
import { collectorPublicUrl } from '../../analytics/config'

export type LoadSnapshotArgs = {
  payload: Payload
  siteId: ID
  req?: Partial<PayloadRequest>
  /** Latest versions of pages (drafts included) instead of the published ones: previews. */
  draft?: boolean
  /** Load on this user's behalf: everything is read with their access, so another site's data never leaks. */
  user?: TypedUser | null
  /** Unsaved form values of one page (live preview), used instead of its stored version. */
  livePage?: Omit<Partial<Page>, 'id'> & { id: ID }
}

type Common = { overrideAccess: boolean; user?: TypedUser | null; req?: Partial<PayloadRequest>; depth: 0 }

/**
 * The site, then its language, template, footprint, pages (as `pages` asks) and active affiliate links
 * together: what both loaders read first. A site without a template or language cannot be built.
 */
const loadSiteRecords = async ({
  payload,
  siteId,
  common,
  pages,
  count = (p) => p,
}: {
  payload: Payload
  siteId: ID
  common: Common
  pages: (siteId: ID) => { where: Where; draft?: boolean; select?: { blocks: false } }
  count?: <T>(p: Promise<T>) => Promise<T>
}) => {
  const site = await count(payload.findByID({ collection: 'sites', id: siteId, joins: false, ...common }))
  const templateId = refId(site.template)
  const footprintId = refId(site.footprint)
  const languageId = refId(site.language)
  const [language, template, footprint, pageDocs, links, redirects] = await Promise.all([
    languageId === null ? null : count(payload.findByID({ collection: 'languages', id: languageId, disableErrors: true, ...common })),
    templateId === null ? null : count(payload.findByID({ collection: 'templates', id: templateId, disableErrors: true, ...common })),
    footprintId === null ? null : count(payload.findByID({ collection: 'template-footprints', id: footprintId, disableErrors: true, ...common })),
    // with `select` the documents lack their blocks; the summaries' loader knows
    count(payload.find({ collection: 'pages', pagination: false, sort: 'order', ...pages(site.id), ...common }) as Promise<PaginatedDocs<Page>>),
    count(
      payload.find({
        collection: 'affiliate-links',
        where: { and: [{ site: { equals: site.id } }, { active: { equals: true } }] },
        pagination: false,
        ...common,
      }),
    ),
    // old URLs kept working (plugins/fleet/redirects): only what `_redirects` needs
    count(
      payload.find({
        collection: 'redirects',
        where: { site: { equals: site.id } },
        pagination: false,
        select: { from: true, toPage: true, toPath: true, status: true },
        ...common,
      }),
    ),
  ])
  if (!template) {
    throw new BuildError(`Site "${site.domain}" has no template${templateId === null ? '' : ` (template ${templateId} is gone)`}: choose one in the site's Design tab.`)
  }
  if (!language) throw new BuildError(`Site "${site.domain}" has no language: choose one in the site settings.`)
  return { site, language, template, footprint, pageDocs, links, redirects: redirects.docs.map(mapRedirect) }
}

/**
 * Everything one site's build needs, in a constant number of queries
 * whatever the page count: site; then language, template, footprint, pages
 * affiliate links and redirects together; then presets and template assets; then
 * every referenced media document at once. Ten at most, and one more per collection only when something
 * points outside what was loaded (a draft page, an inactive link, a deleted or another site's document).
 */
export const loadSiteSnapshot = async ({ payload, siteId, req, draft = false, user, livePage }: LoadSnapshotArgs): Promise<SiteSnapshot> => {
  const takenAt = new Date().toISOString()
  const access = user ? { overrideAccess: false, user } : { overrideAccess: true }
  const common = { ...access, req, depth: 0 } as const

  const { site, language, template, footprint, pageDocs, links, redirects } = await loadSiteRecords({
    payload,
    siteId,
    common,
    pages: (siteDbId): { where: Where; draft: boolean } => ({
      where: draft ? { site: { equals: siteDbId } } : { and: [{ site: { equals: siteDbId } }, { _status: { equals: 'published' } }] },
      draft,
    }),
  })

  let pages = pageDocs.docs
  if (livePage) {
    const stored = pages.find((p) => String(p.id) === String(livePage.id))
    // only a page of this site can be replaced: posted data never adds a page
    if (stored) pages = pages.map((p) => (p === stored ? ({ ...stored, ...livePage, id: stored.id, updatedAt: stored.updatedAt } as Page) : p))
  }

  const refs = { media: new Set<string>(), presets: new Set<string>() }
  for (const id of [refId(site.logo), refId(site.favicon)]) if (id !== null) refs.media.add(String(id))
  for (const page of pages) {
    const image = refId(page.meta?.image)
    if (image !== null) refs.media.add(String(image))
    collectBlockRefs(page.blocks, refs)
  }
  const assetIds = [...new Set((template.assets ?? []).map((a) => refId(a.file)).filter((id): id is ID => id !== null))]

  const [presetDocs, assetDocs] = await Promise.all([
    refs.presets.size
      ? payload.find({ collection: 'swiper-presets', where: { id: { in: [...refs.presets] } }, pagination: false, ...common }).then((r) => r.docs)
      : ([] as SwiperPreset[]),
    assetIds.length
      ? payload.find({ collection: 'template-assets', where: { id: { in: assetIds } }, pagination: false, ...common }).then((r) => r.docs)
      : ([] as TemplateAsset[]),
  ])
  for (const preset of presetDocs) collectBlockRefs(preset.items, refs)

  const mediaDocs: Media[] = refs.media.size
    ? (await payload.find({ collection: 'media', where: { id: { in: [...refs.media] } }, pagination: false, ...common })).docs
    : []

  // the job reads without a user's access: what another site owns must not reach this site's files
  await refuseForeignReferences({
    payload,
    req,
    siteId: site.id,
    holders: { site, pages, presets: presetDocs },
    loaded: { media: mediaDocs, 'swiper-presets': presetDocs, pages: pageDocs.docs, 'affiliate-links': links.docs },
  })

  const media: SiteSnapshot['media'] = {}
  for (const doc of mediaDocs) {
    const mapped = mapMedia(doc, payload)
    if (mapped) media[String(doc.id)] = mapped
  }

  return {
    takenAt,
    site: mapSite(site, language.code),
    template: mapTemplate(template, new Map(assetDocs.map((a) => [String(a.id), a])), payload),
    footprint: footprint ? mapFootprint(footprint) : null,
    pages: pages.map(mapPage).sort((a, b) => a.order - b.order || (a.slug < b.slug ? -1 : 1)),
    media,
    presets: Object.fromEntries(presetDocs.map((p) => [String(p.id), mapPreset(p)])),
    affiliateLinks: byId(links.docs.map(mapAffiliateLink)),
    // the tracker and affiliate redirects report to the collector (plugins/analytics) when the site has analytics on
    analytics: site.analyticsEnabled === false ? null : { collectorUrl: collectorPublicUrl() },
    redirects,
  }
}

export type StreamingSnapshot = {
  /** The site with page summaries (no blocks) and only the media the site itself uses (logo, favicon). */
  snapshot: SiteSnapshot
  /**
   * The complete pages for some summaries, in their order: one query for the pages, then one each for the
   * presets and media they use that are not loaded yet (added to the snapshot's maps).
   */
  loadPages: (summaries: SnapshotPage[]) => Promise<SnapshotPage[]>
  /** SQL-level reads made so far (find/findByID calls), for the query-count tests and the benchmark. */
  queries: () => number
}

/**
 * The snapshot for a streamed build of a big site: the same data as loadSiteSnapshot, but page content is
 * read a chunk at a time when the builder asks for it, so memory does not grow with the page count.
 * Eight queries up front whatever the page count, then at most three per chunk (and one per collection
 * when something points outside what was loaded, as in loadSiteSnapshot). Published pages only.
 */
export const loadSiteForStreaming = async ({ payload, siteId, req, user }: Omit<LoadSnapshotArgs, 'draft' | 'livePage'>): Promise<StreamingSnapshot> => {
  const takenAt = new Date().toISOString()
  const access = user ? { overrideAccess: false, user } : { overrideAccess: true }
  const common = { ...access, req, depth: 0 } as const
  let queries = 0
  const count = <T>(p: Promise<T>): Promise<T> => {
    queries++
    return p
  }

  const published = (siteDbId: ID): Where[] => [{ site: { equals: siteDbId } }, { _status: { equals: 'published' } }]
  const { site, language, template, footprint, pageDocs: summaryDocs, links, redirects } = await loadSiteRecords({
    payload,
    siteId,
    common,
    count,
    pages: (siteDbId) => ({ where: { and: published(siteDbId) }, select: { blocks: false } }),
  })

  const siteMedia = [refId(site.logo), refId(site.favicon)].filter((id): id is ID => id !== null).map(String)
  const assetIds = [...new Set((template.assets ?? []).map((a) => refId(a.file)).filter((id): id is ID => id !== null))]
  const [assetDocs, siteMediaDocs] = await Promise.all([
    assetIds.length
      ? count(payload.find({ collection: 'template-assets', where: { id: { in: assetIds } }, pagination: false, ...common })).then((r) => r.docs)
      : ([] as TemplateAsset[]),
    siteMedia.length
      ? count(payload.find({ collection: 'media', where: { id: { in: siteMedia } }, pagination: false, ...common })).then((r) => r.docs)
      : ([] as Media[]),
  ])

  const snapshot: SiteSnapshot = {
    takenAt,
    site: mapSite(site, language.code),
    template: mapTemplate(template, new Map(assetDocs.map((a) => [String(a.id), a])), payload),
    footprint: footprint ? mapFootprint(footprint) : null,
    pages: summaryDocs.docs.map(mapPage).sort((a, b) => a.order - b.order || (a.slug < b.slug ? -1 : 1)),
    media: {},
    presets: {},
    affiliateLinks: byId(links.docs.map(mapAffiliateLink)),
    analytics: site.analyticsEnabled === false ? null : { collectorUrl: collectorPublicUrl() },
    redirects,
  }
  const addMedia = (docs: Media[]) => {
    for (const doc of docs) {
      const mapped = mapMedia(doc, payload)
      if (mapped) snapshot.media[String(doc.id)] = mapped
    }
  }
  addMedia(siteMediaDocs)
  // whose each media and preset read so far is, for the check of later chunks
  const owners: Record<'media' | 'swiper-presets', { id: ID; site?: unknown }[]> = { media: [], 'swiper-presets': [] }
  const own = (collection: keyof typeof owners, docs: { id: ID; site?: unknown }[]) => {
    for (const doc of docs) owners[collection].push({ id: doc.id, site: doc.site })
  }
  own('media', siteMediaDocs)
  const loadedFor = () => ({ ...owners, pages: summaryDocs.docs, 'affiliate-links': links.docs })
  await refuseForeignReferences({ payload, req, siteId: site.id, holders: { site }, loaded: loadedFor() })
  // ids asked for already (found or not), so a missing record is not asked for again in every chunk
  const asked = { media: new Set(siteMedia), presets: new Set<string>() }

  const loadPages = async (summaries: SnapshotPage[]): Promise<SnapshotPage[]> => {
    if (summaries.length === 0) return []
    const { docs } = await count(
      payload.find({ collection: 'pages', where: { and: [...published(site.id), { id: { in: summaries.map((p) => p.id) } }] }, pagination: false, ...common }),
    )
    const byPage = new Map(docs.map((d) => [String(d.id), d]))
    const refs = { media: new Set<string>(), presets: new Set<string>() }
    for (const page of docs) {
      const image = refId(page.meta?.image)
      if (image !== null) refs.media.add(String(image))
      collectBlockRefs(page.blocks, refs)
    }
    const presetIds = [...refs.presets].filter((id) => !asked.presets.has(id))
    for (const id of presetIds) asked.presets.add(id)
    let presetDocs: SwiperPreset[] = []
    if (presetIds.length) {
      presetDocs = (await count(payload.find({ collection: 'swiper-presets', where: { id: { in: presetIds } }, pagination: false, ...common }))).docs
      own('swiper-presets', presetDocs)
      for (const preset of presetDocs) {
        collectBlockRefs(preset.items, refs)
        snapshot.presets[String(preset.id)] = mapPreset(preset)
      }
    }
    const mediaIds = [...refs.media].filter((id) => !asked.media.has(id))
    for (const id of mediaIds) asked.media.add(id)
    if (mediaIds.length) {
      const mediaDocs = (await count(payload.find({ collection: 'media', where: { id: { in: mediaIds } }, pagination: false, ...common }))).docs
      own('media', mediaDocs)
      addMedia(mediaDocs)
    }
    await refuseForeignReferences({ payload, req, siteId: site.id, holders: { pages: docs, presets: presetDocs }, loaded: loadedFor() })
    // a page unpublished or deleted since the summaries were read: the builder stops with a message
    return summaries.flatMap((summary) => {
      const doc = byPage.get(String(summary.id))
      return doc ? [mapPage(doc)] : []
    })
  }

  return { snapshot, loadPages, queries: () => queries }
}
