import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { authenticated, hiddenFromEditors, isAdmin } from '@/access'
import { blockTypeOptions } from '@/blocks'

/** Editing the words of a prompt makes a new version, so generations can be traced to what produced them. */
const bumpVersion: CollectionBeforeChangeHook = ({ data, originalDoc, operation }) => {
  if (operation !== 'update' || !originalDoc) return data
  const changed = ['template', 'systemPrompt', 'model', 'provider'].some(
    (key) => key in data && data[key] !== originalDoc[key],
  )
  return changed ? { ...data, version: (originalDoc.version ?? 1) + 1 } : data
}

export const Prompts: CollectionConfig<'prompts'> = {
  slug: 'prompts',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'type', 'blockType', 'provider', 'model', 'active', 'version'], group: 'AI', hidden: hiddenFromEditors },
  access: { read: authenticated, create: isAdmin, update: isAdmin, delete: isAdmin },
  trash: true,
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      type: 'row',
      fields: [
        { name: 'type', type: 'select', required: true, defaultValue: 'text', options: [
          { label: 'Text', value: 'text' },
          { label: 'Image', value: 'image' },
        ] },
        {
          name: 'blockType',
          label: 'Block type',
          type: 'select',
          required: true,
          defaultValue: 'any',
          options: [
            { label: 'Any block', value: 'any' },
            ...blockTypeOptions,
            { label: 'Meta title', value: 'metaTitle' },
            { label: 'Meta description', value: 'metaDescription' },
          ],
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'provider',
          type: 'select',
          required: true,
          defaultValue: 'openai',
          options: [
            { label: 'OpenAI', value: 'openai' },
            { label: 'Anthropic', value: 'anthropic' },
          ],
        },
        { name: 'model', type: 'text', required: true, defaultValue: 'gpt-4o-mini', maxLength: 100 },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'temperature', type: 'number', min: 0, max: 2, defaultValue: 0.7, admin: { step: 0.1 } },
        { name: 'maxTokens', label: 'Max tokens', type: 'number', min: 1, max: 64_000, defaultValue: 1500 },
      ],
    },
    { name: 'systemPrompt', label: 'System prompt', type: 'textarea', maxLength: 20_000 },
    {
      name: 'template',
      type: 'textarea',
      required: true,
      maxLength: 20_000,
      admin: {
        description:
          'Liquid text. Variables: {{ keywords }}, {{ lsi }}, {{ brand_name }}, {{ domain }}, {{ title }}, {{ h1 }}, {{ language }}, {{ block_type }}',
      },
    },
    {
      type: 'row',
      fields: [
        { name: 'active', type: 'checkbox', defaultValue: true },
        { name: 'version', type: 'number', defaultValue: 1, admin: { readOnly: true } },
      ],
    },
  ],
  hooks: { beforeChange: [bumpVersion] },
}
