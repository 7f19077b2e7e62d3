import type { CollectionBeforeDeleteHook, CollectionConfig, CollectionSlug } from 'payload'
import { APIError, ValidationError } from 'payload'

import { hasSiteAccess, userSiteIds } from '@/access/siteAccess'
import { isAdminUser } from '@/access/roles'

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`

/**
 * Payload would move a deleted folder's files to the root (and leave those in
 * the trash pointing nowhere): a folder is deleted only once it and its
 * subfolders hold no file, trashed ones included, so nothing moves unseen.
 */
const refuseWhileHoldingFiles: CollectionBeforeDeleteHook = async ({ collection, id, req }) => {
  const { payload } = req
  const tree = [id]
  for (let level = [id]; level.length > 0; ) {
    const { docs } = await payload.find({ collection: collection.slug as CollectionSlug, where: { folder: { in: level } }, depth: 0, limit: 0, pagination: false, overrideAccess: true, req })
    level = docs.map((doc) => doc.id)
    tree.push(...level)
  }
  let files = 0
  let trashed = 0
  for (const holder of payload.config.collections.filter((c) => c.folders)) {
    const inTree = { folder: { in: tree } }
    files += (await payload.count({ collection: holder.slug as CollectionSlug, where: inTree, trash: true, overrideAccess: true, req })).totalDocs
    if (holder.trash) trashed += (await payload.count({ collection: holder.slug as CollectionSlug, where: { and: [inTree, { deletedAt: { exists: true } }] }, trash: true, overrideAccess: true, req })).totalDocs
  }
  if (files === 0) return
  const folder = await payload.findByID({ collection: collection.slug as CollectionSlug, id, depth: 0, overrideAccess: true, disableErrors: true, req })
  const name = folder ? `"${(folder as { name?: string }).name}"` : String(id)
  const where = tree.length > 1 ? ' in it or its subfolders' : ''
  const them = trashed === 1 ? 'it' : 'them'
  const inTrash = trashed > 0 ? ` (${trashed} of them in the trash: restore and move ${them}, or have an admin delete ${them} for good)` : ''
  throw new APIError(`Folder ${name} still holds ${plural(files, 'file')}${where}${inTrash}: move or delete them first.`, 409, undefined, true)
}

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
    // first: Payload's own hook deletes the subfolders
    beforeDelete: [refuseWhileHoldingFiles, ...(collection.hooks?.beforeDelete ?? [])],
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
