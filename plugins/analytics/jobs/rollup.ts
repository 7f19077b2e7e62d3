import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import { retentionDays as configuredRetention } from '../config'
import { rollupDay } from '../core/rollup'
import { addDays, dayStart, utcDay } from '../core/visitor'
import { storeOf } from '../store'
import { ANALYTICS_QUEUE, ROLLUP_TASK } from './constants'

export type RollupResult = { written: number; unchanged: number; deleted: number }

type Existing = { id: number | string; date: string; isFinal?: boolean | null }

/**
 * Rolls raw page views up into the analytics collection, one row per site per
 * UTC day, then deletes raw events older than the retention period. A day is
 * final once it has ended (events are stamped by the collector's clock, so
 * nothing arrives for a past day); final days are never recomputed, today is
 * recomputed each run. Re-running gives the same rows: a row is found by
 * (site, date) and overwritten with figures computed from the same events.
 * Raw events are deleted only for days whose final row exists.
 */
export const runRollup = async ({
  payload,
  req,
  now = new Date(),
  retentionDays = configuredRetention(),
  siteIds,
}: {
  payload: Payload
  req?: Partial<PayloadRequest>
  now?: Date
  retentionDays?: number
  /** Only these sites (tests). */
  siteIds?: number[]
}): Promise<RollupResult> => {
  const store = storeOf(payload)
  const today = utcDay(now)
  const result: RollupResult = { written: 0, unchanged: 0, deleted: 0 }
  const firstDays = (await store.firstEventDays()).filter((f) => !siteIds || siteIds.includes(f.siteId))
  for (const { siteId, day: firstDay } of firstDays) {
    const existing = await payload.find({
      collection: 'analytics',
      where: { and: [{ site: { equals: siteId } }, { date: { greater_than_equal: firstDay } }] },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      select: { date: true, isFinal: true },
      req,
    })
    const byDate = new Map((existing.docs as unknown as Existing[]).map((doc) => [doc.date, doc]))
    for (let day = firstDay; day <= today; day = addDays(day, 1)) {
      const row = byDate.get(day)
      if (row?.isFinal) {
        result.unchanged++
        continue
      }
      const end = dayStart(addDays(day, 1))
      const events = await store.eventsBetween(siteId, dayStart(day), end)
      const isFinal = now.getTime() >= end.getTime()
      if (events.length === 0 && !row) continue
      const stats = rollupDay(events)
      const data = { site: siteId, date: day, ...stats, isFinal, computedAt: now.toISOString() }
      if (row) await payload.update({ collection: 'analytics', id: row.id, data, overrideAccess: true, depth: 0, req })
      else await payload.create({ collection: 'analytics', data, overrideAccess: true, depth: 0, req })
      result.written++
    }
    if (retentionDays > 0) {
      // only today is not final, and it is after the cutoff: every day before the cutoff has its final row
      // (written above, or before), or had no events; a failed write above threw before getting here
      result.deleted += await store.deleteEventsBefore(siteId, dayStart(addDays(today, -retentionDays)))
    }
  }
  return result
}

export const rollupTask: TaskConfig<'analyticsRollup'> = {
  slug: ROLLUP_TASK,
  label: 'Roll up analytics',
  outputSchema: [
    { name: 'written', type: 'number' },
    { name: 'unchanged', type: 'number' },
    { name: 'deleted', type: 'number' },
  ],
  retries: 2,
  // every 10 minutes, so today's figures on the dashboard are at most that old
  schedule: [{ cron: '0 */10 * * * *', queue: ANALYTICS_QUEUE }],
  // not the job's req: the rollup reads and deletes raw events on its own connections (store), and each row
  // written is atomic on its own, so the job holds no long transaction (SQLite would block the collector)
  handler: async ({ req }) => ({ output: await runRollup({ payload: req.payload }) }),
}
