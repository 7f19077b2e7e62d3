import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { authenticated, trashOrAdminDelete } from '@/access'
import { mediaDir } from '@/lib/paths'
import { keepContentHash } from './hooks/contentHash'
import { validateUpload } from './hooks/validateUpload'
import { PAYLOAD_MIME_TYPES } from './upload/policy'

const webp = { format: 'webp' as const, options: { quality: 80 } }

export const Media: CollectionConfig<'media'> = {
  slug: 'media',
  admin: { useAsTitle: 'filename', defaultColumns: ['filename', 'alt', 'mimeType', 'filesize', 'site'], group: 'Content' },
  // editors move their sites' documents to the trash and back; emptying it is for admins
  access: { read: authenticated, create: authenticated, update: authenticated, delete: trashOrAdminDelete(authenticated) },
  trash: true,
  folders: true,
  upload: {
    staticDir: mediaDir(),
    mimeTypes: PAYLOAD_MIME_TYPES,
    focalPoint: true,
    // no withoutEnlargement: a size larger than the original is then not made at all
    imageSizes: [
      { name: 'thumbnail', width: 320, formatOptions: webp },
      { name: 'card', width: 768, formatOptions: webp },
      { name: 'feature', width: 1600, formatOptions: webp },
    ],
    adminThumbnail: 'thumbnail',
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      maxLength: 300,
      admin: { description: 'Describes the image for screen readers and search engines. Required for images.' },
      validate: (value: unknown, { data }: { data: Partial<{ mimeType: string | null }> }) => {
        const isImage = typeof data?.mimeType === 'string' && data.mimeType.startsWith('image/')
        if (isImage && (typeof value !== 'string' || value.trim() === '')) {
          return 'Alt text is required for images: describe what the image shows'
        }
        return true
      },
    },
    { name: 'caption', type: 'text', maxLength: 300 },
    {
      name: 'contentHash',
      type: 'text',
      admin: { hidden: true },
      hooks: { beforeChange: [keepContentHash] },
    },
  ],
  hooks: { beforeOperation: [validateUpload as CollectionBeforeOperationHook<'media'>] },
}
