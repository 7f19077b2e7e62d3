'use client'

import { useRowLabel } from '@payloadcms/ui'

const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i

/** A row of a colours or variables list, labelled by its name (and a colour by its value). */
export const NamedRowLabel = () => {
  const { data, rowNumber } = useRowLabel<{ name?: string; value?: string }>()
  const name = data?.name?.trim()
  const value = typeof data?.value === 'string' ? data.value.trim() : ''
  const isColor = HEX.test(value)
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: '0.5rem' }}>
      {isColor ? (
        <span
          aria-hidden="true"
          style={{ width: '1em', height: '1em', borderRadius: '2px', border: '1px solid var(--theme-elevation-250)', background: value }}
        />
      ) : null}
      <span>{name || `Row ${String((rowNumber ?? 0) + 1).padStart(2, '0')}`}</span>
      {isColor ? <code style={{ opacity: 0.7 }}>{value}</code> : null}
    </span>
  )
}
