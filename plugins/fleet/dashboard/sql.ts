import type { Client } from '@libsql/client'
import type pg from 'pg'
import type { Payload } from 'payload'

/**
 * The dashboard's grouped figures in plain SQL, one statement per figure for all the sites of a page
 * (Payload's Local API counts one where at a time, which would be a query per site and figure). The
 * tables and columns are the ones Payload made from the collections (snake_case). Every statement takes
 * the site ids it may look at: the caller has already read them with the user's access.
 */

type Row = Record<string, unknown>
type Dialect = 'postgres' | 'sqlite'
type Db = { dialect: Dialect; all: (text: string, params: unknown[]) => Promise<Row[]> }

const dbOf = (payload: Payload): Db => {
  const db = payload.db as unknown as { name?: string; pool?: pg.Pool; client?: Client }
  if (db.name === 'postgres' && db.pool) {
    const pool = db.pool
    return { dialect: 'postgres', all: async (text, params) => (await pool.query(text, params)).rows }
  }
  if (db.name === 'sqlite' && db.client) {
    const client = db.client
    // the statements are written with $1, $2 … (PostgreSQL); SQLite takes the same numbered parameters as ?1, ?2 …
    return { dialect: 'sqlite', all: async (text, params) => (await client.execute({ sql: text.replace(/\$(\d+)/g, '?$1'), args: params as never })).rows as Row[] }
  }
  throw new Error(`The fleet dashboard needs PostgreSQL or SQLite, not "${db.name ?? 'unknown'}"`)
}

const num = (value: unknown): number => Number(value ?? 0)

/** `$2, $3, …` for a list of ids after `offset` other parameters. */
const list = (ids: readonly unknown[], offset: number) => ids.map((_, i) => `$${i + offset + 1}`).join(', ')

export type PageFigures = { published: number; draft: number; withoutDescription: number; withoutH1: number }

/**
 * Per site: pages live (published) and never published (draft), and among the live ones those without a
 * meta description, and those without a heading of their own: no h1 and no opening Hero block (whose heading
 * the builder makes the h1), so the title stands in. `_status` of the pages table is the live state: a published page with newer
 * draft changes counts as published, as `where[_status][equals]=published` sees it. Pages in the trash are
 * not counted.
 */
export const pageFigures = async (payload: Payload, siteIds: readonly number[]): Promise<Map<number, PageFigures>> => {
  const out = new Map<number, PageFigures>()
  if (siteIds.length === 0) return out
  const rows = await dbOf(payload).all(
    `SELECT site_id,
            SUM(CASE WHEN _status = 'published' THEN 1 ELSE 0 END) AS published,
            SUM(CASE WHEN _status = 'published' THEN 0 ELSE 1 END) AS draft,
            SUM(CASE WHEN _status = 'published' AND (meta_description IS NULL OR TRIM(meta_description) = '') THEN 1 ELSE 0 END) AS without_description,
            SUM(CASE WHEN _status = 'published' AND (h1 IS NULL OR TRIM(h1) = '')
                      AND NOT EXISTS (SELECT 1 FROM pages_blocks_hero hero WHERE hero._parent_id = pages.id AND hero._order = 1) THEN 1 ELSE 0 END) AS without_h1
       FROM pages
      WHERE site_id IN (${list(siteIds, 0)}) AND deleted_at IS NULL
      GROUP BY site_id`,
    [...siteIds],
  )
  for (const r of rows) {
    out.set(num(r.site_id), { published: num(r.published), draft: num(r.draft), withoutDescription: num(r.without_description), withoutH1: num(r.without_h1) })
  }
  return out
}

/** Per site: images in its media library without alt text (they render with an empty alt). */
export const imagesWithoutAlt = async (payload: Payload, siteIds: readonly number[]): Promise<Map<number, number>> => {
  const out = new Map<number, number>()
  if (siteIds.length === 0) return out
  const rows = await dbOf(payload).all(
    `SELECT site_id, COUNT(*) AS n FROM media
      WHERE site_id IN (${list(siteIds, 0)}) AND deleted_at IS NULL AND mime_type LIKE 'image/%' AND (alt IS NULL OR TRIM(alt) = '')
      GROUP BY site_id`,
    [...siteIds],
  )
  for (const r of rows) out.set(num(r.site_id), num(r.n))
  return out
}

/**
 * Per site: pages of its last successful deployment whose HTML is larger than `maxBytes`, read from that
 * deployment's build cache (it records every page's file size, rendered or reused), so nothing is built
 * or read from disk here.
 */
export const oversizedPages = async (payload: Payload, siteIds: readonly number[], maxBytes: number): Promise<Map<number, number>> => {
  const out = new Map<number, number>()
  if (siteIds.length === 0) return out
  const db = dbOf(payload)
  const lastSuccess = `SELECT MAX(id) FROM deployments WHERE status = 'success' AND site_id IN (${list(siteIds, 1)}) GROUP BY site_id`
  const text =
    db.dialect === 'postgres'
      ? `SELECT d.site_id, COUNT(*) AS n FROM deployments d, jsonb_each(d.build_cache -> 'pages') p
          WHERE d.id IN (${lastSuccess}) AND (p.value ->> 'size')::bigint > $1 GROUP BY d.site_id`
      : `SELECT d.site_id, COUNT(*) AS n FROM deployments d, json_each(d.build_cache, '$.pages') p
          WHERE d.id IN (${lastSuccess}) AND json_valid(d.build_cache) AND CAST(json_extract(p.value, '$.size') AS INTEGER) > $1 GROUP BY d.site_id`
  for (const r of await db.all(text, [maxBytes, ...siteIds])) out.set(num(r.site_id), num(r.n))
  return out
}

/**
 * Per site: AI tokens charged this month, as the budget counts them (plugins/ai/budget: the site-month
 * row of ai_budgets, or the month's generations while there is no row yet), for all sites in two statements.
 */
export const tokensThisMonth = async (payload: Payload, siteIds: readonly number[], { month, monthStart }: { month: string; monthStart: string }): Promise<Map<number, number>> => {
  const out = new Map<number, number>()
  if (siteIds.length === 0) return out
  const db = dbOf(payload)
  const keys = siteIds.map((id) => `${id}:${month}`)
  for (const r of await db.all(`SELECT key, used FROM ai_budgets WHERE key IN (${list(keys, 0)})`, keys)) {
    out.set(Number(String(r.key).split(':')[0]), num(r.used))
  }
  const rest = siteIds.filter((id) => !out.has(id))
  if (rest.length) {
    const sums = await db.all(
      `SELECT site_id, COALESCE(SUM(total_tokens), 0) AS used FROM ai_generations WHERE created_at >= $1 AND site_id IN (${list(rest, 1)}) GROUP BY site_id`,
      [monthStart, ...rest],
    )
    for (const r of sums) out.set(num(r.site_id), num(r.used))
  }
  return out
}

/** Every tag on the given sites (all sites when `siteIds` is null), sorted. */
export const tagsOf = async (payload: Payload, siteIds: readonly number[] | null): Promise<string[]> => {
  if (siteIds && siteIds.length === 0) return []
  const rows = await dbOf(payload).all(
    `SELECT DISTINCT t.text AS tag FROM sites_texts t JOIN sites s ON s.id = t.parent_id
      WHERE t.path = 'tags' AND s.deleted_at IS NULL${siteIds ? ` AND t.parent_id IN (${list(siteIds, 0)})` : ''}
      ORDER BY t.text`,
    siteIds ? [...siteIds] : [],
  )
  return rows.map((r) => String(r.tag))
}
