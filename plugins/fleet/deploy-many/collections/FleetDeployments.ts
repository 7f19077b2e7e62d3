import type { Access, CollectionConfig } from 'payload'

import { isAdminUser } from '@/access/roles'
import { FLEET_DEPLOYMENTS_SLUG, FLEET_KINDS } from '../constants'
import { addProgress } from '../progress'

const nobody = () => false

/** Admins read every fleet deployment; an editor the ones they started (which hold only their sites). */
const isAdminOrRequester: Access = ({ req }) => {
  if (!req.user) return false
  if (isAdminUser(req.user)) return true
  return { requestedBy: { equals: req.user.id } }
}

const KIND_LABELS: Record<(typeof FLEET_KINDS)[number], string> = {
  selected: 'Selected sites',
  changed: 'All changed sites',
  template: 'Sites using a template',
  footprint: 'Sites using a footprint',
}

/**
 * One bulk deploy: the per-site deployments queued together by POST /api/fleet-deployments (the sites list's
 * Deploy, Deploy all changed, or a template's or footprint's "deploy them"). Each site's status is read from its
 * deployment when the record is read (`progress`), never copied here: thirty deployments ending at once would
 * otherwise race to rewrite one row. Written only by the endpoints.
 */
export const FleetDeployments: CollectionConfig = {
  slug: FLEET_DEPLOYMENTS_SLUG,
  labels: { singular: 'Fleet deployment', plural: 'Fleet deployments' },
  admin: {
    group: 'Sites',
    useAsTitle: 'label',
    defaultColumns: ['createdAt', 'label', 'kind', 'requestedBy'],
    description: 'Deployments of many sites started together. Start one from the sites list (select sites, then Deploy).',
  },
  lockDocuments: false,
  access: { read: isAdminOrRequester, create: nobody, update: nobody, delete: nobody },
  defaultSort: '-createdAt',
  hooks: { afterRead: [addProgress] },
  fields: [
    { name: 'label', type: 'text', admin: { readOnly: true } },
    // the live per-site table, polling the record's progress
    { name: 'live', type: 'ui', admin: { components: { Field: '/plugins/fleet/deploy-many/components/FleetProgress.client#FleetProgress' } } },
    {
      type: 'row',
      fields: [
        { name: 'kind', label: 'Sites chosen', type: 'select', required: true, options: FLEET_KINDS.map((value) => ({ label: KIND_LABELS[value], value })), admin: { readOnly: true } },
        { name: 'template', type: 'relationship', relationTo: 'templates', admin: { readOnly: true, condition: (data) => data?.kind === 'template' } },
        { name: 'footprint', type: 'relationship', relationTo: 'template-footprints', admin: { readOnly: true, condition: (data) => data?.kind === 'footprint' } },
        { name: 'requestedBy', label: 'Requested by', type: 'relationship', relationTo: 'users', index: true, admin: { readOnly: true } },
      ],
    },
    {
      name: 'items',
      label: 'Sites',
      type: 'array',
      admin: { readOnly: true, hidden: true },
      fields: [
        // not required: emptied when the site or the deployment is deleted for good; the row stays
        { name: 'site', type: 'relationship', relationTo: 'sites' },
        { name: 'deployment', type: 'relationship', relationTo: 'deployments', admin: { description: 'The newest deployment of this site for this action (a retry replaces it)' } },
        { name: 'attempts', type: 'number', defaultValue: 1 },
      ],
    },
    // computed on read from the deployments (addProgress): counts and one row per site
    { name: 'progress', type: 'json', virtual: true, admin: { hidden: true } },
  ],
}
