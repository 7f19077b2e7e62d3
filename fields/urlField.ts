import type { TextField } from 'payload'

import { validateHttpUrl } from './validators'

type Options = { name: string; label?: string; required?: boolean; overrides?: Partial<TextField> }

export const urlField = ({ name, label, required = false, overrides = {} }: Options): TextField =>
  ({
    name,
    label,
    type: 'text',
    required,
    maxLength: 2048,
    validate: (value: unknown) => validateHttpUrl(value, { required }),
    admin: { placeholder: 'https://', ...overrides.admin },
    ...overrides,
  }) as TextField
