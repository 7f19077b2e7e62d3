import { Cloudflare, toFile } from 'cloudflare'

import { bucketize, checkLimits, DEFAULT_MAX_FILES } from '../core/limits'
import { asciiCommitMessage } from '../core/plan'
import { DeployError, type DeployFile, type DeployLog, type DeployTarget, type TargetResult } from '../core/types'
import { BUCKETS_IN_FLIGHT, checkMissing, uploadBuckets, upsertHashes, type UploadItem } from './cloudflare-assets'
import { ensureProject } from './cloudflare-project'
import { CloudflareStepError, UnexpectedResponseError, withRetry, type RetryOptions } from './cloudflare-retry'
import { createUploadToken } from './cloudflare-token'

/**
 * Cloudflare Pages through Direct Upload, as wrangler does it but sturdier:
 * every step is retried (5xx with HTML bodies, 429 with retry-after, dropped
 * connections), the upload token is renewed when it expires mid-upload, and
 * limits are checked before a single byte leaves.
 */

export type CloudflarePagesTargetOptions = {
  apiToken: string
  accountId: string
  projectName: string
  /** Custom domain attached to the project when it is created (or lacks it). */
  domain?: string
  /** API base, `https://api.cloudflare.com/client/v4` unless pointed at a fake. */
  baseURL?: string
  /** Retries per request after the first attempt. */
  maxRetries?: number
  /** Branch to deploy; the project's production branch by default. */
  branch?: string
  backoffBaseMs?: number
  backoffMaxMs?: number
  retryAfterMaxMs?: number
  pollIntervalMs?: number
  /** How long a deployment may sit in Cloudflare's queue before we give up on it. */
  deployTimeoutMs?: number
  requestTimeoutMs?: number
  sleep?: (ms: number) => Promise<void>
}

