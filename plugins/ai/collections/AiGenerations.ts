import type { CollectionConfig } from 'payload'

import { hasSiteAccess } from '@/access/siteAccess'
import { labelledOptions } from '@/fields/options'
import { GENERATIONS_SLUG } from '../constants'
import type { Target } from '../core/blocks'

const readOnly = { readOnly: true }

/**
 * One call to a model: who asked, for what, what it cost. Written only by
 * the server (endpoints, jobs, SEO buttons); through the API it is a
 * read-only history, each editor seeing their own sites.
 */
export const AiGenerations: CollectionConfig = {
  slug: GENERATIONS_SLUG,
  labels: { singular: 'AI generation', plural: 'AI generations' },
  admin: {
    group: 'AI',
    useAsTitle: 'summary',
    defaultColumns: ['createdAt', 'site', 'page', 'target', 'provider', 'model', 'totalTokens', 'costEstimate', 'status'],
    description: 'Every AI call, with tokens and an estimated cost. Read-only.',
    components: { beforeListTable: ['/plugins/ai/components/UsageSummary#UsageSummary'] },
  },
  // written only by the app's own jobs and servers, never edited in the admin: nothing to lock (and no lock lookup per write)
  lockDocuments: false,
  access: { read: hasSiteAccess(), create: () => false, update: () => false, delete: () => false },
  defaultSort: '-createdAt',
  fields: [
    { name: 'summary', type: 'text', admin: readOnly },
    {
      type: 'row',
      fields: [
        // not required: emptied when the site is deleted for good, the record (and what it cost) stays for admins
        { name: 'site', type: 'relationship', relationTo: 'sites', index: true, admin: readOnly },
        { name: 'page', type: 'relationship', relationTo: 'pages', index: true, admin: readOnly },
        { name: 'user', type: 'relationship', relationTo: 'users', admin: readOnly },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'target', label: 'Block / field', type: 'select', options: labelledOptions<Target>({ hero: 'Hero', article: 'Article', textImage: 'Text + image', cta: 'Call to action', faq: 'FAQ', swiper: 'Swiper', gallery: 'Gallery', metaTitle: 'Meta title', metaDescription: 'Meta description', image: 'Image' }), admin: readOnly },
        { name: 'blockIndex', label: 'Block index', type: 'number', admin: readOnly },
        { name: 'blockId', label: 'Block ID', type: 'text', admin: readOnly },
        { name: 'source', type: 'select', options: labelledOptions({ button: 'Generate button', bulk: 'Bulk run', seo: 'SEO field' }), admin: readOnly },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'prompt', type: 'relationship', relationTo: 'prompts', admin: readOnly },
        { name: 'promptVersion', label: 'Prompt version', type: 'number', admin: readOnly },
        { name: 'provider', type: 'select', options: labelledOptions({ openai: 'OpenAI', anthropic: 'Anthropic' }), index: true, admin: readOnly },
        { name: 'model', type: 'text', admin: readOnly },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'inputTokens', label: 'Input tokens', type: 'number', defaultValue: 0, admin: readOnly },
        { name: 'outputTokens', label: 'Output tokens', type: 'number', defaultValue: 0, admin: readOnly },
        { name: 'totalTokens', label: 'Total tokens', type: 'number', defaultValue: 0, admin: readOnly },
        { name: 'costEstimate', label: 'Cost estimate (USD)', type: 'number', admin: { ...readOnly, description: 'Empty when the model is not in the price table' } },
        { name: 'durationMs', label: 'Duration (ms)', type: 'number', admin: readOnly },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'status', type: 'select', required: true, index: true, options: labelledOptions({ success: 'Success', failed: 'Failed', refused: 'Refused', cancelled: 'Cancelled' }), admin: readOnly },
        { name: 'errorCode', label: 'Error code', type: 'text', admin: readOnly },
      ],
    },
    { name: 'error', type: 'textarea', admin: readOnly },
    { name: 'promptText', label: 'Prompt sent', type: 'textarea', admin: readOnly },
    { name: 'output', type: 'textarea', admin: readOnly },
  ],
  timestamps: true,
}
