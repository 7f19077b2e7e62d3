'use client'
import type { DefaultCellComponentProps } from 'payload'

import { useConfig } from '@payloadcms/ui'

/**
 * The site's live URL as a link that opens the site (not the row). A site
 * published to the local folder has a file:// URL a browser will not open
 * from the admin: it links to the app's preview of the site instead.
 */
export const LiveUrlCell = ({ cellData, rowData }: DefaultCellComponentProps) => {
  const {
    config: { serverURL },
  } = useConfig()
  if (typeof cellData !== 'string' || !cellData) return <span>—</span>
  const isWeb = /^https?:\/\//.test(cellData)
  const href = isWeb ? cellData : `${serverURL}/preview/${rowData.id}/`
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" title={cellData} onClick={(event) => event.stopPropagation()}>
      {isWeb ? cellData.replace(/^https?:\/\//, '') : 'Local folder (preview)'}
    </a>
  )
}
