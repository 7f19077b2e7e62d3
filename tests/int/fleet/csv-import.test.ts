/**
 * Create sites in bulk from CSV (POST /api/site-imports and its importSites job): a 50-row file with 5 bad rows
 * (unknown template, duplicate domain, bad colour, bad language, missing brand) makes the 45 good sites,
 * reports the 5 by row, column and reason, and makes nothing when imported again; a dry run makes nothing;
 * "clone from" copies a site's pages and "generate content" queues an AI run; editors are refused; a file
 * that is not CSV, or is empty, is a 400 naming what to fix.
 */
import type { CollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Site } from '@/payload-types'
import { stringifyCsv } from '@/plugins/fleet/import/core/csv'
import { seedFleetSite, type FleetSite } from '../../fixtures/fleetSite'
import { pngBytes } from '../../helpers/files'
import { rest } from '../../helpers/rest'
import { getWorld, unique, type World } from '../../helpers/world'

let w: World
let prefix: string
const IMPORTS = 'site-imports' as CollectionSlug

type Doc = Record<string, any>

const HEADER = ['Domain', 'Brand Name', 'LANGUAGE', 'template', ' Footprint ', 'Colours', 'Template variables', 'Keywords', 'Analytics', 'Clone from', 'Generate content']

const csvForm = (text: string, name = 'sites.csv', type = 'text/csv') => {
  const form = new FormData()
  form.append('file', new Blob([text], { type }), name)
  return form
}

const sitesWith = async (domains: string[]) =>
  (await w.payload.find({ collection: 'sites', where: { domain: { in: domains } }, pagination: false, depth: 0, trash: true, overrideAccess: true })).docs as Site[]

const runImports = async (id: number | string) => {
  await w.payload.jobs.run({ queue: 'fleet', sequential: true })
  return (await w.payload.findByID({ collection: IMPORTS, id, depth: 0, overrideAccess: true })) as Doc
}

beforeAll(async () => {
  w = await getWorld()
  prefix = unique('csv')
})

/** Sites this file made: the database is shared with the other files (deploy-all and the dashboard count sites). */
const made: (number | string)[] = []

afterAll(async () => {
  const mine = await w.payload.find({ collection: 'sites', where: { domain: { contains: prefix } }, pagination: false, depth: 0, trash: true, select: { domain: true }, overrideAccess: true })
  // the AI runs queued for them would run (and fail: no site) in a later file's worker
  const siteIds = [...mine.docs.map((d) => d.id), ...made]
  const batches = await w.payload.find({ collection: 'ai-batches' as CollectionSlug, where: { site: { in: siteIds } }, pagination: false, depth: 0, select: { id: true } as never, overrideAccess: true })
  const batchIds = (batches.docs as unknown as { id: number | string }[]).map((b) => String(b.id))
  if (batchIds.length) {
    await w.payload.delete({ collection: 'payload-jobs', where: { and: [{ taskSlug: { equals: 'aiGenerateBatch' } }, { 'input.batchId': { in: batchIds } }] }, overrideAccess: true })
  }
  for (const id of siteIds) {
    await w.payload.update({ collection: 'sites', id, data: { deletedAt: new Date().toISOString() } as never, overrideAccess: true, depth: 0 })
    await w.payload.delete({ collection: 'sites', id, trash: true, overrideAccess: true })
  }
})

