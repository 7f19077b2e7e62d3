import type { Payload, TaskConfig, Where } from 'payload'

import type { Page, Site } from '@/payload-types'
import { BATCHES_SLUG, BATCH_TASK } from '../constants'
import { hasContent, isTarget, type BlockData } from '../core/blocks'
import { AiError } from '../core/types'
import { prepareGeneration, runGeneration } from '../generate'
import { aiWrite } from '../writes'
import { batchHeartbeatMs } from './reclaim'

export type BlockResult = {
  page: number | string
  pageTitle: string
  blockIndex: number
  blockId: string | null
  blockType: string
  status: 'generated' | 'skipped' | 'failed'
  message: string
  tokens?: number
}

export const BUDGET_STOP = "Not generated: the site's monthly AI token budget has no room left for it."

/** Provider hiccups that are worth another try after the SDK's own retries. */
const RETRYABLE = new Set(['rate_limited', 'overloaded', 'provider_error', 'timeout'])
export const BATCH_RETRIES = 2
const MAX_WAIT_MS = 20_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type BatchDoc = {
  id: number | string
  site: number | Site
  page?: number | Page | null
  requestedBy?: number | { id: number } | null
  scope: 'page' | 'site'
  force?: boolean | null
  status: string
}

const idOf = (value: unknown): number | string | null =>
  value === null || value === undefined ? null : typeof value === 'object' ? ((value as { id?: number | string }).id ?? null) : (value as number | string)

const pagesOf = async (payload: Payload, batch: BatchDoc): Promise<Page[]> => {
  const pageId = idOf(batch.page)
  const where: Where = pageId !== null ? { id: { equals: pageId } } : { site: { equals: idOf(batch.site) } }
  const { docs } = await payload.find({ collection: 'pages', where, draft: true, depth: 0, pagination: false, sort: 'order', overrideAccess: true })
  return docs as Page[]
}

/** Counts the blocks a batch will look at (for the progress bar before it starts). */
export const countBlocks = (pages: Page[]): number => pages.reduce((sum, page) => sum + (page.blocks?.length ?? 0), 0)

/**
 * Walks the pages of a "Generate page" / "Generate site" run. Blocks of a
 * page are generated side by side (the per-provider semaphores cap how
 * many calls are in flight), each retried on rate limits and provider
 * errors, then the page is saved once as a draft for the editor to review.
 * Blocks with content are skipped unless the run is forced.
 */
