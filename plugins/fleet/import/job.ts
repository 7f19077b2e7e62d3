import type { CollectionSlug, Payload, PayloadRequest, TaskConfig } from 'payload'
import { commitTransaction, createLocalReq, initTransaction, killTransaction, ValidationError } from 'payload'

import { announceJob } from '@/lib/jobSignal'
import type { Site } from '@/payload-types'
import { AI_QUEUE, BATCHES_SLUG, BATCH_TASK } from '@/plugins/ai/constants'
import { CLONES_SLUG } from '@/plugins/fleet/clone/constants'
import { runClone } from '@/plugins/fleet/clone/job'
import { cloneSiteData } from '@/plugins/fleet/clone/siteData'
import { HOME_SLUG } from '@/plugins/site-builder/core/urls'
import { COLUMN_LABELS, type Column } from './core/columns'
import { differences, type PlannedRow } from './core/plan'
import { IMPORTS_SLUG, IMPORT_TASK } from './constants'
import { existingSite } from './lookups'

type ID = number | string

export type RowResult = {
  status: 'created' | 'exists' | 'failed'
  message: string
  site?: ID
  /** The site-clones record that filled the site (clone from). */
  clone?: ID
  cloneStatus?: string
  /** The AI bulk run queued for the site (generate content). */
  aiBatch?: ID
}

export type ImportRow = PlannedRow & { result?: RowResult }

type ImportRecord = {
  id: ID
  status: string
  requestedBy?: ID | { id: ID } | null
  rows?: ImportRow[] | null
  counts?: Record<string, number | null> | null
  startedAt?: string | null
}

const common = { depth: 0, overrideAccess: true } as const

const idOf = (value: unknown): ID | null =>
  value && typeof value === 'object' ? ((value as { id?: ID }).id ?? null) : ((value as ID | null | undefined) ?? null)

/** Which CSV column a site field's validation error belongs to. */
const FIELD_COLUMNS: [RegExp, Column][] = [
  [/^domain/, 'domain'],
  [/^brandName/, 'brand'],
  [/^language/, 'language'],
  [/^template(?!Variables)/, 'template'],
  [/^footprint/, 'footprint'],
  [/^customColors/, 'colours'],
  [/^templateVariables/, 'variables'],
  [/^keywords/, 'keywords'],
  [/^analyticsEnabled/, 'analytics'],
]
const columnOf = (path: string, row: PlannedRow): string => {
  const column = FIELD_COLUMNS.find(([re]) => re.test(path))?.[1]
  if (column) return COLUMN_LABELS[column]
  // a setting the row does not give came from the clone source
  return row.cloneFrom ? `${COLUMN_LABELS.cloneFrom} (${path} of ${row.cloneFrom.domain})` : path
}

/** The new site's fields: the clone source's settings (clone from) under what the row gives. */
const siteData = async (payload: Payload, row: PlannedRow, req: PayloadRequest): Promise<Record<string, unknown>> => {
  const given: Record<string, unknown> = {
    domain: row.domain,
    brandName: row.brand,
    ...(row.language ? { language: row.language.id } : {}),
    ...(row.template ? { template: row.template.id } : {}),
    ...(row.footprint !== undefined ? { footprint: row.footprint?.id ?? null } : {}),
    ...(row.colours ? { customColors: row.colours } : {}),
    ...(row.variables ? { templateVariables: row.variables } : {}),
    ...(row.keywords !== undefined ? { keywords: row.keywords } : {}),
    ...(row.analytics !== undefined ? { analyticsEnabled: row.analytics } : {}),
  }
  if (!row.cloneFrom) return given
  const source = (await payload.findByID({ collection: 'sites', id: row.cloneFrom.id, req, ...common })) as Site
  const base = cloneSiteData(payload, source, {
    domain: row.domain,
    brandName: row.brand,
    rewriteWithAi: row.generateContent,
    ...(row.template ? { template: row.template.id } : {}),
    ...(row.footprint !== undefined ? { footprint: row.footprint?.id ?? null } : {}),
  } as never)
  return { ...base, ...given }
}

/**
 * "Generate content" for a site made from scratch: a draft home page (a hero and an article, the site's
 * keywords) and an AI bulk run that writes it, queued like POST /api/ai/bulk does. The editor reviews the
 * draft and publishes it. (A cloned site's content is rewritten by the clone's own AI run instead.)
 */
