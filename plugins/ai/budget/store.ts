import type { Client, InStatement } from '@libsql/client'
import type pg from 'pg'
import type { Payload } from 'payload'

/**
 * The budget tables in SQL (ai_budgets, ai_budget_reservations, made by
 * Payload from the collections of the same names), one version per database:
 * checking and reserving happen in one transaction, so no two processes can
 * both take the last tokens.
 *
 * - PostgreSQL: the site-month row is locked (SELECT … FOR UPDATE) before
 *   the reservations are summed; everyone who reserves or settles takes that
 *   lock first.
 * - SQLite (one writer): the statements go as one batch in a write
 *   transaction (BEGIN IMMEDIATE), run without yielding to other code in
 *   this process; while another connection writes, the batch is tried again.
 *
 * Times are the database's clock, so processes with skewed clocks agree on
 * when a reservation has expired.
 */

export type ReserveInput = {
  key: string
  siteId: number | string
  month: string
  /** Start of the month, ISO: a new month row starts from the generations already recorded in it. */
  monthStart: string
  tokens: number
  /** null: no budget, the reservation always fits. */
  budget: number | null
  ttlMs: number
}

/** `id` null: the reservation did not fit. `reserved`: held by other generations in flight. */
export type ReserveResult = { id: number | null; used: number; reserved: number }

export type BudgetStore = {
  reserve: (input: ReserveInput) => Promise<ReserveResult>
  /** Adds `tokens` to the month and drops the reservation, in one transaction (0 tokens: a release). */
  settle: (input: { id: number; key: string; tokens: number }) => Promise<void>
  renew: (input: { id: number; ttlMs: number }) => Promise<void>
  status: (input: { key: string; siteId: number | string; monthStart: string }) => Promise<{ used: number; reserved: number }>
}

const num = (value: unknown): number => Number(value ?? 0)

export const postgresBudgetStore = (pool: pg.Pool): BudgetStore => {
  const transaction = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    } finally {
      client.release()
    }
  }
  return {
    reserve: ({ key, siteId, month, monthStart, tokens, budget, ttlMs }) =>
      transaction(async (client) => {
        await client.query(
          `INSERT INTO ai_budgets (key, site_id, month, used, updated_at, created_at)
           SELECT $1::varchar, $2::int, $3::varchar, COALESCE(SUM(total_tokens), 0), now(), now()
           FROM ai_generations WHERE site_id = $2::int AND created_at >= $4::timestamptz
           ON CONFLICT (key) DO NOTHING`,
          [key, siteId, month, monthStart],
        )
        const locked = await client.query('SELECT used FROM ai_budgets WHERE key = $1 FOR UPDATE', [key])
        await client.query('DELETE FROM ai_budget_reservations WHERE budget_key = $1 AND expires_at <= now()', [key])
        const held = await client.query('SELECT COALESCE(SUM(tokens), 0) AS reserved FROM ai_budget_reservations WHERE budget_key = $1', [key])
        const used = num(locked.rows[0]?.used)
        const reserved = num(held.rows[0]?.reserved)
        if (budget !== null && used + reserved + tokens > budget) return { id: null, used, reserved }
        const inserted = await client.query(
          `INSERT INTO ai_budget_reservations (budget_key, site_id, tokens, expires_at, updated_at, created_at)
           VALUES ($1, $2, $3, now() + $4::int * interval '1 millisecond', now(), now()) RETURNING id`,
          [key, siteId, tokens, Math.round(ttlMs)],
        )
        return { id: num(inserted.rows[0].id), used, reserved }
      }),
    settle: ({ id, key, tokens }) =>
      transaction(async (client) => {
        if (tokens > 0) await client.query('UPDATE ai_budgets SET used = used + $2, updated_at = now() WHERE key = $1', [key, tokens])
        await client.query('DELETE FROM ai_budget_reservations WHERE id = $1', [id])
      }),
    renew: async ({ id, ttlMs }) => {
      await pool.query(`UPDATE ai_budget_reservations SET expires_at = now() + $2::int * interval '1 millisecond' WHERE id = $1`, [id, Math.round(ttlMs)])
    },
    status: async ({ key, siteId, monthStart }) => {
      const { rows } = await pool.query(
        `SELECT used, (SELECT COALESCE(SUM(tokens), 0) FROM ai_budget_reservations WHERE budget_key = $1 AND expires_at > now()) AS reserved
         FROM ai_budgets WHERE key = $1`,
        [key],
      )
      if (rows[0]) return { used: num(rows[0].used), reserved: num(rows[0].reserved) }
      const sum = await pool.query('SELECT COALESCE(SUM(total_tokens), 0) AS used FROM ai_generations WHERE site_id = $1 AND created_at >= $2', [siteId, monthStart])
      return { used: num(sum.rows[0]?.used), reserved: 0 }
    },
  }
}

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`
const LATER = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?)`
const later = (ttlMs: number) => `+${(ttlMs / 1000).toFixed(3)} seconds`

