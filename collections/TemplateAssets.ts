import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { authenticated, hiddenFromEditors, isAdmin } from '@/access'
import { templateAssetsDir } from '@/lib/paths'
import { refuseDeleteWhileUsed } from './hooks/refuseDeleteWhileUsed'
import { validateUpload } from './Media/hooks/validateUpload'
import { PAYLOAD_MIME_TYPES } from './Media/upload/policy'

/** Files that belong to a template (fonts, icons, decorative images), shared by every site using it. */
export const TemplateAssets: CollectionConfig<'template-assets'> = {
  slug: 'template-assets',
  labels: { singular: 'Template asset', plural: 'Template assets' },
  admin: { useAsTitle: 'filename', group: 'Design', hidden: hiddenFromEditors },
  access: { read: authenticated, create: isAdmin, update: isAdmin, delete: isAdmin },
  upload: {
    staticDir: templateAssetsDir(),
    mimeTypes: PAYLOAD_MIME_TYPES,
  },
  fields: [{ name: 'description', type: 'text', maxLength: 200 }],
  hooks: {
    beforeOperation: [validateUpload as unknown as CollectionBeforeOperationHook<'template-assets'>],
    beforeDelete: [refuseDeleteWhileUsed({ by: 'templates', field: 'assets.file', fix: 'remove it from their assets first' })],
  },
}
