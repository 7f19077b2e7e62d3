import pg from 'pg'

import type { RawEvent, RollupEvent } from '../core/types'
import { EVENT_COLUMNS, ROWS_PER_STATEMENT, eventValues, type LinkInfo, type SiteInfo, type Store } from './types'

const insertSql = (rows: number): string => {
  const width = EVENT_COLUMNS.length
  const tuples: string[] = []
  for (let r = 0; r < rows; r++) tuples.push(`(${EVENT_COLUMNS.map((_, c) => `$${r * width + c + 1}`).join(',')})`)
  return `INSERT INTO page_views (${EVENT_COLUMNS.join(',')}) VALUES ${tuples.join(',')}`
}

// the statement text for a batch size is built once
const sqlCache = new Map<number, string>()
const sqlFor = (rows: number) => {
  let sql = sqlCache.get(rows)
  if (!sql) {
    sql = insertSql(rows)
    if (sqlCache.size < 2000) sqlCache.set(rows, sql)
  }
  return sql
}

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient

const insertChunks = async (db: Queryable, events: RawEvent[]) => {
  for (let i = 0; i < events.length; i += ROWS_PER_STATEMENT) {
    const chunk = events.slice(i, i + ROWS_PER_STATEMENT)
    const values: unknown[] = []
    for (const e of chunk) values.push(...eventValues(e, (d) => d))
    await db.query(sqlFor(chunk.length), values)
  }
}

/**
 * PostgreSQL through a pg Pool: the collector's own small pool, or Payload's
 * (payload.db.pool) for the rollup job. `ownsPool` says whether close() ends it.
 */
export const postgresStore = (pool: pg.Pool, { ownsPool }: { ownsPool: boolean }): Store => {
  const transaction = async (work: (client: pg.PoolClient) => Promise<void>) => {
    const client = await pool.connect()
    try {
      await client.query('BEGIN')
      await work(client)
      await client.query('COMMIT')
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    } finally {
      client.release()
    }
  }
  return {
    kind: 'postgres',
    async insertEvents(events) {
      if (events.length === 0) return
      // one statement is its own transaction; several need an explicit one so a batch is all or nothing
      if (events.length <= ROWS_PER_STATEMENT) await insertChunks(pool, events)
      else await transaction((client) => insertChunks(client, events))
    },
    async findSite(id) {
      const { rows } = await pool.query('SELECT id, domain, analytics_enabled FROM sites WHERE id = $1', [id])
      if (!rows[0]) return null
      return { id: Number(rows[0].id), domain: String(rows[0].domain), analyticsEnabled: rows[0].analytics_enabled !== false } satisfies SiteInfo
    },
    async findLink(siteId, code) {
      const { rows } = await pool.query('SELECT id, site_id, url, payout, active FROM affiliate_links WHERE site_id = $1 AND code = $2', [siteId, code])
      if (!rows[0]) return null
      const r = rows[0]
      return { id: Number(r.id), siteId: Number(r.site_id), url: String(r.url), payout: Number(r.payout ?? 0), active: r.active !== false } satisfies LinkInfo
    },
    async recordConversion(event) {
      await transaction(async (client) => {
        await insertChunks(client, [event])
        await client.query('UPDATE affiliate_links SET clicks = COALESCE(clicks, 0) + 1 WHERE id = $1', [event.affiliateLinkId])
      })
    },
    async saltFor(day, candidate) {
      await pool.query('INSERT INTO analytics_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING', [day, candidate])
      const { rows } = await pool.query('SELECT salt FROM analytics_salts WHERE day = $1', [day])
      return String(rows[0].salt)
    },
    async deleteSaltsBefore(day) {
      const result = await pool.query('DELETE FROM analytics_salts WHERE day < $1', [day])
      return result.rowCount ?? 0
    },
    async eventsBetween(siteId, from, to) {
      const { rows } = await pool.query(
        `SELECT visitor_id, type, pathname, referrer_host, source, revenue, occurred_at FROM page_views
         WHERE site_id = $1 AND occurred_at >= $2 AND occurred_at < $3`,
        [siteId, from, to],
      )
      return rows.map(
        (r): RollupEvent => ({
          visitorId: r.visitor_id,
          type: r.type,
          pathname: r.pathname,
          referrerHost: r.referrer_host,
          source: r.source,
          revenue: r.revenue === null ? null : Number(r.revenue),
          occurredAt: new Date(r.occurred_at).getTime(),
        }),
      )
    },
    async firstEventDays() {
      const { rows } = await pool.query(
        `SELECT site_id, to_char(min(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM page_views WHERE site_id IS NOT NULL GROUP BY site_id`,
      )
      return rows.map((r) => ({ siteId: Number(r.site_id), day: String(r.day) }))
    },
    async deleteEventsBefore(siteId, before) {
      const result = await pool.query('DELETE FROM page_views WHERE site_id = $1 AND occurred_at < $2', [siteId, before])
      return result.rowCount ?? 0
    },
    async countEvents(where = {}) {
      const { rows } = where.siteId
        ? await pool.query('SELECT count(*)::int AS n FROM page_views WHERE site_id = $1', [where.siteId])
        : await pool.query('SELECT count(*)::int AS n FROM page_views')
      return Number(rows[0].n)
    },
    async close() {
      if (ownsPool) await pool.end()
    },
  }
}

export const openPostgresStore = (connectionString: string, max: number): Store => {
  const pool = new pg.Pool({ connectionString, max, application_name: 'panel-collector' })
  // an idle client losing its connection must not take the process down; the next query reconnects
  pool.on('error', () => undefined)
  return postgresStore(pool, { ownsPool: true })
}
