/**
 * Another process reserving tokens at the same time as others, as an app
 * server and a jobs worker would: its own connection to the database named in
 * the environment (DATABASE_URL, else SQLITE_PATH). Takes `count`
 * reservations at once and prints the ids it got (null: refused) as JSON.
 * No Payload: only the budget's SQL, so it starts fast.
 */
import path from 'node:path'

import { createClient } from '@libsql/client'
import pg from 'pg'

import { postgresBudgetStore, sqliteBudgetStore } from '../../../plugins/ai/budget/store'

const [key, siteId, month, monthStart, tokens, budget, count] = process.argv.slice(2)

const main = async () => {
  const url = process.env.DATABASE_URL
  const pool = url ? new pg.Pool({ connectionString: url, max: 4 }) : null
  const client = url ? null : createClient({ url: `file:${path.resolve(process.env.SQLITE_PATH ?? 'data/test.db')}` })
  const store = pool ? postgresBudgetStore(pool) : sqliteBudgetStore(client!)
  const results = await Promise.all(
    Array.from({ length: Number(count) }, () =>
      store.reserve({ key, siteId: Number(siteId), month, monthStart, tokens: Number(tokens), budget: Number(budget), ttlMs: 60_000 }),
    ),
  )
  process.stdout.write(JSON.stringify(results.map((r) => r.id)))
  await pool?.end()
  client?.close()
}

main().catch((err) => {
  process.stderr.write(String(err?.stack ?? err))
  process.exit(1)
})
