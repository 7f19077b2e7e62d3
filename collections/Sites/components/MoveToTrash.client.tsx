'use client'
import { Button, Modal, PopupList, toast, useAuth, useConfig, useDocumentInfo, useModal } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useId, useState, type FormEvent } from 'react'

const MODAL = 'move-site-to-trash'

const errorMessage = async (res: Response): Promise<string> => {
  const body = (await res.json().catch(() => null)) as { errors?: { message?: string }[] } | null
  return body?.errors?.[0]?.message ?? `The site was not moved to the trash (HTTP ${res.status}).`
}

/**
 * "Move to trash…" in a site's menu, for admins: asks for the site's domain,
 * then moves the site with its pages, media, presets and affiliate links to
 * the trash. The server checks the same domain (access/trash.ts).
 */
export const MoveToTrash = () => {
  const { id, savedDocumentData, initialData } = useDocumentInfo()
  const { user } = useAuth()
  const { openModal, closeModal } = useModal()
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const router = useRouter()
  const [typed, setTyped] = useState('')
  const [isBusy, setIsBusy] = useState(false)
  const inputId = useId()
  const hintId = useId()
  const data = savedDocumentData ?? initialData
  const domain = typeof data?.domain === 'string' ? data.domain : ''
  if (!id || !domain || data?.deletedAt || (user as { role?: string } | null)?.role !== 'admin') return null
  const matches = typed.trim().toLowerCase() === domain

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    // the modal is portalled, but React bubbles the submit to the document's own form, which would save the site
    event.stopPropagation()
    if (!matches || isBusy) return
    setIsBusy(true)
    try {
      const res = await fetch(`${serverURL}${api}/sites/${id}`, {
        method: 'PATCH',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ deletedAt: new Date().toISOString(), confirmDomain: typed }),
      })
      if (!res.ok) {
        toast.error(await errorMessage(res))
        return
      }
      closeModal(MODAL)
      toast.success(`${domain} is in the trash with its pages and media. Its published site is unchanged.`)
      router.push(`${admin}/collections/sites`)
    } catch {
      toast.error('Could not reach the server. Check your connection and try again.')
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <>
      <PopupList.Button
        id="action-move-to-trash"
        onClick={() => {
          setTyped('')
          openModal(MODAL)
        }}
      >
        Move to trash…
      </PopupList.Button>
      <Modal slug={MODAL} className="confirmation-modal" closeOnBlur={false}>
        <form className="confirmation-modal__wrapper" onSubmit={(event) => void submit(event)}>
          <div className="confirmation-modal__content">
            <h1>Move {domain} to the trash?</h1>
            <p id={hintId}>
              The site goes to the trash with its pages, media, swiper presets and affiliate links. Its published site
              stays online exactly as it is: nothing is deployed or removed. An admin can restore it from the trash, or
              delete it for good there.
            </p>
            <div className="field-type text">
              <label className="field-label" htmlFor={inputId}>
                {/* one inline run: the label is a flex box, which would drop the spaces around the domain */}
                <span>
                  Type <strong>{domain}</strong> to confirm
                </span>
              </label>
              <input
                id={inputId}
                type="text"
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
                aria-describedby={hintId}
                autoComplete="off"
                spellCheck={false}
                autoFocus
              />
            </div>
          </div>
          <div className="confirmation-modal__controls">
            <Button buttonStyle="secondary" size="large" type="button" disabled={isBusy} onClick={() => closeModal(MODAL)}>
              Cancel
            </Button>
            <Button id="confirm-move-to-trash" size="large" type="submit" disabled={!matches || isBusy}>
              {isBusy ? 'Moving…' : 'Move to trash'}
            </Button>
          </div>
        </form>
      </Modal>
    </>
  )
}
