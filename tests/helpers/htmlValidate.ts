import { HtmlValidate } from 'html-validate'

/**
 * html-validate's recommended preset, with only stylistic rules relaxed:
 * - doctype-style: it wants `<!DOCTYPE html>`; the builder writes `<!doctype html>`, equally valid HTML5.
 * - no-inline-style stays on, allowing what the default block partials set on purpose: the gallery's
 *   column count (`style="--columns: N"`, a custom property, which the rule allows) and the swiper's
 *   scroll-snap basics, so it scrolls without template CSS. Rich text never has a style attribute.
 * - attribute-boolean-style, void-style, no-trailing-whitespace, long-title: formatting preferences
 *   (whitespace around Liquid tags, SEO titles longer than 70 characters).
 * Everything structural (content models, nesting, duplicate ids, unique landmarks, headings,
 * alt text, link text, deprecated markup, ARIA) stays on.
 */
export const htmlValidator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'doctype-style': 'off',
    'no-inline-style': ['error', { allowedProperties: ['display', 'overflow-x', 'scroll-snap-type', 'scroll-snap-align'] }],
    'attribute-boolean-style': 'off',
    'void-style': 'off',
    'no-trailing-whitespace': 'off',
    'long-title': 'off',
  },
})

/** Every error in one page, as `file:line:col rule message` lines (empty when valid). */
export const htmlProblems = async (file: string, html: string): Promise<string[]> => {
  const report = await htmlValidator.validateString(html, file)
  return report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`))
}
