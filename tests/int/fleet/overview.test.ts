/**
 * The fleet dashboard's endpoint (GET /api/fleet/overview) against what the rest of the API says about the
 * same sites: the last deployment (a real one, published to a folder, with broken links), page counts,
 * health, visitors, AI tokens; the status, template and tag filters and pages of results; an editor sees
 * only their sites; and POST /api/fleet/tags (all or nothing, access-checked).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Page, Site, Template } from '@/payload-types'
import { reserveTokens, tokensUsedThisMonth } from '@/plugins/ai/budget'
import { addDays, utcDay } from '@/plugins/analytics/core/visitor'
import { applyTagChange, normalizeTags, tagsProblem } from '@/plugins/fleet/dashboard/core/tags'
import { fleetOverview, type Overview, type OverviewRow } from '@/plugins/fleet/dashboard/overview'
import { login, rest } from '../../helpers/rest'
import { createImage, getWorld, PASSWORD, unique, type World } from '../../helpers/world'

// every page links to a page the site does not have: the link gate records one broken link per page
const LAYOUT =
  '<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><h1>{{ page.h1 }}</h1><main>{{ content }}</main>' +
  '<a href="/no-such-page/">Gone</a></body></html>'

let w: World
let tmp: string
let templateA: Template
let templateB: Template
let tag: string
let other: string
let s1: Site
let s2: Site
let s3: Site
let editorToken: string
const saved = process.env.PUBLISH_DIR

const createSite = async (template: Template, data: Record<string, unknown> = {}): Promise<Site> =>
  (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('fleet')}.test`, brandName: 'Fleet Test', language: w.languageId, template: template.id, ...data } as never,
  })) as Site

const createPage = (siteId: number, data: Record<string, unknown>) =>
  w.payload.create({ collection: 'pages', data: { title: String(data.slug), site: siteId, ...data } as never, draft: data._status !== 'published' })

const overview = async (query: string, token = w.tokens.admin): Promise<Overview> => {
  const res = await rest('GET', `/fleet/overview?${query}`, { token })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body as Overview
}

const rowOf = (o: Overview, site: Site): OverviewRow => {
  const row = o.rows.find((r) => r.id === site.id)
  if (!row) throw new Error(`${site.domain} is not on the dashboard: ${o.rows.map((r) => r.domain).join(', ')}`)
  return row
}

const totalDocs = async (query: string, token = w.tokens.admin): Promise<number> => {
  const res = await rest('GET', `${query}&limit=1&depth=0`, { token })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.totalDocs as number
}

/** What the REST API says about a site, figure by figure, as the admin. */
const fromApi = async (site: Site) => {
  const pages = `/pages?where[site][equals]=${site.id}`
  const published = `${pages}&where[_status][equals]=published`
  const stored = (await rest('GET', `/sites/${site.id}?depth=0`, { token: w.tokens.admin })).body as Site
  const last = (await rest('GET', `/deployments?where[site][equals]=${site.id}&sort=-createdAt&limit=1&depth=0`, { token: w.tokens.admin })).body.docs[0] ?? null
  const home = stored.homePage ? (await rest('GET', `/pages/${stored.homePage}?depth=0`, { token: w.tokens.admin })).body : null
  const stats = (await rest('GET', `/analytics/stats?site=${site.id}`, { token: w.tokens.admin })).body
  const images = await totalDocs(`/media?where[site][equals]=${site.id}&where[mimeType][like]=image/&where[or][0][alt][exists]=false&where[or][1][alt][equals]=`)
  return {
    tags: stored.tags ?? [],
    deployment: last ? { id: last.id, status: last.status, url: last.url ?? null } : null,
    warningCount: last?.status === 'success' ? (last.warningCount ?? 0) : null,
    published: await totalDocs(published),
    draft: await totalDocs(`${pages}&where[_status][equals]=draft`),
    withoutDescription: await totalDocs(`${published}&where[or][0][meta.description][exists]=false&where[or][1][meta.description][equals]=`),
    // (no REST query says "opens with a Hero block": read those pages and look)
    withoutH1: ((await rest('GET', `${published}&where[or][0][h1][exists]=false&where[or][1][h1][equals]=&limit=100&depth=0`, { token: w.tokens.admin })).body.docs as Page[])
      .filter((page) => page.blocks?.[0]?.blockType !== 'hero').length,
    homeIsLive: home?._status === 'published',
    imagesWithoutAlt: images,
    visitors: stats.visitors as number,
    days: (stats.days as { date: string; visitors: number }[]).map((d) => ({ date: d.date, visitors: d.visitors })),
    tokens: await tokensUsedThisMonth(w.payload, site.id),
    budget: stored.aiMonthlyTokenBudget ?? null,
  }
}

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-overview-'))
  process.env.PUBLISH_DIR = tmp
  tag = unique('client-')
  other = unique('other-')
  templateA = (await w.payload.create({ collection: 'templates', data: { name: unique('Fleet A '), type: 'monolithic', html: LAYOUT } as never })) as Template
  templateB = (await w.payload.create({ collection: 'templates', data: { name: unique('Fleet B '), type: 'monolithic', html: LAYOUT } as never })) as Template
  // tags as an editor might type them: stored normalised
  s1 = await createSite(templateA, { tags: [` ${tag.toUpperCase()} `, other], aiMonthlyTokenBudget: 10_000 })
  s2 = await createSite(templateB, { tags: [tag] })
  s3 = await createSite(templateA)

  // s1: a home page (the first page becomes it), a page without a description, one without its own h1, two drafts
  await createPage(s1.id, { slug: 'index', h1: 'Welcome', _status: 'published', meta: { description: 'The home page' } })
  await createPage(s1.id, { slug: 'about', h1: 'About', _status: 'published' })
  await createPage(s1.id, { slug: 'contact', h1: '', _status: 'published', meta: { description: 'Write to us' } })
  // no h1 of its own either, but it opens with a Hero block, whose heading the builder makes the h1
  await createPage(s1.id, { slug: 'offers', h1: '', _status: 'published', meta: { description: 'Offers' }, blocks: [{ blockType: 'hero', heading: 'Our offers' }] })
  await createPage(s1.id, { slug: 'draft-one', h1: 'Draft', _status: 'draft' })
  await createPage(s1.id, { slug: 'draft-two', h1: 'Draft', _status: 'draft' })
  // s2: its home page is a draft, so "/" leads nowhere
  const s2home = await createPage(s2.id, { slug: 'start', h1: 'Start', _status: 'draft' })
  await createPage(s2.id, { slug: 'live', h1: 'Live', _status: 'published', meta: { description: 'Live page' } })
  await w.payload.update({ collection: 'sites', id: s2.id, data: { homePage: s2home.id } as never })

  // s1: an image whose alt text was lost (older data; the media form requires one now)
  const image = await createImage(w.payload, s1.id)
  await w.payload.db.updateOne({ collection: 'media', id: image.id, data: { alt: null }, returning: false })
  await createImage(w.payload, s1.id)

  // s1 deployed for real to a folder: 4 pages, each with a broken link
  const res = await rest('POST', `/sites/${s1.id}/deploy`, { token: w.tokens.admin })
  expect(res.status).toBe(202)
  await w.payload.jobs.run({ queue: 'deploy', sequential: true })
  // s2: a deployment queued and never run
  expect((await rest('POST', `/sites/${s2.id}/deploy`, { token: w.tokens.admin })).status).toBe(202)

  // visitors on two days of the last 30 (rollups as the analytics job writes them), one older day that must not count
  const today = utcDay(new Date())
  for (const [date, visitors] of [[today, 4], [addDays(today, -3), 7], [addDays(today, -40), 100]] as const) {
    await w.payload.create({ collection: 'analytics', data: { site: s1.id, date, visitors, pageViews: visitors } as never })
  }
  // AI tokens: s1 through the budget (reserve, settle), s2 from a recorded generation only
  const reservation = await reserveTokens({ payload: w.payload, site: s1, tokens: 2_000 })
  await reservation.settle(1_234)
  await w.payload.create({ collection: 'ai-generations', data: { site: s2.id, status: 'success', provider: 'openai', totalTokens: 77, inputTokens: 50, outputTokens: 27 } as never })

  const email = `${unique('fleet-editor')}@panel.test`
  await w.payload.create({ collection: 'users', data: { email, password: PASSWORD, role: 'editor', sites: [{ site: s1.id }, { site: s2.id }] } as never })
  editorToken = await login(email, PASSWORD)
})

