import type { CollectionConfig } from 'payload'

import { hiddenFromEditors, isAdmin } from '@/access'
import { IMPORT_STATUSES, IMPORTS_SLUG } from '../constants'

const nobody = () => false

/**
 * One "Import sites from CSV" run: made by POST /api/site-imports with the file's plan (rows to make, rows that
 * exist, problems per row and column), advanced by the importSites job, which writes each row's result as it
 * goes. Admins only, like creating sites.
 */
export const SiteImports: CollectionConfig = {
  slug: IMPORTS_SLUG,
  labels: { singular: 'Site import', plural: 'Site imports' },
  admin: {
    group: 'Sites',
    useAsTitle: 'label',
    defaultColumns: ['createdAt', 'label', 'status', 'counts', 'requestedBy'],
    hidden: hiddenFromEditors,
  },
  // written only by the endpoint and the job
  lockDocuments: false,
  access: { read: isAdmin, create: nobody, update: nobody, delete: isAdmin },
  defaultSort: '-createdAt',
  fields: [
    { name: 'label', type: 'text', admin: { readOnly: true } },
    {
      type: 'row',
      fields: [
        { name: 'status', type: 'select', required: true, defaultValue: 'queued', index: true, options: IMPORT_STATUSES.map((value) => ({ label: value[0]!.toUpperCase() + value.slice(1), value })), admin: { readOnly: true } },
        { name: 'requestedBy', label: 'Requested by', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
        { name: 'fileName', label: 'File', type: 'text', admin: { readOnly: true } },
        { name: 'fileHash', label: 'File hash', type: 'text', index: true, admin: { readOnly: true, description: 'The SHA-256 of the file: the same file imported again has the same hash (and makes nothing twice)' } },
      ],
    },
    {
      name: 'counts',
      type: 'group',
      admin: { readOnly: true },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'rows', type: 'number', defaultValue: 0, admin: { description: 'Sites in the file' } },
            { name: 'invalid', type: 'number', defaultValue: 0, admin: { description: 'Rows refused (see problems): nothing of them is made' } },
            { name: 'toCreate', label: 'To create', type: 'number', defaultValue: 0 },
            { name: 'done', type: 'number', defaultValue: 0, admin: { description: 'Rows the job has finished' } },
            { name: 'created', type: 'number', defaultValue: 0 },
            { name: 'skipped', type: 'number', defaultValue: 0, admin: { description: 'Rows whose site exists as the row describes it' } },
            { name: 'failed', type: 'number', defaultValue: 0 },
          ],
        },
      ],
    },
    { name: 'problems', type: 'json', admin: { readOnly: true, description: 'Rows refused: [{row, column, reason}]; the header is row 1' } },
    { name: 'rows', type: 'json', admin: { readOnly: true, description: 'What each valid row makes, and (once the job got to it) its result: created, exists (skipped) or failed, with the site and any clone or AI run' } },
    { name: 'error', type: 'textarea', admin: { readOnly: true } },
    {
      type: 'row',
      fields: [
        { name: 'startedAt', label: 'Started', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'finishedAt', label: 'Finished', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'durationMs', label: 'Duration (ms)', type: 'number', admin: { readOnly: true } },
      ],
    },
  ],
}
