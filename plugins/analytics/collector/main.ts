/**
 * `npm run collector`: the analytics collector on its own, on the app's
 * database (DATABASE_URL or SQLITE_PATH). Settings: ANALYTICS_PORT (3001),
 * ANALYTICS_HOST (0.0.0.0), ANALYTICS_RATE_LIMIT (events per IP per minute,
 * 0 = none), ANALYTICS_TRUST_PROXY (proxies in front, 0 = none), ANALYTICS_MAX_BATCH, ANALYTICS_POOL_MAX;
 * REDIS_URL (and REDIS_PREFIX): the per-IP limit is shared with the other collectors.
 */
import { limitStoreFromEnv } from '../../../lib/rateLimit'
import { collectorSettings } from '../config'
import { openStore } from '../store'
import { createCollector } from './server'

const settings = collectorSettings()
const store = await openStore({ poolMax: settings.poolMax })
const collector = createCollector({
  store,
  rateLimit: settings.rateLimit,
  limitStore: limitStoreFromEnv(),
  trustProxy: settings.trustProxy,
  maxBatch: settings.maxBatch,
  concurrency: process.env.ANALYTICS_CONCURRENCY ? Number(process.env.ANALYTICS_CONCURRENCY) : undefined,
})
const url = await collector.listen(settings.port, settings.host)
process.stdout.write(`Analytics collector on ${url} (${store.kind}; POST /track, GET /go/<site>/<code>)\n`)

let isStopping = false
const stop = (signal: string) => async () => {
  if (isStopping) return
  isStopping = true
  process.stdout.write(`${signal}: committing pending events, then stopping\n`)
  await collector.close()
  process.exit(0)
}
process.on('SIGINT', stop('SIGINT'))
process.on('SIGTERM', stop('SIGTERM'))