describe('a 50-row file with 5 bad rows', () => {
  const domains: string[] = []
  let csv: string
  let good: string[]
  const expected: { row: number; column: string; reason: RegExp }[] = []

  beforeAll(() => {
    const rows: string[][] = [HEADER]
    good = []
    for (let i = 0; i < 50; i++) {
      const domain = `${prefix}-${i + 1}.test`
      domains[i] = domain
      // a brand with a comma and quotes, colours and variables with a ";" inside a value, on some rows
      const brand = i % 7 === 0 ? `Guides, "${i + 1}" & Co` : `Brand ${i + 1}`
      const colours = i % 3 === 0 ? `primary=#11223${i % 10}; accent=#abc` : ''
      const variables = i % 4 === 0 ? `tagline=Fast\\; cheap; phone=+1 555 ${i}` : ''
      rows.push([domain, brand, 'en', 'Test template', '', colours, variables, `best ${i}, guides`, i % 2 ? 'yes' : 'off', '', 'no'])
    }
    // the 5 bad rows (row numbers as a spreadsheet shows them: the header is row 1)
    rows[5][3] = 'No such template' // row 6
    expected.push({ row: 6, column: 'template', reason: /unknown template "No such template"/ })
    rows[12][0] = rows[2][0] // row 13 repeats row 3's domain
    expected.push({ row: 13, column: 'domain', reason: /also in row 3/ })
    rows[20][5] = 'primary=#12345g' // row 21
    expected.push({ row: 21, column: 'colours', reason: /not a hex colour/ })
    rows[33][2] = 'xx' // row 34
    expected.push({ row: 34, column: 'language', reason: /unknown language "xx"/ })
    rows[47][1] = '' // row 48
    expected.push({ row: 48, column: 'brand', reason: /brand is empty/ })
    good = rows.slice(1).filter((_, i) => ![5, 12, 20, 33, 47].map((r) => r - 1).includes(i)).map((r) => r[0])
    // as Excel saves "CSV UTF-8": a byte-order mark and CRLF
    csv = `\ufeff${stringifyCsv(rows)}\r\n`
  })

  it('the dry run shows 45 sites to make and the 5 problems, and makes nothing', async () => {
    const importsBefore = (await w.payload.count({ collection: IMPORTS, overrideAccess: true })).totalDocs
    const res = await rest('POST', '/site-imports?dryRun=1', { token: w.tokens.admin, form: csvForm(csv) })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.counts).toEqual({ rows: 50, create: 45, exists: 0, invalid: 5 })
    expect(res.body.rows.map((r: Doc) => r.domain)).toEqual(good)
    expect(res.body.problems).toHaveLength(5)
    for (const [i, want] of expected.entries()) {
      expect(res.body.problems[i]).toMatchObject({ row: want.row, column: want.column })
      expect(res.body.problems[i].reason).toMatch(want.reason)
    }
    expect(await sitesWith(domains)).toHaveLength(0)
    expect((await w.payload.count({ collection: IMPORTS, overrideAccess: true })).totalDocs).toBe(importsBefore)
  })

  it('imports the 45 good rows as a job, reports the 5, and makes nothing of them', async () => {
    const res = await rest('POST', '/site-imports', { token: w.tokens.admin, form: csvForm(csv) })
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    expect(res.body.watch).toBe(`/api/site-imports/${res.body.doc.id}`)
    const record = await runImports(res.body.doc.id)
    expect(record.status).toBe('done')
    expect(record.counts).toMatchObject({ rows: 50, invalid: 5, toCreate: 45, done: 45, created: 45, skipped: 0, failed: 0 })
    expect(record.problems.map((p: Doc) => [p.row, p.column])).toEqual(expected.map((e) => [e.row, e.column]))

    const sites = await sitesWith(domains)
    expect(sites.map((s) => s.domain).sort()).toEqual([...good].sort())
    // row 13's domain is row 3's: that site is row 3's, nothing of row 13 was made
    const third = sites.find((s) => s.domain === domains[2])!
    expect(third.brandName).toBe('Brand 3')
    const first = sites.find((s) => s.domain === domains[0])!
    expect(first.brandName).toBe('Guides, "1" & Co')
    expect(first.customColors?.map(({ name, value }) => ({ name, value }))).toEqual([
      { name: 'primary', value: '#112230' },
      { name: 'accent', value: '#abc' },
    ])
    expect(first.templateVariables?.map(({ name, value }) => ({ name, value }))).toEqual([
      { name: 'tagline', value: 'Fast; cheap' },
      { name: 'phone', value: '+1 555 0' },
    ])
    expect(first.analyticsEnabled).toBe(false)
    expect((first as Doc).keywords).toBe('best 0, guides')
    expect(sites.find((s) => s.domain === domains[1])!.analyticsEnabled).toBe(true)
    // each made site has its own class prefix (its own fingerprint)
    expect(new Set(sites.map((s) => s.uniqueClassPrefix)).size).toBe(45)

    const viaRest = await rest('GET', `/site-imports/${res.body.doc.id}`, { token: w.tokens.admin })
    expect(viaRest.status).toBe(200)
    expect(viaRest.body.rows.filter((r: Doc) => r.result?.status === 'created')).toHaveLength(45)
  })

  it('imported again, makes nothing twice: every good row exists and is skipped', async () => {
    const before = (await w.payload.count({ collection: 'sites', overrideAccess: true, trash: true })).totalDocs
    const dry = await rest('POST', '/site-imports?dryRun=1', { token: w.tokens.admin, form: csvForm(csv) })
    expect(dry.body.counts).toEqual({ rows: 50, create: 0, exists: 45, invalid: 5 })
    const res = await rest('POST', '/site-imports', { token: w.tokens.admin, form: csvForm(csv) })
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    const record = await runImports(res.body.doc.id)
    expect(record.counts).toMatchObject({ toCreate: 0, created: 0, skipped: 45, failed: 0 })
    expect((await w.payload.count({ collection: 'sites', overrideAccess: true, trash: true })).totalDocs).toBe(before)
  })

  it('refuses a row whose domain exists with other settings, naming them, and changes nothing', async () => {
    const text = stringifyCsv([HEADER, [domains[1], 'Another brand', 'en', 'Test template', '', '', '', '', '', '', '']])
    const res = await rest('POST', '/site-imports?dryRun=1', { token: w.tokens.admin, json: { csv: text } })
    expect(res.status).toBe(200)
    expect(res.body.problems).toEqual([{ row: 2, column: 'domain', reason: expect.stringMatching(/exists already and differs in brand: the importer never changes/) }])
    const real = await rest('POST', '/site-imports', { token: w.tokens.admin, json: { csv: text } })
    expect(real.status).toBe(400)
    expect((await sitesWith([domains[1]]))[0].brandName).toBe('Brand 2')
  })
})

