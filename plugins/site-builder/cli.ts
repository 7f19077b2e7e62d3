/**
 * `npm run build-site -- --site <domain> [--out <dir>] [--no-cache]`
 *
 * Renders one site from the database. With --out the files are written there
 * (swapped in only once complete); without it the site is rendered and
 * summarised only. Unchanged pages are reused from .cache/site-builder/<siteId>.json.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { getPayload, type Payload } from 'payload'

import { normalizeDomain } from '../../fields/validators'
import config from '../../payload.config'
import { buildSiteFromDatabase } from './build'
import { BuildError, type BuildCache, type ID } from './core/types'

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

const readCache = async (siteId: ID): Promise<BuildCache | null> => {
  try {
    const cache = JSON.parse(await fs.readFile(cachePath(siteId), 'utf8')) as BuildCache
    return cache?.version === 1 ? cache : null
  } catch {
    return null // no cache yet, or an unreadable one: render everything
  }
}

const writeCache = async (siteId: ID, cache: BuildCache): Promise<void> => {
  const file = cachePath(siteId)
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(`${file}.tmp`, JSON.stringify(cache))
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
  const cache = args['no-cache'] ? null : await readCache(site.id)
  const result = await buildSiteFromDatabase({ payload, siteId: site.id, outDir: args.out, cache })
  if (!args['no-cache']) await writeCache(site.id, result.cache)

  const { stats, timings, warnings } = result
  print(`Built ${site.domain} (site ${site.id})`)
  print(`  pages:    ${result.pages.length} (${stats.rendered} rendered, ${stats.skipped} unchanged${cache ? '' : ', no cache'})`)
  print(`  files:    ${stats.files} files, ${formatBytes(stats.bytes)}; ${result.assets.length} media files`)
  print(`  images:   ${result.images.encoded} variants encoded, ${result.images.fromCache} from the cache`)
  print(`  time:     load ${timings.loadMs} ms, render ${timings.renderMs} ms, images ${timings.imagesMs} ms, write ${timings.writeMs} ms`)
  print(`  output:   ${result.outDir ?? 'not written (no --out)'}`)
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
