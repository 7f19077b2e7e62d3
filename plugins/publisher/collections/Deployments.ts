import type { CollectionBeforeValidateHook, CollectionConfig } from 'payload'
import { APIError } from 'payload'

import { isAdminUser } from '@/access/roles'
import { hasSiteAccess, userSiteIds } from '@/access/siteAccess'
import { queueJobForDeployment } from '../hooks/queueJob'
import { recordOnSite } from '../hooks/recordOnSite'
import { refuseTrashedSite } from '../hooks/refuseTrashedSite'
import { TRUSTED_CREATE } from '../jobs/constants'

export const DEPLOYMENT_STATUSES = ['queued', 'building', 'uploading', 'success', 'failed', 'cancelled'] as const
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number]

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

const canCreate = hasSiteAccess()

/**
 * One publish of one site. History is immutable through the API: the
 * deploy job writes progress with overrideAccess, editors may only cancel a
 * queued deployment (POST /api/deployments/:id/cancel).
 */
export const Deployments: CollectionConfig = {
  slug: 'deployments',
  admin: {
    useAsTitle: 'commitHash',
    defaultColumns: ['site', 'status', 'trigger', 'url', 'createdAt'],
    group: 'Sites',
  },
  // written only by the app's own jobs and servers, never edited in the admin: nothing to lock (and no lock lookup per write)
  lockDocuments: false,
  access: {
    read: hasSiteAccess(),
    create: (args) => Boolean(args.req.user) && Boolean(canCreate(args)),
    update: () => false,
    delete: () => false,
  },
  fields: [
    // the live view: status, progress and log while it runs, and the Cancel / Roll back / Redeploy actions
    { name: 'live', type: 'ui', admin: { components: { Field: '/plugins/publisher/components/DeploymentLive.client#DeploymentLive' } } },
    // not required: a site deleted for good leaves its deployments with no site, the record of what was published
    // where (its URL, Cloudflare project, version folder) for admins; every deployment is created with one (checkSite)
    { name: 'site', type: 'relationship', relationTo: 'sites', index: true },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      index: true,
      options: DEPLOYMENT_STATUSES.map((value) => ({ label: value[0].toUpperCase() + value.slice(1), value })),
      admin: { components: { Cell: '/plugins/publisher/components/DeployStatusCell.client#DeployStatusCell' } },
    },
    {
      name: 'target',
      type: 'select',
      options: [
        { label: 'Local folder', value: 'filesystem' },
        { label: 'Cloudflare Pages', value: 'cloudflare-pages' },
      ],
    },
    {
      name: 'trigger',
      type: 'select',
      required: true,
      defaultValue: 'manual',
      options: ['manual', 'auto', 'api', 'rollback'].map((value) => ({ label: value, value })),
    },
    { name: 'url', type: 'text' },
    { name: 'commitHash', type: 'text', index: true },
    { name: 'error', type: 'textarea' },
    {
      name: 'warningCount',
      label: 'Warnings',
      type: 'number',
      admin: { readOnly: true, description: 'Links to pages the site does not have (published anyway; see the list below)' },
    },
    { name: 'warnings', type: 'textarea', admin: { readOnly: true, description: 'One warning per line, from the link check before publishing' } },
    { name: 'startedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'finishedAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'requestedBy', type: 'relationship', relationTo: 'users' },
    { name: 'rollbackOf', type: 'relationship', relationTo: 'deployments', admin: { readOnly: true, description: 'The deployment this one made live again' } },
    { name: 'redeployOf', type: 'relationship', relationTo: 'deployments', admin: { readOnly: true, description: 'The deployment whose files this one published again' } },
    {
      name: 'targetDeploymentId',
      type: 'text',
      admin: { readOnly: true, description: 'The version folder (local folder) or Cloudflare Pages deployment ID; what a rollback returns to' },
    },
    // a Cloudflare deployment can be rolled back to only in its own account and project
    { name: 'cloudflareAccountId', type: 'text', admin: { readOnly: true, condition: (data) => data?.target === 'cloudflare-pages' } },
    { name: 'cloudflareProject', type: 'text', admin: { readOnly: true, condition: (data) => data?.target === 'cloudflare-pages' } },
    { name: 'cancelRequestedAt', type: 'date', admin: { hidden: true } },
    { name: 'heartbeatAt', type: 'date', admin: { hidden: true } },
    { name: 'attempts', type: 'number', defaultValue: 0, admin: { hidden: true } },
    {
      name: 'metrics',
      type: 'group',
      fields: [
        { name: 'buildMs', type: 'number' },
        { name: 'gateMs', label: 'Link check ms', type: 'number' },
        { name: 'uploadMs', type: 'number' },
        { name: 'files', type: 'number' },
        { name: 'bytes', type: 'number' },
        { name: 'filesUploaded', type: 'number' },
        { name: 'bytesUploaded', type: 'number' },
        { name: 'pagesRendered', type: 'number' },
        { name: 'pagesSkipped', type: 'number' },
      ],
    },
    { name: 'progress', type: 'json', admin: { hidden: true } },
    { name: 'log', type: 'textarea', admin: { hidden: true } },
    { name: 'manifest', type: 'json', admin: { description: 'path -> asset hash' } },
    { name: 'templateSnapshot', type: 'json' },
    // per page: dependency hash, path, deployed file hash and size, so the next deployment renders only changed pages
    {
      name: 'buildCache',
      type: 'json',
      admin: { hidden: true },
      access: { read: () => false, create: () => false, update: () => false },
    },
    // `_headers` / `_redirects` are not in the manifest: kept so a redeploy publishes exactly what this one did
    { name: 'headersFile', type: 'textarea', admin: { hidden: true } },
    { name: 'redirectsFile', type: 'textarea', admin: { hidden: true } },
  ],
  hooks: { beforeValidate: [checkSite], beforeChange: [refuseTrashedSite], afterChange: [queueJobForDeployment, recordOnSite] },
  timestamps: true,
}
