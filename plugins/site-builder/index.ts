import type { CollectionConfig, Config, Plugin } from 'payload'

import { validateTemplate } from './hooks/validateTemplate'
import { refId } from './load/refs'

export type SiteBuilderOptions = {
  /** Off: no template checks and no preview links (the schema is the same either way). */
  enabled?: boolean
  /** Live preview of pages in the admin, rendered through the builder. Default on. */
  livePreview?: boolean
}

export const previewPath = (siteId: unknown, rest = ''): string | null => {
  const id = refId(siteId)
  return id === null ? null : `/preview/${encodeURIComponent(String(id))}/${rest}`
}

export const livePreviewPath = (data: Record<string, unknown> | null | undefined): string | null => {
  const pageId = refId(data?.id)
  return pageId === null ? null : previewPath(data?.site, `live/${encodeURIComponent(String(pageId))}`)
}

const withHook = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: { ...collection.hooks, beforeChange: [...(collection.hooks?.beforeChange ?? []), validateTemplate()] },
})

const withPagePreview = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  admin: {
    ...collection.admin,
    // the admin posts the form to this URL as it changes; the route re-renders the page through the builder
    livePreview: { ...collection.admin?.livePreview, url: ({ data }) => livePreviewPath(data) },
    preview: (doc) => livePreviewPath(doc),
  },
})

const withSitePreview = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  admin: { ...collection.admin, preview: (doc) => previewPath(doc?.id) },
})

/**
 * Renders sites with Liquid (core/), checks templates when they are saved
 * and links the admin to previews of the built site (src/app/(sites)).
 */
export const siteBuilderPlugin =
  (options: SiteBuilderOptions = {}): Plugin =>
  (config: Config): Config => {
    if (options.enabled === false) return config
    const livePreview = options.livePreview !== false
    return {
      ...config,
      collections: (config.collections ?? []).map((collection) => {
        if (collection.slug === 'templates') return withHook(collection)
        if (collection.slug === 'pages' && livePreview) return withPagePreview(collection)
        if (collection.slug === 'sites' && livePreview) return withSitePreview(collection)
        return collection
      }),
    }
  }
