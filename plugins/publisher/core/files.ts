import { readLocation } from '../../../lib/storage/read'

import { hashAsset, toBytes } from './hash'
import { byPath, CONTROL_FILES, normalizeDeployPath } from './plan'
import { DeployError, type DeployFile, type DeployProgress } from './types'

// Shapes of the site builder's output, restated so core does not depend on it.
export type BuiltFile = { body: string | Uint8Array; contentType: string }
export type BuiltAsset = { path: string; source: string; contentType: string }

export type CollectedFiles = {
  files: DeployFile[]
  /** `_headers` / `_redirects` as text, for the target to send beside the manifest. */
  headers?: string
  redirects?: string
}

/** Reads an asset's bytes; the default reads `source` from local disk, the media bucket (`s3://…`) or a URL. */
export type ReadAsset = (asset: BuiltAsset) => Promise<Uint8Array>

const readStored: ReadAsset = async (asset) => {
  try {
    return await readLocation(asset.source)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    throw new DeployError(
      code === 'ENOENT'
        ? `The file for "${asset.path}" is missing from the media storage (${asset.source}): upload it again or remove it from the page.`
        : `Could not read "${asset.path}" from ${asset.source}: ${(err as Error).message}`,
      { file: asset.path, retryable: code !== 'ENOENT' },
    )
  }
}

const runLimited = async <T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/**
 * Turns the builder's output into hashed DeployFiles. Rendered files stay in
 * memory (they already are); assets are hashed from their source and read
 * again only if a target needs their bytes, so media never sits in memory
 * for the whole deploy.
 */
export const collectDeployFiles = async ({
  files,
  assets = [],
  readAsset = readStored,
  progress,
  concurrency = 8,
}: {
  files: Map<string, BuiltFile>
  assets?: BuiltAsset[]
  readAsset?: ReadAsset
  progress?: DeployProgress
  concurrency?: number
}): Promise<CollectedFiles> => {
  const result: CollectedFiles = { files: [] }
  const total = files.size + assets.length
  let done = 0
  const tick = () => progress?.({ phase: 'hashing', done: ++done, total })

  for (const [rawPath, file] of files) {
    const path = normalizeDeployPath(rawPath)
    if (CONTROL_FILES.has(path)) {
      const text = typeof file.body === 'string' ? file.body : Buffer.from(file.body).toString('utf8')
      if (path === '_headers') result.headers = text
      else result.redirects = text
      tick()
      continue
    }
    const bytes = toBytes(file.body)
    result.files.push({ path, hash: await hashAsset(path, bytes), size: bytes.byteLength, contentType: file.contentType, read: async () => bytes })
    tick()
  }

  await runLimited(assets, concurrency, async (asset) => {
    const path = normalizeDeployPath(asset.path)
    const bytes = await readAsset(asset)
    result.files.push({
      path,
      hash: await hashAsset(path, bytes),
      size: bytes.byteLength,
      contentType: asset.contentType,
      read: () => readAsset(asset),
    })
    tick()
  })
  // Assets finish in any order; the same site must give the same list.
  result.files.sort(byPath)
  return result
}
