'use client'

/**
 * The form field of a value the deployment's live summary shows (status,
 * times, metrics...): nothing, so the page never shows a second, older copy
 * of it. The list view keeps its columns.
 */
export const ShownAbove = () => null
