import type { CollectionSlug, Payload, TaskConfig, Where } from 'payload'

import { AI_QUEUE, BATCHES_SLUG, BATCH_TASK } from '@/plugins/ai/constants'
import { countBlocks } from '@/plugins/ai/jobs/batch'
import type { Page } from '@/payload-types'
import { CLONES_SLUG, CLONE_TASK } from './constants'
import { cloneSiteContent, type CloneProgress } from './copy'

type ID = number | string
type CloneRecord = { id: ID; status?: string; source?: ID | null; site?: ID | null; requestedBy?: ID | null; rewriteWithAi?: boolean | null; label?: string | null }

const common = { depth: 0, overrideAccess: true } as const
const now = () => Date.now()

const idOf = (value: unknown): ID | null =>
  value && typeof value === 'object' ? ((value as { id?: ID }).id ?? null) : ((value as ID | null | undefined) ?? null)

/**
 * A clone that failed half-way is run again from the start: what the earlier attempt copied into the new
 * site goes first, through Payload's delete (an upload's files with it).
 */
const clearTarget = async (payload: Payload, siteId: ID) => {
  const site: Where = { site: { equals: siteId } }
  for (const collection of ['redirects', 'pages', 'swiper-presets', 'affiliate-links', 'media'] as CollectionSlug[]) {
    if (!payload.collections[collection]) continue
    if ((await payload.count({ collection, where: site, trash: true, overrideAccess: true })).totalDocs === 0) continue
    await payload.delete({ collection, where: site, trash: true, ...common })
  }
  const folders = payload.config.folders ? (payload.config.folders.slug as CollectionSlug) : null
  if (folders && (await payload.count({ collection: folders, where: site, overrideAccess: true })).totalDocs > 0) {
    await payload.delete({ collection: folders, where: { and: [site, { folder: { exists: false } }] }, ...common })
    await payload.delete({ collection: folders, where: site, ...common })
  }
}

/** Queues the AI bulk run that rewrites every block of the clone's pages (drafts, for review before publishing). */
const queueRewrite = async (payload: Payload, clone: CloneRecord, siteId: ID, domain: string): Promise<ID> => {
  const { docs } = await payload.find({ collection: 'pages', where: { site: { equals: siteId } }, draft: true, pagination: false, select: { blocks: true }, ...common })
  const total = countBlocks(docs as Page[])
  const batch = await payload.create({
    collection: BATCHES_SLUG as 'ai-batches',
    data: {
      label: `Site ${domain} (rewrite of its clone)`,
      site: siteId,
      page: null,
      requestedBy: clone.requestedBy ?? null,
      scope: 'site',
      force: true,
      status: 'queued',
      progress: { total, done: 0, generated: 0, skipped: 0, failed: 0, tokens: 0 },
      results: [],
    } as never,
    ...common,
  })
  await payload.jobs.queue({ task: BATCH_TASK as never, input: { batchId: String(batch.id) } as never, queue: AI_QUEUE })
  return batch.id as ID
}

/** Runs one clone record: copies the source's content into the new site, writing progress as it goes. */
export const runClone = async (payload: Payload, cloneId: ID): Promise<{ status: string }> => {
  const clone = (await payload.findByID({ collection: CLONES_SLUG as CollectionSlug, id: cloneId, disableErrors: true, ...common })) as CloneRecord | null
  if (!clone) return { status: 'missing' }
  // a job released after its clone was reclaimed, or one queued twice: only a queued clone runs
  if (clone.status !== 'queued') return { status: clone.status ?? 'missing' }
  const started = now()
  const write = (data: Record<string, unknown>) =>
    payload.update({ collection: CLONES_SLUG as CollectionSlug, id: cloneId, data: data as never, ...common })
  const sourceId = idOf(clone.source)
  const targetId = idOf(clone.site)
  try {
    if (sourceId === null) throw new Error('The source site was deleted before the clone ran: nothing to copy. Delete the new site, or fill it by hand.')
    if (targetId === null) throw new Error('The new site was deleted before the clone ran.')
    await write({ status: 'running', phase: 'Starting', startedAt: new Date(started).toISOString(), error: null })
    await clearTarget(payload, targetId)
    let lastWrite = 0
    const onProgress = async (p: CloneProgress) => {
      // a 1,000-page clone reports per chunk; the record is written at most twice a second
      if (p.phase === 'Copying pages' && now() - lastWrite < 500 && p.done < p.total) return
      lastWrite = now()
      await write({ phase: p.phase, progress: { total: p.total, done: p.done, pages: p.pages, media: p.media, presets: p.presets, links: p.links, folders: p.folders } })
    }
    const result = await cloneSiteContent({ payload, sourceId, targetId, pagesAsDrafts: Boolean(clone.rewriteWithAi), onProgress })
    const warnings = [...result.warnings]
    let aiBatch: ID | null = null
    if (clone.rewriteWithAi) {
      const site = await payload.findByID({ collection: 'sites', id: targetId, select: { domain: true }, ...common })
      aiBatch = await queueRewrite(payload, clone, targetId, site.domain)
    }
    const finished = now()
    await write({
      status: 'done',
      phase: clone.rewriteWithAi ? 'Done: pages are drafts until the AI rewrite is reviewed and published' : 'Done',
      aiBatch,
      warnings: warnings.length ? warnings.join('\n') : null,
      timings: { ...result.timings, pagesWrittenTwice: result.relinked },
      finishedAt: new Date(finished).toISOString(),
      durationMs: finished - started,
    })
    return { status: 'done' }
  } catch (err) {
    payload.logger.error({ msg: `clone ${String(cloneId)} failed`, err })
    const finished = now()
    await write({
      status: 'failed',
      error: `${(err as Error).message || String(err)} — the new site keeps what was copied; clone again (POST /api/site-clones/${String(cloneId)}/retry) or move it to the trash.`,
      finishedAt: new Date(finished).toISOString(),
      durationMs: finished - started,
    })
    return { status: 'failed' }
  }
}

export const cloneSiteTask: TaskConfig<any> = {
  slug: CLONE_TASK,
  label: 'Fleet: clone a site',
  inputSchema: [{ name: 'cloneId', type: 'text', required: true }],
  outputSchema: [{ name: 'status', type: 'text' }],
  // a failed clone is recorded with its reason; running it again starts over (clearTarget)
  retries: 0,
  handler: async ({ input, req }) => ({ output: await runClone(req.payload, (input as { cloneId: string }).cloneId) }),
}
