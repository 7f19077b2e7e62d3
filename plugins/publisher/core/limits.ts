import { DeployError, type DeployFile } from './types'

const MiB = 1024 * 1024

/** Cloudflare Pages refuses larger assets. */
export const MAX_FILE_BYTES = 25 * MiB
/** Per deployment unless the upload token says otherwise (`max_file_count_allowed`). */
export const DEFAULT_MAX_FILES = 20_000
/** Per POST /pages/assets/upload, as wrangler sends them. */
export const MAX_BUCKET_BYTES = 40 * MiB
export const MAX_BUCKET_FILES = 2_000

/** Assets travel as base64: 4 bytes for every 3, padded. */
export const encodedSize = (bytes: number): number => 4 * Math.ceil(bytes / 3)

// The JSON around each asset in an upload body:
// {"key":"<32 hex>","value":"…","metadata":{"contentType":"…"},"base64":true},
const ENVELOPE_BYTES = 80
const uploadSize = (file: DeployFile): number => encodedSize(file.size) + ENVELOPE_BYTES + file.contentType.length

const formatMiB = (bytes: number, limit: number): string => {
  const mib = (bytes / MiB).toFixed(1)
  // "25.0 MiB" next to "up to 25 MiB" reads as a contradiction: show bytes then.
  return Number(mib) * MiB <= limit ? `${bytes.toLocaleString('en-US')} bytes` : `${mib} MiB`
}

/** Throws a DeployError naming the offending files or count before anything is uploaded. */
export const checkLimits = ({
  files,
  maxFiles = DEFAULT_MAX_FILES,
  maxFileBytes = MAX_FILE_BYTES,
}: {
  files: DeployFile[]
  maxFiles?: number
  maxFileBytes?: number
}): void => {
  const tooLarge = files.filter((file) => file.size > maxFileBytes).sort((a, b) => b.size - a.size)
  if (tooLarge.length > 0) {
    const [first] = tooLarge
    const more = tooLarge.length > 1 ? ` (and ${tooLarge.length - 1} more file${tooLarge.length > 2 ? 's' : ''} over the limit)` : ''
    throw new DeployError(
      `"${first.path}" is ${formatMiB(first.size, maxFileBytes)}; Cloudflare Pages accepts files up to ${maxFileBytes / MiB} MiB${more}. Compress it or host it elsewhere and link to it.`,
      { file: first.path, retryable: false },
    )
  }
  if (files.length > maxFiles) {
    throw new DeployError(
      `The site has ${files.length.toLocaleString('en-US')} files; Cloudflare Pages accepts at most ${maxFiles.toLocaleString('en-US')} per deployment. Remove pages or media, or split the site.`,
      { retryable: false },
    )
  }
}

/**
 * Groups files into upload requests of at most `maxBytes` (base64-encoded,
 * with the JSON around each file) and `maxFiles` each, largest files first,
 * the same buckets for the same files. A file larger than `maxBytes` on its
 * own gets a bucket of its own. Deduplicate by hash before calling: every
 * file given is placed.
 *
 * `minBuckets` (the requests a target sends in parallel): with 1, first fit
 * (few, full buckets); with more, at least that many buckets (when there are
 * as many files), each file going to the least filled one it fits in, so the
 * requests are alike in size and run side by side instead of one 40 MiB
 * request at a time.
 */
export const bucketize = (
  files: DeployFile[],
  { maxBytes = MAX_BUCKET_BYTES, maxFiles = MAX_BUCKET_FILES, minBuckets = 1 }: { maxBytes?: number; maxFiles?: number; minBuckets?: number } = {},
): DeployFile[][] => {
  const sorted = [...files].sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const fits = (bucket: { files: DeployFile[]; bytes: number }, size: number) => bucket.files.length < maxFiles && bucket.bytes + size <= maxBytes
  const balanced = minBuckets > 1
  const needed = balanced
    ? Math.min(sorted.length, Math.max(minBuckets, Math.ceil(sorted.reduce((sum, file) => sum + uploadSize(file), 0) / maxBytes), Math.ceil(sorted.length / maxFiles)))
    : 0
  const buckets: { files: DeployFile[]; bytes: number }[] = Array.from({ length: needed }, () => ({ files: [], bytes: 0 }))
  for (const file of sorted) {
    const size = uploadSize(file)
    let bucket: { files: DeployFile[]; bytes: number } | undefined
    if (balanced) {
      for (const candidate of buckets) if (fits(candidate, size) && (!bucket || candidate.bytes < bucket.bytes)) bucket = candidate
    } else {
      bucket = buckets.find((candidate) => fits(candidate, size))
    }
    if (bucket) {
      bucket.files.push(file)
      bucket.bytes += size
    } else {
      buckets.push({ files: [file], bytes: size })
    }
  }
  return buckets.filter((bucket) => bucket.files.length > 0).map((bucket) => bucket.files)
}
