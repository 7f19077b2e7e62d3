import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { DeployError, type DeployFile, type DeployLog, type DeployTarget, type Manifest, type TargetResult } from '../core/types'

// Layout under <root>/<site>/:
//   current -> versions/<id>     relative symlink, swapped atomically
//   versions/<id>/               one complete site per deployment, never edited
//   versions/<id>.json           its manifest and metadata (outside what is served)
//   versions/.<id>.partial/      a version being written; renamed into place when complete
// A web server points at `current`. Readers resolve the symlink per request, so
// they see the old version or the new one, never a mix.

export type FilesystemTargetOptions = {
  /** Folder holding every site; defaults to $PUBLISH_DIR or ./public-sites. */
  root?: string
  /** Folder name of this site under root, e.g. its domain. */
  site: string
  /** How many versions to keep for rollback (the live one is always kept). */
  keep?: number
  /** Parallel file writes. */
  concurrency?: number
  /** Where the published site can be opened (the app serves it, see src/app/(sites)/live); its folder's file:// URL by default. */
  url?: string
}

export type FilesystemVersion = {
  id: string
  commitHash: string
  createdAt: string
  commitMessage: string
  files: number
  bytes: number
  isLive: boolean
}

type VersionMeta = Omit<FilesystemVersion, 'id' | 'isLive'> & { manifest: Manifest }

