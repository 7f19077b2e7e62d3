import type { CollectionConfig } from 'payload'

import { authenticated, isAdmin } from '@/access'
import { jsonField } from '@/fields/jsonField'
import { validateSitePath, validateStringMap } from '@/fields/validators'

const pathField = (name: string, placeholder: string) => ({
  name,
  type: 'text' as const,
  admin: { placeholder },
  validate: (value: unknown) => validateSitePath(value),
})

export const TemplateFootprints: CollectionConfig<'template-footprints'> = {
  slug: 'template-footprints',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'cms', 'pageUrlStyle'], group: 'Design' },
  access: { read: authenticated, create: isAdmin, update: isAdmin, delete: isAdmin },
  fields: [
    { name: 'name', type: 'text', required: true, unique: true, maxLength: 120 },
    {
      type: 'row',
      fields: [
        {
          name: 'cms',
          type: 'select',
          required: true,
          defaultValue: 'none',
          options: [
            { label: 'WordPress', value: 'wordpress' },
            { label: 'Joomla', value: 'joomla' },
            { label: 'Drupal', value: 'drupal' },
            { label: 'Custom', value: 'custom' },
            { label: 'None', value: 'none' },
          ],
        },
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
      ],
    },
    pathField('themePath', 'wp-content/themes/{theme}'),
    pathField('assetsPath', 'wp-content/themes/{theme}/assets'),
    pathField('imagesPath', 'wp-content/uploads/{year}/{month}'),
    pathField('cssPath', 'wp-content/themes/{theme}/css'),
    pathField('jsPath', 'wp-includes/js'),
    jsonField({
      name: 'pathVariables',
      description: 'Values for {variables} in the paths, e.g. {"theme": "astra", "year": "2024", "month": "05"}',
      shape: validateStringMap,
    }),
    {
      name: 'generatePhpFiles',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'Also emit the stub files this CMS is recognised by (e.g. wp-login.php, xmlrpc.php)' },
    },
  ],
}
