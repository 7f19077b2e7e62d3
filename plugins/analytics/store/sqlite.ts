import { createClient, type Client, type InArgs, type InStatement } from '@libsql/client'

import type { RawEvent, RollupEvent } from '../core/types'
import { EVENT_COLUMNS, ROWS_PER_STATEMENT, eventValues, type Store } from './types'

const insertStatements = (events: RawEvent[]): InStatement[] => {
  const statements: InStatement[] = []
  const tuple = `(${EVENT_COLUMNS.map(() => '?').join(',')})`
  for (let i = 0; i < events.length; i += ROWS_PER_STATEMENT) {
    const chunk = events.slice(i, i + ROWS_PER_STATEMENT)
    const args: unknown[] = []
    // Payload keeps SQLite dates as ISO strings; the same format keeps range queries and sorting right
    for (const e of chunk) args.push(...eventValues(e, (d) => d.toISOString()))
    statements.push({ sql: `INSERT INTO page_views (${EVENT_COLUMNS.join(',')}) VALUES ${chunk.map(() => tuple).join(',')}`, args: args as InArgs })
  }
  return statements
}

const num = (value: unknown): number => Number(value ?? 0)
/** SQLite booleans are 0/1; empty means the field's default (on). */
const flag = (value: unknown): boolean => value === null || value === undefined || Number(value) !== 0

/**
 * SQLite through a libsql client: the collector's own connection to the file
 * the app uses, or Payload's (payload.db.client) for the rollup job.
 */
export const sqliteStore = (client: Client, { ownsClient }: { ownsClient: boolean }): Store => ({
  kind: 'sqlite',
  async insertEvents(events) {
    if (events.length === 0) return
    await client.batch(insertStatements(events), 'write')
  },
  async findSite(id) {
    const { rows } = await client.execute({ sql: 'SELECT id, domain, analytics_enabled FROM sites WHERE id = ?', args: [id] })
    if (!rows[0]) return null
    return { id: num(rows[0].id), domain: String(rows[0].domain), analyticsEnabled: flag(rows[0].analytics_enabled) }
  },
  async findLink(siteId, code) {
    const { rows } = await client.execute({ sql: 'SELECT id, site_id, url, payout, active FROM affiliate_links WHERE site_id = ? AND code = ?', args: [siteId, code] })
    if (!rows[0]) return null
    const r = rows[0]
    return { id: num(r.id), siteId: num(r.site_id), url: String(r.url), payout: num(r.payout), active: flag(r.active) }
  },
  async recordConversion(event) {
    await client.batch(
      [...insertStatements([event]), { sql: 'UPDATE affiliate_links SET clicks = COALESCE(clicks, 0) + 1 WHERE id = ?', args: [event.affiliateLinkId] }],
      'write',
    )
  },
  async saltFor(day, candidate) {
    const [, result] = await client.batch(
      [
        { sql: 'INSERT INTO analytics_salts (day, salt) VALUES (?, ?) ON CONFLICT (day) DO NOTHING', args: [day, candidate] },
        { sql: 'SELECT salt FROM analytics_salts WHERE day = ?', args: [day] },
      ],
      'write',
    )
    return String(result.rows[0].salt)
  },
  async deleteSaltsBefore(day) {
    const result = await client.execute({ sql: 'DELETE FROM analytics_salts WHERE day < ?', args: [day] })
    return result.rowsAffected
  },
  async eventsBetween(siteId, from, to) {
    const { rows } = await client.execute({
      sql: 'SELECT visitor_id, type, pathname, referrer_host, source, revenue, occurred_at FROM page_views WHERE site_id = ? AND occurred_at >= ? AND occurred_at < ?',
      args: [siteId, from.toISOString(), to.toISOString()],
    })
    return rows.map(
      (r): RollupEvent => ({
        visitorId: String(r.visitor_id),
        type: r.type as RollupEvent['type'],
        pathname: String(r.pathname),
        referrerHost: r.referrer_host === null ? null : String(r.referrer_host),
        source: r.source as RollupEvent['source'],
        revenue: r.revenue === null ? null : Number(r.revenue),
        occurredAt: Date.parse(String(r.occurred_at)),
      }),
    )
  },
  async firstEventDays() {
    const { rows } = await client.execute('SELECT site_id, substr(min(occurred_at), 1, 10) AS day FROM page_views WHERE site_id IS NOT NULL GROUP BY site_id')
    return rows.map((r) => ({ siteId: num(r.site_id), day: String(r.day) }))
  },
  async deleteEventsBefore(siteId, before) {
    const result = await client.execute({ sql: 'DELETE FROM page_views WHERE site_id = ? AND occurred_at < ?', args: [siteId, before.toISOString()] })
    return result.rowsAffected
  },
  async countEvents(where = {}) {
    const { rows } = where.siteId
      ? await client.execute({ sql: 'SELECT count(*) AS n FROM page_views WHERE site_id = ?', args: [where.siteId] })
      : await client.execute('SELECT count(*) AS n FROM page_views')
    return num(rows[0].n)
  },
  async close() {
    if (ownsClient) client.close()
  },
})

export const openSqliteStore = async (file: string): Promise<Store> => {
  const client = createClient({ url: `file:${file}` })
  // the app writes the same file: wait for its locks instead of failing, and let readers run beside writers
  await client.execute('PRAGMA busy_timeout = 10000')
  await client.execute('PRAGMA journal_mode = WAL')
  return sqliteStore(client, { ownsClient: true })
}
