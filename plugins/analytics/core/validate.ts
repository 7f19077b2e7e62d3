import { hostOfUrl } from './source'

/** What the tracker sends (short keys keep it under 1 KB), checked with bounded lengths before anything else. */
export type TrackBody = {
  site: number
  type: 'pageview' | 'click'
  hostname: string
  pathname: string
  search: string
  referrer: string | null
  /** The referrer's host as referrerHostOf gives it, from the same parse. */
  referrerHost: string | null
  target: string | null
}

export const LIMITS = { hostname: 253, pathname: 1024, search: 2048, referrer: 2048, target: 2048, utm: 200 } as const

export type Invalid = { error: string }

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/
// control characters never appear in a URL the browser reports
const CONTROL = /[\u0000-\u001f\u007f]/

const optionalString = (value: unknown, field: string, max: number): string | null | Invalid => {
  if (value === undefined || value === null || value === '') return null
  if (typeof value !== 'string') return { error: `"${field}" must be a string` }
  if (value.length > max) return { error: `"${field}" is longer than ${max} characters` }
  if (CONTROL.test(value)) return { error: `"${field}" contains control characters` }
  return value
}

const isInvalid = (value: unknown): value is Invalid => typeof value === 'object' && value !== null && 'error' in value

/** The URL when `value` is an absolute http(s) URL. */
const httpUrl = (value: string): URL | null => {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null
  } catch {
    return null
  }
}

const isHttpUrl = (value: string): boolean => httpUrl(value) !== null

/**
 * Parses and checks a /track body. Returns the event or the first problem,
 * worded for whoever wrote the sender.
 */
export const parseTrackBody = (text: string): TrackBody | Invalid => {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return { error: 'The body must be JSON: {"s": site id, "h": hostname, "p": path}' }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { error: 'The body must be a JSON object' }
  const body = raw as Record<string, unknown>

  const site = body.s
  if (typeof site !== 'number' || !Number.isSafeInteger(site) || site < 1 || site > 2_147_483_647) {
    return { error: '"s" must be the site id, a positive integer' }
  }
  const type = body.t === undefined ? 'pageview' : body.t
  if (type !== 'pageview' && type !== 'click') return { error: '"t" must be "pageview" or "click"' }

  if (typeof body.h !== 'string' || body.h.length === 0) return { error: '"h" must be the page\'s hostname' }
  if (body.h.length > LIMITS.hostname) return { error: `"h" is longer than ${LIMITS.hostname} characters` }
  const hostname = body.h.toLowerCase().replace(/\.$/, '')
  if (!HOSTNAME.test(hostname)) return { error: '"h" is not a valid hostname' }

  if (typeof body.p !== 'string' || !body.p.startsWith('/')) return { error: '"p" must be the page path, starting with /' }
  if (body.p.length > LIMITS.pathname) return { error: `"p" is longer than ${LIMITS.pathname} characters` }
  if (CONTROL.test(body.p)) return { error: '"p" contains control characters' }

  const search = optionalString(body.q, 'q', LIMITS.search)
  if (isInvalid(search)) return search
  const referrer = optionalString(body.r, 'r', LIMITS.referrer)
  if (isInvalid(referrer)) return referrer
  const referrerUrl = referrer === null ? null : httpUrl(referrer)
  if (referrer !== null && referrerUrl === null) return { error: '"r" must be an http(s) URL or empty' }
  const target = optionalString(body.x, 'x', LIMITS.target)
  if (isInvalid(target)) return target
  if (type === 'click' && (target === null || !(isHttpUrl(target) || target.startsWith('/')))) {
    return { error: 'A click needs "x", the link\'s URL' }
  }
  const referrerHost = referrerUrl ? hostOfUrl(referrerUrl) : null
  return { site, type, hostname, pathname: body.p, search: search ?? '', referrer, referrerHost, target: type === 'click' ? target : null }
}

export const isInvalidBody = (value: TrackBody | Invalid): value is Invalid => 'error' in value

/** utm_* values, trimmed and cut to a bounded length. */
export const utmOf = (params: URLSearchParams, name: string): string | null => {
  const value = params.get(name)?.trim()
  return value ? value.slice(0, LIMITS.utm) : null
}

/** The page's query string as parameters, tolerating junk ("?" optional). */
export const paramsOf = (search: string): URLSearchParams => {
  try {
    return new URLSearchParams(search.startsWith('?') ? search.slice(1) : search)
  } catch {
    return new URLSearchParams()
  }
}
