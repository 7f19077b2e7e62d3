import type { Access, Where } from 'payload'

import { isAdminUser } from './roles'

type SiteRef = number | string | { id: number | string }
type UserWithSites = { sites?: { site?: SiteRef | null }[] | null } | null | undefined

export const userSiteIds = (user: UserWithSites): (number | string)[] =>
  (user?.sites ?? [])
    .map((row) => row.site)
    .filter((site): site is SiteRef => site !== null && site !== undefined)
    .map((site) => (typeof site === 'object' ? site.id : site))

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
