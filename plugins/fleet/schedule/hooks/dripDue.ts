import type { CollectionBeforeChangeHook } from 'payload'

import { now } from '@/lib/clock'
import type { Site } from '@/payload-types'

import { nextSlotAfter } from '../core/drip'

/**
 * Keeps the drip's next due time: switched on, or with another period or time of day, it is the next time of
 * day from now; switched off, there is none. Otherwise the drip job moves it on after each publish.
 */
export const keepDripDue: CollectionBeforeChangeHook<Site> = ({ data, originalDoc }) => {
  if (!data.drip) return data
  const before: NonNullable<Site['drip']> = originalDoc?.drip ?? {}
  const after = { ...before, ...data.drip }
  if (!after.enabled) {
    data.drip = { ...data.drip, nextAt: null }
    return data
  }
  const isChanged = !before.enabled || before.everyDays !== after.everyDays || before.time !== after.time || !before.nextAt
  data.drip = { ...data.drip, nextAt: isChanged ? new Date(nextSlotAfter(now(), after.time ?? '09:00')).toISOString() : (before.nextAt ?? null) }
  return data
}
