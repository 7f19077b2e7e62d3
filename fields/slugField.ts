import type { FieldHook, TextField, Validate } from 'payload'

import { slugify, validateSlug } from './validators'

type UniqueCheck = (value: string, args: Parameters<Validate>[1]) => Promise<true | string> | true | string

type Options = {
  from?: string
  /** Called with a well-formed slug; returns a message when another document of the same scope already has it. */
  unique?: UniqueCheck
  /** What a duplicated document's slug becomes (Payload copies it as it is, which a unique slug refuses). */
  beforeDuplicate?: FieldHook[]
  overrides?: Partial<TextField>
}

/** The slug an empty slug field gets from its source field ('' when there is nothing to make it from). */
export const madeFrom = (siblingData: unknown, from: string): string => {
  const source = siblingData && typeof siblingData === 'object' ? (siblingData as Record<string, unknown>)[from] : undefined
  return typeof source === 'string' ? slugify(source) : ''
}

export const slugField = ({ from = 'title', unique, beforeDuplicate, overrides = {} }: Options = {}): TextField =>
  ({
    name: 'slug',
    type: 'text',
    // not marked required: an empty slug is made from the title (the hook below), so the form must not ask for one
    index: true,
    admin: {
      position: 'sidebar',
      description: `Made from the ${from} when left empty. Lowercase letters, digits, hyphens; "index" is the home page.`,
    },
    hooks: {
      ...(beforeDuplicate ? { beforeDuplicate } : {}),
      beforeValidate: [
        ({ value, siblingData }) => {
          if (typeof value === 'string' && value.trim() !== '') return value.trim()
          const source = siblingData?.[from]
          return typeof source === 'string' ? slugify(source) : value
        },
      ],
    },
    // the admin validates before the hook has run: an empty slug is judged as the one the title will make
    validate: async (value: unknown, args: Parameters<Validate>[1]) => {
      const slug = typeof value === 'string' && value.trim() !== '' ? value.trim() : madeFrom(args?.siblingData, from)
      if (slug === '') return `Enter a slug, or a ${from} with letters or digits to make one from (e.g. about-us; "index" for the home page)`
      const format = validateSlug(slug)
      if (format !== true) return format
      return unique ? unique(slug, args) : true
    },
    ...overrides,
  }) as TextField
