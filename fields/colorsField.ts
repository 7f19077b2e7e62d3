import type { ArrayField } from 'payload'

import { acceptLegacyMap } from './keyValueRows'
import { validateColorName, validateHexColor, validateUniqueNames } from './validators'

type Options = {
  name: string
  label?: string
  description?: string
  overrides?: Partial<ArrayField>
}

/**
 * Named colours, one row each: a name (the CSS custom property `--name`) and
 * a hex value chosen with a colour picker. Read with `namedValues()`.
 */
export const colorsField = ({ name, label, description, overrides = {} }: Options): ArrayField =>
  ({
    name,
    label,
    type: 'array',
    labels: { singular: 'Colour', plural: 'Colours' },
    maxRows: 64,
    validate: (rows: unknown) => validateUniqueNames(rows, 'Colour'),
    hooks: { beforeValidate: [acceptLegacyMap] },
    admin: {
      description,
      initCollapsed: false,
      components: { RowLabel: '/fields/components/NamedRowLabel.client#NamedRowLabel' },
      ...overrides.admin,
    },
    fields: [
      {
        type: 'row',
        fields: [
          {
            name: 'name',
            type: 'text',
            required: true,
            admin: { width: '35%', placeholder: 'primary', description: 'Used in the CSS as var(--name)' },
            validate: (value: unknown) => validateColorName(value),
          },
          {
            name: 'value',
            label: 'Colour',
            type: 'text',
            required: true,
            admin: { width: '65%', components: { Field: '/fields/components/ColorInput.client#ColorInput' } },
            validate: (value: unknown) => validateHexColor(value),
          },
        ],
      },
    ],
    ...overrides,
  }) as ArrayField
