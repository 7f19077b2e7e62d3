import type { CollectionConfig } from 'payload'

import { authenticated, hiddenFromEditors, isAdmin } from '@/access'
import { acceptLegacyMap } from '@/fields/keyValueRows'
import { validatePathValue, validateSitePath, validateUniqueNames, validateVariableName } from '@/fields/validators'

const pathField = (name: string, label: string, placeholder: string, description: string) => ({
  name,
  label,
  type: 'text' as const,
  admin: { placeholder, description },
  validate: (value: unknown) => validateSitePath(value),
})

export const TemplateFootprints: CollectionConfig<'template-footprints'> = {
  slug: 'template-footprints',
  labels: { singular: 'Footprint', plural: 'Footprints' },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'pageUrlStyle'], group: 'Design', hidden: hiddenFromEditors },
  access: { read: authenticated, create: isAdmin, update: isAdmin, delete: isAdmin },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, maxLength: 120 },
    {
      name: 'pageUrlStyle',
      label: 'Page URL style',
      type: 'select',
      required: true,
      defaultValue: 'directory',
      options: [
        { label: '/slug/', value: 'directory' },
        { label: '/slug.html', value: 'html' },
        { label: '/slug.php', value: 'php' },
        { label: '/slug.htm', value: 'htm' },
        { label: '/index.php/slug', value: 'index-php' },
      ],
      admin: { description: 'Keeps the URLs of a site moved from another CMS' },
    },
    pathField('themePath', 'Theme path', 'wp-content/themes/{theme}', "Where the template's files go (Output & assets), and what /theme/ in its CSS points at; assets when empty"),
    pathField('imagesPath', 'Images path', 'wp-content/uploads/{year}/{month}', 'Where media files and their sizes go; assets/images when empty'),
    pathField('cssPath', 'CSS path', 'wp-content/themes/{theme}/css', 'Where the stylesheet goes; assets/css when empty'),
    pathField('jsPath', 'JavaScript path', 'wp-includes/js', 'Where the script goes; assets/js when empty'),
    {
      name: 'pathVariables',
      label: 'Path variables',
      type: 'array',
      labels: { singular: 'Path variable', plural: 'Path variables' },
      admin: {
        description: 'Values for {variables} in the paths above, e.g. theme = astra, year = 2024',
        components: { RowLabel: '/fields/components/NamedRowLabel.client#NamedRowLabel' },
      },
      validate: (rows: unknown) => validateUniqueNames(rows, 'Path variable'),
      hooks: { beforeValidate: [acceptLegacyMap] },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', required: true, admin: { width: '40%', placeholder: 'theme' }, validate: (value: unknown) => validateVariableName(value) },
            { name: 'value', type: 'text', required: true, admin: { width: '60%', placeholder: 'astra' }, validate: (value: unknown) => validatePathValue(value) },
          ],
        },
      ],
    },
  ],
}
