import type { JSONField } from 'payload'

type Options = {
  name: string
  label?: string
  description?: string
  /** Checks the parsed value's shape and returns a message naming what to fix. */
  shape: (value: unknown) => true | string
  overrides?: Partial<JSONField>
}

export const jsonField = ({ name, label, description, shape, overrides = {} }: Options): JSONField =>
  ({
    name,
    label,
    type: 'json',
    defaultValue: {},
    validate: (value: unknown) => shape(value),
    admin: { description, ...overrides.admin },
    ...overrides,
  }) as JSONField