afterAll(() => {
  if (saved === undefined) delete process.env.PUBLISH_DIR
  else process.env.PUBLISH_DIR = saved
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('GET /api/fleet/overview', () => {
  it('shows each site with the figures the API gives for it', async () => {
    const o = await overview(`tag=${tag}`)
    expect(o.rows.map((r) => r.id)).toEqual([s1, s2].sort((a, b) => a.domain.localeCompare(b.domain)).map((s) => s.id))
    for (const site of [s1, s2]) {
      const row = rowOf(o, site)
      const api = await fromApi(site)
      expect(row.tags).toEqual(api.tags)
      expect(row.deployment && { id: row.deployment.id, status: row.deployment.status, url: row.deployment.url }).toEqual(api.deployment)
      expect(row.pages).toEqual({ published: api.published, draft: api.draft, scheduled: 0 })
      expect(row.health.brokenLinks).toBe(api.warningCount ?? 0)
      expect(row.health.pagesWithoutDescription).toBe(api.withoutDescription)
      expect(row.health.pagesWithoutH1).toBe(api.withoutH1)
      expect(row.health.missingHomePage).toBe(api.published > 0 && !api.homeIsLive)
      expect(row.health.imagesWithoutAlt).toBe(api.imagesWithoutAlt)
      expect(row.visitors.total).toBe(api.visitors)
      expect(row.visitors.days).toEqual(api.days)
      expect(row.ai).toEqual({ used: api.tokens, budget: api.budget })
    }
  })

  it('has the values the setup made (so the comparison above compares something)', async () => {
    const o = await overview(`tag=${tag}`)
    const one = rowOf(o, s1)
    expect(one.tags).toEqual([tag, other])
    expect(one.deployment?.status).toBe('success')
    expect(one.deployment?.url).toBeTruthy()
    expect(one.pages).toEqual({ published: 4, draft: 2, scheduled: 0 })
    expect(one.health).toMatchObject({ brokenLinks: 4, missingHomePage: false, pagesWithoutDescription: 1, pagesWithoutH1: 1, imagesWithoutAlt: 1, oversizedPages: 0 })
    expect(one.health.brokenLinkSamples[0]).toContain('/no-such-page/')
    expect(one.visitors.total).toBe(11)
    expect(one.ai).toEqual({ used: 1_234, budget: 10_000 })
    const two = rowOf(o, s2)
    expect(two.deployment?.status).toBe('queued')
    expect(two.pages).toEqual({ published: 1, draft: 1, scheduled: 0 })
    expect(two.health).toMatchObject({ brokenLinks: 0, missingHomePage: true, pagesWithoutDescription: 0 })
    expect(two.ai).toEqual({ used: 77, budget: null })
  })

  it('counts oversized pages from the last successful deployment’s page sizes', async () => {
    const last = (await w.payload.find({ collection: 'deployments', where: { and: [{ site: { equals: s1.id } }, { status: { equals: 'success' } }] }, sort: '-createdAt', limit: 1, depth: 0 })).docs[0]!
    const sizes = Object.values((last.buildCache as { pages: Record<string, { size: number }> }).pages).map((p) => p.size).sort((a, b) => a - b)
    expect(sizes).toHaveLength(4)
    const user = w.admin as never
    const query = { status: null, template: null, tag, page: 1, limit: 25 }
    for (const [maxPageBytes, expected] of [[sizes[0]! - 1, 4], [sizes[1]!, sizes.filter((s) => s > sizes[1]!).length], [sizes[3]!, 0]] as const) {
      const o = await fleetOverview({ payload: w.payload, user, query, maxPageBytes })
      expect(rowOf(o, s1).health.oversizedPages).toBe(expected)
    }
  })

  it('filters by status, template and tag as the sites API does, and pages through the results', async () => {
    const ids = (o: Overview) => o.rows.map((r) => r.id).sort()
    const sitesWhere = async (where: string) =>
      ((await rest('GET', `/sites?${where}&where[tags][equals]=${tag}&limit=100&depth=0`, { token: w.tokens.admin })).body.docs as Site[]).map((s) => s.id).sort()
    expect(ids(await overview(`tag=${tag}&status=success`))).toEqual(await sitesWhere('where[lastDeployStatus][equals]=success'))
    expect(ids(await overview(`tag=${tag}&status=success`))).toEqual([s1.id])
    expect(ids(await overview(`tag=${tag}&status=queued`))).toEqual([s2.id])
    expect(ids(await overview(`tag=${tag}&template=${templateB.id}`))).toEqual(await sitesWhere(`where[template][equals]=${templateB.id}`))
    expect(ids(await overview(`tag=${tag}&template=${templateB.id}`))).toEqual([s2.id])
    expect(ids(await overview(`tag=${other}`))).toEqual([s1.id])
    // s3 has neither tag, is never deployed
    const never = await overview(`status=never&template=${templateA.id}&limit=100`)
    expect(never.rows.map((r) => r.id)).toContain(s3.id)
    expect(never.rows.every((r) => r.deployment === null)).toBe(true)
    // one site per page, in domain order
    const first = await overview(`tag=${tag}&limit=1&page=1`)
    const second = await overview(`tag=${tag}&limit=1&page=2`)
    expect(first).toMatchObject({ totalDocs: 2, totalPages: 2, page: 1 })
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual((await overview(`tag=${tag}`)).rows.map((r) => r.id))
    const all = await overview(`limit=100`)
    expect(all.filters.tags).toEqual(expect.arrayContaining([tag, other]))
    expect(all.filters.templates.map((t) => t.id)).toEqual(expect.arrayContaining([templateA.id, templateB.id]))
  })

  it('shows an editor only their sites, with the same figures', async () => {
    const mine = await overview('limit=100', editorToken)
    const api = ((await rest('GET', '/sites?limit=100&depth=0', { token: editorToken })).body.docs as Site[]).map((s) => s.id).sort()
    expect(mine.rows.map((r) => r.id).sort()).toEqual(api)
    expect(api).toEqual([s1.id, s2.id].sort())
    expect(mine.totalDocs).toBe(2)
    const admin = await overview(`tag=${tag}`)
    expect(mine.rows).toEqual(admin.rows)
    // the filter lists hold only what the editor's sites have
    expect(mine.filters.tags.sort()).toEqual([tag, other].sort())
    expect(mine.filters.templates.map((t) => t.id).sort()).toEqual([templateA.id, templateB.id].sort())
    expect((await overview(`template=${templateA.id}&limit=100`, editorToken)).rows.map((r) => r.id)).toEqual([s1.id])
  })

  it('answers 401 without a login and 400 naming the bad parameter', async () => {
    expect((await rest('GET', '/fleet/overview')).status).toBe(401)
    for (const [query, word] of [['status=bogus', '"status"'], ['template=abc', '"template"'], ['limit=1000', '"limit"'], ['page=0', '"page"'], ['tag=%3Cscript%3E', '"tag"']]) {
      const res = await rest('GET', `/fleet/overview?${query}`, { token: w.tokens.admin })
      expect(res.status, query).toBe(400)
      expect(res.body.errors[0].message).toContain(word)
    }
  })
})

describe('POST /api/fleet/tags', () => {
  it('adds and removes a tag on several sites; the sites API and the tag filter agree', async () => {
    const added = unique('wave-')
    // tagging is not a change to publish: a site with automatic deploys gets no deployment, and keeps its updatedAt
    await w.payload.db.updateOne({ collection: 'sites', id: s3.id, data: { autoDeploy: true }, returning: false })
    const before = { site: (await w.payload.findByID({ collection: 'sites', id: s3.id, depth: 0 })).updatedAt, deployments: (await w.payload.count({ collection: 'deployments', where: { site: { equals: s3.id } } })).totalDocs }
    const res = await rest('POST', '/fleet/tags', { token: w.tokens.admin, json: { sites: [s1.id, s3.id], add: [added.toUpperCase()] } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect((await w.payload.findByID({ collection: 'sites', id: s3.id, depth: 0 })).updatedAt).toBe(before.site)
    expect((await w.payload.count({ collection: 'deployments', where: { site: { equals: s3.id } } })).totalDocs).toBe(before.deployments)
    for (const site of [s1, s3]) expect(((await rest('GET', `/sites/${site.id}?depth=0`, { token: w.tokens.admin })).body as Site).tags).toContain(added)
    expect((await overview(`tag=${added}`)).rows.map((r) => r.id).sort()).toEqual([s1.id, s3.id].sort())
    const removed = await rest('POST', '/fleet/tags', { token: w.tokens.admin, json: { sites: [s1.id, s3.id], remove: [added] } })
    expect(removed.status).toBe(200)
    expect((await overview(`tag=${added}`)).rows).toEqual([])
    expect(((await rest('GET', `/sites/${s1.id}?depth=0`, { token: w.tokens.admin })).body as Site).tags).toEqual([tag, other])
  })

  it('lets an editor tag only their sites: one other site and nothing is written', async () => {
    const added = unique('mine-')
    const refused = await rest('POST', '/fleet/tags', { token: editorToken, json: { sites: [s1.id, s3.id], add: [added] } })
    expect(refused.status).toBe(404)
    expect(refused.body.errors[0].message).toContain(String(s3.id))
    expect(((await rest('GET', `/sites/${s1.id}?depth=0`, { token: w.tokens.admin })).body as Site).tags).not.toContain(added)
    const ok = await rest('POST', '/fleet/tags', { token: editorToken, json: { sites: [s1.id], add: [added] } })
    expect(ok.status).toBe(200)
    expect((await overview(`tag=${added}`, editorToken)).rows.map((r) => r.id)).toEqual([s1.id])
    await rest('POST', '/fleet/tags', { token: editorToken, json: { sites: [s1.id], remove: [added] } })
  })

  it('refuses bad requests with a message and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ add: ['x'] }, '"sites"'],
      [{ sites: [], add: ['x'] }, '"sites"'],
      [{ sites: ['1'], add: ['x'] }, '"sites"'],
      [{ sites: [s1.id] }, 'add'],
      [{ sites: [s1.id], add: ['<b>'] }, 'letters'],
      [{ sites: [s1.id], add: 'x' }, '"add"'],
    ]
    for (const [json, word] of cases) {
      const res = await rest('POST', '/fleet/tags', { token: w.tokens.admin, json })
      expect(res.status, JSON.stringify(json)).toBe(400)
      expect(res.body.errors[0].message).toContain(word)
    }
    expect((await rest('POST', '/fleet/tags', { json: { sites: [s1.id], add: ['x'] } })).status).toBe(401)
    expect(((await rest('GET', `/sites/${s1.id}?depth=0`, { token: w.tokens.admin })).body as Site).tags).toEqual([tag, other])
  })

  it('the sites API refuses an invalid tag on save', async () => {
    const res = await rest('PATCH', `/sites/${s3.id}`, { token: w.tokens.admin, json: { tags: ['ok', '!bad'] } })
    expect(res.status).toBe(400)
  })
})

describe('tag rules', () => {
  it('adding then removing leaves the other tags; normalising is idempotent', () => {
    const tagArb = fc.stringMatching(/^[a-z0-9][a-z0-9 _.-]{0,10}$/)
    fc.assert(
      fc.property(fc.array(tagArb, { maxLength: 8 }), fc.array(tagArb, { maxLength: 4 }), (current, add) => {
        const start = normalizeTags(current)
        expect(normalizeTags(start)).toEqual(start)
        const added = applyTagChange(start, { add })
        for (const t of normalizeTags(add)) expect(added).toContain(t)
        const back = applyTagChange(added, { remove: normalizeTags(add) })
        expect(back).toEqual(start.filter((t) => !normalizeTags(add).includes(t)))
        expect(new Set(added).size).toBe(added.length)
      }),
    )
    expect(tagsProblem(Array.from({ length: 21 }, (_, i) => `t${i}`))).toContain('at most 20')
  })
})
