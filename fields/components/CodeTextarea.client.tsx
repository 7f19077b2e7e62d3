'use client'

import { FieldDescription, FieldError, FieldLabel, useField } from '@payloadcms/ui'
import type { CodeFieldClientProps } from 'payload'
import { useCallback, useMemo, useRef, type KeyboardEvent } from 'react'

import styles from './fields.module.css'

const INDENT = '  '

const LANGUAGES: Record<string, string> = { html: 'HTML and Liquid', css: 'CSS', javascript: 'JavaScript', json: 'JSON' }

/**
 * Replaces the selection the way typing does, so the browser's undo (Ctrl+Z)
 * still works; where `insertText` is missing the value is set directly.
 */
const replaceSelection = (area: HTMLTextAreaElement, start: number, end: number, text: string, select?: [number, number]) => {
  area.focus()
  area.setSelectionRange(start, end)
  const inserted = typeof document.execCommand === 'function' && document.execCommand('insertText', false, text)
  if (!inserted) area.setRangeText(text, start, end, 'end')
  if (select) area.setSelectionRange(select[0], select[1])
  if (!inserted) area.dispatchEvent(new Event('input', { bubbles: true }))
}

/** Tab indents, Shift+Tab outdents (every selected line), Enter keeps the line's indentation. */
export const handleCodeKey = (event: KeyboardEvent<HTMLTextAreaElement>, escaped: { current: boolean }) => {
  const area = event.currentTarget
  if (event.key === 'Escape') {
    escaped.current = true // the next Tab leaves the editor: keyboard users are never trapped
    return
  }
  const leave = escaped.current
  escaped.current = false
  if (event.key === 'Tab' && !leave && !event.ctrlKey && !event.altKey && !event.metaKey) {
    event.preventDefault()
    const { selectionStart: start, selectionEnd: end, value } = area
    const lineStart = value.lastIndexOf('\n', start - 1) + 1
    if (start === end && !event.shiftKey) {
      replaceSelection(area, start, end, INDENT)
      return
    }
    const blockEnd = end > start && value[end - 1] === '\n' ? end - 1 : end
    const lines = value.slice(lineStart, blockEnd).split('\n')
    const changed = event.shiftKey
      ? lines.map((line) => line.replace(new RegExp(`^ {1,${INDENT.length}}|^\\t`), ''))
      : lines.map((line) => INDENT + line)
    const text = changed.join('\n')
    const firstShift = changed[0].length - lines[0].length
    replaceSelection(area, lineStart, blockEnd, text, [Math.max(lineStart, start + firstShift), lineStart + text.length])
    return
  }
  if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey && !event.altKey) {
    const { selectionStart: start, selectionEnd: end, value } = area
    const lineStart = value.lastIndexOf('\n', start - 1) + 1
    const indent = /^[ \t]*/.exec(value.slice(lineStart, start))?.[0] ?? ''
    if (!indent) return
    event.preventDefault()
    replaceSelection(area, start, end, `\n${indent}`)
  }
}

/**
 * Template code (Liquid/HTML, CSS, JavaScript) in a plain monospace text
 * area with line numbers. It replaces Payload's Monaco editor, which loads
 * its code from a CDN and stays blank offline or under a strict CSP.
 */
export const CodeTextarea = ({ field, path: pathFromProps, readOnly, validate }: CodeFieldClientProps) => {
  const memoizedValidate = useCallback(
    (value: unknown, options: Record<string, unknown>) =>
      typeof validate === 'function' ? validate(value as string, { ...options, required: field?.required } as never) : true,
    [validate, field?.required],
  )
  const { value, setValue, showError, disabled, path } = useField<string>({ potentiallyStalePath: pathFromProps, validate: memoizedValidate })
  const text = typeof value === 'string' ? value : ''
  const gutter = useRef<HTMLPreElement>(null)
  const escaped = useRef(false)
  const lineCount = useMemo(() => text.split('\n').length, [text])
  const numbers = useMemo(() => Array.from({ length: lineCount }, (_, i) => i + 1).join('\n'), [lineCount])
  const isLocked = Boolean(readOnly || disabled)
  const inputId = `field-${path.replace(/\./g, '__')}`
  const language = (field?.admin as { language?: string } | undefined)?.language
  const rows = Math.min(Math.max(lineCount + 1, 6), 28)

  return (
    <div className={['field-type', 'code', showError ? 'error' : '', isLocked ? 'read-only' : ''].filter(Boolean).join(' ')}>
      <FieldLabel htmlFor={inputId} label={field?.label} path={path} required={field?.required} />
      <div className="field-type__wrap">
        <FieldError path={path} showError={showError} />
        <div className={[styles.code, showError ? styles.codeError : ''].filter(Boolean).join(' ')}>
          <pre className={styles.gutter} ref={gutter} aria-hidden="true">
            {numbers}
          </pre>
          <textarea
            id={inputId}
            name={path}
            className={styles.codeInput}
            value={text}
            rows={rows}
            wrap="off"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            readOnly={isLocked}
            aria-describedby={`${inputId}-hint`}
            data-language={language}
            onChange={(e) => setValue(e.target.value)}
            onKeyDown={(e) => (isLocked ? undefined : handleCodeKey(e, escaped))}
            onScroll={(e) => {
              if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop
            }}
          />
        </div>
        <div className={styles.hint} id={`${inputId}-hint`}>
          {language && LANGUAGES[language] ? `${LANGUAGES[language]}. ` : ''}Tab indents, Shift+Tab outdents; press Esc, then Tab, to move on to the next field.
        </div>
        <FieldDescription path={path} description={field?.admin?.description} />
      </div>
    </div>
  )
}
