import pg from 'pg'
import type { Payload } from 'payload'

import { postgresOf } from './jobSignal'

/** The advisory lock namespace of site deployments (any constant that other locks of this database do not use). */
export const DEPLOY_LOCK = 0x50414e /* "PAN" */
/** The namespace of a site's drip queue (plugins/fleet/schedule): one publish per due time, whatever runs it. */
export const DRIP_LOCK = 0x504144 /* "PAD" */

export type SiteLock = { release: () => Promise<void> }

/**
 * Takes the site's deploy lock, or answers null when another deployment of
 * the site holds it. PostgreSQL: a session advisory lock on a connection of
 * its own, held while the deployment runs and freed by the database when the
 * holder dies, so two workers can never run one site's deployments at once
 * (a check of running deployments alone lets two that look at the same moment
 * both start). SQLite has one writer process in practice; there the running
 * deployments check of the caller is the guard, and this lock is only taken
 * within the process. `namespace` keeps other per-site locks (the drip queue's) apart from deployments'.
 */
export const lockSite = async (payload: Payload, siteId: number | string, namespace: number = DEPLOY_LOCK): Promise<SiteLock | null> => {
  const db = postgresOf(payload)
  if (!db) return lockInProcess(`${namespace}:${String(siteId)}`)
  const client = new pg.Client(db.poolOptions)
  client.on('error', () => undefined)
  await client.connect()
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [namespace, Number(siteId)])
    if (!rows[0]?.ok) {
      await client.end()
      return null
    }
  } catch (err) {
    await client.end().catch(() => undefined)
    throw err
  }
  return {
    // ending the session frees its advisory locks
    release: () => client.end().catch(() => undefined),
  }
}

const heldHere = new Set<string>()

const lockInProcess = async (key: string): Promise<SiteLock | null> => {
  if (heldHere.has(key)) return null
  heldHere.add(key)
  return { release: async () => void heldHere.delete(key) }
}
