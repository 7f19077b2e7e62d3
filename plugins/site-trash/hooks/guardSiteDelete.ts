import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook } from 'payload'
import { APIError } from 'payload'

import { isTrashing, typedDomain } from '@/access/trash'
import { isAdminUser } from '@/access/roles'

const TWO_STEPS =
  'A site is deleted in two steps: move it to the trash first ("Move to trash…" in its menu, or PATCH it with "deletedAt" and its domain as "confirmDomain"), then delete it for good from the trash.'

/**
 * The reasons behind the sites' delete rule (access/trash.ts), for admins
 * calling the API: the rule alone would answer a bare 403. Server code
 * (overrideAccess) is trusted and passes.
 */
export const explainSiteDelete = (): CollectionBeforeOperationHook => async ({ args, operation, req }) => {
  const { id, data, overrideAccess } = args as { id?: number | string; data?: unknown; overrideAccess?: boolean }
  if (overrideAccess || !isAdminUser(req.user)) return args
  if (operation === 'delete' && id !== undefined) {
    // without `trash`, Payload finds only sites that are not in the trash
    const live = await req.payload.count({ collection: 'sites', where: { id: { equals: id } }, overrideAccess: true, req })
    if (live.totalDocs > 0) throw new APIError(TWO_STEPS, 409, undefined, true)
  }
  if (operation === 'update' && isTrashing(data)) {
    if (id === undefined) throw new APIError('Move sites to the trash one at a time, each with its domain as "confirmDomain".', 400, undefined, true)
    const site = await req.payload.findByID({ collection: 'sites', id, select: { domain: true }, depth: 0, disableErrors: true, overrideAccess: true, req })
    const typed = typedDomain(data)
    if (site && typed !== site.domain) {
      const message = typed
        ? `"${typed}" is not this site's domain: type ${site.domain} to move the site to the trash.`
        : `Type the site's domain to move it to the trash: send "confirmDomain": "${site.domain}" with "deletedAt".`
      throw new APIError(message, 400, [{ path: 'confirmDomain', message }], true)
    }
  }
  return args
}

/** Only admins bring a site back from the trash (or change it while it is there), as only they put it there. */
export const restoreByAdmins = (): CollectionBeforeChangeHook => ({ data, originalDoc, req }) => {
  if (originalDoc?.deletedAt && req.user && !isAdminUser(req.user)) {
    throw new APIError(`${originalDoc.domain} is in the trash: only an admin can restore it.`, 403, undefined, true)
  }
  return data
}
