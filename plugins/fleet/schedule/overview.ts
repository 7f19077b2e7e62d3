import type { Payload } from 'payload'

import { now } from '@/lib/clock'
import type { Site } from '@/payload-types'

import { SCHEDULE_PUBLISH_TASK } from './constants'
import { expectedDates } from './core/drip'
import { dripQueueOf } from './jobs/drip'

export type ScheduleOverview = {
  site: { id: number; domain: string }
  /** Publishes and unpublishes scheduled on pages of the site (Payload's scheduled publish), soonest first. */
  scheduled: { jobId: number | string; pageId: number; title: string; slug: string; type: 'publish' | 'unpublish'; at: string }[]
  drip: {
    enabled: boolean
    everyDays: number
    time: string
    nextAt: string | null
    /** The queued drafts in the order they go out, with the date each is expected. */
    queue: { pageId: number; title: string; slug: string; expectedAt: string | null }[]
  }
}

type ScheduleJob = { id: number | string; waitUntil?: string | null; input?: { type?: string; doc?: { relationTo?: string; value?: unknown } } }

/** What the site will publish and when: the scheduled publishes of its pages, then its drip queue in order. */
export const scheduleOverview = async (payload: Payload, site: Site): Promise<ScheduleOverview> => {
  const at = now()
  const { docs: jobs } = (await payload.find({
    collection: 'payload-jobs',
    where: {
      and: [
        { taskSlug: { equals: SCHEDULE_PUBLISH_TASK } },
        { completedAt: { exists: false } },
        { hasError: { not_equals: true } },
        { 'input.doc.relationTo': { equals: 'pages' } },
      ],
    },
    sort: 'waitUntil',
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })) as unknown as { docs: ScheduleJob[] }
  const pageIds = [...new Set(jobs.map((j) => Number(j.input?.doc?.value)).filter((id) => Number.isFinite(id)))]
  const { docs: pages } = pageIds.length
    ? await payload.find({
        collection: 'pages',
        where: { and: [{ id: { in: pageIds } }, { site: { equals: site.id } }] },
        select: { title: true, slug: true },
        draft: true,
        pagination: false,
        depth: 0,
        overrideAccess: true,
      })
    : { docs: [] }
  const byId = new Map(pages.map((p) => [p.id, p]))
  const scheduled = jobs.flatMap((job) => {
    const page = byId.get(Number(job.input?.doc?.value))
    if (!page || !job.waitUntil) return []
    return [{ jobId: job.id, pageId: page.id, title: page.title, slug: page.slug ?? '', type: job.input?.type === 'unpublish' ? ('unpublish' as const) : ('publish' as const), at: job.waitUntil }]
  })

  const drip = site.drip ?? {}
  const queue = await dripQueueOf(payload, site.id)
  const nextAt = drip.nextAt ? Date.parse(drip.nextAt) : null
  const dates = drip.enabled && nextAt !== null ? expectedDates({ nextAt, everyDays: drip.everyDays ?? 1, count: queue.length, now: at }) : []
  return {
    site: { id: site.id, domain: site.domain },
    scheduled,
    drip: {
      enabled: Boolean(drip.enabled),
      everyDays: drip.everyDays ?? 1,
      time: drip.time ?? '09:00',
      nextAt: drip.nextAt ?? null,
      queue: queue.map((page, i) => ({ pageId: page.id, title: page.title, slug: page.slug ?? '', expectedAt: dates[i] !== undefined ? new Date(dates[i]).toISOString() : null })),
    },
  }
}
