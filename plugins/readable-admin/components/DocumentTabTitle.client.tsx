'use client'

import { useConfig, useDocumentInfo, useDocumentTitle } from '@payloadcms/ui'
import { useEffect } from 'react'

/**
 * The browser tab names the document (issue 15.2): Payload 3.90's edit view titles every tab "Editing - <Collection>
 * — Panel", so ten open deployments read the same. Once the document has a title (its `useAsTitle` field, e.g. a
 * deployment's "demo.panel.local — deployment 19 — Success"), the tab says that, with the admin's title suffix;
 * on a new document Payload's own title stays. Renders nothing.
 */
export const DocumentTabTitle = () => {
  const { title } = useDocumentTitle()
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const suffix = config.admin?.meta?.titleSuffix ?? ''
  useEffect(() => {
    if (id === undefined || id === null || !title) return
    const wanted = `${title}${suffix}`
    const apply = () => {
      if (document.title !== wanted) document.title = wanted
    }
    apply()
    // Next sets the metadata title again on some re-renders; put ours back when it does
    const head = document.querySelector('head')
    const observer = new MutationObserver(apply)
    if (head) observer.observe(head, { subtree: true, childList: true, characterData: true })
    return () => observer.disconnect()
  }, [id, title, suffix])
  return null
}
