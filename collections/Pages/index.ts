import type { CollectionConfig } from 'payload'

import { authenticated, isAdminField, trashOrAdminDelete } from '@/access'
import { pageBlocks } from '@/blocks'
import { codeField } from '@/fields/codeField'
import { slugField } from '@/fields/slugField'
import { uniqueWithinSite } from '@/fields/uniqueWithinSite'
import { urlField } from '@/fields/urlField'
import { freeSlugOnDuplicate } from './hooks/copySlug'
import { defaultHomePage } from './hooks/defaultHomePage'

export const Pages: CollectionConfig<'pages'> = {
  slug: 'pages',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'slug', 'site', 'order', 'showInMenu', '_status', 'updatedAt'],
    group: 'Content',
    listSearchableFields: ['title', 'slug'],
  },
  // editors move their sites' documents to the trash and back; emptying it is for admins
  access: { read: authenticated, create: authenticated, update: authenticated, delete: trashOrAdminDelete(authenticated) },
  trash: true,
  // scheduled publish: an editor picks a time; Payload's schedulePublish job publishes then (plugins/fleet/schedule)
  versions: { drafts: { schedulePublish: true }, maxPerDoc: 50 },
  defaultSort: 'order',
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    slugField({
      unique: uniqueWithinSite({ collection: 'pages', field: 'slug', label: 'slug' }),
      beforeDuplicate: [freeSlugOnDuplicate],
    }),
    {
      type: 'tabs',
      tabs: [
        {
          label: 'Content',
          fields: [
            { name: 'h1', label: 'Page heading (h1)', type: 'text', maxLength: 200, admin: { description: "The page heading; the title is used when empty. A page that opens with a Hero block has the hero's heading as its h1" } },
            { name: 'blocks', type: 'blocks', blocks: pageBlocks, maxRows: 100 },
          ],
        },
        {
          label: 'Keywords',
          fields: [
            { name: 'keywords', type: 'text', maxLength: 500, admin: { description: 'Main keywords, comma separated; used by the AI prompts' } },
            { name: 'lsiPhrases', label: 'LSI phrases', type: 'textarea', maxLength: 4000, admin: { description: 'Related phrases, one per line' } },
          ],
        },
        {
          label: 'Advanced',
          fields: [
            urlField({ name: 'canonicalUrl', label: 'Canonical URL', overrides: { admin: { description: 'Leave empty for the page\'s own URL' } } }),
            codeField({
              name: 'customHeadHtml',
              label: 'Custom head HTML',
              language: 'html',
              description: 'Inserted into <head> as written. Only admins can change it.',
              overrides: { access: { create: isAdminField, update: isAdminField }, maxLength: 20_000 },
            }),
          ],
        },
      ],
    },
    {
      type: 'row',
      admin: { position: 'sidebar' },
      fields: [
        { name: 'order', type: 'number', defaultValue: 0, index: true },
        { name: 'showInMenu', label: 'Show in menu', type: 'checkbox', defaultValue: true },
      ],
    },
    { name: 'menuLabel', label: 'Menu label', type: 'text', maxLength: 60, admin: { position: 'sidebar', description: 'Shorter text for menus; the title when empty' } },
  ],
  hooks: { afterChange: [defaultHomePage] },
  indexes: [{ fields: ['site', 'slug'], unique: true }],
}
