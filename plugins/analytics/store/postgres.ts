import pg from 'pg'

import type { RawEvent, RollupEvent } from '../core/types'
import { EVENT_COLUMNS, eventValues, type LinkInfo, type SiteInfo, type Store } from './types'

/** PostgreSQL's type for each of EVENT_COLUMNS (the enums are the ones Payload made for the select fields). */
const COLUMN_TYPES: Record<(typeof EVENT_COLUMNS)[number], string> = {
  site_id: 'int4',
  occurred_at: 'timestamptz',
  type: 'enum_page_views_type',
  pathname: 'varchar',
  hostname: 'varchar',
  referrer: 'varchar',
  referrer_host: 'varchar',
  source: 'enum_page_views_source',
  utm_source: 'varchar',
  utm_medium: 'varchar',
  utm_campaign: 'varchar',
  visitor_id: 'varchar',
  target: 'varchar',
  affiliate_link_id: 'int4',
  revenue: 'numeric',
}

/**
 * One statement for a batch of any size: each column travels as one array and
 * unnest() turns them back into rows. The text never changes, so PostgreSQL
 * parses and plans it once per connection (a prepared statement), and a batch
 * of 250 costs about a third of the same rows as a VALUES list with 3,750
 * parameters, which is parsed and planned again for every batch.
 */
const INSERT_EVENTS = {
  name: 'analytics_insert_events',
  text: `INSERT INTO page_views (${EVENT_COLUMNS.join(',')}) SELECT * FROM unnest(${EVENT_COLUMNS.map((c, i) => `$${i + 1}::${COLUMN_TYPES[c]}[]`).join(',')})`,
}

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient

/** Inserts the events in one statement: all of them or none. */
const insertEvents = async (db: Queryable, events: RawEvent[]) => {
  const columns: unknown[][] = EVENT_COLUMNS.map(() => new Array(events.length))
  events.forEach((event, row) => eventValues(event, (d) => d).forEach((value, column) => (columns[column][row] = value)))
  await db.query({ ...INSERT_EVENTS, values: columns })
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
      // one statement is its own transaction: a batch is stored whole or not at all
      if (events.length > 0) await insertEvents(pool, events)
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
        await insertEvents(client, [event])
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
