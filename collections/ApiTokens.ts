import type { CollectionConfig } from 'payload'

import { hiddenFromEditors, isAdmin, nobody } from '@/access'
import { denySecretQueries, encryptedField } from '@/fields/encrypted'

export const ApiTokens: CollectionConfig<'api-tokens'> = {
  slug: 'api-tokens',
  labels: { singular: 'API token', plural: 'API tokens' },
  admin: {
    hidden: hiddenFromEditors,
    useAsTitle: 'label',
    defaultColumns: ['label', 'service', 'secretMask', 'active', 'lastUsedAt'],
    group: 'Settings',
    description: 'Credentials for OpenAI, Anthropic and Cloudflare. Secrets are encrypted and never shown again.',
  },
  access: { read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
  fields: [
    { name: 'label', type: 'text', required: true, maxLength: 120 },
    {
      name: 'service',
      type: 'select',
      required: true,
      options: [
        { label: 'OpenAI', value: 'openai' },
        { label: 'Anthropic', value: 'anthropic' },
        { label: 'Cloudflare', value: 'cloudflare' },
        { label: 'ElevenLabs', value: 'elevenlabs' },
        { label: 'Other', value: 'other' },
      ],
    },
    ...encryptedField({ name: 'secret', label: 'Secret', required: true }),
    {
      name: 'accountId',
      label: 'Account ID',
      type: 'text',
      maxLength: 64,
      admin: { description: 'Cloudflare account ID (not secret)', condition: (data) => data?.service === 'cloudflare' },
    },
    { name: 'active', type: 'checkbox', defaultValue: true },
    {
      name: 'lastUsedAt',
      label: 'Last used',
      type: 'date',
      access: { create: nobody, update: nobody },
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
  hooks: { beforeOperation: [denySecretQueries(['secret'])] },
}
