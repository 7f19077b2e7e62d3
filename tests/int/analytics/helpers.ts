import type { Payload } from 'payload'

import { createCollector, type Collector, type CollectorOptions } from '@/plugins/analytics/collector/server'
import { openStore } from '@/plugins/analytics/store'
import type { Site } from '@/payload-types'
import { unique, type World } from '../../helpers/world'

export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

export type Running = { url: string; collector: Collector; close: () => Promise<void> }

/** A real collector on its own connections to the test database, on an ephemeral port. */
export const startCollector = async (options: Omit<CollectorOptions, 'store'> = {}): Promise<Running> => {
  const store = await openStore({ poolMax: 8 })
  const collector = createCollector({ store, log: () => undefined, ...options })
  const url = await collector.listen(0, '127.0.0.1')
  let isClosed = false
  return {
    url,
    collector,
    close: async () => {
      if (isClosed) return
      isClosed = true
      await collector.close()
    },
  }
}

export const track = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const res = await fetch(`${url}/track`, {
    method: 'POST',
    headers: { 'user-agent': BROWSER_UA, 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, text, json: text ? (JSON.parse(text) as { error?: string; ok?: boolean }) : null, headers: res.headers }
}

/** A site of its own for one test file (unique domain), analytics on unless told otherwise. */
export const createSite = async (w: World, { analyticsEnabled = true, prefix = 'an' }: { analyticsEnabled?: boolean; prefix?: string } = {}): Promise<Site> =>
  w.payload.create({
    collection: 'sites',
    data: { domain: `${unique(prefix)}.test`, brandName: 'Analytics test', language: w.languageId, template: w.templateId, analyticsEnabled } as never,
  })

export const pageViewsOf = async (payload: Payload, siteId: number) =>
  (await payload.find({ collection: 'page-views', where: { site: { equals: siteId } }, pagination: false, depth: 0, sort: 'occurredAt' })).docs
