import type { CollectionConfig } from 'payload'

import { hiddenFromEditors } from '@/access/hiddenFromEditors'
import { hasSiteAccess } from '@/access/siteAccess'
import { jsonView } from '@/fields/jsonView'
import { labelledOptions } from '@/fields/options'
import { BATCHES_SLUG } from '../constants'

/**
 * A "Generate page" or "Generate site" run: created by POST /api/ai/bulk,
 * advanced by the aiGenerateBatch job, which writes progress and one
 * result line per block as it goes.
 */
export const AiBatches: CollectionConfig = {
  slug: BATCHES_SLUG,
  labels: { singular: 'AI bulk run', plural: 'AI bulk runs' },
  admin: {
    // editors start and follow a run from the page or site (Generate all); the list of runs is for admins
    hidden: hiddenFromEditors,
    group: 'AI',
    useAsTitle: 'label',
    defaultColumns: ['createdAt', 'label', 'site', 'status', 'progress', 'requestedBy'],
  },
  // written only by the app's own jobs and servers, never edited in the admin: nothing to lock (and no lock lookup per write)
  lockDocuments: false,
  access: { read: hasSiteAccess(), create: () => false, update: () => false, delete: () => false },
  defaultSort: '-createdAt',
  fields: [
    { name: 'label', type: 'text', admin: { readOnly: true } },
    {
      type: 'row',
      fields: [
        // not required: emptied when the site is deleted for good, the record (and what it cost) stays for admins
        { name: 'site', type: 'relationship', relationTo: 'sites', index: true, admin: { readOnly: true } },
        { name: 'page', type: 'relationship', relationTo: 'pages', admin: { readOnly: true, description: 'Empty for a whole site' } },
        { name: 'requestedBy', label: 'Requested by', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'scope', type: 'select', required: true, options: labelledOptions({ page: 'Page', site: 'Site' }), admin: { readOnly: true } },
        { name: 'force', type: 'checkbox', defaultValue: false, admin: { readOnly: true, description: 'Regenerate blocks that already have content' } },
        {
          name: 'status',
          type: 'select',
          required: true,
          defaultValue: 'queued',
          index: true,
          options: labelledOptions({ queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed' }),
          admin: { readOnly: true },
        },
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
            { name: 'total', type: 'number', defaultValue: 0 },
            { name: 'done', type: 'number', defaultValue: 0 },
            { name: 'generated', type: 'number', defaultValue: 0 },
            { name: 'skipped', type: 'number', defaultValue: 0 },
            { name: 'failed', type: 'number', defaultValue: 0 },
            { name: 'tokens', type: 'number', defaultValue: 0 },
          ],
        },
      ],
    },
    jsonView({
      name: 'results',
      admin: { description: 'One line per block: { page, blockIndex, blockType, status, message }' },
    }),
    { name: 'error', type: 'textarea', admin: { readOnly: true } },
    {
      type: 'row',
      fields: [
        { name: 'startedAt', label: 'Started', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'finishedAt', label: 'Finished', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
  ],
  timestamps: true,
}
