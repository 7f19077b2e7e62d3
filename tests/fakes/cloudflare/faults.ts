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
  /** The socket is destroyed before the request is handled: nothing happened. */
  | { kind: 'drop' }
  /** The request is handled (an upload stored, a deployment created), then the socket is destroyed before the answer. */
  | { kind: 'dropAfter' }
  /** Asset routes: the upload JWT presented expires now (for good), answered 401 8000013 as Cloudflare does. */
  | { kind: 'expireToken' }
  /** Cloudflare's "unknown error" 8000000, which wrangler retries on deployment create. */
  | { kind: 'transient'; status?: number }
  /** Any JSON error envelope. */
  | { kind: 'error'; status: number; code: number; message: string }

/** The ways a call fails at random: see FaultControl.random. */
export type RandomFaultKind = 'html5xx' | 'rateLimit' | 'drop' | 'expireToken'

export type RandomFaults = {
  /** Share of calls (0..1) that fail, retries included. */
  rate: number
  /** Ways to fail, drawn uniformly per failing call; `expireToken` only on asset routes (others draw again). */
  kinds: RandomFaultKind[]
  /** Seed of the PRNG (mulberry32): the same seed gives the same draws. */
  seed?: number
  /** Routes it applies to (default every route). */
  routes?: RouteName[]
  /** retry-after of the 429s, seconds (default 1). */
  retryAfterSeconds?: number
}

export const ASSET_ROUTE_NAMES: ReadonlySet<RouteName> = new Set(['checkMissing', 'upload', 'upsertHashes'])

export type FaultControl = {
  /** Queue faults for a route; each is used once, in order. */
  queue: (route: RouteName, ...faults: Fault[]) => void
  /** Queue the same fault once on every route. */
  onEveryRoute: (fault: Fault) => void
  /** After K more successful uploads, every upload token issued so far is expired. */
  expireJwtAfterUploads: (k: number) => void
  /**
   * From now on, each call fails with probability `rate`, in one of `kinds`
   * (a drop is half the time before and half after the request is handled).
   * Queued faults still come first. `random(null)` stops it.
   */
  random: (options: RandomFaults | null) => void
  /** The next `count` deployments created end in failure at their deploy stage (default 1). */
  failNextDeployments: (count?: number) => void
  /** Faults still queued (unused), per route. */
  pending: () => Partial<Record<RouteName, Fault[]>>
  clear: () => void
}

export type FaultState = {
  control: FaultControl
  take: (route: RouteName) => Fault | undefined
  /** True (once per scheduled failure) for a deployment being created now. */
  takeDeploymentFailure: () => boolean
  /** Called after each successful upload; true when the tokens must expire now. */
  uploadDone: () => boolean
}

export function createFaults(): FaultState {
  const queues = new Map<RouteName, Fault[]>()
  let expireAfter: number | undefined
  // one PRNG per route: what a route draws does not depend on how its calls interleave with other routes'
  let random: (RandomFaults & { streams: Map<RouteName, () => number> }) | undefined
  let deploymentFailures = 0

  const draw = (route: RouteName): Fault | undefined => {
    if (!random || (random.routes && !random.routes.includes(route))) return undefined
    let next = random.streams.get(route)
    if (!next) {
      next = mulberry32((random.seed ?? 1) * 31 + ROUTE_NAMES.indexOf(route))
      random.streams.set(route, next)
    }
    if (next() >= random.rate) return undefined
    const kinds = random.kinds.filter((kind) => kind !== 'expireToken' || ASSET_ROUTE_NAMES.has(route))
    if (kinds.length === 0) return undefined
    const kind = kinds[Math.floor(next() * kinds.length)]!
    if (kind === 'html5xx') return { kind, status: next() < 0.5 ? 502 : 503 }
    if (kind === 'rateLimit') return { kind, retryAfterSeconds: random.retryAfterSeconds ?? 1 }
    if (kind === 'drop') return next() < 0.5 ? { kind: 'drop' } : { kind: 'dropAfter' }
    return { kind }
  }

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
    random: (options) => {
      random = options ? { ...options, streams: new Map() } : undefined
    },
    failNextDeployments: (count = 1) => {
      deploymentFailures += count
    },
    clear: () => {
      queues.clear()
      expireAfter = undefined
      random = undefined
      deploymentFailures = 0
    },
  }

  return {
    control,
    take: (route) => queues.get(route)?.shift() ?? draw(route),
    takeDeploymentFailure: () => {
      if (deploymentFailures === 0) return false
      deploymentFailures -= 1
      return true
    },
    uploadDone: () => {
      if (expireAfter === undefined) return false
      expireAfter -= 1
      if (expireAfter > 0) return false
      expireAfter = undefined
      return true
    },
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
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
