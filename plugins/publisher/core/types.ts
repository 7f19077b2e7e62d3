// The contract between publisher/core (hashing, planning, limits) and the
// deploy targets (filesystem, cloudflare-pages). Pure TypeScript: no Payload.

/** One file of a built site, ready to deploy. */
export type DeployFile = {
  /** Site-relative path without a leading slash, e.g. `blog/index.html`. */
  path: string
  /** Cloudflare Pages asset hash (see core/hash.ts): 32 lowercase hex chars. */
  hash: string
  /** Size of the raw (not base64-encoded) bytes. */
  size: number
  contentType: string
  /** Reads the bytes; may be called more than once, may throw. */
  read: () => Promise<Uint8Array>
}

/** `'/path'` (leading slash) -> asset hash. `_headers` and `_redirects` are never in it. */
export type Manifest = Record<string, string>

export type DeployPlan = {
  manifest: Manifest
  /** sha256 of the sorted manifest JSON, first 40 hex chars (looks like a git sha). */
  commitHash: string
  /** Every file of the new version except `_headers`/`_redirects`, sorted by path. */
  files: DeployFile[]
  /**
   * Files whose hash is not among the previous manifest's values, sorted by
   * path. Not deduplicated: two paths with the same new content are both here
   * (a target that uploads by hash should upload that content once).
   */
  changed: DeployFile[]
  /** `'/path'` keys of the previous manifest missing from the new one, sorted. */
  removed: string[]
  /** files.length - changed files (files whose content was already deployed). */
  unchanged: number
  /** Total raw bytes of `files`. */
  bytes: number
  /** Total raw bytes of `changed`. */
  changedBytes: number
}

export type DeployProgress = (event: {
  phase: 'hashing' | 'uploading' | 'finalizing'
  done: number
  total: number
  message?: string
}) => void

export type DeployLog = (line: string) => void

export type TargetResult = {
  url: string
  deploymentId: string
  filesUploaded: number
  bytesUploaded: number
  /** Published, but something was not as it should be (e.g. Cloudflare's hash cache could not be updated). */
  warnings?: string[]
  /** Where a Cloudflare deployment lives: a rollback to it is possible only while the site publishes there. */
  location?: { cloudflareAccountId: string; cloudflareProject: string }
}

export interface DeployTarget {
  name: string
  deploy(args: {
    plan: DeployPlan
    /** Contents of `_headers`, if the site has one. */
    headers?: string
    /** Contents of `_redirects`, if the site has one. */
    redirects?: string
    commitMessage: string
    log: DeployLog
    progress: DeployProgress
    signal?: AbortSignal
  }): Promise<TargetResult>
  rollback?(args: { deploymentId: string; log: DeployLog }): Promise<TargetResult>
}

/** A deploy failure worth showing to an editor; `details` drives retries and the log. */
export class DeployError extends Error {
  constructor(
    message: string,
    readonly details: { retryable?: boolean; status?: number; file?: string } = {},
  ) {
    super(message)
    this.name = 'DeployError'
  }
}
