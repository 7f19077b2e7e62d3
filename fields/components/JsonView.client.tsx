'use client'

import { FieldDescription, FieldLabel, useField } from '@payloadcms/ui'
import type { JSONFieldClientProps } from 'payload'

import styles from './fields.module.css'

const LARGE = 4_000

/**
 * Machine-written JSON (results, rankings) shown as formatted text. Payload's
 * JSON field would open Monaco, loaded from a CDN, to show a value nobody
 * edits here.
 */
export const JsonView = ({ field, path: pathFromProps }: JSONFieldClientProps) => {
  const { value, path } = useField<unknown>({ potentiallyStalePath: pathFromProps })
  const isEmpty = value === undefined || value === null || (typeof value === 'object' && Object.keys(value as object).length === 0)
  const text = isEmpty ? '' : JSON.stringify(value, null, 2)
  const body = isEmpty ? <p className={styles.hint}>Nothing recorded.</p> : <pre className={styles.json}>{text}</pre>
  return (
    <div className="field-type json read-only">
      <FieldLabel label={field?.label} path={path} />
      <div className="field-type__wrap">
        {text.length > LARGE ? (
          <details>
            <summary>Show {text.split('\n').length.toLocaleString('en')} lines</summary>
            {body}
          </details>
        ) : (
          body
        )}
        <FieldDescription path={path} description={field?.admin?.description} />
      </div>
    </div>
  )
}
