'use client'
import type { DefaultCellComponentProps } from 'payload'

import { Pill } from '@payloadcms/ui'

import { PILL_STYLES, statusLabel } from './status'

/** A deployment status as a coloured pill (deployments list, and the sites list's "Last deployment"). */
export const DeployStatusCell = ({ cellData }: DefaultCellComponentProps) => {
  if (typeof cellData !== 'string' || !cellData) return <span>—</span>
  return (
    <Pill pillStyle={PILL_STYLES[cellData] ?? 'light'} size="small">
      {statusLabel(cellData)}
    </Pill>
  )
}
