import type { CollectionBeforeValidateHook, CollectionConfig } from 'payload'
import { APIError } from 'payload'

import { isAdminField } from '@/access/isAdmin'
import { nobody } from '@/access/nobody'
import { isAdminUser } from '@/access/roles'
import { hasSiteAccess, userSiteIds } from '@/access/siteAccess'
import { queueJobForDeployment } from '../hooks/queueJob'
import { recordOnSite } from '../hooks/recordOnSite'
import { refuseTrashedSite } from '../hooks/refuseTrashedSite'
import { keepTitle } from '../hooks/title'
import { TRUSTED_CREATE } from '../jobs/constants'

export const DEPLOYMENT_STATUSES = ['queued', 'building', 'uploading', 'success', 'failed', 'cancelled'] as const
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number]

const JSON_PREVIEW = '/plugins/publisher/components/JsonPreview.client#JsonPreview'

const refId = (value: unknown): number | string | null => {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'object') return (value as { id?: number | string }).id ?? null
  return value as number | string
}

/**
 * Through the API a deployment is only ever a request: a queued deployment
 * of one of the caller's sites. Everything else is written by the job.
 * Server code (no user, or the TRUSTED_CREATE context flag, which REST
 * cannot set) keeps what it passes.
 */
const checkSite: CollectionBeforeValidateHook = ({ context, data, req, operation }) => {
  if (operation !== 'create' || context[TRUSTED_CREATE] === true || !req.user) return data
  const site = refId(data?.site)
  const mine = userSiteIds(req.user as never).map(String)
  if (site === null || (!isAdminUser(req.user) && !mine.includes(String(site)))) {
    throw new APIError('Choose one of your sites to deploy.', 400, [{ path: 'site', message: 'Choose one of your sites' }], true)
  }
  const isApiKey = /\bAPI-Key\b/.test(req.headers?.get('authorization') ?? '')
  return { site, status: 'queued', trigger: isApiKey ? 'api' : 'manual', requestedBy: req.user?.collection === 'users' ? req.user.id : null }
}

/**
 * The deployment's page shows these in its live summary, from the same poll as the status: not as form fields
 * too (a field component that renders nothing; a condition would also drop the columns' NOT NULL).
 */
const inSummary = { components: { Field: '/plugins/publisher/components/ShownAbove.client#ShownAbove' } }

/** Machine state an admin may need when something goes wrong; editors never read it (REST, GraphQL or the admin). */
const internal = { read: isAdminField, create: nobody, update: nobody }

/**
 * One publish of one site. History is immutable through the API: the
 * deploy job writes progress with overrideAccess, editors may only cancel a
 * queued deployment (POST /api/deployments/:id/cancel). A deployment is
 * made by Deploy now (POST /api/sites/:id/deploy) or POST /api/deployments
 * (createDeploymentEndpoint), never through the admin's create form:
 * collection create is closed, so the admin offers no "+".
 */
