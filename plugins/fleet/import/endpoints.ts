import { createHash } from 'node:crypto'

import type { CollectionSlug, Endpoint, PayloadHandler, PayloadRequest } from 'payload'
import { addDataAndFileToRequest } from 'payload'

import { isAdminUser } from '@/access/roles'
import { announceJob } from '@/lib/jobSignal'
import { FLEET_QUEUE } from '@/plugins/fleet/clone/constants'
import { planImport, type ImportPlan } from './core/plan'
import { IMPORTS_SLUG, IMPORT_TASK, MAX_CSV_BYTES } from './constants'
import { loadLookups } from './lookups'

const json = (body: unknown, status: number) => Response.json(body, { status })
const refuse = (message: string, status = 400, field?: string) => json({ errors: [{ ...(field !== undefined ? { field } : {}), message }] }, status)

/** What a spreadsheet or a browser calls a CSV file (Excel on Windows says vnd.ms-excel; some say octet-stream). */
const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/x-csv', 'text/comma-separated-values', 'text/plain', 'application/vnd.ms-excel'])

type CsvInput = { csv: string; fileName: string } | { problem: Response }

const decode = (bytes: Uint8Array, name: string): CsvInput => {
  if (bytes.byteLength === 0) return { problem: refuse(`${name} is empty: the first row names the columns (domain, brand, …), one site per row after it.`, 400, 'file') }
  if (bytes.byteLength > MAX_CSV_BYTES) return { problem: refuse(`${name} is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB: split it into smaller files.`, 413, 'file') }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { problem: refuse(`${name} is not UTF-8 text: save it from the spreadsheet as "CSV UTF-8" and upload again.`, 400, 'file') }
  }
  if (text.includes('\u0000')) return { problem: refuse(`${name} is not a CSV file (it holds binary data): save the spreadsheet as CSV and upload that.`, 400, 'file') }
  if (text.trim() === '') return { problem: refuse(`${name} is empty: the first row names the columns (domain, brand, …), one site per row after it.`, 400, 'file') }
  return { csv: text, fileName: name }
}

/** The CSV from a multipart upload (field "file") or a JSON body `{csv, fileName?}`. */
const readCsv = async (req: PayloadRequest): Promise<CsvInput> => {
  const type = (req.headers.get('content-type') ?? '').toLowerCase()
  if (type.startsWith('multipart/form-data')) {
    await addDataAndFileToRequest(req)
    const file = req.file
    if (!file) return { problem: refuse('Attach the CSV file in the form field "file".', 400, 'file') }
    const mime = (file.mimetype ?? '').split(';')[0]!.trim().toLowerCase()
    const isCsvName = /\.(csv|txt)$/i.test(file.name ?? '')
    if (!CSV_TYPES.has(mime) && !(isCsvName && (mime === '' || mime === 'application/octet-stream'))) {
      return { problem: refuse(`${file.name || 'The file'} is not a CSV file (${mime || 'unknown type'}): save the spreadsheet as CSV (comma separated) and upload that.`, 400, 'file') }
    }
    return decode(new Uint8Array(file.data), `"${file.name || 'The file'}"`)
  }
  if (type.startsWith('application/json')) {
    let body: unknown
    try {
      body = req.json ? await req.json() : undefined
    } catch {
      return { problem: refuse('The body is not valid JSON: send {"csv": "<the file\'s text>"} or upload the file as multipart/form-data.') }
    }
    const csv = (body as { csv?: unknown } | undefined)?.csv
    const fileName = (body as { fileName?: unknown } | undefined)?.fileName
    if (typeof csv !== 'string') return { problem: refuse('Send the file\'s text as "csv" (a string), or upload the file as multipart/form-data.', 400, 'csv') }
    return decode(new TextEncoder().encode(csv), typeof fileName === 'string' && fileName ? `"${fileName}"` : 'The CSV')
  }
  return { problem: refuse('Upload the CSV file as multipart/form-data (field "file"), or send JSON {"csv": "…"}.', 415) }
}

const isTrue = (value: string | null | undefined) => value !== null && value !== undefined && ['1', 'true', 'yes'].includes(value.toLowerCase())

/** The plan as the dry run and the admin view show it. */
const planBody = (plan: ImportPlan) => ({ counts: plan.counts, rows: plan.rows, problems: plan.problems })

/**
 * POST /api/site-imports — a CSV of sites (multipart "file" or JSON {csv}); `?dryRun=1` checks every row and
 * answers 200 with what would be made (rows) and why rows cannot be (problems: row, column, reason), making
 * nothing. Without it, the valid rows are imported by an importSites job (queue "fleet"): 202 with the
 * site-imports record, whose status, counts and per-row results the job keeps current (`watch`: GET it).
 * Rows with problems make nothing; rows whose site exists as described are skipped, so the same file imported
 * again makes nothing twice. Admins only (creating sites is).
 */
export const importSitesHandler: PayloadHandler = async (req) => {
  const { payload, user } = req
  if (!user) return refuse('Log in to import sites.', 401)
  if (!isAdminUser(user as never)) return refuse('Only admins can import sites: ask an admin to import the file.', 403)
  const input = await readCsv(req)
  if ('problem' in input) return input.problem
  const plan = planImport(input.csv, await loadLookups(payload))
  if (plan.fileProblems.length) return json({ errors: plan.fileProblems.map(({ column, message }) => ({ ...(column ? { field: column } : {}), message })) }, 400)
  if (isTrue(req.searchParams?.get('dryRun'))) {
    return json({ dryRun: true, message: `${plan.counts.create} to create, ${plan.counts.exists} existing (skipped), ${plan.counts.invalid} with problems.`, ...planBody(plan) }, 200)
  }
  if (plan.rows.length === 0) {
    return json({ message: `None of the ${plan.counts.rows} rows can be imported: fix the problems and upload the file again.`, errors: plan.problems.map((p) => ({ field: p.column, message: `Row ${p.row}, ${p.column}: ${p.reason}` })), ...planBody(plan) }, 400)
  }
  const fileHash = createHash('sha256').update(input.csv).digest('hex')
  const doc = await payload.create({
    collection: IMPORTS_SLUG as CollectionSlug,
    data: {
      label: `${input.fileName.replaceAll('"', '')}: ${plan.counts.rows} row${plan.counts.rows === 1 ? '' : 's'}`,
      status: 'queued',
      requestedBy: user.collection === 'users' ? user.id : null,
      fileName: input.fileName.replaceAll('"', ''),
      fileHash,
      counts: { rows: plan.counts.rows, invalid: plan.counts.invalid, toCreate: plan.counts.create, done: 0, created: 0, skipped: 0, failed: 0 },
      problems: plan.problems,
      rows: plan.rows,
    } as never,
    depth: 0,
    overrideAccess: true,
  })
  await payload.jobs.queue({ task: IMPORT_TASK as never, input: { importId: String(doc.id) } as never, queue: FLEET_QUEUE })
  // a listening worker starts it now, not at its next poll
  await announceJob(req, FLEET_QUEUE)
  return json(
    {
      message: `Importing: ${plan.counts.create} to create, ${plan.counts.exists} existing (skipped), ${plan.counts.invalid} with problems (not imported). Follow it at /api/${IMPORTS_SLUG}/${doc.id}.`,
      doc,
      watch: `/api/${IMPORTS_SLUG}/${doc.id}`,
      ...planBody(plan),
    },
    202,
  )
}

export const importSitesEndpoint: Endpoint = { path: '/', method: 'post', handler: importSitesHandler }
