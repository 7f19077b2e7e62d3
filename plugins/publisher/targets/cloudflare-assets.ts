import type Cloudflare from 'cloudflare'

import { UnexpectedResponseError, withRetry, type RetryOptions } from './cloudflare-retry'
import type { UploadToken } from './cloudflare-token'

/**
 * The asset half of Direct Upload: check-missing, upload in buckets (three
 * in flight), upsert-hashes. Asset routes authenticate with the upload JWT,
 * passed per request so the client's API token never reaches them.
 */

export type UploadItem = { hash: string; contentType: string; base64: string; path: string }

export const BUCKETS_IN_FLIGHT = 3
/** A 40 MiB bucket on a slow uplink takes longer than the SDK's default minute. */
const UPLOAD_TIMEOUT_MS = 5 * 60_000

type AssetContext = { client: Cloudflare; token: UploadToken; retry: RetryOptions }

/** Runs an asset call with the current JWT; a 401/403 fetches a new one and retries. */
function assetCall<T>(context: AssetContext, step: string, call: (headers: Record<string, string>) => Promise<T>) {
  let used = ''
  return withRetry({
    step,
    options: context.retry,
    call: async () => {
      used = await context.token.current()
      return call({ Authorization: `Bearer ${used}` })
    },
    onAuthError: async () => ((await context.token.refresh(used)) === 'replaced' ? 'replaced' : true),
  })
}

export async function checkMissing(context: AssetContext, hashes: string[]): Promise<Set<string>> {
  const unique = [...new Set(hashes)]
  if (unique.length === 0) return new Set()
  const missing = await assetCall(context, 'check-missing', async (headers) => {
    const { data, response } = await context.client.pages.assets.checkMissing({ hashes: unique }, { headers }).withResponse()
    // the SDK reads any non-JSON 200 as an empty page, which would mean "nothing to upload"
    if (!response.headers.get('content-type')?.includes('json')) {
      throw new UnexpectedResponseError(`check-missing answered ${response.status} without JSON`)
    }
    return data.result
  })
  return new Set(missing)
}

/**
 * Uploads the buckets, three in flight. Each bucket is read and encoded just
 * before it is sent (and once, however often it is retried), so memory holds
 * at most three buckets of base64.
 */
export async function uploadBuckets<F>(
  context: AssetContext,
  buckets: F[][],
  encode: (file: F) => Promise<UploadItem>,
  onBucketDone: (bucket: F[]) => void,
): Promise<void> {
  let next = 0
  let failed: unknown
  const worker = async () => {
    while (failed === undefined && next < buckets.length) {
      const bucket = buckets[next++]
      if (!bucket) return
      try {
        const items = await Promise.all(bucket.map(encode))
        const body = items.map((item) => ({
          key: item.hash,
          value: item.base64,
          metadata: { contentType: item.contentType },
          base64: true as const,
        }))
        await assetCall(context, `upload (${bucket.length} files)`, async (headers) =>
          checkEnvelope('upload', await context.client.pages.assets.upload({ body }, { headers, timeout: UPLOAD_TIMEOUT_MS })),
        )
        onBucketDone(bucket)
      } catch (err) {
        failed ??= err
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(BUCKETS_IN_FLIGHT, buckets.length) }, worker))
  if (failed !== undefined) throw failed
}

export async function upsertHashes(context: AssetContext, hashes: string[]): Promise<void> {
  const unique = [...new Set(hashes)]
  if (unique.length === 0) return
  await assetCall(context, 'upsert-hashes', async (headers) =>
    checkEnvelope('upsert-hashes', await context.client.pages.assets.upsertHashes({ hashes: unique }, { headers })),
  )
}

/** These two return the raw envelope, or a string when the body was not JSON. */
function checkEnvelope(step: string, envelope: unknown): void {
  if ((envelope as { success?: unknown } | null)?.success !== true) {
    throw new UnexpectedResponseError(`${step} answered without a success envelope`)
  }
}
