'use client'

import { Button, FieldDescription, FieldError, FieldLabel, useConfig, useField, useForm, useFormFields } from '@payloadcms/ui'
import type { TextFieldClientProps, UIFieldClientProps } from 'payload'
import { useCallback, useEffect, useState } from 'react'

import { validateVariableName } from '../validators'
import styles from './fields.module.css'

type Declared = { name: string; description?: string | null; defaultValue?: string | null; required?: boolean | null }
type Declaration = { template: string; variables: Declared[] }

const ARRAY = 'templateVariables'

// one request per template and page load, shared by every row
const cache = new Map<string, Promise<Declaration | null>>()

const refId = (value: unknown): string | null => {
  if (value && typeof value === 'object' && 'id' in value) return String((value as { id: unknown }).id)
  return value === undefined || value === null || value === '' ? null : String(value)
}

/** The variables the site's chosen template declares (Templates → Variables & colours). */
const useDeclaredVariables = (): Declaration | null => {
  const { config } = useConfig()
  const templateId = useFormFields(([fields]) => refId(fields.template?.value))
  const [declared, setDeclared] = useState<Declaration | null>(null)
  useEffect(() => {
    if (!templateId) {
      setDeclared(null)
      return
    }
    const url = `${config.serverURL ?? ''}${config.routes.api}/templates/${encodeURIComponent(templateId)}?depth=0&select[name]=true&select[variables]=true`
    let found = cache.get(url)
    if (!found) {
      found = fetch(url, { credentials: 'include' })
        .then(async (res) => {
          if (!res.ok) return null
          const doc = (await res.json()) as { name?: string; variables?: Declared[] }
          return { template: doc.name ?? 'the template', variables: doc.variables ?? [] }
        })
        .catch(() => null)
      cache.set(url, found)
    }
    let isCurrent = true
    void found.then((d) => isCurrent && setDeclared(d))
    return () => {
      isCurrent = false
    }
  }, [config.routes.api, config.serverURL, templateId])
  return declared
}

const describe = (v: Declared): string =>
  [
    v.description?.trim(),
    v.required ? 'Required' : null,
    v.defaultValue ? `Default: ${v.defaultValue.length > 80 ? `${v.defaultValue.slice(0, 80)}…` : v.defaultValue}` : 'No default',
  ]
    .filter(Boolean)
    .join(' · ')

/** A variable's name, offering the names the template declares. */
export const VariableName = ({ field, path: pathFromProps, readOnly }: TextFieldClientProps) => {
  const declared = useDeclaredVariables()
  const validate = useCallback((value: unknown) => validateVariableName(value), [])
  const { value, setValue, showError, disabled, path } = useField<string>({ potentiallyStalePath: pathFromProps, validate })
  const inputId = `field-${path.replace(/\./g, '__')}`
  const listId = `${inputId}-names`
  return (
    <div className={['field-type', 'text', showError ? 'error' : ''].filter(Boolean).join(' ')}>
      <FieldLabel htmlFor={inputId} label={field?.label} path={path} required={field?.required} />
      <div className="field-type__wrap">
        <FieldError path={path} showError={showError} />
        <input
          id={inputId}
          name={path}
          type="text"
          list={listId}
          autoComplete="off"
          spellCheck={false}
          placeholder="tagline"
          value={typeof value === 'string' ? value : ''}
          disabled={Boolean(readOnly || disabled)}
          onChange={(e) => setValue(e.target.value)}
        />
        <datalist id={listId}>
          {(declared?.variables ?? []).map((v) => (
            <option key={v.name} value={v.name}>
              {v.description ?? ''}
            </option>
          ))}
        </datalist>
      </div>
    </div>
  )
}

/** Under each row: what the template says the variable is for, its default, whether it is required. */
export const VariableHelp = ({ path }: UIFieldClientProps) => {
  const declared = useDeclaredVariables()
  const rowPath = (path ?? '').split('.').slice(0, -1).join('.')
  const name = useFormFields(([fields]) => fields[`${rowPath}.name`]?.value)
  if (!declared || typeof name !== 'string' || name === '') return null
  const found = declared.variables.find((v) => v.name === name)
  return (
    <p className={styles.variableHelp} data-variable-help={name}>
      {found
        ? describe(found)
        : `"${declared.template}" does not declare "${name}"; its Liquid can still read it as {{ ${name} }}.`}
    </p>
  )
}

/**
 * Above the rows: every variable the template declares, with its description
 * and default, and a button to give it a value on this site.
 */
export const DeclaredVariables = () => {
  const declared = useDeclaredVariables()
  const { addFieldRow } = useForm()
  // a string, not a new array, so the list re-renders only when a row or a name changes
  const names = useFormFields(([fields]) => {
    const count = Number(fields[ARRAY]?.rows?.length ?? fields[ARRAY]?.value ?? 0)
    return [String(count), ...Array.from({ length: count }, (_, i) => String(fields[`${ARRAY}.${i}.name`]?.value ?? ''))].join('\u0000')
  })
  if (!declared) return null
  const [count, ...rows] = names.split('\u0000')
  const set = new Set(rows)
  return (
    <div className={styles.variableList} data-declared-variables>
      <strong>Variables of “{declared.template}”</strong>
      {declared.variables.length === 0 ? (
        <FieldDescription path={ARRAY} description="This template declares no variables." />
      ) : (
        <ul>
          {declared.variables.map((v) => (
            <li key={v.name}>
              <code>{v.name}</code> — {describe(v)}
              {set.has(v.name) ? (
                ' (set below)'
              ) : (
                <>
                  {' '}
                  <Button
                    buttonStyle="secondary"
                    size="small"
                    margin={false}
                    aria-label={`Set ${v.name} for this site`}
                    onClick={() =>
                      addFieldRow({
                        path: ARRAY,
                        schemaPath: ARRAY,
                        rowIndex: Number(count),
                        subFieldState: {
                          name: { value: v.name, initialValue: '', valid: true, passesCondition: true },
                          value: { value: v.defaultValue ?? '', initialValue: '', valid: true, passesCondition: true },
                        },
                      })
                    }
                  >
                    Set for this site
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