type Deployment = { id: string; url?: string; latest_stage?: { name?: string; status?: string } | null }

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function createCloudflarePagesTarget(options: CloudflarePagesTargetOptions): DeployTarget {
  const { accountId, projectName } = options
  const sleep = options.sleep ?? defaultSleep
  const client = new Cloudflare({
    apiToken: options.apiToken,
    // never pick up CLOUDFLARE_API_KEY / CLOUDFLARE_EMAIL from the environment: the token is the only credential
    apiKey: null,
    apiEmail: null,
    userServiceKey: null,
    baseURL: options.baseURL,
    // our retry policy replaces the SDK's (which ignores the upload token and our backoff)
    maxRetries: 0,
    timeout: options.requestTimeoutMs ?? 60_000,
  })
  const retryOptions = (log: DeployLog): RetryOptions => ({
    maxRetries: options.maxRetries ?? 5,
    backoffBaseMs: options.backoffBaseMs ?? 500,
    backoffMaxMs: options.backoffMaxMs ?? 30_000,
    retryAfterMaxMs: options.retryAfterMaxMs ?? 120_000,
    sleep,
    onRetry: ({ step, attempt, delayMs, reason }) =>
      log(`Cloudflare ${step}: ${reason}; retry ${attempt} in ${Math.round(delayMs)} ms`),
  })

  return {
    name: 'cloudflare-pages',

    async deploy({ plan, headers, redirects, commitMessage, log, progress, signal }) {
      const retry = retryOptions(log)
      try {
        // refuse oversized files before any network call; the count waits for the token's limit
        checkLimits({ files: plan.files, maxFiles: Number.POSITIVE_INFINITY })
        const project = await ensureProject({
          client,
          accountId,
          projectName,
          domain: options.domain,
          productionBranch: options.branch ?? 'main',
          retry,
          log,
        })
        signal?.throwIfAborted()

        const token = await createUploadToken(async () => {
          return withRetry({
            step: 'get upload token',
            options: retry,
            call: async () => {
              const result = await client.pages.projects.getUploadToken(projectName, { account_id: accountId })
              if (typeof result?.jwt !== 'string') throw new UnexpectedResponseError('upload token response without a jwt')
              return result.jwt
            },
          })
        })
        checkLimits({ files: plan.files, maxFiles: token.claims().maxFileCountAllowed ?? DEFAULT_MAX_FILES })

        const assets = { client, token, retry }
        const hashes = plan.files.map((file) => file.hash)
        const missing = await checkMissing(assets, hashes)
        const toUpload = uniqueByHash(plan.files.filter((file) => missing.has(file.hash)))
        const total = toUpload.length
        const bytesUploaded = toUpload.reduce((sum, file) => sum + file.size, 0)
        log(`Uploading ${total} of ${plan.files.length} files (${bytesUploaded} bytes); ${plan.files.length - total} already on Cloudflare`)
        progress({ phase: 'uploading', done: 0, total })

        let done = 0
        // a cancel stops before the next file is read; buckets already sent only cost storage
        const encodeUnlessCancelled = (file: DeployFile) => {
          signal?.throwIfAborted()
          return encode(file)
        }
        // at least as many buckets as go in flight: one 40 MiB request at a time left the uplink idle while it was encoded
        await uploadBuckets(assets, bucketize(toUpload, { minBuckets: BUCKETS_IN_FLIGHT }), encodeUnlessCancelled, (bucket) => {
          done += bucket.length
          progress({ phase: 'uploading', done, total })
        })
        signal?.throwIfAborted()
        // as wrangler 4.86: every file is uploaded, so the deployment goes ahead; only Cloudflare's record of
        // which files the project has is stale, and the next deployment may upload some of them again
        const warnings: string[] = []
        await upsertHashes(assets, hashes).catch((err: unknown) => {
          if (signal?.aborted || (err instanceof Error && err.name === 'AbortError')) throw err
          const cause = err instanceof Error ? err.message : String(err)
          const warning = `${cause}. Every file was uploaded and the deployment went ahead; the next deployment may upload some files again`
          log(`Warning: ${warning}`)
          warnings.push(warning)
        })
        signal?.throwIfAborted()

        progress({ phase: 'finalizing', done: 0, total: 1, message: 'creating deployment' })
        const deployment = await createDeployment({
          plan,
          headers,
          redirects,
          commitMessage,
          branch: options.branch ?? project.productionBranch,
          retry,
        })
        log(`Cloudflare Pages deployment ${deployment.id} created; waiting for it to go live`)
        // once created, Cloudflare makes it live whatever we do: a cancel now would only misreport it
        const live = await waitForDeployment(deployment.id, retry)
        progress({ phase: 'finalizing', done: 1, total: 1, message: 'live' })
        log(`Deployment ${live.id} is live at ${live.url}`)
        return {
          url: live.url ?? '',
          deploymentId: live.id,
          filesUploaded: total,
          bytesUploaded,
          warnings,
          location: { cloudflareAccountId: accountId, cloudflareProject: projectName },
        }
      } catch (err) {
        throw toDeployError(err, options)
      }
    },

    async rollback({ deploymentId, log }): Promise<TargetResult> {
      try {
        const deployment = (await withRetry({
          step: 'rollback',
          options: retryOptions(log),
          call: async () =>
            checkDeployment(
              await client.pages.projects.deployments.rollback(deploymentId, { account_id: accountId, project_name: projectName }),
            ),
        }))
        log(`Cloudflare Pages project "${projectName}" rolled back to deployment ${deployment.id}`)
        return {
          url: deployment.url ?? '',
          deploymentId: deployment.id,
          filesUploaded: 0,
          bytesUploaded: 0,
          location: { cloudflareAccountId: accountId, cloudflareProject: projectName },
        }
      } catch (err) {
        throw toDeployError(err, options)
      }
    },
  }

  async function createDeployment(input: {
    plan: { manifest: Record<string, string>; commitHash: string }
    headers?: string
    redirects?: string
    commitMessage: string
    branch: string
    retry: RetryOptions
  }): Promise<Deployment> {
    const deployment = await withRetry({
      step: 'create deployment',
      options: input.retry,
      // the multipart body is rebuilt per attempt: a form's files cannot be sent twice
      call: async () =>
        checkDeployment(
          await client.pages.projects.deployments.create(projectName, {
          account_id: accountId,
          manifest: JSON.stringify(input.plan.manifest),
          branch: input.branch,
          commit_hash: input.plan.commitHash,
          commit_message: asciiCommitMessage(input.commitMessage),
          commit_dirty: 'false',
          ...(input.headers !== undefined && { _headers: await toFile(Buffer.from(input.headers), '_headers') }),
          ...(input.redirects !== undefined && { _redirects: await toFile(Buffer.from(input.redirects), '_redirects') }),
          }),
        ),
    })
    return deployment
  }

  async function waitForDeployment(id: string, retry: RetryOptions): Promise<Deployment> {
    const deadline = Date.now() + (options.deployTimeoutMs ?? 10 * 60_000)
    const interval = options.pollIntervalMs ?? 1000
    for (;;) {
      const deployment = (await withRetry({
        step: 'get deployment',
        options: retry,
        call: async () =>
          checkDeployment(await client.pages.projects.deployments.get(id, { account_id: accountId, project_name: projectName })),
      }))
      const stage = deployment.latest_stage
      if (stage?.name === 'deploy' && stage.status === 'success') return deployment
      if (stage?.status === 'failure' || stage?.status === 'canceled') {
        throw new DeployError(
          `Cloudflare Pages deployment ${id} ${stage.status === 'canceled' ? 'was canceled' : 'failed'} at its "${stage.name}" stage; see the project's deployment log in the Cloudflare dashboard`,
        )
      }
      if (Date.now() > deadline) {
        throw new DeployError(`Cloudflare Pages deployment ${id} was still "${stage?.name} ${stage?.status}" after the time allowed`, {
          retryable: true,
        })
      }
      await sleep(interval)
    }
  }
}

