import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { rateLimit, type LimitStore } from '../../../lib/rateLimit'
import { isBotUserAgent, isReferrerSpam } from '../core/bots'
import { clientAddress } from '../core/clientAddress'
import { classifySource } from '../core/source'
import type { RawEvent } from '../core/types'
import { isInvalidBody, paramsOf, parseTrackBody, utmOf } from '../core/validate'
import { visitorIdOf } from '../core/visitor'
import type { SiteInfo, Store } from '../store/types'
import { FailureLog } from './failures'
import { SaltKeeper } from './salts'
import { EventWriter } from './writer'

/** Larger than anything the tracker sends (every field at its limit is about 7.5 KB). */
export const MAX_BODY_BYTES = 8 * 1024
const SITE_CACHE_MS = 30_000
const SITE_CACHE_MAX = 10_000
const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export type CollectorOptions = {
  store: Store
  /** Events per IP per minute; 0 lifts the limit. */
  rateLimit?: number
  /** Where that limit is counted: a Redis shared by every collector (REDIS_URL), or this process's memory (the default). */
  limitStore?: LimitStore
  /**
   * How many proxies in front of the collector append to X-Forwarded-For (0: none, use the socket's
   * address). The client is the address that many hops from the right; `true` means 1.
   */
  trustProxy?: number | boolean
  maxBatch?: number
  /** Batches written at once. */
  concurrency?: number
  /** The clock (tests move it across days). */
  now?: () => Date
  log?: (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void
}

export type Collector = {
  server: http.Server
  writer: EventWriter
  listen(port: number, host?: string): Promise<string>
  /** Stops taking requests, commits every event it holds, closes the store. */
  close(): Promise<void>
}

const defaultLog: NonNullable<CollectorOptions['log']> = (level, msg, extra) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...extra })}\n`)
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '86400',
}

const send = (res: http.ServerResponse, status: number, body: string | null, headers: Record<string, string> = {}) => {
  if (res.headersSent) return
  const text = body === null ? '' : body
  res.writeHead(status, {
    ...CORS,
    'cache-control': 'no-store',
    ...(body === null ? {} : { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) }),
    ...headers,
  })
  res.end(text)
}

// the answer to every stored event, prepared once (a flat list of names and values)
const ACCEPTED_BODY = '{"ok":true}'
const ACCEPTED_HEADERS = [
  'access-control-allow-origin', '*',
  'cache-control', 'no-store',
  'content-type', 'application/json; charset=utf-8',
  'content-length', String(ACCEPTED_BODY.length),
]

const reject = (res: http.ServerResponse, status: number, error: string, headers: Record<string, string> = {}) =>
  send(res, status, JSON.stringify({ error }), headers)

const clientIp = (req: http.IncomingMessage, trustedHops: number): string =>
  clientAddress({ socketAddress: req.socket.remoteAddress, forwardedFor: req.headers['x-forwarded-for'], trustedHops })

/**
 * Where a stored link may send a visitor: its URL as a browser would read it (tabs and line breaks
 * dropped, other control characters percent-encoded), or null when it is no http(s) URL at all.
 * Links saved before URLs were checked for control characters must not break the answer.
 */
const redirectTarget = (stored: string): string | null => {
  let url: URL
  try {
    url = new URL(stored)
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  try {
    http.validateHeaderValue('location', url.href)
  } catch {
    return null
  }
  return url.href
}

/** The body as text, or the status that ends the request (413 too large). */
const readBody = (req: http.IncomingMessage): Promise<string | 413 | 400> =>
  new Promise((resolve) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return resolve(413)
    const chunks: Buffer[] = []
    let size = 0
    let isDone = false
    req.on('data', (chunk: Buffer) => {
      if (isDone) return
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        isDone = true
        resolve(413)
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!isDone) resolve((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8'))
    })
    req.on('error', () => {
      if (!isDone) (isDone = true), resolve(400)
    })
  })

const hostMatchesSite = (hostname: string, site: SiteInfo): boolean => {
  const domain = site.domain.toLowerCase().replace(/^www\./, '')
  return hostname === domain || hostname === `www.${domain}`
}

/**
 * The collector: POST /track (page views and clicks from the tracker) and
 * GET /go/:site/:code (affiliate redirects counted as conversions), on plain
 * node:http. Stateless apart from caches: the salt, sites and counters live in
 * the database and the per-IP limit in Redis (with `limitStore`), so several
 * can run behind a load balancer.
 */
export const createCollector = (options: CollectorOptions): Collector => {
  const { store } = options
  const now = options.now ?? (() => new Date())
  const log = options.log ?? defaultLog
  const trustedHops = options.trustProxy === true ? 1 : Math.max(0, Number(options.trustProxy ?? 0) || 0)
  const failures = new FailureLog(log)
  const writer = new EventWriter((events) => store.insertEvents(events), {
    maxBatch: options.maxBatch ?? 500,
    concurrency: options.concurrency ?? (store.kind === 'sqlite' ? 1 : 2),
    gatherMs: store.kind === 'sqlite' ? 4 : 0,
  })
  const salts = new SaltKeeper(store)
  const limiter = options.rateLimit ? rateLimit({ name: 'collector', points: options.rateLimit, durationSeconds: 60, store: options.limitStore ?? null }) : null
  const sites = new Map<number, { site: SiteInfo | null; expires: number }>()

  /** The site when it was looked up in the last SITE_CACHE_MS, or undefined. */
  const cachedSite = (id: number): SiteInfo | null | undefined => {
    const cached = sites.get(id)
    return cached && cached.expires > Date.now() ? cached.site : undefined
  }

  const findSite = async (id: number): Promise<SiteInfo | null> => {
    const cached = cachedSite(id)
    if (cached !== undefined) return cached
    const site = await store.findSite(id)
    if (sites.size >= SITE_CACHE_MAX) sites.clear()
    sites.set(id, { site, expires: Date.now() + SITE_CACHE_MS })
    return site
  }

  /** false when the caller is over its limit (the 429 is sent). */
  const withinLimit = async (ip: string, res: http.ServerResponse): Promise<boolean> => {
    if (!limiter) return true
    const seconds = await limiter.take(ip || 'unknown')
    if (seconds === 0) return true
    reject(res, 429, `Too many events from this address: try again in ${seconds} s`, { 'retry-after': String(seconds) })
    return false
  }

  const track = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const ip = clientIp(req, trustedHops)
    if (limiter && !(await withinLimit(ip, res))) return
    const text = await readBody(req)
    if (text === 413) return reject(res, 413, `The body is larger than ${MAX_BODY_BYTES} bytes`, { connection: 'close' })
    if (text === 400) return reject(res, 400, 'The body could not be read')
    const body = parseTrackBody(text)
    if (isInvalidBody(body)) return reject(res, 400, body.error)

    const userAgent = String(req.headers['user-agent'] ?? '').slice(0, 512)
    if (isBotUserAgent(userAgent)) return send(res, 204, null, { 'x-analytics-dropped': 'bot' })

    // (the common case answers from memory without waiting on a promise)
    const cached = cachedSite(body.site)
    const site = cached === undefined ? await findSite(body.site) : cached
    if (!site) return reject(res, 404, `There is no site ${body.site}`)
    if (!site.analyticsEnabled) return reject(res, 403, `Analytics is off for site ${body.site}: turn it on in the site's Analytics tab`)
    if (!hostMatchesSite(body.hostname, site)) return reject(res, 403, `"${body.hostname}" is not the domain of site ${body.site}`)

    const { referrerHost } = body
    if (isReferrerSpam(referrerHost)) return send(res, 204, null, { 'x-analytics-dropped': 'referrer-spam' })

    const at = now()
    const params = paramsOf(body.search)
    const event: RawEvent = {
      siteId: site.id,
      occurredAt: at,
      type: body.type,
      pathname: body.pathname,
      hostname: body.hostname,
      referrer: body.referrer,
      referrerHost,
      source: classifySource({ referrerHost, siteDomain: site.domain, params }),
      utmSource: utmOf(params, 'utm_source'),
      utmMedium: utmOf(params, 'utm_medium'),
      utmCampaign: utmOf(params, 'utm_campaign'),
      visitorId: visitorIdOf({ salt: salts.known(at.getTime()) ?? (await salts.saltFor(at)), siteId: site.id, ip, userAgent }),
      target: body.target,
      affiliateLinkId: null,
      revenue: null,
    }
    await writer.write(event)
    failures.succeeded()
    if (res.headersSent) return
    res.writeHead(202, ACCEPTED_HEADERS)
    res.end(ACCEPTED_BODY)
  }

  const redirect = async (req: http.IncomingMessage, res: http.ServerResponse, siteParam: string, codeParam: string) => {
    const ip = clientIp(req, trustedHops)
    if (!(await withinLimit(ip, res))) return
    const siteId = /^[1-9][0-9]{0,9}$/.test(siteParam) ? Number(siteParam) : NaN
    let code = ''
    try {
      code = decodeURIComponent(codeParam)
    } catch {
      // not valid percent-encoding: no such code
    }
    const notFound = () => send(res, 404, 'No such link', { 'content-type': 'text/plain; charset=utf-8', 'x-robots-tag': 'noindex' })
    if (!Number.isSafeInteger(siteId) || siteId > 2_147_483_647 || !CODE.test(code) || code.length > 64) return notFound()
    const link = await store.findLink(siteId, code)
    // only the stored URL, and only http(s): nothing in the request can choose where this leads
    const target = link?.active ? redirectTarget(link.url) : null
    if (!link || !target) return notFound()
    const site = await findSite(siteId)
    const userAgent = String(req.headers['user-agent'] ?? '').slice(0, 512)
    if (site?.analyticsEnabled && !isBotUserAgent(userAgent)) {
      const at = now()
      try {
        await store.recordConversion({
          siteId,
          occurredAt: at,
          type: 'conversion',
          pathname: `/go/${code}/`,
          hostname: site.domain,
          referrer: null,
          referrerHost: null,
          source: 'direct',
          utmSource: null,
          utmMedium: null,
          utmCampaign: null,
          visitorId: visitorIdOf({ salt: await salts.saltFor(at), siteId, ip, userAgent }),
          target: link.url,
          affiliateLinkId: link.id,
          revenue: link.payout,
        })
        failures.succeeded()
      } catch (err) {
        // the visitor still gets where they were going; the lost count is logged with the others
        failures.failed(err, 'counting an affiliate click')
      }
    }
    send(res, 302, null, { location: target, 'x-robots-tag': 'noindex, nofollow', 'referrer-policy': 'no-referrer-when-downgrade' })
  }

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/track') {
      if (req.method === 'OPTIONS') return send(res, 204, null)
      if (req.method !== 'POST') return reject(res, 405, 'Send events with POST', { allow: 'POST, OPTIONS' })
      return track(req, res)
    }
    const go = /^\/go\/([^/]+)\/([^/]+)\/?$/.exec(path)
    if (go) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return reject(res, 405, 'Follow links with GET', { allow: 'GET, HEAD' })
      return redirect(req, res, go[1], go[2])
    }
    if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      return send(res, 200, JSON.stringify({ ok: true, pending: writer.pending, ...writer.stats }))
    }
    return reject(res, 404, 'Not found: POST /track or GET /go/<site>/<code>')
  }

  let isStopping = false
  const server = http.createServer((req, res) => {
    // a stopping collector closes each keep-alive connection after its answer
    if (isStopping) res.shouldKeepAlive = false
    handle(req, res).catch((err: unknown) => {
      // only the database or the machine gets here: the event was not stored and the sender may retry
      failures.failed(err, `${req.method} ${(req.url ?? '').split('?')[0]}`)
      reject(res, 503, 'The event could not be stored right now; try again', { 'retry-after': '5' })
    })
  })
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 10_000
  server.requestTimeout = 15_000

  return {
    server,
    writer,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, rejectListen) => {
        server.once('error', rejectListen)
        server.listen(port, host, () => {
          server.off('error', rejectListen)
          const address = server.address() as AddressInfo
          resolve(`http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`)
        })
      }),
    close: async () => {
      isStopping = true
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      await writer.close()
      // the answers to what was just committed go out, then their keep-alive connections are closed
      await new Promise((resolve) => setImmediate(resolve))
      server.closeIdleConnections()
      const force = setTimeout(() => server.closeAllConnections(), 2_000)
      await closed
      clearTimeout(force)
      await store.close()
    },
  }
}
