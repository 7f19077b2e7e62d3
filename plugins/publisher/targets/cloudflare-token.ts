/**
 * The Pages upload token: a short-lived JWT for the asset routes. Its payload
 * says how many files a deployment may have and when it expires. Parallel
 * buckets share one token; a refresh asked for by several of them at once
 * fetches only one new token.
 */

export type UploadTokenClaims = { maxFileCountAllowed?: number; expiresAt?: number }

/** Reads the claims we use; the signature is Cloudflare's business, not ours. */
export function readUploadToken(jwt: string): UploadTokenClaims {
  const payload = jwt.split('.')[1]
  if (!payload) throw new Error('Cloudflare returned an upload token that is not a JWT')
  let claims: Record<string, unknown>
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
  } catch {
    throw new Error('Cloudflare returned an upload token whose payload is not JSON')
  }
  const max = claims.max_file_count_allowed
  const exp = claims.exp
  return {
    maxFileCountAllowed: typeof max === 'number' && max > 0 ? max : undefined,
    expiresAt: typeof exp === 'number' ? exp * 1000 : undefined,
  }
}

/** Refresh this long before `exp`, so no request leaves with a token about to lapse. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000

export type UploadToken = {
  /** A token valid for at least the refresh margin. */
  current: () => Promise<string>
  /**
   * Replace `stale` (the token a request was rejected with) unless someone
   * already did: `'replaced'` when another caller had (or is) renewing it,
   * `'fetched'` when this call fetched the new one.
   */
  refresh: (stale: string) => Promise<'fetched' | 'replaced'>
  claims: () => UploadTokenClaims
  refreshes: () => number
}

export async function createUploadToken(fetchToken: () => Promise<string>, now = Date.now): Promise<UploadToken> {
  let jwt = await fetchToken()
  let claims = readUploadToken(jwt)
  let fetchedAt = now()
  let pending: Promise<void> | undefined
  let refreshes = 0

  const replace = (): Promise<void> => {
    pending ??= (async () => {
      try {
        jwt = await fetchToken()
        claims = readUploadToken(jwt)
        fetchedAt = now()
        refreshes += 1
      } finally {
        pending = undefined
      }
    })()
    return pending
  }

  return {
    current: async () => {
      if (pending) await pending
      if (claims.expiresAt !== undefined) {
        // a token issued for less than two minutes is refreshed at half its life, not in a loop
        const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, (claims.expiresAt - fetchedAt) / 2)
        if (claims.expiresAt - now() < margin) await replace()
      }
      return jwt
    },
    refresh: async (stale) => {
      if (pending) {
        await pending
        return 'replaced'
      }
      if (stale !== jwt) return 'replaced'
      await replace()
      return 'fetched'
    },
    claims: () => claims,
    refreshes: () => refreshes,
  }
}
