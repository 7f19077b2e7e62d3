import type { Payload, PayloadRequest, TypedUser } from 'payload'

import type { Media, Page, SwiperPreset, TemplateAsset } from '@/payload-types'
import { BuildError, type ID, type SiteSnapshot } from '../core/types'
import { byId, mapAffiliateLink, mapFootprint, mapMedia, mapPage, mapPreset, mapSite, mapTemplate } from './map'
import { collectBlockRefs, refId } from './refs'

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

/**
 * Everything one site's build needs, in a constant number of queries
 * whatever the page count: site; then language, template, footprint, pages
 * and affiliate links together; then presets and template assets; then
 * every referenced media document at once. Nine at most.
 */
export const loadSiteSnapshot = async ({ payload, siteId, req, draft = false, user, livePage }: LoadSnapshotArgs): Promise<SiteSnapshot> => {
  const takenAt = new Date().toISOString()
  const access = user ? { overrideAccess: false, user } : { overrideAccess: true }
  const common = { ...access, req, depth: 0 } as const

  const site = await payload.findByID({ collection: 'sites', id: siteId, joins: false, ...common })
  const templateId = refId(site.template)
  const footprintId = refId(site.footprint)
  const languageId = refId(site.language)

  const [language, template, footprint, pageDocs, links] = await Promise.all([
    languageId === null ? null : payload.findByID({ collection: 'languages', id: languageId, disableErrors: true, ...common }),
    templateId === null ? null : payload.findByID({ collection: 'templates', id: templateId, disableErrors: true, ...common }),
    footprintId === null ? null : payload.findByID({ collection: 'template-footprints', id: footprintId, disableErrors: true, ...common }),
    payload.find({
      collection: 'pages',
      where: draft ? { site: { equals: site.id } } : { and: [{ site: { equals: site.id } }, { _status: { equals: 'published' } }] },
      draft,
      pagination: false,
      sort: 'order',
      ...common,
    }),
    payload.find({
      collection: 'affiliate-links',
      where: { and: [{ site: { equals: site.id } }, { active: { equals: true } }] },
      pagination: false,
      ...common,
    }),
  ])
  if (!template) {
    throw new BuildError(`Site "${site.domain}" has no template${templateId === null ? '' : ` (template ${templateId} is gone)`}: choose one in the site's Design tab.`)
  }
  if (!language) throw new BuildError(`Site "${site.domain}" has no language: choose one in the site settings.`)

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
    analytics: null,
  }
}
