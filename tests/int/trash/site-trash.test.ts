import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { CollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { mediaDir } from '@/lib/paths'
import type { Deployment, Site } from '@/payload-types'
import { storeOf } from '@/plugins/analytics/store'
import { TRUSTED_CREATE } from '@/plugins/publisher/jobs/constants'
import { login, rest } from '../../helpers/rest'
import { getWorld, PASSWORD, unique, type World } from '../../helpers/world'
import { createMedia, createSiteFixture, type SiteFixture } from '../site-builder/fixtures'

let w: World
let tmp: string
const saved = process.env.PUBLISH_DIR

const CONTENT = ['pages', 'media', 'affiliate-links', 'swiper-presets'] as const

const deployment = async (id: number | string): Promise<Deployment> =>
  (await w.payload.findByID({ collection: 'deployments', id, depth: 0 })) as Deployment

/** Deploys through REST as the admin and runs the deploy queue, as tests/int/publisher/deploy.test.ts does. */
const deployNow = async (siteId: number): Promise<Deployment> => {
  const res = await rest('POST', `/sites/${siteId}/deploy`, { token: w.tokens.admin })
  expect(res.status, JSON.stringify(res.body)).toBe(202)
  await w.payload.jobs.run({ queue: 'deploy', sequential: true })
  return deployment(res.body.doc.id)
}

const trashSite = (site: Pick<Site, 'id' | 'domain'>, token = w.tokens.admin) =>
  rest('PATCH', `/sites/${site.id}`, { token, json: { deletedAt: new Date().toISOString(), confirmDomain: site.domain } })

const restoreSite = (siteId: number, token = w.tokens.admin) => rest('PATCH', `/sites/${siteId}?trash=true`, { token, json: { deletedAt: null } })

/** Documents of a site in each content collection: [live, in the trash]. */
const countsOf = async (siteId: number) => {
  const out: Record<string, [number, number]> = {}
  for (const collection of CONTENT) {
    const where = { site: { equals: siteId } }
    const live = (await w.payload.count({ collection, where })).totalDocs
    const all = (await w.payload.count({ collection, where, trash: true })).totalDocs
    out[collection] = [live, all - live]
  }
  return out
}

const liveFile = (site: Pick<Site, 'domain'>, file = 'index.html') => fs.readFileSync(path.join(tmp, site.domain, 'current', file), 'utf8')

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'trash-'))
  process.env.PUBLISH_DIR = tmp
})

