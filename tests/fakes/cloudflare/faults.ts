/**
 * Faults the fake Cloudflare API can inject, queued per route: each request
 * to a route takes the next queued fault (if any) before doing its real work.
 */

export type RouteName =
  | 'listProjects'
  | 'createProject'
  | 'getProject'
  | 'attachDomain'
  | 'uploadToken'
  | 'checkMissing'
  | 'upload'
  | 'upsertHashes'
  | 'createDeployment'
  | 'getDeployment'
  | 'rollback'

export const ROUTE_NAMES: RouteName[] = [
  'listProjects',
  'createProject',
  'getProject',
  'attachDomain',
  'uploadToken',
  'checkMissing',
  'upload',
  'upsertHashes',
  'createDeployment',
  'getDeployment',
  'rollback',
]

export type Fault =
  /** A 5xx with Cloudflare's HTML error page, as its edge sends when the origin is down. */
  | { kind: 'html5xx'; status?: number }
  /** 200 with an HTML body: a captive portal or misbehaving proxy. */
  | { kind: 'html200' }
  /** 429 with a JSON envelope and a retry-after header (seconds). */
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  /** The socket is destroyed before any response. */
  | { kind: 'drop' }
  /** Cloudflare's "unknown error" 8000000, which wrangler retries on deployment create. */
  | { kind: 'transient'; status?: number }
  /** Any JSON error envelope. */
  | { kind: 'error'; status: number; code: number; message: string }

export type FaultControl = {
  /** Queue faults for a route; each is used once, in order. */
  queue: (route: RouteName, ...faults: Fault[]) => void
  /** Queue the same fault once on every route. */
  onEveryRoute: (fault: Fault) => void
  /** After K more successful uploads, every upload token issued so far is expired. */
  expireJwtAfterUploads: (k: number) => void
  /** Faults still queued (unused), per route. */
  pending: () => Partial<Record<RouteName, Fault[]>>
  clear: () => void
}

export type FaultState = {
  control: FaultControl
  take: (route: RouteName) => Fault | undefined
  /** Called after each successful upload; true when the tokens must expire now. */
  uploadDone: () => boolean
}

export function createFaults(): FaultState {
  const queues = new Map<RouteName, Fault[]>()
  let expireAfter: number | undefined

  const control: FaultControl = {
    queue: (route, ...faults) => {
      queues.set(route, [...(queues.get(route) ?? []), ...faults])
    },
    onEveryRoute: (fault) => {
      for (const route of ROUTE_NAMES) control.queue(route, fault)
    },
    expireJwtAfterUploads: (k) => {
      expireAfter = k
    },
    pending: () => {
      const out: Partial<Record<RouteName, Fault[]>> = {}
      for (const [route, faults] of queues) if (faults.length) out[route] = [...faults]
      return out
    },
    clear: () => {
      queues.clear()
      expireAfter = undefined
    },
  }

  return {
    control,
    take: (route) => queues.get(route)?.shift(),
    uploadDone: () => {
      if (expireAfter === undefined) return false
      expireAfter -= 1
      if (expireAfter > 0) return false
      expireAfter = undefined
      return true
    },
  }
}

export const CLOUDFLARE_502_PAGE = `<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js ie6 oldie" lang="en-US"> <![endif]-->
<html class="no-js" lang="en-US">
<head>
<title>api.cloudflare.com | 502: Bad gateway</title>
<meta charset="UTF-8" />
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
</head>
<body>
<div id="cf-wrapper">
  <div id="cf-error-details" class="p-0">
    <h1 class="inline-block">Bad gateway</h1>
    <span class="code-label">Error code 502</span>
    <p>The web server reported a bad gateway error.</p>
    <p>Cloudflare Ray ID: <strong>8e1c2f3a4b5c6d7e</strong></p>
  </div>
</div>
</body>
</html>
`
