import { authorizePreview } from '../../_lib/access'
import { previewBuild } from '../../_lib/previewBuild'
import { buildErrorResponse, serve } from '../../_lib/respond'

export const dynamic = 'force-dynamic'

type Context = { params: Promise<{ siteId: string; path?: string[] }> }

const safeDecode = (segment: string): string => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** Files that are not pages: they may come from a build made moments ago for the page that links them. */
const isAssetPath = (segments: string[]): boolean => {
  const last = segments.at(-1) ?? ''
  return /\.[a-z0-9]+$/i.test(last) && !/\.(html?|php)$/i.test(last)
}

/**
 * /preview/<siteId>/<path>: the published site, built in memory and served
 * as a static host would, with its links moved under /preview/<siteId>/.
 * Only for signed-in users who may read the site.
 */
export async function GET(request: Request, context: Context): Promise<Response> {
  const { siteId, path = [] } = await context.params
  const auth = await authorizePreview(request, siteId)
  if (auth instanceof Response) return auth
  const segments = path.map(safeDecode)
  try {
    const result = await previewBuild({ payload: auth.payload, siteId: auth.site.id, user: auth.user, isAssetRequest: isAssetPath(segments) })
    return await serve(result, segments, `/preview/${auth.site.id}`)
  } catch (err) {
    return buildErrorResponse(err)
  }
}
