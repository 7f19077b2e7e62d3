import { randomBytes } from 'node:crypto'

import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import { rowsFromMap, type NamedValueRow } from '../../fields/keyValueRows'
import { sqlQuery } from './query'

/**
 * December 2026: site colours and template variables, template colours and
 * footprint path variables moved from JSON objects (`{"primary": "#0f766e"}`)
 * to rows (`[{name: "primary", value: "#0f766e"}]`) that the admin edits
 * without a code editor.
 *
 * Call this inside the migration AFTER the new row tables are created and
 * BEFORE the old JSON columns are dropped (move the generated `DROP COLUMN`
 * statements below the call). It copies each object into rows in the object's
 * order, writes numbers and true/false as text, skips documents that already
 * have rows (safe to run twice) and columns that are gone. Colours that are
 * not hex values (`oklch(…)`, `rgb(…)`, names) are copied as they are and the
 * build keeps using them, but the admin asks for a hex value when the
 * document is next saved: they are listed in the log and in the result.
 */

type Move = { table: string; column: string; rows: string; isColor: boolean }

export const NAMED_VALUE_MOVES: Move[] = [
  { table: 'sites', column: 'custom_colors', rows: 'sites_custom_colors', isColor: true },
  { table: 'sites', column: 'template_variables', rows: 'sites_template_variables', isColor: false },
  { table: 'templates', column: 'color_variables', rows: 'templates_color_variables', isColor: true },
  { table: 'template_footprints', column: 'path_variables', rows: 'template_footprints_path_variables', isColor: false },
]

export type NamedValuesReport = {
  /** Documents given rows, per old column (`sites.custom_colors`). */
  converted: Record<string, number>
  /** Colours kept as they were that the admin will ask to be given as hex. */
  notHex: { table: string; id: number | string; name: string; value: string }[]
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i

/** The object ids Payload gives array rows: 24 hex digits. */
const rowId = (): string => randomBytes(12).toString('hex')

const parse = (value: unknown): unknown => {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    return null
  }
}

export const convertNamedValuesToRows = async ({ payload, req }: { payload: Payload; req: PayloadRequest }): Promise<NamedValuesReport> => {
  const { query, isSqlite } = await sqlQuery(payload, req)
  const hasColumn = async (table: string, column: string): Promise<boolean> =>
    (
      await query(
        isSqlite
          ? sql`SELECT 1 AS found FROM pragma_table_info(${table}) WHERE name = ${column}`
          : sql`SELECT 1 AS found FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} AND column_name = ${column}`,
      )
    ).length > 0

  const report: NamedValuesReport = { converted: {}, notHex: [] }
  for (const move of NAMED_VALUE_MOVES) {
    const key = `${move.table}.${move.column}`
    report.converted[key] = 0
    if (!(await hasColumn(move.table, move.column)) || !(await hasColumn(move.rows, '_parent_id'))) continue
    const docs = await query(sql`SELECT "id", ${sql.identifier(move.column)} AS "value" FROM ${sql.identifier(move.table)} WHERE ${sql.identifier(move.column)} IS NOT NULL`)
    for (const doc of docs) {
      const rows: NamedValueRow[] = rowsFromMap(parse(doc.value))
      if (rows.length === 0) continue
      const existing = await query(sql`SELECT 1 AS found FROM ${sql.identifier(move.rows)} WHERE "_parent_id" = ${doc.id} LIMIT 1`)
      if (existing.length > 0) continue
      for (const [order, row] of rows.entries()) {
        await query(
          sql`INSERT INTO ${sql.identifier(move.rows)} ("_order", "_parent_id", "id", "name", "value") VALUES (${order + 1}, ${doc.id}, ${rowId()}, ${row.name}, ${row.value})`,
        )
        if (move.isColor && !HEX.test(row.value.trim())) report.notHex.push({ table: move.table, id: doc.id as number, name: row.name, value: row.value })
      }
      report.converted[key]++
    }
  }
  for (const c of report.notHex) {
    payload.logger.warn({ msg: `${c.table} ${String(c.id)}: colour "${c.name}" is "${c.value}", not a hex value; it is kept and built as it is, but the next save asks for a hex value (e.g. #1d4ed8)` })
  }
  return report
}
