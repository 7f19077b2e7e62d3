import type { Field } from 'payload'

import { validateHttpUrl } from './validators'

/** One card of a swiper (a game, offer or product), shared by presets and inline swiper blocks. */
export const swiperItemFields: Field[] = [
  { name: 'title', type: 'text', required: true, maxLength: 200 },
  { name: 'image', type: 'upload', relationTo: 'media' },
  {
    type: 'row',
    fields: [
      { name: 'rating', type: 'number', min: 0, max: 5, admin: { step: 0.1 } },
      { name: 'badge', type: 'text', maxLength: 40 },
    ],
  },
  { name: 'description', type: 'textarea', maxLength: 500 },
  {
    type: 'row',
    fields: [
      {
        name: 'url',
        type: 'text',
        label: 'Link URL',
        validate: (value: unknown) => validateHttpUrl(value),
      },
      {
        name: 'affiliateLink',
        label: 'Affiliate link',
        type: 'relationship',
        relationTo: 'affiliate-links',
        admin: { description: 'Takes precedence over the URL; clicks are counted.' },
      },
    ],
  },
]
