import type { Endpoint, PayloadHandler } from 'payload'

import { announceJob } from '@/lib/jobSignal'

import { AI_QUEUE, BATCHES_SLUG, BATCH_TASK } from '../constants'
import { AiError } from '../core/types'
import { checkBudget } from '../generate'
import { countBlocks } from '../jobs/batch'
import { getAiOptions } from '../options'
import { errorResponse, json, readJson, resolveSiteAndPage } from './shared'

/**
 * POST /api/ai/bulk — { scope: "page", page } or { scope: "site", site },
 * optional force. Queues an aiGenerateBatch job and answers 202 with the
 * ai-batches document; GET /api/ai-batches/:id shows its progress.
 */
export const bulkHandler: PayloadHandler = async (req) => {
  if (!req.user) return json({ errors: [{ message: 'Log in to generate content.' }] }, 401)
  try {
    const body = await readJson(req)
    const scope = body.scope
    if (scope !== 'page' && scope !== 'site') throw new AiError('bad_request', 'Say what to generate: "scope" is "page" (with "page") or "site" (with "site").')
    if (scope === 'page' && (body.page === undefined || body.page === null)) throw new AiError('bad_request', 'Generating a page needs "page": the id of a saved page.')
    const { site, page } = await resolveSiteAndPage(req, scope === 'site' ? { site: body.site } : body)
    const options = getAiOptions(req.payload)
    const wait = await options.rateLimiter.take(`user:${req.user.collection}:${req.user.id}`)
    if (wait > 0) throw new AiError('rate_limited', `You are generating faster than allowed. Wait ${wait} s and try again.`, { retryAfterSeconds: wait })
    await checkBudget(req.payload, site)
    const pages = page
      ? [page]
      : (
          await req.payload.find({ collection: 'pages', where: { site: { equals: site.id } }, draft: true, depth: 0, pagination: false, overrideAccess: true, select: { blocks: true } })
        ).docs
    const total = countBlocks(pages as never)
    const doc = await req.payload.create({
      collection: BATCHES_SLUG as 'ai-batches',
      data: {
        label: page ? `Page "${page.title}"` : `Site ${site.domain}`,
        site: site.id,
        page: page?.id ?? null,
        requestedBy: req.user.collection === 'users' ? req.user.id : null,
        scope,
        force: body.force === true,
        status: 'queued',
        progress: { total, done: 0, generated: 0, skipped: 0, failed: 0, tokens: 0 },
        results: [],
      } as never,
      overrideAccess: true,
      depth: 0,
    })
    await req.payload.jobs.queue({ task: BATCH_TASK as never, input: { batchId: String(doc.id) } as never, queue: AI_QUEUE })
    // a listening worker starts it now, not at its next poll
    await announceJob(req, AI_QUEUE)
    return json({ message: `Generation queued: ${total} block${total === 1 ? '' : 's'} to look at.`, doc }, 202)
  } catch (err) {
    if (err instanceof AiError) return errorResponse(err)
    req.payload.logger.error({ msg: 'ai: bulk endpoint failed', err })
    return json({ errors: [{ message: 'Could not queue the generation. Try again.' }] }, 500)
  }
}

export const bulkEndpoint: Endpoint = { path: '/ai/bulk', method: 'post', handler: bulkHandler }
