import type { CollectionConfig } from 'payload'

import { authenticated, isAdmin } from '@/access'
import { blockTypeOptions } from '@/blocks'
import { jsonField } from '@/fields/jsonField'
import { validateColorMap, validateSitePath, validateVariableName } from '@/fields/validators'
import { refuseDeleteWhileUsed, refuseTrashWhileUsed } from '../hooks/refuseDeleteWhileUsed'

const liquid = (name: string, description?: string) => ({
  name,
  type: 'code' as const,
  maxLength: 500_000,
  admin: { language: 'html', description },
})

/** A site cannot be built without its template: the sites using it (in the trash too) must choose another first. */
const usedBySites = { by: 'sites', field: 'template', fix: 'choose another template there first' } as const

export const Templates: CollectionConfig<'templates'> = {
  slug: 'templates',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'type', 'updatedAt'], group: 'Design' },
  access: { read: authenticated, create: isAdmin, update: isAdmin, delete: isAdmin },
  trash: true,
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'name', type: 'text', required: true, unique: true, maxLength: 120 },
        {
          name: 'type',
          type: 'select',
          required: true,
          defaultValue: 'monolithic',
          options: [
            { label: 'Monolithic (one layout)', value: 'monolithic' },
            { label: 'Sectional (ordered sections)', value: 'sectional' },
          ],
        },
      ],
    },
    { name: 'description', type: 'textarea', maxLength: 2000 },
    {
      type: 'tabs',
      tabs: [
        {
          label: 'Layout',
          fields: [
            liquid('html', 'The page layout in Liquid. Blocks render into {{ content }}. Monolithic templates use this; sectional ones may leave it empty.'),
            { ...liquid('css'), admin: { language: 'css' } },
            { ...liquid('js'), admin: { language: 'javascript' } },
            liquid('menuHtml', 'Partial for the main menu'),
            liquid('footerMenuHtml', 'Partial for the footer menu'),
            liquid('faqHtml', 'Partial for FAQ blocks'),
          ],
        },
        {
          label: 'Sections',
          fields: [
            {
              name: 'sections',
              type: 'array',
              admin: { description: 'Sectional templates render these in order' },
              fields: [
                {
                  type: 'row',
                  fields: [
                    {
                      name: 'type',
                      type: 'select',
                      required: true,
                      options: ['header', 'menu', 'hero', 'content', 'sidebar', 'footer', 'footer_menu', 'custom'],
                      admin: { description: 'A hero section is left out on pages that open with a Hero block (the block is their heading band)' },
                    },
                    { name: 'name', type: 'text', required: true, maxLength: 80 },
                    { name: 'order', type: 'number', defaultValue: 0 },
                  ],
                },
                liquid('html'),
                { ...liquid('css'), admin: { language: 'css' } },
              ],
            },
          ],
        },
        {
          label: 'Blocks',
          fields: [
            {
              name: 'availableBlocks',
              type: 'select',
              hasMany: true,
              options: blockTypeOptions,
              admin: { description: 'Block types this template supports; empty means all' },
            },
            {
              name: 'blockTemplates',
              type: 'array',
              admin: { description: 'Liquid overrides of the default block partials' },
              fields: [
                { name: 'blockType', type: 'select', required: true, options: blockTypeOptions },
                { ...liquid('html'), required: true },
              ],
            },
          ],
        },
        {
          label: 'Variables & colours',
          fields: [
            {
              name: 'variables',
              type: 'array',
              fields: [
                {
                  type: 'row',
                  fields: [
                    { name: 'name', type: 'text', required: true, validate: (value: unknown) => validateVariableName(value) },
                    { name: 'required', type: 'checkbox', defaultValue: false },
                  ],
                },
                { name: 'defaultValue', type: 'textarea', maxLength: 10_000 },
                { name: 'description', type: 'text', maxLength: 300 },
              ],
            },
            jsonField({
              name: 'colorVariables',
              description: 'Default colours, e.g. {"primary": "#1d4ed8", "text": "#111827"}; sites may override them',
              shape: validateColorMap,
            }),
            {
              name: 'preservedClasses',
              type: 'textarea',
              admin: { description: 'Classes never renamed by the fingerprint (framework utilities, widgets), one per line or space separated' },
            },
          ],
        },
        {
          label: 'Output & assets',
          fields: [
            {
              type: 'row',
              fields: [
                {
                  name: 'cssOutput',
                  type: 'select',
                  required: true,
                  defaultValue: 'external',
                  options: [
                    { label: 'Inline <style>', value: 'inline' },
                    { label: 'External file', value: 'external' },
                    { label: 'Async (non-blocking)', value: 'async' },
                    { label: 'Path only', value: 'path_only' },
                  ],
                },
                {
                  name: 'jsOutput',
                  type: 'select',
                  required: true,
                  defaultValue: 'defer',
                  options: [
                    { label: 'Inline <script>', value: 'inline' },
                    { label: 'External file', value: 'external' },
                    { label: 'Deferred', value: 'defer' },
                    { label: 'Async', value: 'async' },
                    { label: 'Path only', value: 'path_only' },
                  ],
                },
              ],
            },
            {
              name: 'assets',
              type: 'array',
              fields: [
                {
                  name: 'path',
                  type: 'text',
                  required: true,
                  admin: { description: "Under the footprint's theme path; the template's CSS reaches it as /theme/<path>" },
                  validate: (value: unknown) => (value ? validateSitePath(value) : 'Enter where the file goes in the site, e.g. fonts/inter.woff2'),
                },
                { name: 'file', type: 'upload', relationTo: 'template-assets', required: true },
              ],
            },
          ],
        },
      ],
    },
  ],
  hooks: { beforeChange: [refuseTrashWhileUsed(usedBySites)], beforeDelete: [refuseDeleteWhileUsed(usedBySites)] },
}
