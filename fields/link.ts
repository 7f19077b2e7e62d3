import type { GroupField } from 'payload'

import { validateHttpUrl } from './validators'

type Options = { name?: string; label?: string; required?: boolean; overrides?: Partial<GroupField> }

/**
 * A link is one of: a page of the same site, an affiliate link (rendered as
 * /go/<code>/ so clicks are counted) or an external http(s) URL.
 */
export const link = ({ name = 'link', label = 'Link', required = false, overrides = {} }: Options = {}): GroupField =>
  ({
    name,
    label,
    type: 'group',
    fields: [
      {
        type: 'row',
        fields: [
          {
            name: 'type',
            type: 'radio',
            defaultValue: 'url',
            options: [
              { label: 'URL', value: 'url' },
              { label: 'Page', value: 'page' },
              { label: 'Affiliate link', value: 'affiliate' },
            ],
            admin: { layout: 'horizontal' },
          },
          { name: 'newTab', type: 'checkbox', label: 'Open in a new tab' },
        ],
      },
      {
        name: 'url',
        type: 'text',
        label: 'URL',
        admin: { condition: (_, sibling) => sibling?.type === 'url' },
        validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
          siblingData?.type === 'url' ? validateHttpUrl(value, { required }) : true,
      },
      {
        name: 'page',
        type: 'relationship',
        relationTo: 'pages',
        admin: { condition: (_, sibling) => sibling?.type === 'page' },
        validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
          required && siblingData?.type === 'page' && !value ? 'Choose the page to link to' : true,
      },
      {
        name: 'affiliateLink',
        label: 'Affiliate link',
        type: 'relationship',
        relationTo: 'affiliate-links',
        admin: { condition: (_, sibling) => sibling?.type === 'affiliate' },
        validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
          required && siblingData?.type === 'affiliate' && !value ? 'Choose the affiliate link' : true,
      },
    ],
    ...overrides,
  }) as GroupField