afterAll(() => {
  if (saved === undefined) delete process.env.PUBLISH_DIR
  else process.env.PUBLISH_DIR = saved
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('moving a site to the trash and back', () => {
  let fx: SiteFixture

  beforeAll(async () => {
    fx = await createSiteFixture(w, { pages: 3 })
  })

  it('Trash: delete a site with pages and media, restore it, and its next deployment equals the one before the delete', async () => {
    const before = await deployNow(fx.site.id)
    expect(before.error ?? null).toBeNull()
    expect(before.status).toBe('success')
    const live = liveFile(fx.site)
    const counts = await countsOf(fx.site.id)
    expect(counts.pages).toEqual([3, 0])
    expect(counts.media[0]).toBeGreaterThan(0)
    // updatedAt names image variants and dates the sitemap: going to the trash and back must not touch it
    const updatedAts = async () =>
      Promise.all((['media', 'pages'] as const).map(async (collection) => (await w.payload.find({ collection, where: { site: { equals: fx.site.id } }, pagination: false, depth: 0, sort: 'id' })).docs.map((d) => [d.id, d.updatedAt])))
    const stamps = await updatedAts()

    const trashed = await trashSite(fx.site)
    expect(trashed.status, JSON.stringify(trashed.body)).toBe(200)
    // the site and everything in it are in the trash, not gone
    const inTrash = await countsOf(fx.site.id)
    for (const collection of CONTENT) expect(inTrash[collection], collection).toEqual([0, counts[collection][0]])
    expect((await rest('GET', `/sites/${fx.site.id}`, { token: w.tokens.admin })).status).toBe(404)
    const list = await rest('GET', `/sites?limit=100&depth=0&where[id][equals]=${fx.site.id}`, { token: w.tokens.admin })
    expect(list.body.totalDocs).toBe(0)
    const trashList = await rest('GET', `/sites?trash=true&depth=0&where[deletedAt][exists]=true&where[id][equals]=${fx.site.id}`, { token: w.tokens.admin })
    expect(trashList.body.docs.map((s: Site) => s.id)).toEqual([fx.site.id])
    // the admin's Trash button counts with limit=0, which the API otherwise refuses: answered from one document
    const trashCount = await rest('GET', '/sites?depth=0&limit=0&trash=true&where[deletedAt][exists]=true', { token: w.tokens.admin })
    expect(trashCount.status, JSON.stringify(trashCount.body)).toBe(200)
    expect(trashCount.body.totalDocs).toBeGreaterThanOrEqual(1)
    expect(trashCount.body.docs.length).toBe(1)
    expect((await rest('GET', '/sites?depth=0&limit=0&trash=true', { token: w.tokens.admin })).status).toBe(400)
    // its editor (of this site only) has no site to work on until it comes back
    expect((await rest('GET', `/pages?depth=0&where[site][equals]=${fx.site.id}`, { token: fx.editorToken })).status).toBe(403)
    const adminPages = await rest('GET', `/pages?depth=0&where[site][equals]=${fx.site.id}`, { token: w.tokens.admin })
    expect(adminPages.body.totalDocs).toBe(0)
    // its published site is untouched, and it cannot be deployed while in the trash
    expect(liveFile(fx.site)).toBe(live)
    const refused = await rest('POST', `/sites/${fx.site.id}/deploy`, { token: w.tokens.admin })
    expect(refused.status).toBe(409)
    expect(refused.body.errors[0].message).toMatch(/is in the trash/)
    const queued = await w.payload.create({ collection: 'deployments', data: { site: fx.site.id, status: 'queued', trigger: 'manual' }, context: { [TRUSTED_CREATE]: true } }).catch((err: Error) => err)
    expect(queued).toBeInstanceOf(Error)
    // nothing comes back on its own, and not by an editor
    const page = fx.pages[1]
    const pageBack = await rest('PATCH', `/pages/${page.id}?trash=true`, { token: w.tokens.admin, json: { deletedAt: null } })
    expect(pageBack.status).toBe(409)
    expect(JSON.stringify(pageBack.body)).toMatch(/restore the site first/)
    expect((await restoreSite(fx.site.id, fx.editorToken)).status).toBe(403)

    const restored = await restoreSite(fx.site.id)
    expect(restored.status, JSON.stringify(restored.body)).toBe(200)
    expect(await countsOf(fx.site.id)).toEqual(counts)
    expect(await updatedAts()).toEqual(stamps)

    const again = await deployNow(fx.site.id)
    expect(again.error ?? null).toBeNull()
    expect(again.status).toBe('success')
    expect(again.manifest).toEqual(before.manifest)
    expect(again.commitHash).toBe(before.commitHash)
    expect(liveFile(fx.site)).toBe(live)
  })

  it('leaves documents trashed on their own in the trash when their site comes back, and out of its build', async () => {
    const page = fx.pages[2]
    const own = await rest('PATCH', `/pages/${page.id}`, { token: fx.editorToken, json: { deletedAt: new Date().toISOString() } })
    expect(own.status, JSON.stringify(own.body)).toBe(200)
    expect((await trashSite(fx.site)).status).toBe(200)
    expect((await restoreSite(fx.site.id)).status).toBe(200)
    const stored = await w.payload.findByID({ collection: 'pages', id: page.id, trash: true, depth: 0 })
    expect(stored.deletedAt).toBeTruthy()
    expect((await countsOf(fx.site.id)).pages).toEqual([2, 1])
    const done = await deployNow(fx.site.id)
    expect(done.status).toBe('success')
    expect(Object.keys(done.manifest as object).some((file) => file.includes(page.slug!))).toBe(false)
  })

  it('asks for the domain before a site goes to the trash, and lets only admins do it', async () => {
    const editor = await trashSite(fx.site, fx.editorToken)
    expect(editor.status).toBe(403)
    const bare = await rest('PATCH', `/sites/${fx.site.id}`, { token: w.tokens.admin, json: { deletedAt: new Date().toISOString() } })
    expect(bare.status).toBe(400)
    expect(bare.body.errors[0].message).toContain(`"confirmDomain": "${fx.site.domain}"`)
    const wrong = await rest('PATCH', `/sites/${fx.site.id}`, { token: w.tokens.admin, json: { deletedAt: new Date().toISOString(), confirmDomain: 'other.test' } })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors[0].message).toMatch(/is not this site's domain/)
    // and for good only from the trash
    const direct = await rest('DELETE', `/sites/${fx.site.id}`, { token: w.tokens.admin })
    expect(direct.status).toBe(409)
    expect(direct.body.errors[0].message).toMatch(/two steps/)
    expect((await w.payload.count({ collection: 'sites', where: { id: { equals: fx.site.id } } })).totalDocs).toBe(1)
  })
})

describe('the trash of a site\'s documents', () => {
  let fx: SiteFixture

  beforeAll(async () => {
    fx = await createSiteFixture(w, { pages: 1 })
  })

  it('lets editors move their documents to the trash and back, and only admins empty it', async () => {
    for (const collection of CONTENT) {
      const doc = (await w.payload.find({ collection, where: { site: { equals: fx.site.id } }, limit: 1, depth: 0 })).docs[0]
      const other = await rest('PATCH', `/${collection}/${doc.id}`, { token: w.tokens.editorB, json: { deletedAt: new Date().toISOString() } })
      expect([403, 404], collection).toContain(other.status)
      const trashed = await rest('PATCH', `/${collection}/${doc.id}`, { token: fx.editorToken, json: { deletedAt: new Date().toISOString() } })
      expect(trashed.status, `${collection} ${JSON.stringify(trashed.body)}`).toBe(200)
      const forGood = await rest('DELETE', `/${collection}/${doc.id}?trash=true`, { token: fx.editorToken })
      expect(forGood.status, collection).toBe(403)
      const back = await rest('PATCH', `/${collection}/${doc.id}?trash=true`, { token: fx.editorToken, json: { deletedAt: null } })
      expect(back.status, `${collection} ${JSON.stringify(back.body)}`).toBe(200)
      expect((await w.payload.findByID({ collection, id: doc.id, depth: 0 })).id).toBe(doc.id)
    }
  })

  it('names a slug taken by a page in the trash instead of failing in the database', async () => {
    const page = fx.pages[0]
    await w.payload.update({ collection: 'pages', id: page.id, data: { deletedAt: new Date().toISOString() } })
    const res = await rest('POST', '/pages', { token: fx.editorToken, json: { title: 'Again', slug: page.slug, site: fx.site.id } })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toMatch(/in this site's trash/)
    await w.payload.update({ collection: 'pages', id: page.id, data: { deletedAt: null }, trash: true })
  })

  it('refuses to delete a media folder that holds files, in the trash too, instead of moving them to the root', async () => {
    const folder = await w.payload.create({ collection: 'payload-folders', data: { name: unique('Reviews '), site: fx.site.id, folderType: ['media'] } as never })
    const sub = await w.payload.create({ collection: 'payload-folders', data: { name: unique('Old '), site: fx.site.id, folder: folder.id, folderType: ['media'] } as never })
    const image = await createMedia(w.payload, fx.site.id)
    await w.payload.update({ collection: 'media', id: image.id, data: { folder: sub.id } as never })
    const refused = await rest('DELETE', `/payload-folders/${folder.id}`, { token: fx.editorToken })
    expect(refused.status).toBe(409)
    expect(refused.body.errors[0].message).toMatch(/still holds 1 file in it or its subfolders/)
    await w.payload.update({ collection: 'media', id: image.id, data: { deletedAt: new Date().toISOString() } })
    const trashed = await rest('DELETE', `/payload-folders/${folder.id}`, { token: fx.editorToken })
    expect(trashed.status).toBe(409)
    expect(trashed.body.errors[0].message).toMatch(/1 of them in the trash/)
    const stored = await w.payload.findByID({ collection: 'media', id: image.id, trash: true, depth: 0 })
    expect(stored.folder).toBe(sub.id)
    await w.payload.delete({ collection: 'media', id: image.id, trash: true })
    const empty = await rest('DELETE', `/payload-folders/${folder.id}`, { token: fx.editorToken })
    expect(empty.status, JSON.stringify(empty.body)).toBe(200)
    expect((await w.payload.count({ collection: 'payload-folders', where: { id: { in: [folder.id, sub.id] } } })).totalDocs).toBe(0)
  })

  it('refuses to trash or delete a template or language that sites use, naming them', async () => {
    const trash = await rest('PATCH', `/templates/${fx.template.id}`, { token: w.tokens.admin, json: { deletedAt: new Date().toISOString() } })
    expect(trash.status).toBe(409)
    expect(trash.body.errors[0].message).toContain(fx.site.domain)
    const del = await rest('DELETE', `/templates/${fx.template.id}`, { token: w.tokens.admin })
    expect(del.status).toBe(409)
    const language = await rest('DELETE', `/languages/${w.languageId}`, { token: w.tokens.admin })
    expect(language.status).toBe(409)
    expect(language.body.errors[0].message).toMatch(/choose another language there first/)
    expect((await w.payload.count({ collection: 'templates', where: { id: { equals: fx.template.id } } })).totalDocs).toBe(1)
  })
})

describe('deleting a site for good', () => {
  it('deletes its content, files, folders, page views and assignments, keeps its deployments without a site, and leaves the published site alone', async () => {
    const fx = await createSiteFixture(w, { pages: 2 })
    const { site } = fx
    const deployed = await deployNow(site.id)
    expect(deployed.status).toBe('success')
    const folder = await w.payload.create({ collection: 'payload-folders', data: { name: unique('Site folder '), site: site.id, folderType: ['media'] } as never })
    await w.payload.update({ collection: 'media', id: fx.media[1].id, data: { folder: folder.id } as never })
    const files = fx.media.map((m) => path.join(mediaDir(), m.filename!))
    for (const file of files) expect(fs.existsSync(file)).toBe(true)
    await storeOf(w.payload).insertEvents([
      {
        siteId: site.id,
        occurredAt: new Date(),
        type: 'pageview',
        pathname: '/',
        hostname: site.domain,
        referrer: null,
        referrerHost: null,
        source: 'direct',
        utmSource: null,
        utmMedium: null,
        utmCampaign: null,
        visitorId: 'v1',
        target: null,
        affiliateLinkId: null,
        revenue: null,
      },
    ])
    const generation = await w.payload.create({ collection: 'ai-generations', data: { site: site.id, status: 'success', summary: 'kept' } as never })
    const email = `${unique('trash-editor-')}@panel.test`
    const editor = await w.payload.create({ collection: 'users', data: { email, password: PASSWORD, role: 'editor', sites: [{ site: site.id }, { site: w.siteA.id }] } as never })
    const live = liveFile(site)

    expect((await trashSite(site)).status).toBe(200)
    const gone = await rest('DELETE', `/sites/${site.id}?trash=true`, { token: w.tokens.admin })
    expect(gone.status, JSON.stringify(gone.body)).toBe(200)

    expect((await w.payload.count({ collection: 'sites', where: { id: { equals: site.id } }, trash: true })).totalDocs).toBe(0)
    for (const collection of [...CONTENT, 'payload-folders'] as CollectionSlug[]) {
      expect((await w.payload.count({ collection, where: { site: { equals: site.id } }, trash: true })).totalDocs, collection).toBe(0)
    }
    for (const file of files) expect(fs.existsSync(file), file).toBe(false)
    expect(await storeOf(w.payload).countEvents({ siteId: site.id })).toBe(0)
    // history stays, with no site: what was published where, and what the AI cost
    const kept = await deployment(deployed.id)
    expect(kept.site ?? null).toBeNull()
    expect(kept.url).toBe(deployed.url)
    expect((await w.payload.findByID({ collection: 'ai-generations', id: generation.id, depth: 0 })).site ?? null).toBeNull()
    const editorToken = await login(email, PASSWORD)
    expect((await rest('GET', `/deployments/${deployed.id}`, { token: editorToken })).status).toBe(404)
    const redeploy = await rest('POST', `/deployments/${deployed.id}/redeploy`, { token: w.tokens.admin })
    expect(redeploy.status).toBe(409)
    expect(redeploy.body.errors[0].message).toMatch(/was deleted/)
    const user = await w.payload.findByID({ collection: 'users', id: editor.id, depth: 0 })
    expect(user.sites?.map((row) => row.site)).toEqual([w.siteA.id])
    expect(liveFile(site)).toBe(live)
  })

  it('lets editors neither trash nor delete a site', async () => {
    const fx = await createSiteFixture(w, { pages: 1 })
    expect((await trashSite(fx.site, fx.editorToken)).status).toBe(403)
    expect((await rest('DELETE', `/sites/${fx.site.id}?trash=true`, { token: fx.editorToken })).status).toBe(403)
    expect((await w.payload.count({ collection: 'sites', where: { id: { equals: fx.site.id } } })).totalDocs).toBe(1)
  })
})