export type FilesystemTarget = DeployTarget & {
  rollback(args: { deploymentId: string; log: DeployLog }): Promise<TargetResult>
  /** Kept versions, newest first. */
  listVersions(): Promise<FilesystemVersion[]>
  /** Deletes versions beyond `keep` (never the live one); deploy() calls it after every success. */
  prune(log?: DeployLog): Promise<void>
  /** Absolute path of the `current` symlink a web server should serve. */
  currentPath: string
  /** Where kept versions hold each of these hashes (the first found), and the version whose commit hash matches, if kept. */
  findContent(args: { hashes: Iterable<string>; commitHash?: string | null }): Promise<{ byHash: Map<string, string>; versionDir: string | null }>
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/
const VERSION_ID = /^([0-9a-f]{40})-(\d{8}T\d{9}Z(?:-\d+)?)$/
const STALE_PARTIAL_MS = 60 * 60 * 1000

/** 2026-11-25T22:35:37.123Z -> 20261125T223537123Z: sorts as text, safe in a folder name. */
const stamp = (date: Date): string => date.toISOString().replace(/[-:.]/g, '')

const errorCode = (err: unknown): string | undefined => (err as NodeJS.ErrnoException)?.code

/** Resolves a site-relative path inside `dir`, refusing anything that would land outside it. */
const inside = (dir: string, relative: string): string => {
  const target = path.resolve(dir, relative)
  if (!target.startsWith(dir + path.sep)) throw new DeployError(`"${relative}" would be written outside the site folder.`, { file: relative })
  return target
}

/** Runs `work` on every item, `limit` at a time; stops starting new items after a failure and settles the running ones before rejecting. */
const runLimited = async <T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> => {
  let next = 0
  let failure: { error: unknown } | null = null
  const worker = async () => {
    while (!failure && next < items.length) {
      try {
        await work(items[next++])
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  // Settle every worker before rejecting, so nothing writes into a folder the caller is about to delete.
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  if (failure) throw (failure as { error: unknown }).error
}

export const createFilesystemTarget = ({
  root = process.env.PUBLISH_DIR ?? './public-sites',
  site,
  keep = 5,
  concurrency = 8,
  url: liveUrl,
}: FilesystemTargetOptions): FilesystemTarget => {
  if (!SAFE_NAME.test(site) || site.includes('..')) {
    throw new DeployError(`"${site}" cannot be used as a folder name for a site: use letters, digits, dots, dashes and underscores.`)
  }
  if (!Number.isInteger(keep) || keep < 1) throw new DeployError(`keep must be a whole number of versions of at least 1 (got ${keep}).`)

  const siteDir = path.resolve(root, site)
  const versionsDir = path.join(siteDir, 'versions')
  const currentPath = path.join(siteDir, 'current')
  const url = liveUrl ?? pathToFileURL(currentPath).href

  const liveId = async (): Promise<string | null> => {
    try {
      return path.basename(await fs.readlink(currentPath))
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return null
      throw err
    }
  }

  const readMeta = async (id: string): Promise<VersionMeta | null> => {
    try {
      return JSON.parse(await fs.readFile(path.join(versionsDir, `${id}.json`), 'utf8')) as VersionMeta
    } catch {
      return null
    }
  }

  const versionIds = async (): Promise<string[]> => {
    const entries = await fs.readdir(versionsDir, { withFileTypes: true }).catch((err) => {
      if (errorCode(err) === 'ENOENT') return []
      throw err
    })
    return entries
      .filter((entry) => entry.isDirectory() && VERSION_ID.test(entry.name))
      .map((entry) => entry.name)
      .sort((a, b) => {
        const [, , stampA] = VERSION_ID.exec(a)!
        const [, , stampB] = VERSION_ID.exec(b)!
        return stampA < stampB ? 1 : stampA > stampB ? -1 : 0
      })
  }

  /** rename() over an existing symlink is atomic on POSIX: readers never find `current` missing. */
  const pointCurrentAt = async (id: string): Promise<void> => {
    const temp = `${currentPath}.tmp-${randomBytes(6).toString('hex')}`
    await fs.symlink(path.join('versions', id), temp)
    try {
      await fs.rename(temp, currentPath)
    } catch (err) {
      await fs.rm(temp, { force: true })
      throw err
    }
  }

  const removeVersion = async (id: string): Promise<void> => {
    await fs.rm(path.join(versionsDir, id), { recursive: true, force: true })
    await fs.rm(path.join(versionsDir, `${id}.json`), { force: true })
  }

  const prune = async (log: DeployLog = () => {}): Promise<void> => {
    const live = await liveId()
    const ids = await versionIds()
    const old = ids.slice(keep).filter((id) => id !== live)
    for (const id of old) {
      try {
        await removeVersion(id)
        log(`Removed old version ${id}`)
      } catch (err) {
        // A version left behind only costs disk space; the deploy itself succeeded.
        log(`Could not remove old version ${id}: ${(err as Error).message}`)
      }
    }
    // Partial folders of deploys that crashed (not of one running right now).
    const entries = await fs.readdir(versionsDir, { withFileTypes: true })
    for (const entry of entries) {
      if (!entry.name.endsWith('.partial')) continue
      const full = path.join(versionsDir, entry.name)
      const stat = await fs.stat(full).catch(() => null)
      if (stat && Date.now() - stat.mtimeMs > STALE_PARTIAL_MS) await fs.rm(full, { recursive: true, force: true }).catch(() => {})
    }
  }

  /** Gives the file its bytes from the live version when the content is already there. */
  const reuse = async (from: string | undefined, to: string): Promise<boolean> => {
    if (!from) return false
    try {
      await fs.link(from, to)
      return true
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return false
    }
    try {
      // Hard links fail across devices or on some filesystems; a copy still avoids rendering or fetching.
      await fs.copyFile(from, to)
      return true
    } catch {
      return false
    }
  }

  const deploy: DeployTarget['deploy'] = async ({ plan, headers, redirects, commitMessage, log, progress, signal }) => {
    await fs.mkdir(versionsDir, { recursive: true })
    let id = `${plan.commitHash}-${stamp(new Date())}`
    for (let n = 2; await fs.access(path.join(versionsDir, id)).then(() => true, () => false); n++) {
      id = `${plan.commitHash}-${stamp(new Date())}-${n}`
    }
    const partial = path.join(versionsDir, `.${id}.partial`)
    const finalDir = path.join(versionsDir, id)

    // What is live now, by content: the source of bytes for unchanged files.
    const live = await liveId()
    const liveDir = live ? path.join(versionsDir, live) : null
    const liveByHash = new Map<string, string>()
    if (live && liveDir) {
      const meta = await readMeta(live)
      for (const [key, hash] of Object.entries(meta?.manifest ?? {})) {
        if (!liveByHash.has(hash)) liveByHash.set(hash, inside(liveDir, key.slice(1)))
      }
    }

    let filesUploaded = 0
    let bytesUploaded = 0
    let done = 0
    const total = plan.files.length
    const dirs = new Map<string, Promise<unknown>>()
    const ensureDir = (file: string) => {
      const dir = path.dirname(file)
      if (!dirs.has(dir)) dirs.set(dir, fs.mkdir(dir, { recursive: true }))
      return dirs.get(dir)
    }

    const writeFile = async (file: DeployFile) => {
      if (signal?.aborted) throw new DeployError('The deployment was cancelled; the live site was not changed.')
      const to = inside(partial, file.path)
      await ensureDir(to)
      if (!(await reuse(liveByHash.get(file.hash), to))) {
        let bytes: Uint8Array
        try {
          bytes = await file.read()
        } catch (err) {
          if (err instanceof DeployError) throw err
          throw new DeployError(`Could not read "${file.path}": ${(err as Error).message}`, { file: file.path })
        }
        await fs.writeFile(to, bytes)
        filesUploaded++
        bytesUploaded += bytes.byteLength
      }
      progress({ phase: 'uploading', done: ++done, total })
    }

    log(`Writing ${total} files to ${finalDir} (${plan.changed.length} changed)`)
    try {
      await fs.mkdir(partial)
      await runLimited(plan.files, concurrency, writeFile)
      if (headers !== undefined) await fs.writeFile(path.join(partial, '_headers'), headers)
      if (redirects !== undefined) await fs.writeFile(path.join(partial, '_redirects'), redirects)
      progress({ phase: 'finalizing', done: 0, total: 1, message: 'Switching the live version' })
      const meta: VersionMeta = {
        commitHash: plan.commitHash,
        createdAt: new Date().toISOString(),
        commitMessage,
        files: plan.files.length,
        bytes: plan.bytes,
        manifest: plan.manifest,
      }
      await fs.writeFile(path.join(versionsDir, `${id}.json`), JSON.stringify(meta))
      await fs.rename(partial, finalDir)
      await pointCurrentAt(id)
    } catch (err) {
      await fs.rm(partial, { recursive: true, force: true }).catch(() => {})
      // Only remove the final folder if `current` does not point at it.
      if ((await liveId().catch(() => null)) !== id) await removeVersion(id).catch(() => {})
      if (err instanceof DeployError) throw err
      throw new DeployError(`Writing the site to ${siteDir} failed: ${(err as Error).message}. The live version was not changed.`, {
        retryable: true,
      })
    }
    progress({ phase: 'finalizing', done: 1, total: 1 })
    log(`Live: ${id} (${filesUploaded} files written, ${plan.files.length - filesUploaded} reused)`)
    await prune(log)
    return { url, deploymentId: id, filesUploaded, bytesUploaded }
  }

  const rollback = async ({ deploymentId, log }: { deploymentId: string; log: DeployLog }): Promise<TargetResult> => {
    const exists =
      VERSION_ID.test(deploymentId) &&
      (await fs.stat(path.join(versionsDir, deploymentId)).then((stat) => stat.isDirectory(), () => false))
    if (!exists) {
      throw new DeployError(
        `Version "${deploymentId}" is no longer on disk (only the last ${keep} are kept); publish the site again instead.`,
        { retryable: false },
      )
    }
    await pointCurrentAt(deploymentId)
    log(`Live: ${deploymentId} (rolled back)`)
    return { url, deploymentId, filesUploaded: 0, bytesUploaded: 0 }
  }

  const listVersions = async (): Promise<FilesystemVersion[]> => {
    const live = await liveId()
    const ids = await versionIds()
    return Promise.all(
      ids.map(async (id) => {
        const meta = await readMeta(id)
        const [, commitHash, when] = VERSION_ID.exec(id)!
        return {
          id,
          commitHash: meta?.commitHash ?? commitHash,
          createdAt: meta?.createdAt ?? when,
          commitMessage: meta?.commitMessage ?? '',
          files: meta?.files ?? 0,
          bytes: meta?.bytes ?? 0,
          isLive: id === live,
        }
      }),
    )
  }

  const findContent: FilesystemTarget['findContent'] = async ({ hashes, commitHash }) => {
    const wanted = new Set(hashes)
    const byHash = new Map<string, string>()
    let versionDir: string | null = null
    for (const id of await versionIds()) {
      const meta = await readMeta(id)
      if (!meta) continue
      if (commitHash && meta.commitHash === commitHash && versionDir === null) versionDir = path.join(versionsDir, id)
      for (const [key, hash] of Object.entries(meta.manifest)) {
        if (wanted.has(hash) && !byHash.has(hash)) byHash.set(hash, inside(path.join(versionsDir, id), key.slice(1)))
      }
    }
    return { byHash, versionDir }
  }

  return { name: 'filesystem', deploy, rollback, listVersions, prune, currentPath, findContent }
}