export const Deployments: CollectionConfig = {
  slug: 'deployments',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'site', 'status', 'trigger', 'url', 'createdAt'],
    listSearchableFields: ['title', 'url'],
    group: 'Sites',
    description: 'Every publish of a site. Start one with Deploy now on the site.',
  },
  // written only by the app's own jobs and servers, never edited in the admin: nothing to lock (and no lock lookup per write)
  lockDocuments: false,
  access: {
    read: hasSiteAccess(),
    create: () => false,
    update: () => false,
    delete: () => false,
  },
  fields: [
    // "demo.panel.local — deployment 19 — Success", kept current by keepTitle
    { name: 'title', type: 'text', access: { create: nobody, update: nobody }, admin: { ...inSummary, readOnly: true } },
    // the live view: status, summary, progress and log while it runs, and the Cancel / Roll back / Redeploy actions
    { name: 'live', type: 'ui', admin: { components: { Field: '/plugins/publisher/components/DeploymentLive.client#DeploymentLive' } } },
    // not required: a site deleted for good leaves its deployments with no site, the record of what was published
    // where (its URL, Cloudflare project, version folder) for admins; every deployment is created with one (checkSite)
    { name: 'site', type: 'relationship', relationTo: 'sites', index: true, admin: inSummary },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: DEPLOYMENT_STATUSES.map((value) => ({ label: value[0].toUpperCase() + value.slice(1), value })),
      admin: { components: { ...inSummary.components, Cell: '/plugins/publisher/components/DeployStatusCell.client#DeployStatusCell' } },
    },
    {
      name: 'target',
      type: 'select',
      options: [
        { label: 'Local folder', value: 'filesystem' },
        { label: 'Cloudflare Pages', value: 'cloudflare-pages' },
      ],
      admin: inSummary,
    },
    {
      name: 'trigger',
      type: 'select',
      required: true,
      defaultValue: 'manual',
      options: [
        { label: 'Deploy now', value: 'manual' },
        { label: 'Automatic (after a save)', value: 'auto' },
        { label: 'API', value: 'api' },
        { label: 'Rollback', value: 'rollback' },
      ],
      admin: inSummary,
    },
    { name: 'url', label: 'URL', type: 'text', admin: inSummary },
    { name: 'error', type: 'textarea', admin: inSummary },
    {
      name: 'warningCount',
      label: 'Warnings',
      type: 'number',
      admin: { ...inSummary, readOnly: true, description: 'Links to pages the site does not have (published anyway; see the list below)' },
    },
    { name: 'warnings', type: 'textarea', admin: { ...inSummary, readOnly: true, description: 'One warning per line, from the link check before publishing' } },
    { name: 'startedAt', label: 'Started', type: 'date', admin: { ...inSummary, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'finishedAt', label: 'Finished', type: 'date', admin: { ...inSummary, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'requestedBy', label: 'Requested by', type: 'relationship', relationTo: 'users', admin: inSummary },
    { name: 'rollbackOf', label: 'Rollback of', type: 'relationship', relationTo: 'deployments', admin: { ...inSummary, readOnly: true, description: 'The deployment this one made live again' } },
    { name: 'redeployOf', label: 'Redeploy of', type: 'relationship', relationTo: 'deployments', admin: { ...inSummary, readOnly: true, description: 'The deployment whose files this one published again' } },
    { name: 'cancelRequestedAt', type: 'date', admin: { hidden: true } },
    // built from what the worker kept of its last build of the site (plugins/site-builder/warm.ts)
    { name: 'warmBuild', label: 'Warm build', type: 'checkbox', admin: { ...inSummary, readOnly: true } },
    {
      name: 'metrics',
      type: 'group',
      admin: inSummary,
      fields: [
        { name: 'queueMs', label: 'Queue wait ms', type: 'number' },
        { name: 'startMs', label: 'Start ms', type: 'number' },
        { name: 'snapshotMs', label: 'Snapshot ms', type: 'number' },
        { name: 'renderMs', label: 'Render ms', type: 'number' },
        { name: 'imagesMs', label: 'Images and icons ms', type: 'number' },
        { name: 'hashMs', label: 'Hashing ms', type: 'number' },
        { name: 'planMs', label: 'Plan ms', type: 'number' },
        { name: 'buildMs', label: 'Build ms', type: 'number' },
        { name: 'gateMs', label: 'Link check ms', type: 'number' },
        { name: 'uploadMs', label: 'Upload ms', type: 'number' },
        { name: 'files', type: 'number' },
        { name: 'bytes', type: 'number' },
        { name: 'filesUploaded', label: 'Files uploaded', type: 'number' },
        { name: 'bytesUploaded', label: 'Bytes uploaded', type: 'number' },
        { name: 'pagesRendered', label: 'Pages rendered', type: 'number' },
        { name: 'pagesSkipped', label: 'Pages reused', type: 'number' },
        { name: 'pagesRead', label: 'Pages read from the database', type: 'number' },
      ],
    },
    // what the progress bar shows ({ phase, done, total, message }): read by everyone who may read the deployment
    { name: 'progress', type: 'json', admin: { hidden: true } },
    { name: 'log', type: 'textarea', admin: { hidden: true } },
    {
      type: 'collapsible',
      label: 'Internals (admins only)',
      admin: {
        initCollapsed: true,
        description: 'What the publisher recorded to diff, roll back and redeploy.',
        condition: (_data, _siblingData, { user }) => isAdminUser(user as never),
      },
      fields: [
        { name: 'commitHash', label: 'Commit hash', type: 'text', index: true, access: internal, admin: { readOnly: true, description: 'Hash of the manifest: the same files give the same hash' } },
        {
          name: 'targetDeploymentId',
          label: 'Target deployment ID',
          type: 'text',
          access: internal,
          admin: { readOnly: true, description: 'The version folder (local folder) or Cloudflare Pages deployment ID; what a rollback returns to' },
        },
        // a Cloudflare deployment can be rolled back to only in its own account and project
        { name: 'cloudflareAccountId', label: 'Cloudflare account ID', type: 'text', access: internal, admin: { readOnly: true, condition: (data) => data?.target === 'cloudflare-pages' } },
        { name: 'cloudflareProject', label: 'Cloudflare project', type: 'text', access: internal, admin: { readOnly: true, condition: (data) => data?.target === 'cloudflare-pages' } },
        { name: 'progressRaw', type: 'ui', admin: { components: { Field: { path: JSON_PREVIEW, clientProps: { source: 'progress', label: 'Progress (raw)' } } } } },
        { name: 'manifest', type: 'json', access: internal, admin: { description: 'path -> asset hash', components: { Field: JSON_PREVIEW } } },
        { name: 'templateSnapshot', label: 'Template snapshot', type: 'json', access: internal, admin: { components: { Field: JSON_PREVIEW } } },
        // `_headers` / `_redirects` are not in the manifest: kept so a redeploy publishes exactly what this one did
        { name: 'headersFile', label: '_headers', type: 'textarea', access: internal, admin: { readOnly: true } },
        { name: 'redirectsFile', label: '_redirects', type: 'textarea', access: internal, admin: { readOnly: true } },
      ],
    },
    { name: 'heartbeatAt', type: 'date', access: internal, admin: { hidden: true } },
    { name: 'attempts', type: 'number', defaultValue: 0, access: internal, admin: { hidden: true } },
    // per page: dependency hash, path, deployed file hash and size, so the next deployment renders only changed pages
    {
      name: 'buildCache',
      type: 'json',
      admin: { hidden: true },
      access: { read: () => false, create: () => false, update: () => false },
    },
  ],
  hooks: { beforeValidate: [checkSite], beforeChange: [refuseTrashedSite], afterChange: [keepTitle, queueJobForDeployment, recordOnSite] },
  timestamps: true,
}
