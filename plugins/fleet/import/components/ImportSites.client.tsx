'use client'

import { Button } from '@payloadcms/ui'
import { useEffect, useId, useRef, useState } from 'react'

type Row = {
  row: number
  action: 'create' | 'exists'
  domain: string
  brand: string
  language?: { code: string }
  template?: { name: string }
  footprint?: { name: string } | null
  cloneFrom?: { domain: string }
  generateContent: boolean
  analytics?: boolean
  result?: { status: 'created' | 'exists' | 'failed'; message: string; site?: number | string }
}
type Problem = { row: number; column: string; reason: string }
type Counts = { rows?: number | null; invalid?: number | null; toCreate?: number | null; create?: number; exists?: number; done?: number | null; created?: number | null; skipped?: number | null; failed?: number | null }
type Plan = { counts: Counts; rows: Row[]; problems: Problem[] }
type ImportDoc = { id: number | string; status: 'queued' | 'running' | 'done' | 'failed'; counts?: Counts; rows?: Row[]; problems?: Problem[]; error?: string | null }

const ACTION: Record<string, string> = { create: 'Create', exists: 'Exists: skipped', created: 'Created', failed: 'Failed' }

const errorsOf = async (res: Response): Promise<string[]> => {
  const body = (await res.json().catch(() => null)) as { errors?: { message?: string }[] } | null
  return body?.errors?.map((e) => e.message ?? '').filter(Boolean) ?? [`The server answered HTTP ${res.status}.`]
}

const cell = { padding: '4px 8px', borderBottom: '1px solid var(--theme-elevation-100)', textAlign: 'left' as const, verticalAlign: 'top' as const }

/**
 * The import form: choose a CSV, "Check file" (a dry run: every row checked, nothing made), then "Import"
 * (the job), with the progress and each row's result read from the site-imports record until it is done.
 */
