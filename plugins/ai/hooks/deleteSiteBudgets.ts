import type { CollectionBeforeDeleteHook } from 'payload'

import { BUDGETS_SLUG, RESERVATIONS_SLUG } from '../constants'

/** A deleted site takes its budget months and reservations with it (their site column cannot be emptied). */
export const deleteSiteBudgets = (): CollectionBeforeDeleteHook => async ({ id, req }) => {
  for (const collection of [RESERVATIONS_SLUG, BUDGETS_SLUG] as const) {
    await req.payload.db.deleteMany({ collection: collection as 'ai-budgets', where: { site: { equals: id } }, req })
  }
}