export const runBatch = async (payload: Payload, batchId: number | string): Promise<{ status: string }> => {
  const batch = (await payload.findByID({ collection: BATCHES_SLUG as 'ai-batches', id: batchId, depth: 0, overrideAccess: true })) as unknown as BatchDoc
  if (batch.status !== 'queued') return { status: batch.status }
  const site = (await payload.findByID({ collection: 'sites', id: idOf(batch.site)!, depth: 1, overrideAccess: true })) as Site
  const pages = await pagesOf(payload, batch)
  const results: BlockResult[] = []
  const progress = { total: countBlocks(pages), done: 0, generated: 0, skipped: 0, failed: 0, tokens: 0 }
  let writes = Promise.resolve()
  const save = (data: Record<string, unknown>) => {
    // one write at a time, in order; a failed progress write must not stop the ones after it
    const next = writes.then(() =>
      aiWrite(payload, () => payload.update({ collection: BATCHES_SLUG as 'ai-batches', id: batch.id, data: data as never, overrideAccess: true, depth: 0 })).then(() => undefined),
    )
    writes = next.catch((err) => payload.logger.warn({ msg: 'ai: could not save bulk progress', err }))
    return next
  }
  await save({ status: 'running', startedAt: new Date().toISOString(), progress })
  // a model can write for minutes without a block finishing: the heartbeat tells this run from one whose worker died
  const heartbeat = setInterval(() => void save({ progress: { ...progress } }).catch(() => undefined), batchHeartbeatMs())
  heartbeat.unref()
  let stopReason: string | null = null

  const finish = (result: BlockResult) => {
    results.push(result)
    progress.done += 1
    progress[result.status === 'generated' ? 'generated' : result.status === 'skipped' ? 'skipped' : 'failed'] += 1
    progress.tokens += result.tokens ?? 0
    return save({ progress: { ...progress }, results: [...results] })
  }

  try {
    for (const page of pages) {
      const blocks = (page.blocks ?? []) as unknown as BlockData[]
      const updates = new Map<number, Record<string, unknown>>()
      await Promise.all(
        blocks.map(async (block, blockIndex) => {
          const base = { page: page.id, pageTitle: page.title, blockIndex, blockId: (block.id as string) ?? null, blockType: String(block.blockType) }
          const target = block.blockType
          if (!isTarget(target)) return finish({ ...base, status: 'skipped', message: 'No AI generation for this block type.' })
          if (!batch.force && hasContent(target, block)) return finish({ ...base, status: 'skipped', message: 'Already has content.' })
          if (stopReason) return finish({ ...base, status: 'skipped', message: stopReason })
          let attempt = 0
          for (;;) {
            try {
              const plan = await prepareGeneration({
                payload,
                target,
                site,
                page,
                block,
                blockIndex,
                blockId: base.blockId,
                userId: idOf(batch.requestedBy),
                source: 'bulk',
              })
              const result = await runGeneration(plan)
              updates.set(blockIndex, result.fields)
              const attempts = attempt ? ` after ${attempt + 1} attempts` : ''
              return finish({ ...base, status: 'generated', message: `Generated with ${result.model}${attempts}.`, tokens: result.inputTokens + result.outputTokens })
            } catch (err) {
              const error = err instanceof AiError ? err : new AiError('provider_error', (err as Error).message)
              if (error.code === 'budget_exceeded') {
                // every block the budget stops reads the same, whether it was refused itself or came after one that was
                stopReason = BUDGET_STOP
                return finish({ ...base, status: 'skipped', message: BUDGET_STOP })
              }
              if (error.code === 'unsupported') return finish({ ...base, status: 'skipped', message: error.message })
              if (RETRYABLE.has(error.code) && attempt < BATCH_RETRIES) {
                attempt += 1
                await sleep(Math.min(MAX_WAIT_MS, (error.retryAfterSeconds ?? 2 ** attempt) * 1000))
                continue
              }
              return finish({ ...base, status: 'failed', message: error.message })
            }
          }
        }),
      )
      if (updates.size > 0) {
        // re-read right before writing so edits made while the model wrote are kept
        const fresh = (await payload.findByID({ collection: 'pages', id: page.id, draft: true, depth: 0, overrideAccess: true })) as Page
        const next = ((fresh.blocks ?? []) as unknown as BlockData[]).map((block, index) => {
          const original = blocks[index]
          const fields = original && block.id === original.id ? updates.get(index) : undefined
          return fields ? { ...block, ...fields } : block
        })
        await aiWrite(payload, () => payload.update({ collection: 'pages', id: page.id, data: { blocks: next } as never, draft: true, overrideAccess: true, depth: 0 }))
      }
    }
    await save({ status: 'done', finishedAt: new Date().toISOString(), progress: { ...progress }, results: [...results] })
    return { status: 'done' }
  } catch (err) {
    payload.logger.error({ msg: 'ai: bulk generation failed', err })
    await save({ status: 'failed', error: (err as Error).message, finishedAt: new Date().toISOString(), progress: { ...progress }, results: [...results] })
    return { status: 'failed' }
  } finally {
    clearInterval(heartbeat)
  }
}

export const aiBatchTask: TaskConfig<any> = {
  slug: BATCH_TASK,
  label: 'AI: generate a page or site',
  inputSchema: [{ name: 'batchId', type: 'text', required: true }],
  outputSchema: [{ name: 'status', type: 'text' }],
  // retrying a whole batch would bill again for what succeeded; blocks retry inside
  retries: 0,
  handler: async ({ input, req }) => ({ output: await runBatch(req.payload, (input as { batchId: string }).batchId) }),
}
