/**
 * Child of bench/track/run.ts: pushes the schema into the (empty) bench
 * database and makes one site with analytics on. Prints {"siteId":…,"domain":…}.
 */
import { getPayload } from 'payload'

import config from '../../payload.config'

const payload = await getPayload({ config })
const language = await payload.create({ collection: 'languages', data: { code: 'en', name: 'English' } })
const template = await payload.create({ collection: 'templates', data: { name: 'Bench', type: 'monolithic', html: '<main>{{ content }}</main>' } as never })
const site = await payload.create({
  collection: 'sites',
  data: { domain: 'bench-site.test', brandName: 'Bench', language: language.id, template: template.id, analyticsEnabled: true } as never,
})
process.stdout.write(`\n${JSON.stringify({ siteId: site.id, domain: site.domain })}\n`)
await payload.destroy?.()
process.exit(0)
