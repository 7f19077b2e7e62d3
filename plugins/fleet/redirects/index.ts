import type { CollectionConfig, Config, Field, Plugin } from 'payload'

import { Redirects } from './collections/Redirects'
import { recordPageDelete, recordPageMoves, rememberLiveAddress } from './hooks/pageMoves'
import { recordFootprintAddressMoves, recordSiteAddressMoves, rememberFootprintAddresses, rememberSiteAddresses } from './hooks/siteMoves'

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

/** Sites and footprints: a change of how a site addresses its pages records a 301 from each address a page lost. */
const withAddressMoves = (collection: CollectionConfig): CollectionConfig => {
  const [before, after] =
    collection.slug === 'sites' ? [rememberSiteAddresses, recordSiteAddressMoves] : [rememberFootprintAddresses, recordFootprintAddressMoves]
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeChange: [...(collection.hooks?.beforeChange ?? []), before as never],
      afterChange: [...(collection.hooks?.afterChange ?? []), after as never],
    },
  }
}

/**
 * Redirects: the site-scoped `redirects` collection (scoped by plugin-multi-tenant like the site's other
 * documents: list it there), the page hooks that record a 301 when a published page changes its address or
 * goes away, and the site and footprint hooks that do so for every page a change of the site's addressing moves. The builder writes them into `_redirects`. Goes before multi-tenant and site-scope.
 */
export const fleetRedirectsPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: [
      ...(config.collections ?? []).map((c) =>
        c.slug === 'pages' ? withPageMoves(c) : c.slug === 'sites' || c.slug === 'template-footprints' ? withAddressMoves(c) : c,
      ),
      Redirects,
    ],
  })
