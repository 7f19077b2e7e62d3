/**
 * Where variant and icon sources come from: the builder's `assets` list (core/resolve.ts records
 * every media file a page uses, `{ path, source }`, path without the leading slash, source an
 * absolute file path, an object of the media bucket or an http(s) URL: lib/storage/read.ts).
 */
import { createHash } from 'node:crypto'

import { readLocation } from '../../../lib/storage/read'

export type AssetSource = { path: string; source: string }

/** Reads an absolute file path, an object of the media bucket (`s3://…`) or an http(s) URL. */
export { readLocation }

/** A `readSource` for `makeVariants`: the original URL (`/wp-content/uploads/a.jpg`) is looked up among the build's assets. */
export const readSourceFromAssets = (assets: Iterable<AssetSource>): ((url: string) => Promise<Uint8Array>) => {
  const byPath = new Map<string, string>()
  for (const a of assets) byPath.set(a.path.replace(/^\/+/, ''), a.source)
  return async (url: string) => {
    const key = url.replace(/[?#].*$/s, '').replace(/^\/+/, '')
    const location = byPath.get(key) ?? byPath.get(safeDecode(key))
    if (!location) throw new Error(`no asset for ${url}`)
    return readLocation(location)
  }
}

/** sha256 of the bytes: the most exact contentHash (costs a read of every source per build). */
export const contentHashOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

const safeDecode = (s: string): string => {
  try {
    return decodeURI(s)
  } catch {
    return s
  }
}
