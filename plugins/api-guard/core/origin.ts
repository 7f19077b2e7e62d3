type HeaderReader = { get(name: string): string | null }

const hasCookie = (headers: HeaderReader, name: string): boolean =>
  (headers.get('cookie') ?? '').split(';').some((part) => part.trim().startsWith(`${name}=`))

/**
 * Whether a request that carries the sign-in cookie comes from somewhere the
 * cookie may be used. The same decision as Payload's cookie strategy
 * (payload/dist/auth/extractJWT.js in 3.90): an Origin must be in the
 * allow-list; without one, Sec-Fetch-Site must say the request is not
 * cross-site. Returns why the request is refused, or null.
 *
 * Requests that authenticate with an Authorization header (API key, JWT) are
 * never refused: a page on another site cannot make a browser send one.
 */
export const crossOriginCookieProblem = ({
  headers,
  allowedOrigins,
  cookieName,
}: {
  headers: HeaderReader
  allowedOrigins: readonly string[]
  cookieName: string
}): string | null => {
  if (headers.get('authorization') || !hasCookie(headers, cookieName) || allowedOrigins.length === 0) return null
  const origin = headers.get('origin')
  if (origin ? allowedOrigins.includes(origin) : ['same-origin', 'same-site', 'none'].includes(headers.get('sec-fetch-site') ?? '')) return null
  return (
    `Refused: this request carries Panel's sign-in cookie but comes from ${origin ? `"${origin}"` : 'an unknown origin'}, ` +
    `not from Panel (${allowedOrigins[0]}). Changes made with the cookie are accepted from Panel's own pages only ` +
    '(set PUBLIC_URL to the address you open Panel at); scripts should send an API key or a JWT in the Authorization header.'
  )
}