describe('clone from and generate content', () => {
  let source: FleetSite
  let sourceDomain: string

  beforeAll(async () => {
    sourceDomain = `${unique('src')}.test`
    source = await seedFleetSite(w.payload, { domain: sourceDomain, pages: 6 })
    made.push(source.siteId)
  })

  it('clones a site\'s pages into the new site, and queues AI runs for "generate content"', async () => {
    const cloned = `${prefix}-clone.test`
    const rewritten = `${prefix}-clone-ai.test`
    const fresh = `${prefix}-fresh-ai.test`
    const text = stringifyCsv([
      HEADER,
      [cloned, 'Cloned', '', '', '', 'primary=#000000', '', '', '', sourceDomain, 'no'],
      [rewritten, 'Rewritten', '', '', 'none', '', '', '', '', sourceDomain.toUpperCase(), 'yes'],
      [fresh, 'Fresh', 'en', 'Test template', '', '', '', 'solar panels, roofs', '', '', 'yes'],
    ])
    const res = await rest('POST', '/site-imports', { token: w.tokens.admin, json: { csv: text, fileName: 'clones.csv' } })
    expect(res.status, JSON.stringify(res.body)).toBe(202)
    const record = await runImports(res.body.doc.id)
    expect(record.counts).toMatchObject({ created: 3, failed: 0 })
    const [a, b, c] = record.rows as Doc[]
    expect(a.result).toMatchObject({ status: 'created', cloneStatus: 'done' })
    expect(b.result).toMatchObject({ status: 'created', cloneStatus: 'done' })
    expect(b.result.aiBatch).toBeDefined()
    expect(c.result).toMatchObject({ status: 'created' })
    expect(c.result.aiBatch).toBeDefined()

    const sourceSite = (await w.payload.findByID({ collection: 'sites', id: source.siteId, depth: 0 })) as Site
    const [siteA] = await sitesWith([cloned])
    // the source's settings, under what the row gives
    expect(siteA.template).toBe(sourceSite.template)
    expect(siteA.footprint).toBe(sourceSite.footprint)
    expect(siteA.customColors?.map(({ name, value }) => ({ name, value }))).toEqual([{ name: 'primary', value: '#000000' }])
    expect(siteA.uniqueClassPrefix).not.toBe(sourceSite.uniqueClassPrefix)
    const pagesOf = async (siteId: number, draft = false) =>
      (await w.payload.find({ collection: 'pages', where: { site: { equals: siteId } }, draft, pagination: false, depth: 0, overrideAccess: true })).docs
    expect((await pagesOf(siteA.id, true)).length).toBe(source.pages.size)
    const [siteB] = await sitesWith([rewritten])
    expect(siteB.footprint ?? null).toBeNull()
    // rewritten by AI: every page a draft, nothing of the source's text published
    expect((await pagesOf(siteB.id)).filter((p) => p._status === 'published')).toHaveLength(0)

    const [siteC] = await sitesWith([fresh])
    const home = (await pagesOf(siteC.id, true))[0] as Doc
    expect(home).toMatchObject({ slug: 'index', _status: 'draft', keywords: 'solar panels, roofs' })
    const batch = (await w.payload.findByID({ collection: 'ai-batches' as CollectionSlug, id: c.result.aiBatch, depth: 0, overrideAccess: true })) as Doc
    expect(batch).toMatchObject({ site: siteC.id, scope: 'site' })
    const jobs = await w.payload.find({ collection: 'payload-jobs', where: { and: [{ taskSlug: { equals: 'aiGenerateBatch' } }, { 'input.batchId': { equals: String(batch.id) } }] }, overrideAccess: true })
    expect(jobs.totalDocs).toBe(1)
  })

  it('a row whose template was deleted after the check fails alone and leaves nothing', async () => {
    // a template deleted between the check and the job: the row is refused (the database would refuse it too)
    const template = await w.payload.create({ collection: 'templates', data: { name: unique('Doomed'), type: 'monolithic', html: '<main>{{ content }}</main>' } as never })
    const doomed = `${prefix}-doomed.test`
    const text = stringifyCsv([HEADER, [doomed, 'Doomed', 'en', template.name, '', '', '', '', '', '', 'yes']])
    const res = await rest('POST', '/site-imports', { token: w.tokens.admin, json: { csv: text } })
    expect(res.status).toBe(202)
    await w.payload.delete({ collection: 'templates', id: template.id, overrideAccess: true })
    const record = await runImports(res.body.doc.id)
    expect(record.counts).toMatchObject({ created: 0, failed: 1 })
    expect(record.rows[0].result.message).toMatch(/^template: /)
    expect(await sitesWith([doomed])).toHaveLength(0)
    expect((await w.payload.count({ collection: 'ai-batches' as CollectionSlug, where: { label: { contains: doomed } }, overrideAccess: true })).totalDocs).toBe(0)
  })

  it('a row the sites collection refuses makes nothing of itself, and the next rows are made', async () => {
    // a source that publishes to Cloudflare with the server's credentials, which are gone by the time of the
    // import: the sites collection refuses the clone's settings (it must name a token)
    const saved = { token: process.env.CLOUDFLARE_API_TOKEN, account: process.env.CLOUDFLARE_ACCOUNT_ID }
    process.env.CLOUDFLARE_API_TOKEN = 'test-token'
    process.env.CLOUDFLARE_ACCOUNT_ID = 'test-account'
    const cf = (await w.payload.create({
      collection: 'sites',
      data: { domain: `${unique('cf')}.test`, brandName: 'CF', language: w.languageId, template: w.templateId, publishing: { target: 'cloudflare-pages' } } as never,
    })) as Site
    made.push(cf.id)
    const refused = `${prefix}-refused.test`
    const after = `${prefix}-after.test`
    const text = stringifyCsv([HEADER, [refused, 'Refused', '', '', '', '', '', '', '', cf.domain, 'yes'], [after, 'After', 'en', 'Test template', '', '', '', '', '', '', '']])
    try {
      delete process.env.CLOUDFLARE_API_TOKEN
      delete process.env.CLOUDFLARE_ACCOUNT_ID
      const res = await rest('POST', '/site-imports', { token: w.tokens.admin, json: { csv: text } })
      expect(res.status).toBe(202)
      const record = await runImports(res.body.doc.id)
      expect(record.counts).toMatchObject({ created: 1, failed: 1 })
      expect(record.rows[0].result.message).toMatch(/^clone from \(publishing\.cloudflareToken of cf.*\): Choose the Cloudflare API token/)
      expect(await sitesWith([refused])).toHaveLength(0)
      expect((await w.payload.count({ collection: 'site-clones' as CollectionSlug, where: { source: { equals: cf.id } }, overrideAccess: true })).totalDocs).toBe(0)
      expect(await sitesWith([after])).toHaveLength(1)
    } finally {
      if (saved.token === undefined) delete process.env.CLOUDFLARE_API_TOKEN
      else process.env.CLOUDFLARE_API_TOKEN = saved.token
      if (saved.account === undefined) delete process.env.CLOUDFLARE_ACCOUNT_ID
      else process.env.CLOUDFLARE_ACCOUNT_ID = saved.account
    }
  })
})

