'use client'

import React, { useEffect } from 'react'

/**
 * Payload 3.90's icon-only controls that have no accessible name (axe: button-name, aria-command-name), by
 * selector, with the name each gets. The document's ⋯ menu, for one, is a <button> holding three empty <div>s: a
 * screen reader announces "button".
 */
const NAMES: ReadonlyArray<[selector: string, name: string]> = [
  ['.doc-controls__popup button.popup-button', 'More actions'],
  ['button.array-actions__button', 'Row actions'],
  ['.clipboard-action__popup button.popup-button', 'Copy or paste rows'],
  ['.collapsible__drag[role="button"]', 'Drag to reorder'],
  ['button.date-time-picker__clear-button', 'Clear the date'],
  ['button.drawer-link__doc-drawer-toggler', 'Open the chosen document'],
  ['#select-all', 'Select all rows'],
  ['.table input[type="checkbox"]:not(#select-all)', 'Select this row'],
]

/** react-select's indicators are aria-hidden yet focusable (axe: aria-hidden-focus); the keyboard reaches the input anyway. */
const HIDDEN_BUT_FOCUSABLE = '.clear-indicator[aria-hidden="true"], button.dropdown-indicator[aria-hidden="true"]'

/**
 * Inputs Payload renders without a <label> of their own: react-select's input (a search box, or a bare focus target
 * when the select is not searchable, as the nav's site selector) and the date picker's.
 */
const UNLABELLED_INPUTS = 'input.rs__input, input[id^="react-select-"][id$="-input"], .date-time-picker input'

/** The visible label of the field an element sits in (Payload's FieldLabel), without the required mark. */
const fieldLabelOf = (element: Element): string | null => {
  const field = element.closest('.field-type, .tenant-selector, [class*="field-type"]')
  const label = field?.querySelector('label.field-label, .field-label')
  const text = label?.textContent?.replace(/\*\s*$/, '').trim()
  return text || null
}

const hasName = (element: Element): boolean =>
  Boolean(element.getAttribute('aria-label')?.trim() || element.getAttribute('aria-labelledby')?.trim() || (element.id && document.querySelector(`label[for="${CSS.escape(element.id)}"]`)))

const nameAll = (): void => {
  for (const [selector, label] of NAMES) {
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (!element.getAttribute('aria-label')?.trim() && !element.textContent?.trim()) element.setAttribute('aria-label', label)
    }
  }
  for (const element of document.querySelectorAll<HTMLElement>(HIDDEN_BUT_FOCUSABLE)) {
    if (element.getAttribute('tabindex') !== '-1') element.setAttribute('tabindex', '-1')
  }
  for (const input of document.querySelectorAll<HTMLInputElement>(UNLABELLED_INPUTS)) {
    if (hasName(input)) continue
    const label = fieldLabelOf(input)
    if (label) input.setAttribute('aria-label', label)
  }
}

/**
 * An admin provider that gives Payload's unnamed controls a name as they appear. The admin renders them on every
 * client navigation and when rows are added, so it watches the document (at most once per frame) instead of
 * naming once. It only adds missing names; anything named already is left as it is.
 */
export const AccessibleNames = ({ children }: { children?: React.ReactNode }) => {
  useEffect(() => {
    let frame = 0
    const schedule = () => {
      if (frame) return
      frame = requestAnimationFrame(() => {
        frame = 0
        nameAll()
      })
    }
    nameAll()
    const observer = new MutationObserver(schedule)
    observer.observe(document.body, { childList: true, subtree: true })
    return () => {
      observer.disconnect()
      if (frame) cancelAnimationFrame(frame)
    }
  }, [])
  return <>{children}</>
}
