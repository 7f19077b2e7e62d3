import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { DAY_MS, expectedDates, minutesOfDay, nextAfterPublish, nextSlotAfter } from '@/plugins/fleet/schedule/core/drip'

const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) })
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)

describe('the drip calendar', () => {
  it('reads times of day as HH:MM only', () => {
    expect(minutesOfDay('09:30')).toBe(570)
    for (const bad of ['9:30', '24:00', '12:60', 'noon', null]) expect(minutesOfDay(bad)).toBeNull()
  })

  it('first publishes at the next time of day after now, within a day', () => {
    fc.assert(
      fc.property(instant, time, (now, t) => {
        const next = nextSlotAfter(now, t)
        expect(next).toBeGreaterThan(now)
        expect(next - now).toBeLessThanOrEqual(DAY_MS)
        expect(new Date(next).toISOString().slice(11, 16)).toBe(t)
      }),
    )
  })

  it('moves on whole periods after a publish, to a time after now', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 90 * DAY_MS }), (due, days, late) => {
        const now = due + late
        const next = nextAfterPublish(due, days, now)
        expect(next).toBeGreaterThan(now)
        expect((next - due) % (days * DAY_MS)).toBe(0)
        expect(next - now).toBeLessThanOrEqual(days * DAY_MS)
      }),
    )
  })

  it('expects queued pages in order: the second within a period of the first (on the time of day), then a period apart', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: -5 * DAY_MS, max: 5 * DAY_MS }), (nextAt, days, count, offset) => {
        const dates = expectedDates({ nextAt, everyDays: days, count, now: nextAt + offset })
        expect(dates).toHaveLength(count)
        if (count) expect(dates[0]).toBe(Math.max(nextAt, nextAt + offset))
        if (count > 1) {
          expect(dates[1]).toBeGreaterThan(dates[0])
          expect(dates[1] - dates[0]).toBeLessThanOrEqual(days * DAY_MS)
          expect((dates[1] - nextAt) % (days * DAY_MS)).toBe(0)
        }
        for (let i = 2; i < dates.length; i++) expect(dates[i] - dates[i - 1]).toBe(days * DAY_MS)
      }),
    )
  })
})