const isBusy = (err: unknown): boolean => /SQLITE_BUSY|database is locked/i.test(String((err as { code?: string })?.code ?? '') + String((err as Error)?.message ?? ''))

/**
 * Runs `work` again while SQLite is busy (another connection of this process
 * holds a Payload transaction, or another process writes), backing off, for
 * up to `forMs`. A busy statement changed nothing, so trying again is safe.
 */
export const whileBusy = async <T>(work: () => Promise<T>, forMs = 60_000): Promise<T> => {
  const until = Date.now() + forMs
  for (let attempt = 0; ; attempt++) {
    try {
      return await work()
    } catch (err) {
      if (!isBusy(err) || Date.now() > until) throw err
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, 2 ** Math.min(attempt, 6)) + Math.random() * 10))
    }
  }
}

export const sqliteBudgetStore = (client: Client): BudgetStore => {
  const batch = (statements: InStatement[]) => whileBusy(() => client.batch(statements, 'write'))
  return {
    reserve: async ({ key, siteId, month, monthStart, tokens, budget, ttlMs }) => {
      const sumReserved = 'SELECT COALESCE(SUM(tokens), 0) FROM ai_budget_reservations WHERE budget_key = ?'
      const results = await batch([
        {
          sql: `INSERT INTO ai_budgets (key, site_id, month, used, updated_at, created_at)
                SELECT ?, ?, ?, COALESCE((SELECT SUM(total_tokens) FROM ai_generations WHERE site_id = ? AND created_at >= ?), 0), ${NOW}, ${NOW} WHERE true
                ON CONFLICT (key) DO NOTHING`,
          args: [key, siteId, month, siteId, monthStart],
        },
        { sql: `DELETE FROM ai_budget_reservations WHERE budget_key = ? AND expires_at <= ${NOW}`, args: [key] },
        {
          sql: `SELECT used, (${sumReserved}) AS reserved FROM ai_budgets WHERE key = ?`,
          args: [key, key],
        },
        {
          sql: `INSERT INTO ai_budget_reservations (budget_key, site_id, tokens, expires_at, updated_at, created_at)
                SELECT ?, ?, ?, ${LATER}, ${NOW}, ${NOW}
                WHERE ? IS NULL OR (SELECT used FROM ai_budgets WHERE key = ?) + (${sumReserved}) + ? <= ?
                RETURNING id`,
          args: [key, siteId, tokens, later(ttlMs), budget, key, key, tokens, budget],
        },
      ])
      const before = results[2].rows[0]
      const inserted = results[3].rows[0]
      return { id: inserted ? num(inserted.id) : null, used: num(before?.used), reserved: num(before?.reserved) }
    },
    settle: async ({ id, key, tokens }) => {
      await batch([
        ...(tokens > 0 ? [{ sql: `UPDATE ai_budgets SET used = used + ?, updated_at = ${NOW} WHERE key = ?`, args: [tokens, key] }] : []),
        { sql: 'DELETE FROM ai_budget_reservations WHERE id = ?', args: [id] },
      ])
    },
    renew: async ({ id, ttlMs }) => {
      await whileBusy(() => client.execute({ sql: `UPDATE ai_budget_reservations SET expires_at = ${LATER} WHERE id = ?`, args: [later(ttlMs), id] }))
    },
    status: async ({ key, siteId, monthStart }) => {
      const { rows } = await client.execute({
        sql: `SELECT used, (SELECT COALESCE(SUM(tokens), 0) FROM ai_budget_reservations WHERE budget_key = ? AND expires_at > ${NOW}) AS reserved
              FROM ai_budgets WHERE key = ?`,
        args: [key, key],
      })
      if (rows[0]) return { used: num(rows[0].used), reserved: num(rows[0].reserved) }
      const sum = await client.execute({ sql: 'SELECT COALESCE(SUM(total_tokens), 0) AS used FROM ai_generations WHERE site_id = ? AND created_at >= ?', args: [siteId, monthStart] })
      return { used: num(sum.rows[0]?.used), reserved: 0 }
    },
  }
}

const stores = new WeakMap<object, BudgetStore>()

export const budgetStore = (payload: Payload): BudgetStore => {
  const db = payload.db as unknown as { name: string; pool?: pg.Pool; client?: Client }
  let store = stores.get(db)
  if (!store) {
    if (db.name === 'postgres' && db.pool) store = postgresBudgetStore(db.pool)
    else if (db.name === 'sqlite' && db.client) store = sqliteBudgetStore(db.client)
    else throw new Error(`AI budgets need PostgreSQL or SQLite, not "${db.name}"`)
    stores.set(db, store)
  }
  return store
}
