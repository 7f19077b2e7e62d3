/** Environment settings shared by the collector, the builder glue and the rollup job. */

const int = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0 (got "${value}")`)
  return n
}

/** ANALYTICS_TRUST_PROXY: a number of proxies; "true" (the old switch) means one and "false" none. */
const trustedHops = (value: string | undefined): number => {
  if (value === 'true') return 1
  if (value === 'false') return 0
  return int(value, 0, 'ANALYTICS_TRUST_PROXY')
}

export const collectorPort = (): number => int(process.env.ANALYTICS_PORT, 3001, 'ANALYTICS_PORT')

/** Where built sites send events and affiliate clicks: the collector's public URL. */
export const collectorPublicUrl = (): string =>
  (process.env.ANALYTICS_COLLECTOR_URL || `http://localhost:${collectorPort()}`).replace(/\/+$/, '')

export type CollectorSettings = {
  port: number
  host: string
  /** Events per IP per minute; 0 lifts the limit (benchmarks). */
  rateLimit: number
  /** Proxies in front of the collector (0: none): the visitor's address is that many hops from the right of X-Forwarded-For. */
  trustProxy: number
  maxBatch: number
  poolMax: number
}

export const collectorSettings = (): CollectorSettings => ({
  port: collectorPort(),
  host: process.env.ANALYTICS_HOST || '0.0.0.0',
  rateLimit: int(process.env.ANALYTICS_RATE_LIMIT, 600, 'ANALYTICS_RATE_LIMIT'),
  trustProxy: trustedHops(process.env.ANALYTICS_TRUST_PROXY),
  maxBatch: Math.max(1, int(process.env.ANALYTICS_MAX_BATCH, 500, 'ANALYTICS_MAX_BATCH')),
  poolMax: Math.max(1, int(process.env.ANALYTICS_POOL_MAX, 8, 'ANALYTICS_POOL_MAX')),
})

/** Raw page views older than this many days are deleted once rolled up (0 keeps them for ever). */
export const retentionDays = (): number => int(process.env.ANALYTICS_RETENTION_DAYS, 90, 'ANALYTICS_RETENTION_DAYS')