export const ImportSites = ({ adminRoute, apiRoute }: { adminRoute: string; apiRoute: string }) => {
  const [file, setFile] = useState<File | null>(null)
  const [plan, setPlan] = useState<Plan | null>(null)
  const [errors, setErrors] = useState<string[]>([])
  const [isBusy, setIsBusy] = useState(false)
  const [doc, setDoc] = useState<ImportDoc | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const inputId = useId()

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current)
  }, [])

  const send = async (isDryRun: boolean) => {
    if (!file) return
    setIsBusy(true)
    setErrors([])
    try {
      const form = new FormData()
      form.append('file', file)
      const res = await fetch(`${apiRoute}/site-imports${isDryRun ? '?dryRun=1' : ''}`, { method: 'POST', body: form, credentials: 'include' })
      if (!res.ok) {
        setErrors(await errorsOf(res))
        return
      }
      const body = (await res.json()) as Plan & { doc?: ImportDoc }
      setPlan({ counts: body.counts, rows: body.rows, problems: body.problems })
      if (!isDryRun && body.doc) watch(body.doc.id)
    } finally {
      setIsBusy(false)
    }
  }

  const watch = (id: number | string) => {
    const poll = async () => {
      const res = await fetch(`${apiRoute}/site-imports/${id}?depth=0`, { credentials: 'include' })
      if (res.ok) {
        const next = (await res.json()) as ImportDoc
        setDoc(next)
        if (next.status === 'done' || next.status === 'failed') return
      }
      timer.current = setTimeout(() => void poll(), 1000)
    }
    void poll()
  }

  const rows = doc?.rows ?? plan?.rows ?? []
  const problems = plan?.problems ?? doc?.problems ?? []
  const counts = plan?.counts

  return (
    <div className="import-sites" style={{ display: 'grid', gap: 16, maxWidth: 1100 }}>
      <p>
        One site per row. Columns (the header row names them; case and spaces do not matter): <code>domain</code>, <code>brand</code>, <code>language</code> (a code such as en),{' '}
        <code>template</code> and <code>footprint</code> (name or id), <code>colours</code> (<code>primary=#112233; accent=#445566</code>), <code>template variables</code> (<code>tagline=Fast; phone=123</code>,
        a <code>;</code> in a value written <code>\;</code>, or a JSON object), <code>keywords</code>, <code>analytics</code> and <code>generate content</code> (yes/no), <code>clone from</code> (an existing site's
        domain). A site that exists as its row describes it is skipped, so importing a file twice makes nothing twice.
      </p>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <label htmlFor={inputId}>CSV file</label>
        <input
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null)
            setPlan(null)
            setDoc(null)
            setErrors([])
          }}
        />
        <Button buttonStyle="secondary" disabled={!file || isBusy || Boolean(doc)} onClick={() => void send(true)}>
          Check file
        </Button>
        <Button disabled={!file || isBusy || !plan || (plan.counts.create ?? 0) === 0 || Boolean(doc)} onClick={() => void send(false)}>
          {plan ? `Import ${plan.counts.create ?? 0} site${plan.counts.create === 1 ? '' : 's'}` : 'Import'}
        </Button>
      </div>
      {errors.length > 0 && (
        <div role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {errors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      {counts && !doc && (
        <p>
          {counts.rows} row{counts.rows === 1 ? '' : 's'}: {counts.create} to create, {counts.exists} existing (skipped), {counts.invalid} with problems (not imported).
        </p>
      )}
      {doc && (
        <div role="status">
          <p>
            <strong>{doc.status === 'done' ? 'Done' : doc.status === 'failed' ? 'Failed' : doc.status === 'running' ? 'Importing…' : 'Queued…'}</strong>{' '}
            {doc.counts?.done ?? 0} of {(doc.counts?.toCreate ?? 0) + (counts?.exists ?? 0)} rows done: {doc.counts?.created ?? 0} created, {doc.counts?.skipped ?? 0} skipped, {doc.counts?.failed ?? 0} failed.
          </p>
          <progress max={Math.max(1, (doc.counts?.toCreate ?? 0) + (counts?.exists ?? 0))} value={doc.counts?.done ?? 0} style={{ width: '100%' }} />
          {doc.error && <p role="alert">{doc.error}</p>}
          {doc.status === 'done' && <a href={`${adminRoute}/collections/site-imports/${doc.id}`}>Open the import record</a>}
        </div>
      )}
      {problems.length > 0 && (
        <section>
          <h2>Rows with problems (nothing of them is made)</h2>
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                <th style={cell}>Row</th>
                <th style={cell}>Column</th>
                <th style={cell}>Reason</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((p, i) => (
                <tr key={`${p.row}-${p.column}-${i}`}>
                  <td style={cell}>{p.row}</td>
                  <td style={cell}>{p.column}</td>
                  <td style={cell}>{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {rows.length > 0 && (
        <section>
          <h2>{doc ? 'Sites' : 'What will be made'}</h2>
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                {['Row', 'Domain', 'Brand', 'Language', 'Template', 'Footprint', 'Clone from', 'Generate content', doc ? 'Result' : 'Action'].map((h) => (
                  <th key={h} style={cell}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.row}>
                  <td style={cell}>{r.row}</td>
                  <td style={cell}>{r.result?.site ? <a href={`${adminRoute}/collections/sites/${r.result.site}`}>{r.domain}</a> : r.domain}</td>
                  <td style={cell}>{r.brand}</td>
                  <td style={cell}>{r.language?.code ?? (r.cloneFrom ? 'as the source' : '')}</td>
                  <td style={cell}>{r.template?.name ?? (r.cloneFrom ? 'as the source' : '')}</td>
                  <td style={cell}>{r.footprint === null ? 'None' : (r.footprint?.name ?? (r.cloneFrom ? 'as the source' : ''))}</td>
                  <td style={cell}>{r.cloneFrom?.domain ?? ''}</td>
                  <td style={cell}>{r.generateContent ? 'Yes' : 'No'}</td>
                  <td style={cell}>{r.result ? `${ACTION[r.result.status] ?? r.result.status}${r.result.status === 'failed' ? `: ${r.result.message}` : ''}` : doc ? 'Waiting' : ACTION[r.action]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  )
}
