import { createHash } from 'node:crypto'

import { DeployError, type DeployFile, type DeployPlan, type Manifest } from './types'

/** Sent beside the manifest (as files of the deployment form), never as assets. */
export const CONTROL_FILES = new Set(['_headers', '_redirects'])

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
export const byPath = (a: { path: string }, b: { path: string }): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)

/** `'/blog/index.html'` or `'blog/index.html'` -> `'blog/index.html'`; refuses paths that could leave the site. */
export const normalizeDeployPath = (raw: string): string => {
  const path = raw.replace(/^\/+/, '')
  const segments = path.split('/')
  if (!path || raw.includes('\\') || raw.includes('\0') || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new DeployError(`"${raw}" is not a valid file path for a site: use forward slashes and no "." or ".." segments.`, { file: raw })
  }
  return path
}

/** sha256 of the manifest as sorted JSON, 40 hex chars: stable, looks like a git sha. */
export const manifestCommitHash = (manifest: Manifest): string => {
  const sorted = Object.fromEntries(Object.keys(manifest).sort().map((key) => [key, manifest[key]]))
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 40)
}

/**
 * Compares a site's files with the last successful deployment. Content
 * addressed, like Cloudflare Pages: a file counts as changed only when its
 * bytes were never deployed, so a page moved to a new URL is not uploaded again.
 */
export const planDeployment = ({ files, previous }: { files: DeployFile[]; previous?: Manifest | null }): DeployPlan => {
  const seen = new Set<string>()
  const siteFiles: DeployFile[] = []
  for (const file of files) {
    const path = normalizeDeployPath(file.path)
    if (seen.has(path)) throw new DeployError(`The site has two files at "${path}": rename one of them.`, { file: path })
    seen.add(path)
    if (!CONTROL_FILES.has(path)) siteFiles.push(path === file.path ? file : { ...file, path })
  }
  siteFiles.sort(byPath)

  const manifest: Manifest = {}
  for (const file of siteFiles) manifest[`/${file.path}`] = file.hash
  const deployedHashes = new Set(Object.values(previous ?? {}))
  const changed = siteFiles.filter((file) => !deployedHashes.has(file.hash))
  const removed = Object.keys(previous ?? {})
    .filter((key) => !(key in manifest))
    .sort()
  const sum = (list: DeployFile[]) => list.reduce((total, file) => total + file.size, 0)

  return {
    manifest,
    commitHash: manifestCommitHash(manifest),
    files: siteFiles,
    changed,
    removed,
    unchanged: siteFiles.length - changed.length,
    bytes: sum(siteFiles),
    changedBytes: sum(changed),
  }
}

const MAX_COMMIT_MESSAGE = 384

// What NFKD cannot take apart into a letter plus accents.
const TRANSLITERATIONS: Record<string, string> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L',
  đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'Th', ı: 'i', ħ: 'h', Ħ: 'H',
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", '“': '"', '”': '"', '„': '"', '″': '"', '«': '"', '»': '"',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-', '…': '...', '•': '*', '·': '.',
  '€': 'EUR', '£': 'GBP', '©': '(c)', '®': '(R)', '™': '(TM)', '×': 'x',
}

/**
 * Cloudflare rejects a deployment whose commit message is not plain ASCII
 * (error 8000111), and editors write in every language: keep what reads the
 * same in ASCII, drop the rest, and never send an empty message.
 */
export const asciiCommitMessage = (message: string, fallback = 'Deploy from Panel'): string => {
  const ascii = message
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x00-\x7f]/g, (char) => TRANSLITERATIONS[char] ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\v\f\u00a0]/g, ' ')
    .replace(/[\x00-\x09\x0b-\x1f\x7f]/g, '')
    .replace(/[ ]{2,}/g, ' ')
    .trim()
  const trimmed = ascii.slice(0, MAX_COMMIT_MESSAGE).trimEnd()
  return trimmed || fallback
}
