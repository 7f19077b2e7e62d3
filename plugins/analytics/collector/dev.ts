import type { Payload } from 'payload'

import { limitStoreFromEnv } from '../../../lib/rateLimit'
import { collectorSettings } from '../config'
import { openStore } from '../store'
import { createCollector, type Collector } from './server'

const KEY = Symbol.for('panel.analytics.devCollector')
type Holder = { [KEY]?: Promise<Collector | null> }

/**
 * `next dev` (and so `npm run demo`) runs the collector in the same process,
 * once, so one command runs everything. ANALYTICS_COLLECTOR=off leaves it out
 * (when `npm run collector` runs beside).
 */
export const startDevCollector = (payload: Payload): Promise<Collector | null> => {
  const holder = globalThis as Holder
  holder[KEY] ??= (async () => {
    const settings = collectorSettings()
    const store = await openStore({ poolMax: 4 })
    const collector = createCollector({
      store,
      rateLimit: settings.rateLimit,
      limitStore: limitStoreFromEnv(),
      trustProxy: settings.trustProxy,
      log: (level, msg, extra) => payload.logger[level]({ msg, ...extra }),
    })
    try {
      const url = await collector.listen(settings.port, settings.host)
      payload.logger.info(`Analytics collector on ${url}`)
      return collector
    } catch (err) {
      await store.close()
      payload.logger.warn({ msg: `Analytics collector not started on port ${settings.port}: ${(err as Error).message}. Is another one running (npm run collector)?` })
      return null
    }
  })()
  return holder[KEY]
}
