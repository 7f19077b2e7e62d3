import type { CollectionConfig } from 'payload'

import { authenticated, canDeleteSite, isAdmin, isAdminField } from '@/access'
import { colorsField } from '@/fields/colorsField'
import { templateVariablesField } from '@/fields/templateVariablesField'
import { normalizeDomain, validateDomain } from '@/fields/validators'
import { classPrefixOnCreate, validateClassPrefix } from './classPrefix'
import { pagesOfThisSite } from './homePage'

/** Validation runs on the server, where the environment is: a site may then name no stored token. */
const hasCloudflareEnvCredentials = (): boolean =>
  typeof process !== 'undefined' && Boolean(process.env?.CLOUDFLARE_API_TOKEN && process.env?.CLOUDFLARE_ACCOUNT_ID)

export const Sites: CollectionConfig<'sites'> = {
  slug: 'sites',
  admin: {
    useAsTitle: 'domain',
    defaultColumns: ['domain', 'brandName', 'language', 'template', 'autoDeploy'],
    group: 'Sites',
    listSearchableFields: ['domain', 'brandName'],
    // Payload's own Delete asks for nothing: this one asks for the domain (canDeleteSite offers no other way)
    components: { edit: { editMenuItems: ['/collections/Sites/components/MoveToTrash.client#MoveToTrash'] } },
  },
  access: {
    read: authenticated,
    create: isAdmin,
    update: authenticated,
    delete: canDeleteSite,
  },
  // with its pages, media, presets and links (plugins/site-trash); the published site stays as it is
  trash: true,
  fields: [
    {
      type: 'tabs',
      tabs: [
        {
          label: 'Site',
          fields: [
            {
              name: 'domain',
              type: 'text',
              required: true,
              unique: true,
              index: true,
              admin: { description: 'The host name the site is served on, without https:// (e.g. best-guides.com)' },
              hooks: { beforeValidate: [({ value }) => (typeof value === 'string' ? normalizeDomain(value) : value)] },
              validate: (value: unknown) => validateDomain(value),
            },
            { name: 'brandName', label: 'Brand name', type: 'text', required: true, maxLength: 120 },
            {
              type: 'row',
              fields: [
                { name: 'language', type: 'relationship', relationTo: 'languages', required: true, filterOptions: { active: { equals: true } } },
                {
                  name: 'urlStyle',
                  label: 'URL style',
                  type: 'select',
                  defaultValue: 'footprint',
                  options: [
                    { label: 'As the footprint says', value: 'footprint' },
                    { label: '/slug/', value: 'directory' },
                    { label: '/slug.html', value: 'html' },
                    { label: '/slug.php', value: 'php' },
                  ],
                },
              ],
            },
            {
              type: 'row',
              fields: [
                { name: 'logo', type: 'upload', relationTo: 'media' },
                { name: 'favicon', type: 'upload', relationTo: 'media' },
              ],
            },
            {
              type: 'row',
              fields: [
                { name: 'allowIndexing', label: 'Allow search engines', type: 'checkbox', defaultValue: true, admin: { description: 'Off: robots.txt disallows all and pages get noindex' } },
                { name: 'redirect404ToHome', label: 'Redirect 404s to the home page', type: 'checkbox', defaultValue: false },
                { name: 'useWww', label: 'Use www', type: 'checkbox', defaultValue: false, admin: { description: 'Canonical URLs use www.' } },
              ],
            },
            {
              name: 'homePage',
              label: 'Home page',
              type: 'relationship',
              relationTo: 'pages',
              filterOptions: pagesOfThisSite,
              admin: { description: 'The page served at "/" (the logo and Home links lead there), whatever its slug. The first page created until you choose another.' },
            },
            {
              name: 'homePageNotice',
              type: 'ui',
              admin: { disableListColumn: true, components: { Field: '/collections/Sites/components/HomePageNotice#HomePageNotice' } },
            },
            {
              name: 'pages',
              type: 'join',
              collection: 'pages',
              on: 'site',
              where: { deletedAt: { exists: false } },
              defaultLimit: 20,
              admin: { defaultColumns: ['title', 'slug', 'order', '_status'] },
            },
            {
              name: 'affiliateLinks',
              label: 'Affiliate links',
              type: 'join',
              collection: 'affiliate-links',
              on: 'site',
              where: { deletedAt: { exists: false } },
              admin: { defaultColumns: ['name', 'code', 'url', 'clicks'] },
            },
          ],
        },
        {
          label: 'Design',
          fields: [
            {
              type: 'row',
              fields: [
                { name: 'template', type: 'relationship', relationTo: 'templates', required: true },
                { name: 'footprint', type: 'relationship', relationTo: 'template-footprints' },
              ],
            },
            templateVariablesField(),
            colorsField({
              name: 'customColors',
              label: 'Custom colours',
              description: "The site's brand colours, over the template's colours of the same name (e.g. primary, accent).",
            }),
            {
              name: 'uniqueClassPrefix',
              label: 'CSS class prefix',
              type: 'text',
              index: true,
              admin: { description: 'Prefix for the site\'s CSS classes, generated once. Changing it renames every class on the next deploy.' },
              hooks: { beforeChange: [classPrefixOnCreate] },
              validate: (value: unknown) => validateClassPrefix(value),
            },
            { name: 'enablePageSpeed', label: 'Optimise for page speed', type: 'checkbox', defaultValue: true, admin: { description: 'Responsive AVIF/WebP images in <picture>, lazy loading below the first image (pages are minified either way)' } },
          ],
        },
        {
          label: 'Publishing',
          fields: [
            {
              name: 'publishing',
              type: 'group',
              fields: [
                {
                  name: 'target',
                  label: 'Publish to',
                  type: 'select',
                  required: true,
                  defaultValue: 'filesystem',
                  // where a site goes live, and with whose credentials, is for admins; editors see it and deploy
                  access: { create: isAdminField, update: isAdminField },
                  options: [
                    { label: 'Local folder', value: 'filesystem' },
                    { label: 'Cloudflare Pages', value: 'cloudflare-pages' },
                  ],
                },
                {
                  name: 'cloudflareToken',
                  label: 'Cloudflare API token',
                  type: 'relationship',
                  relationTo: 'api-tokens',
                  filterOptions: { service: { equals: 'cloudflare' } },
                  access: { create: isAdminField, update: isAdminField },
                  admin: {
                    condition: (_, sibling) => sibling?.target === 'cloudflare-pages',
                    description:
                      'A Cloudflare API token with Pages edit permission (managed by admins under API tokens); when none is chosen, the server\'s CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID are used',
                  },
                  validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
                    siblingData?.target === 'cloudflare-pages' && !value && !hasCloudflareEnvCredentials()
                      ? 'Choose the Cloudflare API token to publish with (the server has no CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID to fall back on)'
                      : true,
                },
                {
                  name: 'cloudflareProject',
                  label: 'Cloudflare Pages project',
                  type: 'text',
                  access: { create: isAdminField, update: isAdminField },
                  admin: {
                    condition: (_, sibling) => sibling?.target === 'cloudflare-pages',
                    description: 'Pages project name; made from the domain when empty',
                  },
                  validate: (value: unknown) =>
                    value === undefined || value === null || value === '' || (typeof value === 'string' && /^[a-z0-9](?:[a-z0-9-]{0,56}[a-z0-9])?$/.test(value))
                      ? true
                      : 'A Pages project name is 1–58 lowercase letters, digits and hyphens',
                },
              ],
            },
            { name: 'autoDeploy', label: 'Deploy automatically', type: 'checkbox', defaultValue: false, admin: { description: 'Publish automatically after content changes' } },
          ],
        },
        {
          label: 'Analytics & AI',
          fields: [
            { name: 'keywords', type: 'text', maxLength: 500, admin: { description: "The site's main keywords, comma separated: the AI prompts use them for pages that have none of their own" } },
            { name: 'analyticsEnabled', label: 'Collect analytics', type: 'checkbox', defaultValue: true, admin: { description: 'Inject the tracker and accept page views for this site' } },
            {
              name: 'aiMonthlyTokenBudget',
              label: 'AI monthly token budget',
              type: 'number',
              min: 0,
              admin: { description: 'Maximum AI tokens (input + output) per calendar month; empty means no limit' },
              access: { update: isAdminField, create: isAdminField },
            },
          ],
        },
      ],
    },
  ],
}
