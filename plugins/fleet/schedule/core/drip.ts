/**
 * The drip queue's calendar: a site publishes one queued draft every N days at a time of day (UTC). Pure: times
 * are ms since the epoch, the caller gives "now" (lib/clock.ts), so tests move time instead of waiting.
 */

export const DAY_MS = 86_400_000

/** `HH:MM` (24-hour, UTC) as minutes after midnight, or null. */
export const minutesOfDay = (text: unknown): number | null => {
  const m = typeof text === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim()) : null
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

/** The first instant after `now` at the time of day: when a drip switched on (or changed) publishes first. */
export const nextSlotAfter = (now: number, time: string): number => {
  const minutes = minutesOfDay(time) ?? 0
  const midnight = Math.floor(now / DAY_MS) * DAY_MS
  const today = midnight + minutes * 60_000
  return today > now ? today : today + DAY_MS
}

/**
 * After a publish due at `due`: the next due time, N days on, skipping periods that passed while nothing ran
 * (a worker down for a week publishes one page when it is back, not seven).
 */
export const nextAfterPublish = (due: number, everyDays: number, now: number): number => {
  const period = Math.max(1, Math.round(everyDays)) * DAY_MS
  let next = due + period
  if (next <= now) next += Math.ceil((now - next + 1) / period) * period
  return next
}

/**
 * When each of `count` queued pages is expected to go out, in queue order: the first at the next due time (or at
 * the next run when that has passed), each later one a period after the one before.
 */
export const expectedDates = ({ nextAt, everyDays, count, now }: { nextAt: number; everyDays: number; count: number; now: number }): number[] => {
  const dates: number[] = []
  let due = nextAt
  let at = Math.max(nextAt, now)
  for (let i = 0; i < count; i++) {
    dates.push(at)
    due = nextAfterPublish(due, everyDays, at)
    at = due
  }
  return dates
}
