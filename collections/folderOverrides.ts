import type { CollectionConfig } from 'payload'
import { ValidationError } from 'payload'

import { hasSiteAccess, userSiteIds } from '@/access/siteAccess'
import { isAdminUser } from '@/access/roles'

/**
 * Media folders belong to a site like the media in them, so one site's
 * editors never see another site's folder names.
 */
export const scopeFoldersToSites = ({ collection }: { collection: Omit<CollectionConfig, 'trash'> }): Omit<CollectionConfig, 'trash'> => ({
  ...collection,
  access: {
    ...collection.access,
    read: hasSiteAccess(),
    update: hasSiteAccess(),
    delete: hasSiteAccess(),
    create: ({ req }) => Boolean(req.user),
  },
  fields: [
    ...collection.fields,
    {
      name: 'site',
      type: 'relationship',
      relationTo: 'sites',
      index: true,
      admin: { position: 'sidebar', description: 'The site whose media this folder holds' },
      filterOptions: ({ req }) => (!req.user || isAdminUser(req.user) ? true : { id: { in: userSiteIds(req.user as never) } }),
    },
  ],
  hooks: {
    ...collection.hooks,
    beforeValidate: [
      ...(collection.hooks?.beforeValidate ?? []),
      ({ data, originalDoc, req }) => {
        if (!req.user || isAdminUser(req.user)) return data
        const raw = data?.site ?? originalDoc?.site
        const site = raw && typeof raw === 'object' ? raw.id : raw
        const allowed = userSiteIds(req.user as never)
        // an editor of one site need not choose it
        const chosen = site ?? (allowed.length === 1 ? allowed[0] : undefined)
        if (chosen === undefined || chosen === null || !allowed.some((id) => String(id) === String(chosen))) {
          throw new ValidationError({
            collection: collection.slug,
            errors: [{ path: 'site', message: 'Choose one of your sites for this folder' }],
          })
        }
        return { ...data, site: chosen }
      },
    ],
  },
})