const queueGeneration = async (payload: Payload, req: PayloadRequest, site: Site, requestedBy: ID | null): Promise<ID> => {
  await payload.create({
    collection: 'pages',
    draft: true,
    data: {
      title: site.brandName,
      slug: HOME_SLUG,
      site: site.id,
      keywords: site.keywords ?? null,
      _status: 'draft',
      blocks: [
        { blockType: 'hero', heading: site.brandName },
        { blockType: 'article', heading: site.brandName },
      ],
    } as never,
    req,
    ...common,
  })
  const batch = await payload.create({
    collection: BATCHES_SLUG as 'ai-batches',
    data: {
      label: `Site ${site.domain} (content for its import)`,
      site: site.id,
      page: null,
      requestedBy,
      scope: 'site',
      force: false,
      status: 'queued',
      progress: { total: 2, done: 0, generated: 0, skipped: 0, failed: 0, tokens: 0 },
      results: [],
    } as never,
    req,
    ...common,
  })
  await payload.jobs.queue({ task: BATCH_TASK as never, input: { batchId: String(batch.id) } as never, queue: AI_QUEUE, req })
  await announceJob(req, AI_QUEUE)
  return batch.id as ID
}

const isThere = async (payload: Payload, collection: CollectionSlug, id: ID) =>
  (await payload.count({ collection, where: { id: { equals: id } }, overrideAccess: true })).totalDocs > 0

/** What the row names that was deleted after the file was checked (the database would refuse the row). */
const missingReferences = async (payload: Payload, row: PlannedRow): Promise<string[]> => {
  const out: string[] = []
  if (row.language && !(await isThere(payload, 'languages', row.language.id))) out.push(`language: the language ${row.language.code} was deleted after the file was checked`)
  if (row.template && !(await isThere(payload, 'templates', row.template.id))) out.push(`template: the template "${row.template.name}" was deleted after the file was checked`)
  if (row.footprint && !(await isThere(payload, 'template-footprints', row.footprint.id))) out.push(`footprint: the footprint "${row.footprint.name}" was deleted after the file was checked`)
  if (row.cloneFrom && !(await isThere(payload, 'sites', row.cloneFrom.id))) out.push(`clone from: ${row.cloneFrom.domain} was deleted (or moved to the trash) after the file was checked`)
  return out
}

/** A database error's first line, without the SQL Payload puts in front of it. */
const shortMessage = (err: unknown): string => {
  const e = err as { cause?: { message?: string; detail?: string }; message?: string }
  return e.cause?.detail ?? e.cause?.message ?? (e.message ?? String(err)).split('\n')[0]!.slice(0, 300)
}

/**
 * One row, all or nothing: the site, its clone record and its generated home page and AI run are made in
 * one transaction, through the Local API (the sites collection's own validation and hooks decide), so a row
 * that fails leaves nothing. The clone's copy of the content runs after the commit (it is long, and has its
 * own record, progress and retry).
 */
const importRow = async (payload: Payload, row: ImportRow, requestedBy: ID | null): Promise<RowResult> => {
  // made meanwhile (by hand, or by an earlier attempt of this job): the same rule as the plan's
  const existing = await existingSite(payload, row.domain)
  if (existing) {
    const diff = existing.isTrashed ? ['domain' as Column] : differences(row, existing)
    return diff.length
      ? { status: 'failed', site: existing.id, message: `A site with the domain ${row.domain} was made after the file was checked and differs in ${diff.map((c) => COLUMN_LABELS[c]).join(', ')}: nothing changed.` }
      : { status: 'exists', site: existing.id, message: 'Exists as the row describes it: skipped.' }
  }
  const gone = await missingReferences(payload, row)
  if (gone.length) return { status: 'failed', message: gone.join('; ') }
  const req = await createLocalReq({}, payload)
  const isOwnTransaction = await initTransaction(req)
  let cloneId: ID | null = null
  let result: RowResult
  try {
    const data = await siteData(payload, row, req)
    const site = (await payload.create({ collection: 'sites', data: data as never, req, ...common })) as Site
    result = { status: 'created', site: site.id, message: 'Created.' }
    if (row.cloneFrom) {
      const clone = await payload.create({
        collection: CLONES_SLUG as CollectionSlug,
        data: { label: `${row.cloneFrom.domain} → ${site.domain}`, source: row.cloneFrom.id, site: site.id, requestedBy, status: 'queued', phase: 'Queued', rewriteWithAi: row.generateContent } as never,
        req,
        ...common,
      })
      cloneId = clone.id as ID
      result.clone = cloneId
    } else if (row.generateContent) {
      result.aiBatch = await queueGeneration(payload, req, site, requestedBy)
    }
    if (isOwnTransaction) await commitTransaction(req)
  } catch (err) {
    if (isOwnTransaction) await killTransaction(req)
    if (err instanceof ValidationError) {
      return { status: 'failed', message: err.data.errors.map((e) => `${columnOf(e.path, row)}: ${e.message}`).join('; ') }
    }
    payload.logger.error({ msg: `site import: row ${row.row} (${row.domain}) failed`, err })
    return { status: 'failed', message: `Not created: ${shortMessage(err)}` }
  }
  if (cloneId !== null) {
    const { status } = await runClone(payload, cloneId)
    const clone = (await payload.findByID({ collection: CLONES_SLUG as CollectionSlug, id: cloneId, ...common })) as { aiBatch?: unknown; error?: string | null }
    result.cloneStatus = status
    const aiBatch = idOf(clone.aiBatch)
    if (aiBatch !== null) result.aiBatch = aiBatch
    result.message =
      status === 'done'
        ? `Created, content cloned from ${row.cloneFrom!.domain}.`
        : `Created, but cloning ${row.cloneFrom!.domain} failed: ${clone.error ?? status}`
  }
  return result
}

