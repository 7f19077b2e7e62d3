import type { Payload } from 'payload'

import { envMs } from '@/lib/jobs'
import type { Deployment } from '@/payload-types'

/** How often a running deployment looks for a cancel request. */
const POLL_MS = 1_000

/** A running deployment writes at least this often, even while nothing else changes (a long build). */
export const heartbeatMs = (): number => envMs('DEPLOY_HEARTBEAT_MS', 30_000)

/**
 * A deployment (or its job) not written for this long was left behind by a
 * worker that died: several missed heartbeats, never a slow step.
 */
export const staleAfterMs = (): number => envMs('DEPLOY_STALE_AFTER_MS', Math.max(5 * 60_000, heartbeatMs() * 4))

export class DeploymentCancelled extends Error {
  constructor() {
    super('The deployment was cancelled; the live site was not changed.')
    this.name = 'DeploymentCancelled'
  }
}

/**
 * Watches a running deployment: aborts `signal` once someone asks to cancel
 * it (POST /api/deployments/:id/cancel sets cancelRequestedAt), and calls
 * `heartbeat` regularly so a crashed worker's deployment can be told from a
 * slow one. Reads only; the heartbeat goes through the caller's write chain.
 */
export const watchDeployment = ({
  payload,
  id,
  heartbeat,
}: {
  payload: Payload
  id: Deployment['id']
  heartbeat: () => Promise<unknown>
}): { signal: AbortSignal; stop: () => void } => {
  const controller = new AbortController()
  let lastBeat = Date.now()
  let isBusy = false
  const tick = async () => {
    if (isBusy) return
    isBusy = true
    try {
      if (!controller.signal.aborted) {
        const { docs } = await payload.find({
          collection: 'deployments',
          where: { id: { equals: id } },
          select: { status: true, cancelRequestedAt: true },
          depth: 0,
          limit: 1,
          pagination: false,
          overrideAccess: true,
        })
        const doc = docs[0]
        if (doc?.cancelRequestedAt || doc?.status === 'cancelled') controller.abort(new DeploymentCancelled())
      }
      if (Date.now() - lastBeat >= heartbeatMs()) {
        lastBeat = Date.now()
        await heartbeat()
      }
    } catch (err) {
      payload.logger.warn({ msg: `Could not check deployment ${id} for a cancel request`, err })
    } finally {
      isBusy = false
    }
  }
  const timer = setInterval(() => void tick(), Math.min(POLL_MS, heartbeatMs()))
  timer.unref?.()
  return { signal: controller.signal, stop: () => clearInterval(timer) }
}
