import type { Payload } from 'payload'

import { envMs } from '@/lib/jobs'
import type { Site } from '@/payload-types'
import { budgetMonth } from '../core/budget'
import { monthStart } from '../core/limits'
import { AiError } from '../core/types'
import { budgetStore } from './store'

/**
 * The monthly token budget of a site, held before every provider call:
 * `reserveTokens` takes the call's most possible tokens from what is left,
 * atomically in the database (so app and worker processes agree), or
 * answers budget_exceeded without calling anyone; `settle` replaces the
 * reservation with the real usage. Usage can therefore never pass the
 * budget, however many generations run at once.
 *
 * A reservation lives `AI_RESERVATION_TTL_MS` (10 min by default) unless
 * renewed: the process holding it renews it while the call runs, so one left
 * by a process that died stops counting by itself.
 */

export const reservationTtlMs = (): number => envMs('AI_RESERVATION_TTL_MS', 10 * 60_000)

export type Reservation = {
  tokens: number
  /** Counts `tokens` (the real usage) against the month and drops the reservation; 0 releases it. Once. */
  settle: (tokens: number) => Promise<void>
}

const siteKey = (siteId: number | string, month: string) => `${siteId}:${month}`

const monthWords = (date: Date) => date.toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' })
const resetDate = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)).toISOString().slice(0, 10)
const n = (value: number) => value.toLocaleString('en')

const exceeded = ({ site, used, reserved, tokens, now }: { site: Site; used: number; reserved: number; tokens: number | null; now: Date }) => {
  const budget = site.aiMonthlyTokenBudget ?? 0
  const inFlight = reserved > 0 ? ` (${n(reserved)} more are held for generations in progress)` : ''
  const wanted = tokens === null ? '' : ` This generation may use up to ${n(tokens)} tokens, more than is left.`
  return new AiError(
    'budget_exceeded',
    `${site.domain} has used ${n(used)} of its ${n(budget)} AI tokens for ${monthWords(now)}${inFlight}.${wanted} ` +
      `The budget resets on ${resetDate(now)}; an admin can raise it on the site (Analytics & AI tab).`,
  )
}

/** Refuses early (before anything is queued) when the site has nothing left this month. */
export const checkBudget = async (payload: Payload, site: Site, now = new Date()): Promise<void> => {
  const budget = site.aiMonthlyTokenBudget
  if (budget === null || budget === undefined) return
  const { used, reserved } = await budgetStore(payload).status({ key: siteKey(site.id, budgetMonth(now)), siteId: site.id, monthStart: monthStart(now).toISOString() })
  if (used + reserved >= budget) throw exceeded({ site, used, reserved, tokens: null, now })
}

/** Tokens charged to a site this calendar month (UTC). */
export const tokensUsedThisMonth = async (payload: Payload, siteId: number | string, now = new Date()): Promise<number> =>
  (await budgetStore(payload).status({ key: siteKey(siteId, budgetMonth(now)), siteId, monthStart: monthStart(now).toISOString() })).used

export const reserveTokens = async ({ payload, site, tokens }: { payload: Payload; site: Site; tokens: number }): Promise<Reservation> => {
  const store = budgetStore(payload)
  const now = new Date()
  const key = siteKey(site.id, budgetMonth(now))
  const ttlMs = reservationTtlMs()
  const budget = site.aiMonthlyTokenBudget ?? null
  const result = await store.reserve({ key, siteId: site.id, month: budgetMonth(now), monthStart: monthStart(now).toISOString(), tokens, budget, ttlMs })
  if (result.id === null) throw exceeded({ site, used: result.used, reserved: result.reserved, tokens, now })
  const id = result.id
  const renewal = setInterval(() => {
    store.renew({ id, ttlMs }).catch((err) => payload.logger.warn({ msg: 'ai: could not renew a token reservation', err }))
  }, Math.max(100, ttlMs / 3))
  renewal.unref()
  let settled: Promise<void> | null = null
  return {
    tokens,
    settle: (used) => {
      settled ??= (async () => {
        clearInterval(renewal)
        for (let attempt = 1; ; attempt++) {
          try {
            return await store.settle({ id, key, tokens: Math.max(0, Math.round(used)) })
          } catch (err) {
            if (attempt < 3) {
              await new Promise((resolve) => setTimeout(resolve, 200 * attempt))
              continue
            }
            // the reservation still holds its tokens until it expires; after that this call's usage is missing from the month
            payload.logger.error({ msg: `ai: could not count ${used} tokens of ${site.domain} against its budget`, err })
            return
          }
        }
      })()
      return settled
    },
  }
}
