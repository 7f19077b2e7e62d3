import { randomBytes } from 'node:crypto'

import type { CollectionSlug, Payload, Where } from 'payload'

import type { Site } from '@/payload-types'

import {
  DEMO_DOMAIN,
  demoAffiliateLink,
  demoFootprint,
  demoLanguages,
  demoPages,
  demoPreset,
  demoSite,
  type PageRefs,
} from './content'
import { type DemoImageKey, demoImages, renderDemoImage } from './images'
import { starterClassic, starterSections } from './templates'

type Id = Site['id']

export type SeedDemoOptions = {
  adminEmail: string
  /** Used only when the admin user is created now; a password is generated when absent. */
  adminPassword?: string
  log: (line: string) => void
}

export type SeedDemoResult = {
  adminEmail: string
  adminUserId: Id
  adminCreated: boolean
  /** Only when the admin user was created by this run and no password was given. */
  generatedPassword?: string
  siteId: Id
  siteDomain: string
  templateIds: { sections: Id; classic: Id }
  footprintId: Id
  languageIds: Record<string, Id>
  mediaIds: Record<DemoImageKey, Id>
  affiliateLinkId: Id
  presetId: Id
  pageIds: Record<string, Id>
  /** Documents created by this run, per collection; empty when everything was already there. */
  created: Partial<Record<CollectionSlug, number>>
  /** Documents found and left as they were, per collection. */
  existing: Partial<Record<CollectionSlug, number>>
}

/** 15 random bytes are exactly 20 base64url characters. */
const generatePassword = (): string => randomBytes(15).toString('base64url')

/**
 * Fills an empty Panel with a small but complete site, so a first run shows
 * every feature. Idempotent: each document is looked up by its natural key
 * (language code, template name, domain, slug within the site, ...) and only
 * created when missing; existing documents are never changed, except that
 * the demo site gets the demo logo when it has none.
 */
