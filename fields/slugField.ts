import type { TextField, Validate } from 'payload'

import { slugify, validateSlug } from './validators'

type UniqueCheck = (value: string, args: Parameters<Validate>[1]) => Promise<true | string> | true | string

type Options = {
  from?: string
  /** Called with a well-formed slug; returns a message when another document of the same scope already has it. */
  unique?: UniqueCheck
  overrides?: Partial<TextField>
}

export const slugField = ({ from = 'title', unique, overrides = {} }: Options = {}): TextField =>
  ({
    name: 'slug',
    type: 'text',
    required: true,
    index: true,
    admin: {
      position: 'sidebar',
      description: `Made from the ${from} when left empty. Lowercase letters, digits, hyphens; "index" is the home page.`,
    },
    hooks: {
      beforeValidate: [
        ({ value, siblingData }) => {
          if (typeof value === 'string' && value.trim() !== '') return value.trim()
          const source = siblingData?.[from]
          return typeof source === 'string' ? slugify(source) : value
        },
      ],
    },
    validate: async (value: unknown, args: Parameters<Validate>[1]) => {
      const format = validateSlug(value)
      if (format !== true) return format
      return unique ? unique(value as string, args) : true
    },
    ...overrides,
  }) as TextField
