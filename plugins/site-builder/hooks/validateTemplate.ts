import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import type { Template } from '@/payload-types'
import { checkTemplateSyntax } from '../core/liquid'

type Part = { path: string; part: string; source: string | null | undefined }

/** Every Liquid source of a template with its field path and the name the builder uses for it. */
export const liquidParts = (data: Partial<Template>): Part[] => {
  const parts: Part[] = []
  if ('html' in data) parts.push({ path: 'html', part: 'layout', source: data.html })
  if ('menuHtml' in data) parts.push({ path: 'menuHtml', part: 'menu', source: data.menuHtml })
  if ('footerMenuHtml' in data) parts.push({ path: 'footerMenuHtml', part: 'footer menu', source: data.footerMenuHtml })
  if ('faqHtml' in data) parts.push({ path: 'faqHtml', part: 'FAQ partial', source: data.faqHtml })
  ;(data.sections ?? []).forEach((section, i) =>
    parts.push({ path: `sections.${i}.html`, part: `section "${section?.name || i + 1}"`, source: section?.html }),
  )
  ;(data.blockTemplates ?? []).forEach((override, i) =>
    parts.push({ path: `blockTemplates.${i}.html`, part: `block partial "${override?.blockType ?? i + 1}"`, source: override?.html }),
  )
  return parts
}

/**
 * Refuses to save a template whose Liquid does not parse, pointing at the
 * field and line, so a broken template never reaches a deploy. Only the
 * parts being saved are checked: a partial update is judged on what it changes.
 */
export const validateTemplate =
  (): CollectionBeforeChangeHook<Template> =>
  ({ data, req }) => {
    const errors = liquidParts(data)
      .map(({ path, part, source }) => {
        const error = typeof source === 'string' ? checkTemplateSyntax([{ part, source }]) : null
        return error ? { path, message: error.message } : null
      })
      .filter((e): e is { path: string; message: string } => e !== null)
    if (errors.length) throw new ValidationError({ collection: 'templates', errors, req }, req.t)
    return data
  }
