import { randomBytes } from 'node:crypto'

import { redisAddress, waitForRedis, type LimitStore } from '@/lib/rateLimit'

/** The Redis of this machine (every machine and CI run one on 127.0.0.1:6379), or REDIS_URL. */
export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379'

/** A store of its own for one test run: its keys never meet another run's. */
export const testLimitStore = (): NonNullable<LimitStore> => ({ url: TEST_REDIS_URL, prefix: `panel-test-${randomBytes(6).toString('hex')}` })

/** Fails with what to do when Redis is not there, instead of a timeout inside a test. */
export const requireRedis = async () => {
  try {
    return await waitForRedis(TEST_REDIS_URL, 5_000)
  } catch (err) {
    throw new Error(
      `These tests need Redis. ${(err as Error).message.replace(/: start it.*$/, '.')} ` +
        `Start it (redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no) or point REDIS_URL at one.`,
    )
  }
}

/** Deletes every key of a test store. */
export const dropKeys = async (store: NonNullable<LimitStore>) => {
  const client = await requireRedis()
  let cursor = '0'
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${store.prefix}:*`, 'COUNT', 500)
    if (keys.length) await client.del(...keys)
    cursor = next
  } while (cursor !== '0')
}
