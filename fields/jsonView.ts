import type { JSONField } from 'payload'

/**
 * A JSON field the app writes and people only read, shown as formatted text
 * (Payload's JSON field would load Monaco from a CDN to show it).
 */
export const jsonView = (field: Omit<JSONField, 'type'> & { type?: 'json' }): JSONField =>
  ({
    ...field,
    type: 'json',
    admin: {
      ...field.admin,
      readOnly: true,
      components: { ...field.admin?.components, Field: '/fields/components/JsonView.client#JsonView' },
    },
  }) as JSONField
