import type { Payload, PayloadRequest } from 'payload'

type Rows = { rows?: Record<string, unknown>[] }
type Drizzle = { execute?: (q: unknown) => Promise<Rows>; run?: (q: unknown) => Promise<Rows> }

/**
 * Plain SQL for data steps of migrations, in the migration's transaction when `req` carries one (PostgreSQL and
 * SQLite alike). Data steps read and write with SQL that names its columns, never through Payload's adapter or
 * Local API: those use the schema of the code that runs them, and a migration runs with the code of a later
 * release, whose schema has columns that the database only gets from later migrations (a select of every column
 * then fails: `column "warm_build" does not exist`).
 */
export const sqlQuery = async (payload: Payload, req?: Partial<PayloadRequest>) => {
  const adapter = payload.db as unknown as { name: string; drizzle: Drizzle; sessions?: Record<string, { db: Drizzle }> }
  const db: Drizzle = (req?.transactionID && adapter.sessions?.[String(await req.transactionID)]?.db) || adapter.drizzle
  const isSqlite = adapter.name === 'sqlite'
  const query = async (statement: unknown): Promise<Record<string, unknown>[]> =>
    ((await (isSqlite ? db.run!(statement) : db.execute!(statement))).rows ?? []) as Record<string, unknown>[]
  return { query, isSqlite }
}
