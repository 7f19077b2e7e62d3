import type { ArrayField } from 'payload'

import { acceptLegacyMap } from './keyValueRows'
import { validateUniqueNames, validateVariableName } from './validators'

/**
 * A site's values for its template's variables, one row each, with the
 * template's own description of each (declared under Templates → Variables &
 * colours). Read with `namedValues()`.
 */
export const templateVariablesField = (): ArrayField => ({
  name: 'templateVariables',
  label: 'Template variables',
  type: 'array',
  labels: { singular: 'Variable', plural: 'Variables' },
  maxRows: 200,
  validate: (rows: unknown) => validateUniqueNames(rows, 'Variable'),
  hooks: { beforeValidate: [acceptLegacyMap] },
  admin: {
    description: "Site values win over the template's defaults; an empty value uses the default.",
    initCollapsed: false,
    components: {
      RowLabel: '/fields/components/NamedRowLabel.client#NamedRowLabel',
      beforeInput: ['/fields/components/TemplateVariables.client#DeclaredVariables'],
    },
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'name',
          type: 'text',
          required: true,
          admin: { width: '35%', components: { Field: '/fields/components/TemplateVariables.client#VariableName' } },
          validate: (value: unknown) => validateVariableName(value),
        },
        { name: 'value', type: 'textarea', maxLength: 10_000, admin: { width: '65%', rows: 2 } },
      ],
    },
    {
      name: 'help',
      type: 'ui',
      admin: { components: { Field: '/fields/components/TemplateVariables.client#VariableHelp' } },
    },
  ],
})
