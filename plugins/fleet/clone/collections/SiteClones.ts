import type { CollectionConfig } from 'payload'

import { hasSiteAccess } from '@/access/siteAccess'
import { CLONE_STATUSES, CLONES_SLUG } from '../constants'

const nobody = () => false

/**
 * One "Clone site" run: made by POST /api/sites/:id/clone (with the new site, empty until the job fills it),
 * advanced by the cloneSite job, which writes the phase and counts as it goes. `site` is the clone, so the
 * editors of the new site see the record (the requester is one of them).
 */
export const SiteClones: CollectionConfig = {
  slug: CLONES_SLUG,
  labels: { singular: 'Site clone', plural: 'Site clones' },
  admin: {
    group: 'Sites',
    useAsTitle: 'label',
    defaultColumns: ['createdAt', 'label', 'status', 'phase', 'progress', 'requestedBy'],
  },
  // written only by the endpoint and the job
  lockDocuments: false,
  access: { read: hasSiteAccess(), create: nobody, update: nobody, delete: nobody },
  defaultSort: '-createdAt',
  fields: [
    { name: 'label', type: 'text', admin: { readOnly: true } },
    {
      type: 'row',
      fields: [
        // not required: emptied (ON DELETE SET NULL) when either site is deleted for good; the record stays
        { name: 'source', type: 'relationship', relationTo: 'sites', admin: { readOnly: true, description: 'The site cloned' } },
        { name: 'site', type: 'relationship', relationTo: 'sites', index: true, admin: { readOnly: true, description: 'The new site' } },
        { name: 'requestedBy', label: 'Requested by', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'status', type: 'select', required: true, defaultValue: 'queued', index: true, options: CLONE_STATUSES.map((value) => ({ label: value[0]!.toUpperCase() + value.slice(1), value })), admin: { readOnly: true } },
        { name: 'phase', type: 'text', admin: { readOnly: true, description: 'What the job is copying now' } },
        { name: 'rewriteWithAi', label: 'Rewrite with AI', type: 'checkbox', defaultValue: false, admin: { readOnly: true, description: 'Pages copied as drafts and rewritten by an AI bulk run' } },
      ],
    },
    {
      name: 'progress',
      type: 'group',
      admin: { readOnly: true },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'total', type: 'number', defaultValue: 0, admin: { description: 'Documents to copy' } },
            { name: 'done', type: 'number', defaultValue: 0 },
            { name: 'pages', type: 'number', defaultValue: 0 },
            { name: 'media', type: 'number', defaultValue: 0 },
            { name: 'presets', type: 'number', defaultValue: 0 },
            { name: 'links', type: 'number', defaultValue: 0 },
            { name: 'folders', type: 'number', defaultValue: 0 },
          ],
        },
      ],
    },
    { name: 'aiBatch', label: 'AI bulk run', type: 'relationship', relationTo: 'ai-batches', admin: { readOnly: true, description: 'The AI bulk run that rewrites the clone\'s pages' } },
    { name: 'warnings', type: 'textarea', admin: { readOnly: true } },
    { name: 'error', type: 'textarea', admin: { readOnly: true } },
    {
      type: 'row',
      fields: [
        { name: 'startedAt', label: 'Started', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'finishedAt', label: 'Finished', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'durationMs', label: 'Duration (ms)', type: 'number', admin: { readOnly: true } },
      ],
    },
    { name: 'timings', type: 'json', admin: { readOnly: true, description: 'Milliseconds per phase (folders, media, links, presets, pages, linking, site; reading: of the source\'s pages) and pagesWrittenTwice (pages that linked to pages copied after them)' } },
  ],
}
