import { hashAsset } from '@/plugins/publisher/core/hash'
import type { DeployFile } from '@/plugins/publisher/core/types'

/** A DeployFile with real hash and size; `reads` counts how often its bytes were asked for. */
export const makeFile = async (path: string, body: string | Uint8Array, contentType = 'text/html'): Promise<DeployFile & { reads: () => number }> => {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body
  let reads = 0
  return {
    path,
    hash: await hashAsset(path, bytes),
    size: bytes.byteLength,
    contentType,
    read: async () => {
      reads++
      return bytes
    },
    reads: () => reads,
  }
}

/** A file that only claims a size: for limits and buckets, where bytes are never read. */
export const sizedFile = (path: string, size: number, hash = path.padEnd(32, '0').slice(0, 32)): DeployFile => ({
  path,
  hash,
  size,
  contentType: 'application/octet-stream',
  read: async () => {
    throw new Error('not readable')
  },
})