describe('who may import, and bad files', () => {
  const oneRow = () => stringifyCsv([HEADER, [`${unique('ed')}.test`, 'Editor brand', 'en', 'Test template', '', '', '', '', '', '', '']])

  it('refuses an editor (403) and makes nothing; the import records are admins\' only', async () => {
    const text = oneRow()
    const res = await rest('POST', '/site-imports', { token: w.tokens.editorA, form: csvForm(text) })
    expect(res.status).toBe(403)
    expect(res.body.errors[0].message).toMatch(/Only admins can import sites/)
    const dry = await rest('POST', '/site-imports?dryRun=1', { token: w.tokens.editorA, json: { csv: text } })
    expect(dry.status).toBe(403)
    expect((await rest('GET', '/site-imports', { token: w.tokens.editorA })).status).toBe(403)
    expect((await rest('POST', '/site-imports', { form: csvForm(text) })).status).toBe(401)
  })

  it('answers 400 naming what to fix for a file that is not CSV, an empty one, and a bad header', async () => {
    const png = new FormData()
    png.append('file', new Blob([new Uint8Array(await pngBytes())], { type: 'image/png' }), 'logo.png')
    const notCsv = await rest('POST', '/site-imports', { token: w.tokens.admin, form: png })
    expect(notCsv.status).toBe(400)
    expect(notCsv.body.errors[0]).toMatchObject({ field: 'file', message: expect.stringMatching(/logo\.png is not a CSV file \(image\/png\)/) })

    const binary = await rest('POST', '/site-imports', { token: w.tokens.admin, form: csvForm('\u0000\u0001\u0002', 'sites.csv') })
    expect(binary.status).toBe(400)

    const empty = await rest('POST', '/site-imports', { token: w.tokens.admin, form: csvForm('', 'empty.csv') })
    expect(empty.status).toBe(400)
    expect(empty.body.errors[0].message).toMatch(/empty/)

    const headerOnly = await rest('POST', '/site-imports?dryRun=1', { token: w.tokens.admin, json: { csv: 'domain,brand\r\n' } })
    expect(headerOnly.status).toBe(400)
    expect(headerOnly.body.errors[0].message).toMatch(/no sites/)

    const badHeader = await rest('POST', '/site-imports?dryRun=1', { token: w.tokens.admin, json: { csv: 'domain,brnd\nx.test,X\n' } })
    expect(badHeader.status).toBe(400)
    expect(badHeader.body.errors.map((e: Doc) => e.message).join(' ')).toMatch(/Unknown column "brnd" \(column B\).*no "brand" column/)

    const openQuote = await rest('POST', '/site-imports?dryRun=1', { token: w.tokens.admin, json: { csv: 'domain,brand\nx.test,"X\n' } })
    expect(openQuote.status).toBe(400)
    expect(openQuote.body.errors[0].message).toMatch(/Row 2: a quoted field is never closed/)

    const noFile = await rest('POST', '/site-imports', { token: w.tokens.admin, json: { file: 'x' } })
    expect(noFile.status).toBe(400)
    expect(noFile.body.errors[0].field).toBe('csv')
    expect((await w.payload.count({ collection: IMPORTS, where: { status: { equals: 'queued' } }, overrideAccess: true })).totalDocs).toBe(0)
  })
})
