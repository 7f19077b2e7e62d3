import type { CollectionConfig } from 'payload'

import { authenticated, hiddenFromEditors, isAdmin } from '@/access'
import { blockTypeOptions } from '@/blocks'
import { codeField } from '@/fields/codeField'
import { colorsField } from '@/fields/colorsField'
import { validateSitePath, validateVariableName } from '@/fields/validators'
import { refuseDeleteWhileUsed, refuseTrashWhileUsed } from '../hooks/refuseDeleteWhileUsed'

const code = (name: string, label: string, language: 'html' | 'css' | 'javascript', description?: string) =>
  codeField({ name, label, language, description, overrides: { maxLength: 500_000 } })
const liquid = (name: string, label: string, description?: string) => code(name, label, 'html', description)

/** A site cannot be built without its template: the sites using it (in the trash too) must choose another first. */
const usedBySites = { by: 'sites', field: 'template', fix: 'choose another template there first' } as const

export const Templates: CollectionConfig<'templates'> = {
  slug: 'templates',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'type', 'updatedAt'], group: 'Design', hidden: hiddenFromEditors },
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
            liquid('html', 'HTML layout', 'The page layout in Liquid. Blocks render into {{ content }}. Monolithic templates use this; sectional ones may leave it empty.'),
            code('css', 'CSS', 'css'),
            code('js', 'JavaScript', 'javascript'),
            liquid('menuHtml', 'Menu partial', 'Partial for the main menu'),
            liquid('footerMenuHtml', 'Footer menu partial', 'Partial for the footer menu'),
            liquid('faqHtml', 'FAQ partial', 'Partial for FAQ blocks'),
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
                      options: [
                        { label: 'Header', value: 'header' },
                        { label: 'Menu', value: 'menu' },
                        { label: 'Hero', value: 'hero' },
                        { label: 'Content', value: 'content' },
                        { label: 'Sidebar', value: 'sidebar' },
                        { label: 'Footer', value: 'footer' },
                        { label: 'Footer menu', value: 'footer_menu' },
                        { label: 'Custom', value: 'custom' },
                      ],
                      admin: { description: 'A hero section is left out on pages that open with a Hero block (the block is their heading band)' },
                    },
                    { name: 'name', type: 'text', required: true, maxLength: 80 },
                    { name: 'order', type: 'number', defaultValue: 0 },
                  ],
                },
                liquid('html', 'HTML'),
                code('css', 'CSS', 'css'),
              ],
            },
          ],
        },
        {
          label: 'Blocks',
          fields: [
            {
              name: 'availableBlocks',
              label: 'Available blocks',
              type: 'select',
              hasMany: true,
              options: blockTypeOptions,
              admin: { description: 'Block types this template supports; empty means all' },
            },
            {
              name: 'blockTemplates',
              label: 'Block templates',
              labels: { singular: 'Block template', plural: 'Block templates' },
              type: 'array',
              admin: { description: 'Liquid overrides of the default block partials' },
              fields: [
                { name: 'blockType', label: 'Block type', type: 'select', required: true, options: blockTypeOptions },
                { ...liquid('html', 'HTML'), required: true },
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
                { name: 'defaultValue', label: 'Default value', type: 'textarea', maxLength: 10_000 },
                { name: 'description', type: 'text', maxLength: 300 },
              ],
            },
            colorsField({
              name: 'colorVariables',
              label: 'Colours',
              description: "Default colours, each a CSS custom property (var(--primary)); a site's colour of the same name wins",
            }),
            {
              name: 'preservedClasses',
              label: 'Preserved classes',
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
                  label: 'CSS output',
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
                  label: 'JavaScript output',
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