/** Runs one import record: each valid row in file order, its result and the counts written as it goes. */
export const runImport = async (payload: Payload, importId: ID): Promise<{ status: string }> => {
  const record = (await payload.findByID({ collection: IMPORTS_SLUG as CollectionSlug, id: importId, disableErrors: true, ...common })) as ImportRecord | null
  if (!record) return { status: 'missing' }
  // only a queued import runs (a job queued twice, or one released after its import was reclaimed, ends here)
  if (record.status !== 'queued') return { status: record.status }
  const started = Date.now()
  const rows = [...(record.rows ?? [])]
  const requestedBy = idOf(record.requestedBy)
  const counts = () => ({
    ...record.counts,
    done: rows.filter((r) => r.result).length,
    created: rows.filter((r) => r.result?.status === 'created').length,
    skipped: rows.filter((r) => r.result?.status === 'exists').length,
    failed: rows.filter((r) => r.result?.status === 'failed').length,
  })
  const write = (data: Record<string, unknown>) => payload.update({ collection: IMPORTS_SLUG as CollectionSlug, id: importId, data: data as never, ...common })
  await write({ status: 'running', startedAt: record.startedAt ?? new Date(started).toISOString(), error: null })
  let lastWrite = Date.now()
  try {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]
      // a resumed import keeps what it did before
      if (row.result) continue
      const result: RowResult =
        row.action === 'exists' ? { status: 'exists', site: row.siteId, message: 'Exists as the row describes it: skipped.' } : await importRow(payload, row, requestedBy)
      rows[i] = { ...row, result }
      // the record is written after each row that made something, else at most twice a second (a re-run skips fast)
      if (result.status !== 'exists' || Date.now() - lastWrite >= 500) {
        lastWrite = Date.now()
        await write({ rows, counts: counts() })
      }
    }
    const finished = Date.now()
    await write({ status: 'done', rows, counts: counts(), finishedAt: new Date(finished).toISOString(), durationMs: finished - started })
    return { status: 'done' }
  } catch (err) {
    payload.logger.error({ msg: `site import ${String(importId)} failed`, err })
    const finished = Date.now()
    await write({
      status: 'failed',
      rows,
      counts: counts(),
      error: `${(err as Error).message || String(err)} — the rows done so far are kept; import the same file again to make the rest (what exists is skipped).`,
      finishedAt: new Date(finished).toISOString(),
      durationMs: finished - started,
    })
    return { status: 'failed' }
  }
}

export const importSitesTask: TaskConfig<any> = {
  slug: IMPORT_TASK,
  label: 'Fleet: import sites from CSV',
  inputSchema: [{ name: 'importId', type: 'text', required: true }],
  outputSchema: [{ name: 'status', type: 'text' }],
  // rows already made are kept and skipped by a new run of the same file
  retries: 0,
  handler: async ({ input, req }) => ({ output: await runImport(req.payload, (input as { importId: string }).importId) }),
}
