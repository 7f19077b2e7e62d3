import type { CollectionConfig } from 'payload'

import { authenticated, nobody, trashOrAdminDelete } from '@/access'

import { checkRedirect, followRedirectsToThis } from '../hooks/chains'

/**
 * Old URLs of a site kept working: each row sends one path of the site to a page (by its current URL) or to
 * another path. Rows are made when a published page changes its slug or goes away (hooks/pageMoves.ts) and by
 * editors; chains are collapsed and loops refused on save (hooks/chains.ts); the builder writes them into
 * `_redirects` (plugins/site-builder/core/siteFiles.ts).
 */
export const Redirects: CollectionConfig<'redirects'> = {
  slug: 'redirects',
  labels: { singular: 'Redirect', plural: 'Redirects' },
  admin: {
    useAsTitle: 'from',
    defaultColumns: ['from', 'toPage', 'toPath', 'status', 'origin', 'updatedAt'],
    group: 'Content',
    listSearchableFields: ['from', 'toPath'],
    description: 'Old addresses of the site and where they lead now. Published with the next deployment.',
  },
  // editors keep their sites' lists; emptying the trash is for admins, as for the site's other documents
  access: { read: authenticated, create: authenticated, update: authenticated, delete: trashOrAdminDelete(authenticated) },
  trash: true,
  defaultSort: 'from',
  fields: [
    {
      name: 'from',
      label: 'From path',
      type: 'text',
      required: true,
      index: true,
      maxLength: 500,
      admin: { description: 'The old address on this site, such as /old-page/ or /old-page.html' },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'toPage',
          label: 'To page',
          type: 'relationship',
          relationTo: 'pages',
          admin: { description: 'Follows the page when its address changes', width: '50%' },
        },
        {
          name: 'toPath',
          label: 'Or to path',
          type: 'text',
          maxLength: 500,
          admin: { description: 'Another address on this site, when the target is not a page', width: '50%' },
        },
      ],
    },
    {
      name: 'status',
      type: 'select',
      // not required (a missing status is a 301, hooks/chains.ts): GraphQL would name the required enum `_301`
      defaultValue: '301',
      options: [
        { label: '301 moved for good', value: '301' },
        { label: '302 moved for now', value: '302' },
      ],
    },
    {
      name: 'origin',
      label: 'Made by',
      type: 'select',
      defaultValue: 'editor',
      access: { create: nobody, update: nobody },
      admin: { readOnly: true, position: 'sidebar' },
      options: [
        { label: 'An editor', value: 'editor' },
        { label: 'A slug change', value: 'slug-change' },
        { label: 'A deleted page', value: 'page-deleted' },
        { label: "A change of the site's addresses", value: 'url-change' },
      ],
    },
  ],
  hooks: { beforeChange: [checkRedirect], afterChange: [followRedirectsToThis] },
}
