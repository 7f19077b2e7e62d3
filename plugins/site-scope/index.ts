import type { CollectionConfig, Config, Plugin } from 'payload'

import { refuseForeignReferences } from './hooks/refuseForeignReferences'

export type SiteScopeOptions = {
  /** Off: writes are not checked (the site builder still refuses foreign references). */
  enabled?: boolean
}

const withCheck = <T extends Pick<CollectionConfig, 'hooks'>>(collection: T): T => ({
  ...collection,
  hooks: { ...collection.hooks, beforeValidate: [...(collection.hooks?.beforeValidate ?? []), refuseForeignReferences()] },
})

/**
 * Keeps every site's documents inside the site: a document of one site can point only at documents of the
 * same site or at shared ones (templates, footprints, languages, prompts). Which collections belong to a site
 * and which fields reference them is read from the sanitized config when a document is written, so the plugin
 * goes last (after plugin-multi-tenant adds the `site` fields) and covers fields added later without a list.
 */
export const siteScopePlugin =
  (options: SiteScopeOptions = {}): Plugin =>
  (config: Config): Config => {
    if (options.enabled === false) return config
    return {
      ...config,
      // the last beforeValidate hook: it sees the site other hooks chose (folders take the editor's only site)
      collections: (config.collections ?? []).map(withCheck),
      // Payload adds the folders collection after plugins run, through its overrides
      folders:
        config.folders === false
          ? config.folders
          : {
              ...config.folders,
              collectionOverrides: [...(config.folders?.collectionOverrides ?? []), ({ collection }) => withCheck(collection)],
            },
    }
  }
