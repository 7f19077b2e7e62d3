import type { CollectionConfig } from 'payload'

import { authenticated, isAdmin } from '@/access'
import { jsonField } from '@/fields/jsonField'
import { validateSitePath, validateStringMap } from '@/fields/validators'

const pathField = (name: string, placeholder: string, description: string) => ({
  name,
  type: 'text' as const,
  admin: { placeholder, description },
  validate: (value: unknown) => validateSitePath(value),
})

export const TemplateFootprints: CollectionConfig<'template-footprints'> = {
  slug: 'template-footprints',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'pageUrlStyle'], group: 'Design' },
  access: { read: authenticated, create: isAdmin, update: isAdmin, delete: isAdmin },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, maxLength: 120 },
    {
      name: 'pageUrlStyle',
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
    pathField('themePath', 'wp-content/themes/{theme}', "Where the template's files go (Output & assets), and what /theme/ in its CSS points at; assets when empty"),
    pathField('imagesPath', 'wp-content/uploads/{year}/{month}', 'Where media files and their sizes go; assets/images when empty'),
    pathField('cssPath', 'wp-content/themes/{theme}/css', 'Where the stylesheet goes; assets/css when empty'),
    pathField('jsPath', 'wp-includes/js', 'Where the script goes; assets/js when empty'),
    jsonField({
      name: 'pathVariables',
      description: 'Values for {variables} in the paths, e.g. {"theme": "astra", "year": "2024", "month": "05"}',
      shape: validateStringMap,
    }),
  ],
}
