import type { CodeField } from 'payload'

type Options = {
  name: string
  label?: string
  language: 'html' | 'css' | 'javascript'
  description?: string
  overrides?: Partial<CodeField>
}

/**
 * Code edited in our own text area (line numbers, Tab indents): Payload's
 * code field uses Monaco, which it loads from a CDN, and stays blank offline.
 */
export const codeField = ({ name, label, language, description, overrides = {} }: Options): CodeField =>
  ({
    name,
    label,
    type: 'code',
    ...overrides,
    admin: {
      language,
      description,
      ...overrides.admin,
      components: { Field: '/fields/components/CodeTextarea.client#CodeTextarea', ...overrides.admin?.components },
    },
  }) as CodeField
