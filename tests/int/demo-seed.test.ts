import type { CollectionSlug, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { blockTypes } from '@/blocks'
import type { Media, Page, Template, User } from '@/payload-types'
import { type SeedDemoResult, seedDemo } from '@/scripts/demo/seed'
import { getWorld, unique } from '../helpers/world'

let payload: Payload
let first: SeedDemoResult
let second: SeedDemoResult
let countsBefore: Record<string, number>
let countsAfter: Record<string, number>
const adminEmail = `${unique('demo-admin-')}@panel.test`
const lines: string[] = []

/** Every collection (Payload's own included) plus page versions, so "created nothing" covers drafts too. */
const countEverything = async (): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {}
  for (const { slug } of payload.config.collections) {
    counts[slug] = (await payload.count({ collection: slug as CollectionSlug })).totalDocs
  }
  counts['pages (versions)'] = (await payload.countVersions({ collection: 'pages' })).totalDocs
  return counts
}

beforeAll(async () => {
  // The shared world first, so this file never makes the first user of a fresh database.
  payload = (await getWorld()).payload
  first = await seedDemo(payload, { adminEmail, log: (line) => lines.push(line) })
  countsBefore = await countEverything()
  second = await seedDemo(payload, { adminEmail, log: (line) => lines.push(line) })
  countsAfter = await countEverything()
})

afterAll(async () => {
  if (!first) return
  if (first.adminCreated) await payload.delete({ collection: 'users', id: first.adminUserId })
  // When this file made the demo site, remove it again: deleting the media also removes the image files from disk.
  if (first.created.sites) {
    const site = { site: { equals: first.siteId } }
    for (const collection of ['pages', 'swiper-presets', 'affiliate-links', 'media'] as const) {
      await payload.delete({ collection, where: site })
    }
    await payload.delete({ collection: 'sites', id: first.siteId })
  }
})

describe('demo seed', () => {
  it('creates nothing the second time it runs', () => {
    expect(second.created).toEqual({})
    expect(countsAfter).toEqual(countsBefore)
    expect(second.siteId).toBe(first.siteId)
    expect(second.pageIds).toEqual(first.pageIds)
    expect(second.mediaIds).toEqual(first.mediaIds)
  })

  it('returns a generated password only when it created the admin, and the password logs in', async () => {
    expect(first.adminCreated).toBe(true)
    expect(first.generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/)
    expect(second.adminCreated).toBe(false)
    expect(second.generatedPassword).toBeUndefined()
    const login = await payload.login({ collection: 'users', data: { email: adminEmail, password: first.generatedPassword! } })
    expect(login.user?.id).toBe(first.adminUserId)
  })

  it('makes the admin user an admin', async () => {
    const user = (await payload.findByID({ collection: 'users', id: first.adminUserId, depth: 0 })) as User
    expect(user.email).toBe(adminEmail)
    expect(user.role).toBe('admin')
  })

  it('publishes five pages on the demo site', async () => {
    const { docs } = await payload.find({
      collection: 'pages',
      where: { and: [{ site: { equals: first.siteId } }, { _status: { equals: 'published' } }] },
      depth: 0,
      limit: 50,
    })
    expect(docs.map((page) => page.slug).sort()).toEqual(
      ['faq', 'gallery', 'guides/choosing-trail-shoes', 'index', 'reviews'].sort(),
    )
    for (const page of docs as Page[]) {
      expect(page.meta?.title, page.slug ?? '').toBeTruthy()
      expect(page.meta?.description, page.slug ?? '').toBeTruthy()
      expect(page.meta?.image, page.slug ?? '').toBeTruthy()
      expect(page.h1, page.slug ?? '').toBeTruthy()
    }
  })

  it('uses every block type across its pages', async () => {
    const { docs } = await payload.find({
      collection: 'pages',
      where: { site: { equals: first.siteId } },
      depth: 0,
      limit: 50,
    })
    const used = new Set((docs as Page[]).flatMap((page) => (page.blocks ?? []).map((block) => block.blockType)))
    expect(blockTypes.length).toBeGreaterThanOrEqual(8)
    for (const type of ['hero', 'article', 'image', 'textImage', 'cta', 'faq', 'swiper', 'gallery', ...blockTypes]) {
      expect(used, `block type ${type}`).toContain(type)
    }
    const blocks = (docs as Page[]).flatMap((page) => page.blocks ?? [])
    const faq = blocks.find((block) => block.blockType === 'faq' && block.items.length >= 3)
    expect(faq).toBeTruthy()
    const cta = blocks.find((block) => block.blockType === 'cta' && block.button?.type === 'affiliate')
    expect(cta?.blockType === 'cta' && cta.button?.affiliateLink).toBe(first.affiliateLinkId)
    const swiper = blocks.find((block) => block.blockType === 'swiper')
    expect(swiper?.blockType === 'swiper' && swiper.preset).toBe(first.presetId)
  })

  it('gives the site a sectional template with at least two sections', async () => {
    const template = (await payload.findByID({ collection: 'templates', id: first.templateIds.sections, depth: 0 })) as Template
    expect(template.type).toBe('sectional')
    expect(template.sections?.length ?? 0).toBeGreaterThanOrEqual(2)
    expect(template.sections?.some((section) => section.html?.includes('{{ content }}'))).toBe(true)
    const site = await payload.findByID({ collection: 'sites', id: first.siteId, depth: 0 })
    expect(site.template).toBe(first.templateIds.sections)
  })

  it('stores images with alt text and WebP sizes', async () => {
    const { docs } = await payload.find({ collection: 'media', where: { site: { equals: first.siteId } }, depth: 0, limit: 50 })
    const images = (docs as Media[]).filter((doc) => doc.mimeType?.startsWith('image/'))
    expect(images.length).toBeGreaterThanOrEqual(4)
    for (const id of Object.values(first.mediaIds)) expect(images.map((image) => image.id)).toContain(id)
    for (const image of images) {
      expect(image.alt?.trim(), image.filename ?? '').toBeTruthy()
      expect(image.sizes?.thumbnail?.filename, image.filename ?? '').toMatch(/\.webp$/)
    }
  })
})
