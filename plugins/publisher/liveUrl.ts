import { publicUrl } from '@/lib/publicUrl'

/**
 * Where a site published to the local folder opens: the app serves the folder's live version at
 * /live/<siteId>/ (src/app/(sites)/live) to signed-in users who may read the site, on Panel's own
 * origin (PUBLIC_URL), where their sign-in cookie is.
 */
export const LIVE_PREFIX = '/live'

export const localLiveUrl = (siteId: number | string): string => `${publicUrl()}${LIVE_PREFIX}/${siteId}/`
