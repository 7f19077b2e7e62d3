/**
 * A reference to another site's document that reached the database anyway (written before writes were checked,
 * or by server code through the Local API, which trusts its caller) stops the build with a message naming the
 * page, the block and the field. The rows are the matrix's (helpers/referenceMatrix.ts) for what a build reads: the
 * site, its pages and the presets they use.
 */
import config from '@payload-config'
import type { CollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { BuildError } from '@/plugins/site-builder/core/types'
import { loadSiteForStreaming, loadSiteSnapshot } from '@/plugins/site-builder/load/snapshot'
import type { Site } from '@/payload-types'
import { createImage, getWorld, unique, type World } from '../helpers/world'
import { cleanUp, createFixtures, dataFor, describeRow, errorPath, referenceRows, twoSites, type Fixtures, type Row } from './helpers/referenceMatrix'

type Id = number | string

/** What a build reads and checks: the site, its pages, and the swiper presets the pages use. */
const BUILT = ['sites', 'pages', 'swiper-presets']
const rows = referenceRows(await config).filter((row) => BUILT.includes(row.collection))

let w: World
let fx: Fixtures
let siteA: Site
let siteB: Site

beforeAll(async () => {
  w = await getWorld()
  ;({ siteA, siteB } = await twoSites(w))
  fx = createFixtures(w.payload, siteA.id, siteB.id)
}, 300_000)

afterAll(async () => {
  if (fx) await cleanUp(fx)
})

/** Both loaders the builds use: the whole snapshot (preview, small sites) and the streamed one (deploys). */
const buildFailure = async (): Promise<string[]> => {
  const messages: string[] = []
  const whole = await loadSiteSnapshot({ payload: w.payload, siteId: siteA.id }).then(
    () => 'built',
    (err: unknown) => (err instanceof BuildError ? err.message : `not a BuildError: ${String(err)}`),
  )
  messages.push(whole)
  const streamed = await loadSiteForStreaming({ payload: w.payload, siteId: siteA.id })
    .then(async ({ snapshot, loadPages }) => {
      await loadPages(snapshot.pages)
      return 'built'
    })
    .catch((err: unknown) => (err instanceof BuildError ? err.message : `not a BuildError: ${String(err)}`))
  messages.push(streamed)
  return messages
}

/** A published page written straight to the database, as the builder reads it. */
const storePage = async (data: Record<string, unknown>) => {
  const doc = await w.payload.db.create({ collection: 'pages', data: { ...data, site: siteA.id, _status: 'published' } })
  fx.made.push({ collection: 'pages', id: doc.id as Id })
  return doc as unknown as { id: Id; title: string; slug: string }
}

const isInBlock = (row: Row) => row.steps[0]?.kind === 'block'

/** What the message must say: the page (or site, or preset and the page using it), the block, the field. */
const expectedParts = (row: Row, names: { page?: { title: string; slug: string }; preset?: string }): string[] => {
  const path = errorPath(row)
  const more = row.targets.length > 1 ? [`and ${row.targets.length - 1} more`] : []
  const inText = row.leaf.kind === 'richText' ? ' (in its text)' : ''
  if (row.collection === 'sites') return [`Site "${siteA.domain}", field ${path}`, 'belongs to another site', ...more]
  const page = `page "${names.page!.title}" (${names.page!.slug})`
  if (row.collection === 'swiper-presets') {
    return [`Swiper preset "${names.preset}" used by ${page}, block 1 (swiper), field ${path}${inText}`, 'belongs to another site', ...more]
  }
  const field = isInBlock(row) ? path.split('.').slice(2).join('.') : path
  const block = isInBlock(row) ? `, block 1 (${(row.steps[0] as { slug: string }).slug})` : ''
  return [`${page}${block}, field ${field}${inText}`, 'belongs to another site', ...more]
}

describe('a build of site A', () => {
  it('builds while everything it references is its own', async () => {
    const image = await createImage(w.payload, siteA.id as number)
    const page = await storePage({ title: 'Own', slug: unique('own-'), blocks: [{ id: unique('b'), blockType: 'image', image: image.id }] })
    expect(await buildFailure()).toEqual(['built', 'built'])
    await w.payload.db.deleteOne({ collection: 'pages', where: { id: { equals: page.id } } })
  })

  it('fails naming page, block and field for a page written through the Local API with access off', async () => {
    const theirs = await createImage(w.payload, siteB.id as number)
    // server code is trusted at write time (no user): this is what the builder must catch
    const page = await w.payload.create({
      collection: 'pages',
      data: { title: 'Borrowed', slug: unique('borrowed-'), site: siteA.id, _status: 'published', blocks: [{ blockType: 'hero', heading: 'Hi', image: theirs.id }] } as never,
      overrideAccess: true,
    })
    fx.made.push({ collection: 'pages', id: page.id })
    for (const message of await buildFailure()) {
      expect(message).toContain(`page "Borrowed" (${page.slug}), block 1 (hero), field image: Media ${theirs.id} belongs to another site`)
    }
    await w.payload.delete({ collection: 'pages', id: page.id })
  })
})

describe.each(rows.map((row) => [describeRow(row), row] as const))('%s', (_name, row) => {
  it('stops the build, naming where the reference is', async () => {
    const foreign: Id[] = []
    for (const target of row.targets) foreign.push((await fx.docOf(target, siteB.id))!)
    const data = await dataFor(fx, row, foreign, siteA.id)
    let names: { page?: { title: string; slug: string }; preset?: string } = {}
    let restore = async () => {}

    if (row.collection === 'pages') {
      const page = await storePage({ ...data, title: unique('Page '), slug: unique('p-') })
      names = { page }
      restore = async () => void (await w.payload.db.deleteOne({ collection: 'pages', where: { id: { equals: page.id } } }))
    } else if (row.collection === 'swiper-presets') {
      const preset = await w.payload.db.create({ collection: 'swiper-presets', data: { ...data, name: unique('Preset ') } })
      const page = await storePage({ title: unique('Page '), slug: unique('p-'), blocks: [{ id: unique('b'), blockType: 'swiper', source: 'preset', preset: preset.id }] })
      names = { page, preset: preset.name as string }
      restore = async () => {
        await w.payload.db.deleteOne({ collection: 'pages', where: { id: { equals: page.id } } })
        await w.payload.db.deleteOne({ collection: 'swiper-presets', where: { id: { equals: preset.id } } })
      }
    } else {
      // the site itself: only the row's top-level field changes, and goes back afterwards
      const key = row.steps[0]?.name ?? row.leaf.name
      const before = (await w.payload.findByID({ collection: 'sites', id: siteA.id, depth: 0 })) as unknown as Record<string, unknown>
      await w.payload.db.updateOne({ collection: 'sites' as CollectionSlug, id: siteA.id, data: { [key]: data[key] } })
      restore = async () => void (await w.payload.db.updateOne({ collection: 'sites', id: siteA.id, data: { [key]: before[key] ?? null } }))
    }

    try {
      const messages = await buildFailure()
      for (const message of messages) for (const part of expectedParts(row, names)) expect(message).toContain(part)
    } finally {
      await restore()
    }
  })
})
