/**
 * `npm run build-site -- --site <domain> [--out <dir>] [--no-cache]`
 *
 * Renders one site from the database. With --out the site is streamed into that
 * folder (page content read a chunk at a time, each page written as it is
 * rendered, the new version swapped in only once complete); pages unchanged since
 * the last build into the same folder are hard-linked from it instead of rendered
 * (their hashes are kept in .cache/site-builder/<siteId>.json). Without --out the
 * site is rendered in memory and summarised only.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { getPayload, type Payload } from 'payload'

import { normalizeDomain } from '../../fields/validators'
import config from '../../payload.config'
import { buildSiteFromDatabase, buildSiteToFolder } from './build'
import type { StreamCache } from './core/build'
import { BuildError, type ID } from './core/types'

const print = (line = ''): void => {
  process.stdout.write(`${line}\n`)
}

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

const formatBytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`

const cachePath = (siteId: ID): string => path.resolve('.cache', 'site-builder', `${siteId}.json`)

type CacheFile = { outDir: string; cache: StreamCache }

/** The previous build's page hashes, if it went to the same folder (unchanged pages are linked from there). */
const readCache = async (siteId: ID, outDir: string): Promise<StreamCache | null> => {
  try {
    const file = JSON.parse(await fs.readFile(cachePath(siteId), 'utf8')) as CacheFile
    return file?.outDir === outDir && file.cache?.version === 2 ? file.cache : null
  } catch {
    return null // no cache yet, or an unreadable one: render everything
  }
}

const writeCache = async (siteId: ID, contents: CacheFile): Promise<void> => {
  const file = cachePath(siteId)
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(`${file}.tmp`, JSON.stringify(contents))
  await fs.rename(`${file}.tmp`, file)
}

const findSite = async (payload: Payload, domain: string) => {
  const { docs } = await payload.find({ collection: 'sites', where: { domain: { equals: normalizeDomain(domain) } }, depth: 0, limit: 1, joins: false })
  return docs[0] ?? fail(`No site has the domain "${normalizeDomain(domain)}". Check the spelling, or create the site in the admin first.`)
}

const main = async (): Promise<void> => {
  let args: { site?: string; out?: string; 'no-cache'?: boolean }
  try {
    args = parseArgs({
      options: { site: { type: 'string' }, out: { type: 'string' }, 'no-cache': { type: 'boolean' } },
      strict: true,
    }).values
  } catch (err) {
    return fail(`${(err as Error).message}\nUsage: npm run build-site -- --site <domain> [--out <dir>] [--no-cache]`)
  }
  if (!args.site) return fail('Usage: npm run build-site -- --site <domain> [--out <dir>] [--no-cache]')

  const payload = await getPayload({ config })
  const site = await findSite(payload, args.site)
  if (!args.out) {
    const result = await buildSiteFromDatabase({ payload, siteId: site.id })
    const { stats, timings } = result
    print(`Rendered ${site.domain} (site ${site.id}); nothing written (add --out <dir>)`)
    print(`  pages:    ${result.pages.length} (${stats.rendered} rendered)`)
    print(`  files:    ${stats.files} files, ${formatBytes(stats.bytes)}; ${result.assets.length} media files`)
    print(`  time:     load ${timings.loadMs} ms, render ${timings.renderMs} ms, images ${timings.imagesMs} ms`)
    return printWarnings(result.warnings)
  }
  const outDir = path.resolve(args.out)
  const cache = args['no-cache'] ? null : await readCache(site.id, outDir)
  const result = await buildSiteToFolder({ payload, siteId: site.id, outDir, cache })
  if (!args['no-cache']) await writeCache(site.id, { outDir, cache: result.cache })

  const { stats, timings } = result
  print(`Built ${site.domain} (site ${site.id})`)
  print(`  pages:    ${result.pages.length} (${stats.rendered} rendered, ${result.reused} unchanged and linked${cache ? '' : ', no cache'})`)
  print(`  written:  ${stats.files - result.reused} files, ${formatBytes(stats.bytes)}; ${result.assets.length} media files`)
  print(`  images:   ${result.images.encoded} variants encoded, ${result.images.fromCache} from the cache`)
  print(
    `  time:     load ${timings.loadMs} ms + page content ${timings.loadPagesMs} ms (${result.queries} queries), render ${timings.renderMs} ms, images ${timings.imagesMs} ms, write ${timings.writeMs} ms`,
  )
  print(`  output:   ${result.outDir}`)
  printWarnings(result.warnings)
}

const printWarnings = (warnings: string[]): void => {
  if (warnings.length) {
    print(`  warnings: ${warnings.length}`)
    for (const warning of warnings) print(`    - ${warning}`)
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    // a build error is the author's to fix and says how; anything else is ours, still without a stack trace
    if (err instanceof BuildError) fail(`Build failed: ${err.message}`)
    fail(`Build failed: ${err instanceof Error ? err.message : String(err)}`)
  },
)
