import { createFilesystemTarget } from '@/plugins/publisher/targets/filesystem'
import { LIVE_PREFIX } from '@/plugins/publisher/liveUrl'
import { authorizePreview } from '../../../preview/_lib/access'
import { notFoundText, openFolder, serveFolder } from '../../_lib/serveFolder'

export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ siteId: string; path?: string[] }> }

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * /live/<siteId>/<path>: what the local-folder target published for the site (its live version), served
 * as Cloudflare Pages would serve it, with the site's `_headers` and `_redirects`. Only for signed-in users
 * who may read the site. Its links are moved under /live/<siteId>/ the way the preview moves them: the
 * admin's session cookie comes along (a per-site host would not have it) and nothing needs a DNS entry.
 */
export async function GET(request: Request, context: Context): Promise<Response> {
  const { siteId, path = [] } = await context.params
  const auth = await authorizePreview(request, siteId, { action: 'open' })
  if (auth instanceof Response) return auth
  const { currentPath } = createFilesystemTarget({ root: process.env.PUBLISH_DIR ?? './public-sites', site: auth.site.domain })
  const folder = await openFolder(currentPath, `${LIVE_PREFIX}/${auth.site.id}`)
  if (!folder) return notFoundText(`${auth.site.domain} has not been published to the local folder yet: use Deploy now on the site.`)
  const pathname = `/${path.map(safeDecode).join('/')}`
  return serveFolder(folder, pathname, new URL(request.url).search)
}