/** A 200 whose body is not the JSON envelope (a proxy's HTML page) unwraps to nothing: retry it. */
function checkDeployment(result: unknown): Deployment {
  if (!result || typeof (result as { id?: unknown }).id !== 'string') {
    throw new UnexpectedResponseError('deployment response without a deployment')
  }
  return result as Deployment
}

async function encode(file: DeployFile): Promise<UploadItem> {
  const bytes = await file.read()
  return { hash: file.hash, contentType: file.contentType, base64: Buffer.from(bytes).toString('base64'), path: file.path }
}

/** Cloudflare stores content by hash: two paths with the same bytes are uploaded once. */
function uniqueByHash(files: DeployFile[]): DeployFile[] {
  const seen = new Set<string>()
  return files.filter((file) => !seen.has(file.hash) && (seen.add(file.hash), true))
}

const ASSET_STEPS = /^(check-missing|upload|upsert-hashes)/

function toDeployError(err: unknown, options: CloudflarePagesTargetOptions): Error {
  if (err instanceof DeployError) return err
  if (err instanceof CloudflareStepError) {
    const { classified } = err
    // every attempt failed for a passing reason (an upload token that lapsed among them): the message lists them
    if (err.exhausted) return new DeployError(`${err.message}; try again later`, { status: classified.status, retryable: true })
    if (classified.kind === 'auth' && ASSET_STEPS.test(err.step)) {
      return new DeployError(
        `Cloudflare kept refusing fresh upload tokens during "${err.step}" (${classified.reason}); try again later, and check the token's "Cloudflare Pages: Edit" permission if it persists`,
        { status: classified.status, retryable: true },
      )
    }
    if (classified.kind === 'auth') {
      return new DeployError(
        `Cloudflare rejected the API token (${classified.reason}) during "${err.step}": check that the Cloudflare token in API tokens is active and has the "Cloudflare Pages: Edit" permission on account ${options.accountId}`,
        { status: classified.status, retryable: false },
      )
    }
    return new DeployError(err.message, { status: classified.status, retryable: classified.kind === 'retry' })
  }
  if (err instanceof Error && err.name === 'AbortError') return err
  return new DeployError(`Cloudflare Pages deploy failed: ${err instanceof Error ? err.message : String(err)}`)
}
