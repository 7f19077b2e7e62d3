'use client'
import { Button, Modal, toast, useConfig, useDocumentInfo, useModal } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'

const MODAL = 'clone-site'

type Option = { id: number | string; name: string }
type Clone = {
  id: number | string
  status: 'queued' | 'running' | 'done' | 'failed'
  phase?: string | null
  progress?: { total?: number | null; done?: number | null } | null
  error?: string | null
  warnings?: string | null
  site?: number | string | null
}
type FieldError = { field?: string; message?: string }

const readErrors = async (res: Response): Promise<FieldError[]> => {
  const body = (await res.json().catch(() => null)) as { errors?: FieldError[] } | null
  return body?.errors?.length ? body.errors : [{ message: `The site was not cloned (HTTP ${res.status}).` }]
}

/**
 * "Clone…" beside Save on a site: asks for the new domain and brand (and optionally another template or
 * footprint, and an AI rewrite), starts the clone (POST /api/sites/:id/clone) and shows its progress until
 * the new site is ready to open.
 */
export const CloneButton = () => {
  const { id, isTrashed, savedDocumentData } = useDocumentInfo()
  const { openModal, closeModal } = useModal()
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const router = useRouter()
  const [domain, setDomain] = useState('')
  const [brandName, setBrandName] = useState('')
  const [template, setTemplate] = useState('')
  const [footprint, setFootprint] = useState('')
  const [rewriteWithAi, setRewriteWithAi] = useState(false)
  const [templates, setTemplates] = useState<Option[]>([])
  const [footprints, setFootprints] = useState<Option[]>([])
  const [errors, setErrors] = useState<FieldError[]>([])
  const [isBusy, setIsBusy] = useState(false)
  const [clone, setClone] = useState<Clone | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const ids = { domain: useId(), brand: useId(), template: useId(), footprint: useId(), ai: useId() }

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current)
  }, [])

  if (!id || isTrashed) return null
  const sourceDomain = typeof savedDocumentData?.domain === 'string' ? savedDocumentData.domain : 'this site'

  const load = async (collection: string): Promise<Option[]> => {
    const res = await fetch(`${serverURL}${api}/${collection}?limit=200&depth=0&sort=name&select[name]=true`, { credentials: 'include' })
    if (!res.ok) return []
    const body = (await res.json()) as { docs: Option[] }
    return body.docs
  }

  const open = () => {
    setDomain('')
    setBrandName('')
    setTemplate('')
    setFootprint('')
    setRewriteWithAi(false)
    setErrors([])
    setClone(null)
    openModal(MODAL)
    void Promise.all([load('templates'), load('template-footprints')]).then(([t, f]) => {
      setTemplates(t)
      setFootprints(f)
    })
  }

  const watch = (cloneId: number | string) => {
    const poll = async () => {
      try {
        const res = await fetch(`${serverURL}${api}/site-clones/${cloneId}?depth=0`, { credentials: 'include' })
        if (res.ok) {
          const doc = (await res.json()) as Clone
          setClone(doc)
          if (doc.status === 'done' || doc.status === 'failed') return
        }
      } catch {
        // a missed poll is retried below
      }
      timer.current = setTimeout(() => void poll(), 1000)
    }
    void poll()
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    // the modal is portalled, but React bubbles the submit to the document's own form, which would save the site
    event.stopPropagation()
    if (isBusy) return
    setIsBusy(true)
    setErrors([])
    try {
      const res = await fetch(`${serverURL}${api}/sites/${id}/clone`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          domain,
          brandName,
          ...(template ? { template } : {}),
          ...(footprint ? { footprint: footprint === 'none' ? null : footprint } : {}),
          rewriteWithAi,
        }),
      })
      if (res.status !== 202) {
        setErrors(await readErrors(res))
        return
      }
      const body = (await res.json()) as { doc: Clone }
      setClone(body.doc)
      watch(body.doc.id)
    } catch {
      toast.error('Could not reach the server to clone the site. Check your connection and try again.')
    } finally {
      setIsBusy(false)
    }
  }

  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message
  const general = errors.filter((e) => !e.field || !['domain', 'brandName', 'template', 'footprint'].includes(e.field))
  const total = clone?.progress?.total ?? 0
  const doneCount = clone?.progress?.done ?? 0
  const percent = total > 0 ? Math.round((100 * doneCount) / total) : clone?.status === 'done' ? 100 : 0

  return (
    <>
      <Button buttonStyle="secondary" size="medium" onClick={open} id="clone-site" margin={false}>
        Clone…
      </Button>
      <Modal slug={MODAL} className="confirmation-modal" closeOnBlur={false}>
        {clone ? (
          <div className="confirmation-modal__wrapper" aria-live="polite">
            <div className="confirmation-modal__content">
              <h1>Cloning {sourceDomain}</h1>
              <p id="clone-status">
                {clone.status === 'done'
                  ? 'The clone is ready.'
                  : clone.status === 'failed'
                    ? `The clone failed: ${clone.error ?? 'no reason given'}`
                    : `${clone.phase ?? 'Queued'}… ${doneCount} of ${total} documents`}
              </p>
              <progress max={100} value={percent} style={{ width: '100%' }} aria-label="Clone progress" />
              {clone.warnings ? <p>{clone.warnings}</p> : null}
            </div>
            <div className="confirmation-modal__controls">
              <Button buttonStyle="secondary" size="large" type="button" onClick={() => closeModal(MODAL)}>
                Close
              </Button>
              <Button
                id="open-clone"
                size="large"
                type="button"
                disabled={clone.status !== 'done' || !clone.site}
                onClick={() => {
                  closeModal(MODAL)
                  router.push(`${admin}/collections/sites/${clone.site}`)
                }}
              >
                Open the new site
              </Button>
            </div>
          </div>
        ) : (
          <form className="confirmation-modal__wrapper" onSubmit={(event) => void submit(event)}>
            <div className="confirmation-modal__content">
              <h1>Clone {sourceDomain}</h1>
              <p>
                A new site with its own domain, brand, class prefix and fingerprint, and copies of this site&apos;s pages
                (drafts stay drafts), media, swiper presets, affiliate links and media folders. The copies belong to the
                new site alone: it stays whole if this one is deleted.
              </p>
              <div className="field-type text">
                <label className="field-label" htmlFor={ids.domain}>
                  New domain <span className="required">*</span>
                </label>
                <input id={ids.domain} type="text" value={domain} onChange={(e) => setDomain(e.target.value)} placeholder="new-site.com" autoComplete="off" autoFocus />
                {errorFor('domain') ? <p className="field-error" role="alert">{errorFor('domain')}</p> : null}
              </div>
              <div className="field-type text">
                <label className="field-label" htmlFor={ids.brand}>
                  Brand name <span className="required">*</span>
                </label>
                <input id={ids.brand} type="text" value={brandName} onChange={(e) => setBrandName(e.target.value)} autoComplete="off" />
                {errorFor('brandName') ? <p className="field-error" role="alert">{errorFor('brandName')}</p> : null}
              </div>
              <div className="field-type select">
                <label className="field-label" htmlFor={ids.template}>
                  Template
                </label>
                <select id={ids.template} value={template} onChange={(e) => setTemplate(e.target.value)}>
                  <option value="">Keep this site&apos;s</option>
                  {templates.map((t) => (
                    <option key={t.id} value={String(t.id)}>
                      {t.name}
                    </option>
                  ))}
                </select>
                {errorFor('template') ? <p className="field-error" role="alert">{errorFor('template')}</p> : null}
              </div>
              <div className="field-type select">
                <label className="field-label" htmlFor={ids.footprint}>
                  Footprint
                </label>
                <select id={ids.footprint} value={footprint} onChange={(e) => setFootprint(e.target.value)}>
                  <option value="">Keep this site&apos;s</option>
                  <option value="none">None</option>
                  {footprints.map((f) => (
                    <option key={f.id} value={String(f.id)}>
                      {f.name}
                    </option>
                  ))}
                </select>
                {errorFor('footprint') ? <p className="field-error" role="alert">{errorFor('footprint')}</p> : null}
              </div>
              <div className="field-type checkbox">
                <input id={ids.ai} type="checkbox" checked={rewriteWithAi} onChange={(e) => setRewriteWithAi(e.target.checked)} />{' '}
                <label htmlFor={ids.ai}>Rewrite the content with AI (pages are copied as drafts and rewritten, so the clone publishes no duplicate text)</label>
              </div>
              {general.map((e, i) => (
                <p key={i} className="field-error" role="alert">
                  {e.message}
                </p>
              ))}
            </div>
            <div className="confirmation-modal__controls">
              <Button buttonStyle="secondary" size="large" type="button" disabled={isBusy} onClick={() => closeModal(MODAL)}>
                Cancel
              </Button>
              <Button id="confirm-clone-site" size="large" type="submit" disabled={isBusy || !domain.trim() || !brandName.trim()}>
                {isBusy ? 'Starting…' : 'Clone'}
              </Button>
            </div>
          </form>
        )}
      </Modal>
    </>
  )
}
