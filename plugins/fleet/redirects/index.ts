import type { CollectionConfig, Config, Field, Plugin } from 'payload'

import { Redirects } from './collections/Redirects'
import { recordPageDelete, recordPageMoves, rememberLiveAddress } from './hooks/pageMoves'

const redirectOnDelete: Field = {
  name: 'redirectOnDelete',
  label: 'When deleted, send visitors to',
  type: 'relationship',
  relationTo: 'pages',
  admin: { position: 'sidebar', description: "The page this page's address leads to once it is deleted; the home page when empty" },
}

const withPageMoves = (pages: CollectionConfig): CollectionConfig => ({
  ...pages,
  fields: [...pages.fields, redirectOnDelete],
  hooks: {
    ...pages.hooks,
    beforeChange: [...(pages.hooks?.beforeChange ?? []), rememberLiveAddress],
    afterChange: [...(pages.hooks?.afterChange ?? []), recordPageMoves],
    beforeDelete: [...(pages.hooks?.beforeDelete ?? []), recordPageDelete],
  },
})

/**
 * Redirects: the site-scoped `redirects` collection (scoped by plugin-multi-tenant like the site's other
 * documents: list it there), and the page hooks that record a 301 when a published page changes its address or
 * goes away. The builder writes them into `_redirects`. Goes before multi-tenant and site-scope.
 */
export const fleetRedirectsPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: [...(config.collections ?? []).map((c) => (c.slug === 'pages' ? withPageMoves(c) : c)), Redirects],
  })
