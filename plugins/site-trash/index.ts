import type { CollectionConfig, Config, Plugin } from 'payload'

import { explainSiteDelete, restoreByAdmins } from './hooks/guardSiteDelete'
import { purgeSite } from './hooks/purgeSite'
import { refuseInTrashedSite } from './hooks/refuseInTrashedSite'
import { trashWithSite } from './hooks/trashWithSite'

/** Collections that belong to a site: plugin-multi-tenant has added their `site` field by now. */
const hasSiteField = (collection: CollectionConfig): boolean =>
  collection.fields.some((field) => 'name' in field && field.name === 'site' && field.type === 'relationship' && field.relationTo === 'sites')

const withSiteLifecycle = (sites: CollectionConfig): CollectionConfig => ({
  ...sites,
  hooks: {
    ...sites.hooks,
    beforeOperation: [...(sites.hooks?.beforeOperation ?? []), explainSiteDelete()],
    beforeChange: [...(sites.hooks?.beforeChange ?? []), restoreByAdmins()],
    afterChange: [...(sites.hooks?.afterChange ?? []), trashWithSite()],
    beforeDelete: [...(sites.hooks?.beforeDelete ?? []), purgeSite()],
  },
})

const withTrashedSiteCheck = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: { ...collection.hooks, beforeChange: [...(collection.hooks?.beforeChange ?? []), refuseInTrashedSite()] },
})

/**
 * A site and its documents go to the trash together and come back together;
 * deleting a site for good (from the trash) deletes its documents, folders
 * and user assignments in the same transaction. Replaces plugin-multi-tenant's
 * clean-up (`cleanupAfterTenantDelete: false`), which only knows hard deletes
 * and runs after the site row is gone. Goes after plugin-multi-tenant.
 */
export const siteTrashPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((collection) => {
      if (collection.slug === 'sites') return withSiteLifecycle(collection)
      return collection.trash && hasSiteField(collection) ? withTrashedSiteCheck(collection) : collection
    }),
  })
