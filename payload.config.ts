import { multiTenantPlugin } from '@payloadcms/plugin-multi-tenant'
import { seoPlugin } from '@payloadcms/plugin-seo'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { isAdminUser } from './access/roles'
import { AffiliateLinks } from './collections/AffiliateLinks'
import { ApiTokens } from './collections/ApiTokens'
import { Languages } from './collections/Languages'
import { Media } from './collections/Media'
import { MAX_UPLOAD_BYTES } from './collections/Media/upload/policy'
import { Pages } from './collections/Pages'
import { Prompts } from './collections/Prompts'
import { Sites } from './collections/Sites'
import { SwiperPresets } from './collections/SwiperPresets'
import { TemplateAssets } from './collections/TemplateAssets'
import { TemplateFootprints } from './collections/TemplateFootprints'
import { Templates } from './collections/Templates'
import { Users } from './collections/Users'
import { scopeFoldersToSites } from './collections/folderOverrides'
import { healthEndpoint } from './endpoints/health'
import { pagePublicUrl } from './collections/Pages/publicUrl'
import { adminMessages } from './lib/adminMessages'
import { databaseAdapter } from './lib/database'
import { publicUrl } from './lib/publicUrl'
import { optionalPlugins } from './lib/optionalPlugins'
import { siteBuilderPlugin } from './plugins/site-builder'
import { publisherPlugin } from './plugins/publisher'
import { aiGenerateDescription, aiGenerateTitle, aiPlugin } from './plugins/ai'
import { aiRichTextFeatures } from './plugins/ai/lexical'
import { analyticsPlugin } from './plugins/analytics'
import { fleetClonePlugin } from './plugins/fleet/clone'
import { fleetRedirectsPlugin } from './plugins/fleet/redirects'
import { fleetSchedulePlugin } from './plugins/fleet/schedule'
import { fleetImportPlugin } from './plugins/fleet/import'
import { fleetDashboardPlugin } from './plugins/fleet/dashboard'
import { fleetDeployManyPlugin } from './plugins/fleet/deploy-many'
import { apiGuardPlugin } from './plugins/api-guard'
import { siteScopePlugin } from './plugins/site-scope'
import { siteTrashPlugin } from './plugins/site-trash'
import { readableAdminPlugin } from './plugins/readable-admin'
import type { Config } from './payload-types'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const secret = process.env.PAYLOAD_SECRET
// `next build` evaluates the config without serving anything, so only a running server needs the secret
const isBuild = process.env.NEXT_PHASE === 'phase-production-build'
if (!secret && process.env.NODE_ENV === 'production' && !isBuild) {
  throw new Error('PAYLOAD_SECRET must be set in production: it signs logins and encrypts API tokens')
}

const serverURL = publicUrl()

export default buildConfig({
  serverURL,
  // the sign-in cookie counts only on requests from Panel's own pages (Payload ignores it otherwise)
  csrf: [serverURL],
  admin: {
    user: Users.slug,
    avatar: 'default',
    importMap: { baseDir: dirname },
    meta: { titleSuffix: ' — Panel' },
  },
  // what the admin says when an editor opens something only admins (or another site's editors) may use
  i18n: { translations: adminMessages },
  collections: [
    Sites,
    Pages,
    Media,
    AffiliateLinks,
    SwiperPresets,
    Templates,
    TemplateFootprints,
    TemplateAssets,
    Prompts,
    Languages,
    ApiTokens,
    Users,
  ],
  folders: { collectionOverrides: [scopeFoldersToSites] },
  // the AI writes tables from markdown: the editor must be able to open them
  editor: lexicalEditor({ features: aiRichTextFeatures }),
  secret: secret || 'panel-development-secret-change-me',
  db: databaseAdapter(dirname),
  sharp,
  upload: {
    limits: { fileSize: MAX_UPLOAD_BYTES },
    // stop reading as soon as the limit is passed instead of buffering the rest
    abortOnLimit: true,
    responseOnLimit: 'The file is larger than 30 MB, the upload limit. Compress or resize it and upload again.',
  },
  endpoints: [healthEndpoint],
  // production has no playground, so nothing there needs introspection (a 5,000-type schema answers with 3 MB)
  graphQL: { maxComplexity: 1000, disablePlaygroundInProduction: true, disableIntrospectionInProduction: true },
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  plugins: [
    seoPlugin({
      collections: ['pages'],
      uploadsCollection: 'media',
      tabbedUI: false,
      generateTitle: aiGenerateTitle,
      generateDescription: aiGenerateDescription,
      generateURL: pagePublicUrl,
      // the plugin names its image field in title case; the admin's labels are sentence case
      fields: ({ defaultFields }) => defaultFields.map((field) => ('name' in field && field.name === 'image' ? { ...field, label: 'Meta image' } : field)),
    }),
    // before multi-tenant: the deployments collection it adds is scoped to sites like the others
    publisherPlugin({}),
    // before multi-tenant: the redirects collection is scoped to sites (listed below); page scheduling and the drip queue
    fleetRedirectsPlugin(),
    fleetSchedulePlugin(),
    multiTenantPlugin<Config>({
      tenantsSlug: 'sites',
      tenantField: { name: 'site' },
      tenantsArrayField: { arrayFieldName: 'sites', arrayTenantFieldName: 'site' },
      userHasAccessToAllTenants: (user) => isAdminUser(user),
      // its clean-up knows only hard deletes and runs once the site row is gone: site-trash does it instead
      cleanupAfterTenantDelete: false,
      // our tenants are sites: say so everywhere the plugin speaks
      i18n: {
        translations: {
          en: {
            'nav-tenantSelector-label': 'Site',
            'field-assignedTenant-label': 'Site',
            'assign-tenant-button-label': 'Move to site',
            'assign-tenant-modal-title': 'Choose the site for "{{title}}"',
          },
        },
      },
      collections: {
        pages: {},
        media: {},
        'affiliate-links': {},
        'swiper-presets': {},
        redirects: {},
        // the publisher's collection already has its `site` field
        deployments: { customTenantField: true },
      },
    }),
    // after multi-tenant: a site takes its documents to the trash and back
    siteTrashPlugin(),
    siteBuilderPlugin({}),
    // after plugin-seo: its meta group gets Generate buttons too
    aiPlugin({}),
    analyticsPlugin({}),
    // clone a site (before site-scope and api-guard, which cover what it adds)
    fleetClonePlugin(),
    fleetImportPlugin(),
    // the admin home and site tags (after analytics, whose home widget it takes over)
    fleetDashboardPlugin(),
    fleetDeployManyPlugin(),
    ...optionalPlugins(),
    // after every plugin that adds collections: their checkboxes get the Yes/No list cell too
    readableAdminPlugin(),
    // last: it reads every collection's fields, whichever plugin added them
    siteScopePlugin({}),
    // after every other: it guards the endpoints and collections they added
    apiGuardPlugin(),
  ],
})
