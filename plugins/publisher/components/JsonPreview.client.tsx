'use client'
import { FieldLabel, useFormFields } from '@payloadcms/ui'

const MAX_CHARS = 200_000

type Props = {
  path?: string
  field?: { name?: string; label?: unknown; admin?: { description?: unknown } }
  /** For a ui field: the form path whose value is shown. */
  source?: string
  label?: string
}

const entriesOf = (value: unknown): string => {
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`
  if (value && typeof value === 'object') {
    const n = Object.keys(value).length
    return `${n} entr${n === 1 ? 'y' : 'ies'}`
  }
  return value === null || value === undefined ? 'empty' : typeof value
}

/**
 * A read-only JSON value (a deployment's manifest, template snapshot,
 * progress) as folded, pretty-printed text: no code editor to load (the
 * admin makes no request to another host) and a 4,000-page manifest stays
 * cheap until it is opened.
 */
export const JsonPreview = ({ path, field, source, label }: Props) => {
  const name = source ?? path ?? field?.name ?? ''
  const value = useFormFields(([fields]) => fields?.[name]?.value)
  const title = label ?? (typeof field?.label === 'string' ? field.label : (field?.name ?? name))
  const description = typeof field?.admin?.description === 'string' ? field.admin.description : null
  const text = value === null || value === undefined ? '' : JSON.stringify(value, null, 2)
  const shown = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}\n… (${text.length - MAX_CHARS} more characters; read it through the API)` : text
  return (
    <div className="field-type json-preview" style={{ marginBottom: 'var(--base)' }}>
      <FieldLabel label={title} />
      {text ? (
        <details>
          <summary style={{ cursor: 'pointer' }}>
            {entriesOf(value)}
            {description ? ` — ${description}` : ''}
          </summary>
          <pre
            style={{
              maxHeight: 400,
              overflow: 'auto',
              padding: 'calc(var(--base) / 2)',
              background: 'var(--theme-elevation-50)',
              border: '1px solid var(--theme-elevation-150)',
              borderRadius: 'var(--style-radius-s)',
              fontSize: 12,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
            }}
          >
            {shown}
          </pre>
        </details>
      ) : (
        <p style={{ margin: 0 }}>Empty.</p>
      )}
    </div>
  )
}
