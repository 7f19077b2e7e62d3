'use client'
import type { DefaultCellComponentProps } from 'payload'

import { useConfig } from '@payloadcms/ui'

/**
 * The site's live URL as a link that opens the site (not the row). A site published to the local folder
 * opens where the app serves that folder, /live/<siteId>/ on the admin's own origin (its older file://
 * URLs, which a browser will not open from the admin, lead there too).
 */
const pathOf = (url: string): string => {
  try {
    return new URL(url, 'http://localhost').pathname
  } catch {
    return ''
  }
}

export const LiveUrlCell = ({ cellData, rowData }: DefaultCellComponentProps) => {
  const {
    config: { serverURL },
  } = useConfig()
  if (typeof cellData !== 'string' || !cellData) return <span>—</span>
  const livePath = `/live/${rowData.id}/`
  const isLocal = cellData.startsWith('file:') || pathOf(cellData) === livePath
  const href = isLocal ? `${serverURL ?? ''}${livePath}` : cellData
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" title={cellData} onClick={(event) => event.stopPropagation()}>
      {isLocal ? 'Local folder' : cellData.replace(/^https?:\/\//, '')}
    </a>
  )
}