export async function seedDemo(payload: Payload, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  const { log } = opts
  const created: SeedDemoResult['created'] = {}
  const existing: SeedDemoResult['existing'] = {}

  const ensure = async <T extends { id: Id }>(args: {
    collection: CollectionSlug
    label: string
    where: Where
    create: () => Promise<unknown>
    drafts?: boolean
  }): Promise<{ doc: T; isNew: boolean }> => {
    const { docs } = await payload.find({
      collection: args.collection,
      where: args.where,
      depth: 0,
      limit: 1,
      pagination: false,
      ...(args.drafts ? { draft: true } : {}),
    })
    if (docs[0]) {
      existing[args.collection] = (existing[args.collection] ?? 0) + 1
      log(`  exists   ${args.collection}: ${args.label}`)
      return { doc: docs[0] as unknown as T, isNew: false }
    }
    const doc = (await args.create()) as T
    created[args.collection] = (created[args.collection] ?? 0) + 1
    log(`  created  ${args.collection}: ${args.label}`)
    return { doc, isNew: true }
  }

  // Languages
  const languageIds: Record<string, Id> = {}
  for (const language of demoLanguages) {
    const { doc } = await ensure({
      collection: 'languages',
      label: `${language.code} (${language.name})`,
      where: { code: { equals: language.code } },
      create: () => payload.create({ collection: 'languages', data: { ...language, active: true } }),
    })
    languageIds[language.code] = doc.id
  }

  // Templates and footprint
  const sections = await ensure({
    collection: 'templates',
    label: starterSections.name,
    where: { name: { equals: starterSections.name } },
    create: () => payload.create({ collection: 'templates', data: starterSections }),
  })
  const classic = await ensure({
    collection: 'templates',
    label: starterClassic.name,
    where: { name: { equals: starterClassic.name } },
    create: () => payload.create({ collection: 'templates', data: starterClassic }),
  })
  const footprint = await ensure({
    collection: 'template-footprints',
    label: demoFootprint.name,
    where: { name: { equals: demoFootprint.name } },
    create: () => payload.create({ collection: 'template-footprints', data: demoFootprint }),
  })

  // The site
  const site = await ensure<{ id: Id; logo?: unknown }>({
    collection: 'sites',
    label: DEMO_DOMAIN,
    where: { domain: { equals: DEMO_DOMAIN } },
    create: () =>
      payload.create({
        collection: 'sites',
        data: {
          ...demoSite,
          language: languageIds.en,
          template: sections.doc.id,
          footprint: footprint.doc.id,
          publishing: { target: 'filesystem' },
          autoDeploy: false,
          analyticsEnabled: true,
          allowIndexing: true,
        },
      }),
  })
  const siteId = site.doc.id
  const inSite = (where: Where): Where => ({ and: [{ site: { equals: siteId } }, where] })

  // Media, drawn locally
  const mediaIds = {} as Record<DemoImageKey, Id>
  for (const image of demoImages) {
    const { doc } = await ensure({
      collection: 'media',
      label: image.filename,
      where: inSite({ or: [{ filename: { equals: image.filename } }, { alt: { equals: image.alt } }] }),
      create: async () => {
        const data = await renderDemoImage(image)
        return payload.create({
          collection: 'media',
          data: { alt: image.alt, caption: image.caption, site: siteId },
          file: { data, mimetype: image.mimetype, name: image.filename, size: data.length },
        })
      },
    })
    mediaIds[image.key] = doc.id
  }
  if (!site.doc.logo) {
    await payload.update({ collection: 'sites', id: siteId, data: { logo: mediaIds.logo, favicon: mediaIds.logo } })
    log(`  updated  sites: ${DEMO_DOMAIN} logo and favicon`)
  }

  // Affiliate link and swiper preset
  const affiliate = await ensure({
    collection: 'affiliate-links',
    label: demoAffiliateLink.code,
    where: inSite({ code: { equals: demoAffiliateLink.code } }),
    create: () => payload.create({ collection: 'affiliate-links', data: { ...demoAffiliateLink, site: siteId } }),
  })
  const presetData = demoPreset({ media: mediaIds, affiliateLink: affiliate.doc.id })
  const preset = await ensure({
    collection: 'swiper-presets',
    label: presetData.name,
    where: inSite({ name: { equals: presetData.name } }),
    create: () => payload.create({ collection: 'swiper-presets', data: { ...presetData, site: siteId } }),
  })

  // Pages, in an order where every linked page exists before the page that links to it
  const refs: PageRefs = { media: mediaIds, preset: preset.doc.id, affiliateLink: affiliate.doc.id, pages: {} }
  for (const page of demoPages) {
    const missing = page.linksTo.filter((slug) => refs.pages[slug] === undefined)
    if (missing.length > 0) throw new Error(`Demo page "${page.slug}" links to ${missing.join(', ')}, which must come first`)
    const { doc } = await ensure({
      collection: 'pages',
      label: page.slug,
      drafts: true,
      where: inSite({ slug: { equals: page.slug } }),
      create: () =>
        payload.create({
          collection: 'pages',
          data: {
            site: siteId,
            title: page.title,
            slug: page.slug,
            menuLabel: page.menuLabel,
            order: page.order,
            showInMenu: true,
            h1: page.h1,
            keywords: page.keywords,
            lsiPhrases: page.lsiPhrases,
            meta: { title: page.meta.title, description: page.meta.description, image: mediaIds[page.meta.image] },
            blocks: page.blocks(refs),
            _status: 'published',
          },
        }),
    })
    refs.pages[page.slug] = doc.id
  }
  // the home page is a choice on the site; the demo's is "index", created last (after the pages it links to)
  const home = refs.pages.index
  const { homePage } = await payload.findByID({ collection: 'sites', id: siteId, depth: 0, select: { homePage: true } })
  if (home !== undefined && homePage !== home) {
    await payload.update({ collection: 'sites', id: siteId, data: { homePage: home } })
    log(`  updated  sites: ${DEMO_DOMAIN} home page`)
  }

  // The admin
  const adminEmail = opts.adminEmail.trim().toLowerCase()
  let generatedPassword: string | undefined
  const admin = await ensure<{ id: Id; role?: string }>({
    collection: 'users',
    label: adminEmail,
    where: { email: { equals: adminEmail } },
    create: () => {
      const password = opts.adminPassword || (generatedPassword = generatePassword())
      return payload.create({
        collection: 'users',
        data: { email: adminEmail, password, name: 'Demo admin', role: 'admin' },
      })
    },
  })
  if (!admin.isNew && admin.doc.role !== 'admin') {
    log(`  warning  ${adminEmail} exists with role "${admin.doc.role}", not admin; left unchanged`)
  }

  return {
    adminEmail,
    adminUserId: admin.doc.id,
    adminCreated: admin.isNew,
    generatedPassword: admin.isNew ? generatedPassword : undefined,
    siteId,
    siteDomain: DEMO_DOMAIN,
    templateIds: { sections: sections.doc.id, classic: classic.doc.id },
    footprintId: footprint.doc.id,
    languageIds,
    mediaIds,
    affiliateLinkId: affiliate.doc.id,
    presetId: preset.doc.id,
    pageIds: refs.pages,
    created,
    existing,
  }
}
