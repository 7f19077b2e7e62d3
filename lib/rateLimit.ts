import { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

/**
 * Limits that hold across processes. With REDIS_URL set, every process that counts a limit (app
 * instances, collectors) counts it in the same Redis, so N processes allow the limit once, not N times;
 * without it each process counts in its own memory, as a single machine needs.
 */

/** Where limits are counted: a Redis shared by every process, or (null) this process's memory. */
export type LimitStore = { url: string; prefix: string } | null

export const limitStoreFromEnv = (env: NodeJS.ProcessEnv = process.env): LimitStore =>
  env.REDIS_URL ? { url: env.REDIS_URL, prefix: env.REDIS_PREFIX || 'panel' } : null

export type RateLimit = {
  /** Counts a hit for `key`: 0 when it is allowed, else the seconds until the key may try again. */
  take(key: string): Promise<number>
  /** Forgets the hits of `key`, or of every key of this limit. */
  reset(key?: string): Promise<void>
}

type Log = (level: 'warn' | 'info', msg: string, extra?: Record<string, unknown>) => void

const stderrLog: Log = (level, msg, extra) => process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...extra })}\n`)

/** host:port of a Redis URL, without its password, for messages. */
export const redisAddress = (url: string): string => {
  try {
    const parsed = new URL(url)
    return `${parsed.hostname}:${parsed.port || 6379}`
  } catch {
    return 'REDIS_URL'
  }
}

const clients = new Map<string, Redis>()

/** One connection per Redis URL and process. While it is down, limits count in memory (logged once per outage). */
export const redisClient = (url: string, log: Log = stderrLog): Redis => {
  let client = clients.get(url)
  if (client) return client
  // commands fail at once while disconnected instead of queueing: a request never waits for Redis
  client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 5_000 })
  let isDown = false
  client.on('error', (err: Error) => {
    if (isDown) return
    isDown = true
    log('warn', `Redis at ${redisAddress(url)} is unreachable: rate limits count per process until it is back`, { err: err.message })
  })
  client.on('ready', () => {
    if (!isDown) return
    isDown = false
    log('info', `Redis at ${redisAddress(url)} is back: rate limits are shared again`)
  })
  clients.set(url, client)
  return client
}

/** Resolves once Redis answers; rejects with what to do when it does not within `timeoutMs`. */
export const waitForRedis = async (url: string, timeoutMs = 5_000): Promise<Redis> => {
  const client = redisClient(url)
  let lastError = 'no answer'
  const onError = (err: Error) => {
    lastError = err.message
  }
  client.on('error', onError)
  try {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (client.status === 'ready') {
        try {
          await client.ping()
          return client
        } catch (err) {
          lastError = (err as Error).message
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  } finally {
    client.off('error', onError)
  }
  throw new Error(`Redis at ${redisAddress(url)} did not answer within ${timeoutMs} ms (${lastError}): start it, or unset REDIS_URL to count limits per process.`)
}

/** Closes every connection this process opened (tests, shutdown). */
export const closeRedisClients = async (): Promise<void> => {
  const open = [...clients.values()]
  clients.clear()
  await Promise.all(open.map((client) => client.quit().catch(() => client.disconnect())))
}

const secondsUntil = (ms: number): number => Math.max(1, Math.ceil(ms / 1000))

const fromLimiter = (limiter: () => RateLimiterAbstract, clearAll: () => Promise<void>): RateLimit => ({
  take: async (key) => {
    try {
      await limiter().consume(key)
      return 0
    } catch (err) {
      if (err instanceof RateLimiterRes) return secondsUntil(err.msBeforeNext)
      throw err
    }
  },
  reset: async (key) => {
    if (key === undefined) await clearAll()
    else await limiter().delete(key)
  },
})

/**
 * `points` hits per `durationSeconds` per key, counted in the store: in Redis under
 * `<prefix>:<name>:<key>` (a fixed window that starts with a key's first hit), or in memory.
 */
export const rateLimit = ({ name, points, durationSeconds, store }: { name: string; points: number; durationSeconds: number; store: LimitStore }): RateLimit => {
  if (!store) {
    let memory = new RateLimiterMemory({ points, duration: durationSeconds })
    return fromLimiter(() => memory, async () => {
      memory = new RateLimiterMemory({ points, duration: durationSeconds })
    })
  }
  const keyPrefix = `${store.prefix}:${name}`
  // made on first use: loading a config that has limits opens no connection (next build, scripts)
  let limiter: RateLimiterRedis | undefined
  const redisLimiter = () =>
    (limiter ??= new RateLimiterRedis({
      storeClient: redisClient(store.url),
      keyPrefix,
      points,
      duration: durationSeconds,
      rejectIfRedisNotReady: true,
      // Redis down: each process goes on counting on its own rather than refusing or letting everything through
      insuranceLimiter: new RateLimiterMemory({ points, duration: durationSeconds }),
    }))
  return fromLimiter(redisLimiter, async () => {
    const client = redisClient(store.url)
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${keyPrefix}:*`, 'COUNT', 500)
      if (keys.length) await client.del(...keys)
      cursor = next
    } while (cursor !== '0')
  })
}
