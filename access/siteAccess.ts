import { getUserTenantIDs } from '@payloadcms/plugin-multi-tenant/utilities'
import type { Access, Where } from 'payload'

import { isAdminUser } from './roles'

type SiteRef = number | string | { id: number | string }
type UserWithSites = { sites?: { site?: SiteRef | null }[] | null } | null | undefined

/** The sites assigned to a user, read the way the multi-tenant plugin reads them. */
export const userSiteIds = (user: UserWithSites): (number | string)[] =>
  getUserTenantIDs(user as never, { tenantsArrayFieldName: 'sites', tenantsArrayTenantFieldName: 'site' })

/**
 * For collections the multi-tenant plugin cannot wrap (Payload's own folders
 * collection is added after plugins run): admins see all, editors only
 * documents whose `site` is one of theirs.
 */
export const hasSiteAccess =
  (field = 'site'): Access =>
  ({ req }) => {
    if (!req.user) return false
    if (isAdminUser(req.user)) return true
    const where: Where = { [field]: { in: userSiteIds(req.user as UserWithSites) } }
    return where
  }
