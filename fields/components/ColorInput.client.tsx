'use client'

import { FieldDescription, FieldError, FieldLabel, useField } from '@payloadcms/ui'
import type { TextFieldClientProps } from 'payload'
import { useCallback } from 'react'

import { validateHexColor } from '../validators'
import styles from './fields.module.css'

const HEX = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i

/** What `<input type="color">` can show: `#rrggbb`, from a 3, 4, 6 or 8 digit hex value. */
export const pickerValue = (value: string): string => {
  const match = HEX.exec(value.trim())
  if (!match) return '#000000'
  const digits = match[1].length <= 4 ? [...match[1].slice(0, 3)].map((d) => d + d).join('') : match[1].slice(0, 6)
  return `#${digits.toLowerCase()}`
}

/** The picker knows no transparency: an alpha the editor typed (#rrggbbaa) stays when a colour is picked. */
const withAlpha = (picked: string, previous: string): string => {
  const match = HEX.exec(previous.trim())
  const alpha = match?.[1].length === 8 ? match[1].slice(6) : match?.[1].length === 4 ? match[1][3].repeat(2) : ''
  return `${picked}${alpha}`
}

/**
 * A colour as a hex value: a swatch, the browser's own colour picker and the
 * text. Nothing is loaded from elsewhere; the server checks the value again.
 */
export const ColorInput = ({ field, path: pathFromProps, readOnly }: TextFieldClientProps) => {
  const label = field?.label ?? 'Colour'
  const validate = useCallback((value: unknown) => validateHexColor(value), [])
  const { value, setValue, showError, disabled, path } = useField<string>({ potentiallyStalePath: pathFromProps, validate })
  const text = typeof value === 'string' ? value : ''
  const isLocked = Boolean(readOnly || disabled)
  const isValid = HEX.test(text.trim())
  const inputId = `field-${path.replace(/\./g, '__')}`
  const labelText = typeof label === 'string' ? label : 'Colour'

  return (
    <div data-colour-input className={['field-type', 'text', showError ? 'error' : '', isLocked ? 'read-only' : ''].filter(Boolean).join(' ')}>
      <FieldLabel htmlFor={inputId} label={label} path={path} required={field?.required} />
      <div className="field-type__wrap">
        <FieldError path={path} showError={showError} />
        <div className={styles.colorRow}>
          <span className={styles.swatch} aria-hidden="true" title={isValid ? text : 'No valid colour yet'}>
            {isValid ? <span className={styles.swatchFill} style={{ background: text.trim() }} /> : null}
          </span>
          <input
            type="color"
            className={styles.picker}
            aria-label={`Pick ${labelText.toLowerCase()}`}
            value={pickerValue(text)}
            disabled={isLocked}
            onChange={(e) => setValue(withAlpha(e.target.value, text))}
          />
          <input
            id={inputId}
            name={path}
            type="text"
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="#1d4ed8"
            value={text}
            disabled={isLocked}
            aria-invalid={showError || undefined}
            onChange={(e) => setValue(e.target.value.trim())}
          />
        </div>
        <FieldDescription path={path} description={field?.admin?.description ?? 'Pick a colour or type a hex value such as #1d4ed8'} />
      </div>
    </div>
  )
}
