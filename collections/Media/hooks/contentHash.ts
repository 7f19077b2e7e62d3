import { createHash } from 'node:crypto'

import type { FieldHook } from 'payload'

/**
 * The sha256 of the uploaded file's bytes, kept when a file is uploaded (or replaced) and never taken from
 * the request body: the site builder keys encoded image variants by it (plugins/fingerprint), so a copy of an
 * image (a clone's) reuses the variants already made, and a written value could point a site at another
 * site's variants.
 */
export const keepContentHash: FieldHook = ({ req, originalDoc }) => {
  const bytes = req.file?.data
  if (bytes && bytes.length > 0) return createHash('sha256').update(bytes).digest('hex')
  return (originalDoc as { contentHash?: string | null } | undefined)?.contentHash ?? null
}
