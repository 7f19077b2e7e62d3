/**
 * `npm run analytics:rollup`: rolls page views up now, instead of waiting for
 * the scheduled job (after an import, in the browser test, when debugging).
 */
import { getPayload } from 'payload'

import config from '../../../payload.config'
import { runRollup } from './rollup'

const payload = await getPayload({ config })
const result = await runRollup({ payload })
process.stdout.write(`Rolled up: ${result.written} day rows written, ${result.unchanged} final days unchanged, ${result.deleted} old raw events deleted\n`)
await payload.destroy?.()
process.exit(0)
