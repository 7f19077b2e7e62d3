import { EventEmitter } from 'node:events'

import pg from 'pg'
import type { Payload, PayloadRequest } from 'payload'

import { afterCommit } from './afterCommit'

/**
 * Wakes workers when a job is queued, so a queued deployment (or AI bulk run)
 * starts at once instead of at the worker's next poll. PostgreSQL: NOTIFY on
 * one channel, sent after the queueing transaction commits (a worker woken
 * earlier would not see the job yet), LISTENed to by every worker on its own
 * connection. In every case the signal is also raised in this process, for
 * an app that runs its queues itself (`next dev`, SQLite). Polling stays as
 * the fallback: a lost signal delays a job, never loses it.
 */
export const JOB_CHANNEL = 'panel_jobs'

const local = new EventEmitter()
local.setMaxListeners(0)

type PostgresDb = { name: string; pool?: pg.Pool; poolOptions?: pg.ClientConfig }

/** The PostgreSQL adapter's pool and connection options, or null on SQLite. */
export const postgresOf = (payload: Payload): PostgresDb | null => {
  const db = payload.db as unknown as PostgresDb
  return db.name === 'postgres' && db.pool ? db : null
}

/** Says that a job of `queue` is waiting, once `req`'s transaction (if any) has committed. */
export const announceJob = (req: PayloadRequest, queue: string): Promise<void> =>
  afterCommit(req, async () => {
    local.emit('job', queue)
    const db = postgresOf(req.payload)
    if (db) await db.pool!.query('SELECT pg_notify($1, $2)', [JOB_CHANNEL, queue])
  })

export type JobListener = {
  /** Resolves once the listener hears PostgreSQL (at once on SQLite, where only this process can signal). */
  ready: Promise<void>
  close: () => Promise<void>
}

/**
 * Calls `onJob(queue)` whenever a job is announced: in this process, and on
 * PostgreSQL from any process. The LISTEN connection comes back by itself
 * after a database restart (a job announced meanwhile waits for the poll).
 */
export const listenForJobs = (payload: Payload, onJob: (queue: string) => void): JobListener => {
  const onLocal = (queue: string) => onJob(queue)
  local.on('job', onLocal)
  const db = postgresOf(payload)
  let client: pg.Client | null = null
  let isClosed = false
  let retry: NodeJS.Timeout | undefined

  const connect = async (): Promise<void> => {
    const next = new pg.Client(db!.poolOptions)
    next.on('notification', (message) => {
      if (message.channel === JOB_CHANNEL) onJob(message.payload ?? '')
    })
    next.on('error', (err) => {
      payload.logger.warn({ msg: 'The job signal connection failed; listening again in 1 s (polling meanwhile)', err })
      void next.end().catch(() => undefined)
      if (client === next) client = null
      if (!isClosed) retry = setTimeout(() => void connect().catch(() => undefined), 1_000)
    })
    await next.connect()
    await next.query(`LISTEN ${JOB_CHANNEL}`)
    if (isClosed) {
      await next.end()
      return
    }
    client = next
  }

  const ready = db ? connect() : Promise.resolve()
  return {
    ready,
    close: async () => {
      isClosed = true
      clearTimeout(retry)
      local.off('job', onLocal)
      await client?.end().catch(() => undefined)
      client = null
    },
  }
}
