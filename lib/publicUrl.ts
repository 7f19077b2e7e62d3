/** Where Panel is opened when PUBLIC_URL is not set: `npm run dev` and `npm run demo`. */
export const DEFAULT_PUBLIC_URL = 'http://localhost:3000'

/**
 * Panel's own origin (scheme, host and port), from PUBLIC_URL: Payload's
 * serverURL, and the only origin from which the sign-in cookie is honoured.
 * Required in production, where a wrong default would either lock the admin
 * out or trust the wrong origin.
 */
export const publicUrl = (): string => {
  const raw = process.env.PUBLIC_URL?.trim()
  const isBuild = process.env.NEXT_PHASE === 'phase-production-build'
  if (!raw) {
    if (process.env.NODE_ENV === 'production' && !isBuild) {
      throw new Error('PUBLIC_URL must be set in production to the address Panel is opened at, e.g. https://panel.example.com')
    }
    return DEFAULT_PUBLIC_URL
  }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL such as https://panel.example.com (got "${raw}")`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PUBLIC_URL must start with http:// or https:// (got "${raw}")`)
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`PUBLIC_URL is an origin only, without a path (got "${raw}"; use "${url.origin}")`)
  }
  return url.origin
}
