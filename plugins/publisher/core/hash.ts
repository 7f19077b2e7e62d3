import { posix } from 'node:path'

import { createBLAKE3, type IHasher } from 'hash-wasm'

// Cloudflare Pages identifies assets by this hash (wrangler 4.86,
// pages/hash.ts): BLAKE3 over the *base64 text* of the bytes followed by the
// extension without its dot, hex, first 32 chars. It must match wrangler
// byte for byte, or check-missing asks for every file on every deploy.
// hash-wasm (WebAssembly, no native build) is ~10x faster here than a
// pure-JS BLAKE3, which matters when a deploy re-hashes a 4,000-page site.

/** 3 * 2^16: a multiple of 3, so base64 of consecutive chunks concatenates exactly. */
const CHUNK = 3 * 65_536

let hasher: Promise<IHasher> | undefined

/** The extension as wrangler sees it (`path.extname` minus the dot): `''` for `_headers` or `.htaccess`. */
export const assetExtension = (filePath: string): string => posix.extname(filePath).slice(1)

export const hashAsset = async (filePath: string, bytes: Uint8Array): Promise<string> => {
  hasher ??= createBLAKE3(128)
  const blake = await hasher
  // Everything after the await is synchronous, so one shared instance is safe
  // for concurrent callers. Encoding in chunks keeps memory flat instead of
  // building one base64 string a third larger than the file.
  blake.init()
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let start = 0; start < buffer.length; start += CHUNK) {
    blake.update(Buffer.from(buffer.subarray(start, start + CHUNK).toString('base64'), 'latin1'))
  }
  blake.update(assetExtension(filePath))
  return blake.digest('hex')
}

/** String bodies are deployed as UTF-8. */
export const toBytes = (body: string | Uint8Array): Uint8Array =>
  typeof body === 'string' ? Buffer.from(body, 'utf8') : body
