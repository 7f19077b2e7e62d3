/**
 * Save to live: an editor saves one page through REST on a site with autoDeploy on, and a worker process
 * (`scripts/worker.ts`, woken by NOTIFY) deploys it; the clock stops when the change is live — local folder: the
 * page's file under the site's `current` folder has the new text; Cloudflare (the fake API, started here): the
 * project's active deployment serves the file with it. 20 edits per target, p50 and p95, and the breakdown the
 * deployments record (metrics: queue wait, start, snapshot, render, images, hashing, gate, plan, upload). Figures
 * are printed, never asserted.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/panel_bench npm run bench:save-to-live
 *   … -- --pages 4000 --edits 20          (default; the demo's 5-page site is always measured too)
 *   … -- --keep                           keep the seeded sites (domains save-to-live-<pages>.test) and reuse them next time
 *   … -- --targets filesystem             one target only (filesystem, cloudflare)
 *   … -- --modes cold,warm                 the worker without its warm path (PANEL_WARM=0), then with it (default both)
 *
 * PostgreSQL only (the worker is another process). Use a database of its own: Payload pushes its schema into it.
 * The generated pages are written through the database adapter (tests/fixtures/fleetSite.ts, isFast): setup, not measured.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { getPayload, handleEndpoints, type Payload } from 'payload'

import config from '@payload-config'
import type { Deployment, Page, Site } from '../../payload-types'
import { startFakeCloudflare, type FakeCloudflare } from '../../tests/fakes/cloudflare'
import { seedFleetSite } from '../../tests/fixtures/fleetSite'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback
}
const pageCount = Number(arg('pages', '4000').replace(/[_,]/g, ''))
const edits = Number(arg('edits', '20'))
const keep = process.argv.includes('--keep')
const targets = arg('targets', 'filesystem,cloudflare').split(',')
/**
 * The worker's modes, measured one after the other on the same site and target: `cold` is the worker without its
 * warm path (PANEL_WARM=0: every deployment reads the whole site, as before it existed), `warm` as it runs now.
 */
const modes = arg('modes', 'cold,warm').split(',') as ('cold' | 'warm')[]
const publishDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-save-to-live-'))
const PASSWORD = 'bench-save-to-live-password'
const EMAIL = 'bench-save-to-live@panel.test'

if (!/^postgres/.test(process.env.DATABASE_URL ?? '')) {
  console.error('bench:save-to-live needs DATABASE_URL=postgres://… (the worker is another process)')
  process.exit(2)
}

const s = (ms: number) => (ms / 1000).toFixed(2)
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Payload's REST handler as the Next route calls it (tests/helpers/rest.ts), with the bench user's token. */
const rest = async (method: string, url: string, { token, json }: { token?: string; json?: unknown } = {}) => {
  const headers = new Headers()
  if (token) headers.set('authorization', `JWT ${token}`)
  if (json !== undefined) headers.set('content-type', 'application/json')
  const request = new Request(new URL(`/api${url}`, 'http://localhost:3000'), { method, headers, body: json === undefined ? undefined : JSON.stringify(json) })
  const response = await handleEndpoints({ config, path: `/api${url}`, request })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

const adminToken = async (payload: Payload): Promise<string> => {
  const found = (await payload.find({ collection: 'users', where: { email: { equals: EMAIL } }, limit: 1, overrideAccess: true })).docs[0]
  if (!found) await payload.create({ collection: 'users', data: { email: EMAIL, password: PASSWORD, role: 'admin' } as never, overrideAccess: true })
  const res = await rest('POST', '/users/login', { json: { email: EMAIL, password: PASSWORD } })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.token as string
}

/** The worker as production runs it: its own process, woken by NOTIFY. */
const startWorker = (env: Record<string, string>): ChildProcess => {
  const child = spawn(process.execPath, ['scripts/launch.mjs', '--no-deprecation', 'scripts/worker.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  return child
}

const waitFor = async <T>(what: string, check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 600_000, everyMs = 10): Promise<T> => {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(everyMs)
  }
}

const waitIdle = (payload: Payload, siteId: number) =>
  waitFor('the site to be idle', async () => {
    const { totalDocs } = await payload.count({
      collection: 'deployments',
      where: { and: [{ site: { equals: siteId } }, { status: { in: ['queued', 'building', 'uploading'] } }] },
      overrideAccess: true,
    })
    return totalDocs === 0
  }, 1_800_000, 100)

/** Queues a full deployment and waits until it has finished (setup: the first deployment of a target). */
const deployAndWait = async (payload: Payload, token: string, siteId: number): Promise<Deployment> => {
  const res = await rest('POST', `/sites/${siteId}/deploy`, { token })
  if (res.status !== 202) throw new Error(`deploy: ${res.status} ${JSON.stringify(res.body)}`)
  const id = res.body.doc.id
  const done = await waitFor('the first deployment', async () => {
    const d = (await payload.findByID({ collection: 'deployments', id, depth: 0, overrideAccess: true })) as Deployment
    return ['success', 'failed', 'cancelled'].includes(d.status) ? d : null
  }, 1_800_000, 200)
  if (done.status !== 'success') throw new Error(`the first deployment ${done.status}: ${done.error}`)
  return done
}

type Sample = { totalMs: number; saveMs: number; metrics: Record<string, number>; warm: boolean }

const PHASES = ['queueMs', 'startMs', 'snapshotMs', 'renderMs', 'imagesMs', 'hashMs', 'gateMs', 'planMs', 'uploadMs'] as const

const report = (label: string, samples: Sample[]) => {
  const totals = samples.map((x) => x.totalMs)
  console.log(`  ${label}: ${samples.length} edits, save to live p50 ${s(quantile(totals, 0.5))} s, p95 ${s(quantile(totals, 0.95))} s (min ${s(Math.min(...totals))}, max ${s(Math.max(...totals))})`)
  const phase = (name: string, values: number[]) => `${name} ${Math.round(quantile(values, 0.5))}/${Math.round(quantile(values, 0.95))}`
  const parts = [phase('save request', samples.map((x) => x.saveMs))]
  for (const name of PHASES) parts.push(phase(name.replace(/Ms$/, ''), samples.map((x) => Number(x.metrics[name] ?? NaN))))
  const rendered = samples.map((x) => x.metrics.pagesRendered ?? 0)
  const warm = samples.filter((x) => x.warm).length
  console.log(`    breakdown ms (p50/p95): ${parts.join(', ')}; pages rendered p50 ${quantile(rendered, 0.5)}; warm builds ${warm}/${samples.length}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`)
}

/** The page's file under `current`, whatever the footprint's URL style made of its slug. */
const localFile = (domain: string, slug: string): string => {
  const base = path.join(publishDir, domain, 'current')
  const candidates = [path.join(base, slug, 'index.html'), path.join(base, `${slug}.html`), path.join(base, `${slug}.htm`), path.join(base, 'index.php', slug, 'index.html'), path.join(base, `${slug}.php`)]
  const found = candidates.find((file) => fs.existsSync(file))
  if (!found) throw new Error(`no file for "${slug}" under ${base}`)
  return path.relative(base, found)
}

const isLiveLocally = (domain: string, file: string, text: string) => {
  try {
    return fs.readFileSync(path.join(publishDir, domain, 'current', file), 'utf8').includes(text)
  } catch {
    return false
  }
}

const isLiveOnFake = (fake: FakeCloudflare, projectName: string, file: string, text: string) => {
  const project = [...fake.state.projects.values()].find((p) => p.name === projectName)
  const hash = project?.canonical_deployment?.manifest[`/${file}`]
  const asset = hash ? fake.state.assets.get(hash) : undefined
  return Boolean(asset && Buffer.from(asset.base64, 'base64').toString('utf8').includes(text))
}

const measure = async ({
  payload,
  token,
  site,
  pages,
  isLive,
  label,
}: {
  payload: Payload
  token: string
  site: Site
  pages: Page[]
  isLive: (page: Page, text: string) => boolean
  label: string
}) => {
  const samples: Sample[] = []
  for (let i = 0; i < edits; i++) {
    // spread over the site, never the same page twice in a row; pages outside the menu unless the site is tiny
    const page = pages[(i * 7919) % pages.length]
    const text = `Edited ${label} ${Date.now().toString(36)}-${i}`
    // each edit on an idle site: nothing queued or running from the one before
    await waitIdle(payload, site.id)
    const savedAt = new Date().toISOString()
    const t0 = performance.now()
    const res = await rest('PATCH', `/pages/${page.id}`, { token, json: { meta: { ...page.meta, title: text }, _status: 'published' } })
    const saveMs = performance.now() - t0
    if (res.status !== 200) throw new Error(`save: ${res.status} ${JSON.stringify(res.body)}`)
    page.meta = res.body.doc.meta
    await waitFor(`"${text}" live`, () => isLive(page, text), 300_000, 5)
    const totalMs = performance.now() - t0
    // the deployment that made it live: its record is written right after the swap
    const done = await waitFor('the deployment record', async () => {
      const d = (
        await payload.find({
          collection: 'deployments',
          where: { and: [{ site: { equals: site.id } }, { createdAt: { greater_than_equal: savedAt } }] },
          sort: 'createdAt',
          limit: 1,
          depth: 0,
          overrideAccess: true,
        })
      ).docs[0] as Deployment | undefined
      return d && d.status === 'success' ? d : null
    }, 60_000, 20)
    const metrics = (done.metrics ?? {}) as Record<string, number>
    samples.push({ totalMs, saveMs, metrics, warm: Boolean((done as { warmBuild?: boolean }).warmBuild) })
    process.stdout.write(`    edit ${i + 1}: ${s(totalMs)} s (${metrics.pagesRendered} rendered)\n`)
  }
  report(label, samples)
}

/** The seeded site of this size, made once (kept with --keep and found again by its domain). */
const siteOf = async (payload: Payload, pages: number): Promise<Site> => {
  const domain = `save-to-live-${pages}.test`
  const found = (await payload.find({ collection: 'sites', where: { domain: { equals: domain } }, limit: 1, depth: 0, overrideAccess: true })).docs[0] as Site | undefined
  if (found) return found
  const t = performance.now()
  const seeded = await seedFleetSite(payload, { domain, pages, concurrency: 8, isFast: true })
  console.log(`  seeded ${domain}: ${seeded.pages.size} pages in ${s(performance.now() - t)} s (setup)`)
  return (await payload.findByID({ collection: 'sites', id: seeded.siteId, depth: 0, overrideAccess: true })) as Site
}

const main = async () => {
  process.env.PUBLISH_DIR = publishDir
  const payload = await getPayload({ config })
  console.log(`Save-to-live benchmark: ${pageCount.toLocaleString('en-US')} pages and the 5-page demo site, ${edits} edits per target and worker mode (${modes.join(', ')}), PostgreSQL, Node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`)
  const token = await adminToken(payload)
  const fake = await startFakeCloudflare({ pollsUntilDone: 1 })
  // the site publishes with a stored token, as the settings ask
  const cfToken = (
    await payload.create({
      collection: 'api-tokens',
      data: { label: `Bench save to live ${Date.now().toString(36)}`, service: 'cloudflare', secret: fake.apiToken, accountId: fake.accountId } as never,
      overrideAccess: true,
    })
  ).id
  let worker: ChildProcess | null = null
  let workerMode: string | null = null
  const useWorker = async (mode: 'cold' | 'warm') => {
    if (workerMode === mode) return
    if (worker) {
      const exited = new Promise((resolve) => worker!.once('exit', resolve))
      worker.kill('SIGTERM')
      await exited
    }
    worker = startWorker({
      PUBLISH_DIR: publishDir,
      CLOUDFLARE_API_BASE_URL: fake.baseURL,
      CLOUDFLARE_API_TOKEN: fake.apiToken,
      CLOUDFLARE_ACCOUNT_ID: fake.accountId,
      ...(mode === 'cold' ? { PANEL_WARM: '0' } : {}),
    })
    workerMode = mode
  }
  const made: Site[] = []
  try {
    for (const size of [pageCount, 5]) {
      const site = await siteOf(payload, size)
      made.push(site)
      const published = (
        await payload.find({ collection: 'pages', where: { and: [{ site: { equals: site.id } }, { _status: { equals: 'published' } }] }, pagination: false, depth: 0, overrideAccess: true })
      ).docs as Page[]
      // generated pages (not in the menu) on the big site; every page of the demo
      const pages = size > 5 ? published.filter((p) => !p.showInMenu && p.slug?.startsWith('guides/')) : published
      for (const target of targets) {
        const isCloudflare = target === 'cloudflare'
        await payload.update({
          collection: 'sites',
          id: site.id,
          data: { autoDeploy: false, publishing: { ...(site.publishing ?? {}), target: isCloudflare ? 'cloudflare-pages' : 'filesystem', cloudflareToken: isCloudflare ? cfToken : null } } as never,
          overrideAccess: true,
          depth: 0,
        })
        await useWorker(modes[0])
        const t = performance.now()
        const first = await deployAndWait(payload, token, site.id)
        console.log(`  ${site.domain} → ${target}: first deployment ${s(performance.now() - t)} s (${first.metrics?.files} files; setup)`)
        const fileOf = new Map<number, string>()
        const pathOf = (page: Page) => {
          if (!fileOf.has(page.id)) {
            const manifest = (first.manifest ?? {}) as Record<string, string>
            const file = isCloudflare
              ? Object.keys(manifest).map((k) => k.slice(1)).find((k) => k === `${page.slug}.html` || k === `${page.slug}/index.html` || k === `index.php/${page.slug}/index.html` || k === `${page.slug}.htm` || (page.slug === 'index' && k === 'index.html'))
              : localFile(site.domain, page.slug === 'index' ? '' : page.slug!)
            if (!file) throw new Error(`no file for page ${page.slug}`)
            fileOf.set(page.id, file)
          }
          return fileOf.get(page.id)!
        }
        const projectName = site.domain.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
        for (const mode of modes) {
          await useWorker(mode)
          // unmeasured: the worker has started, and a warm worker has read the site once
          await deployAndWait(payload, token, site.id)
          await payload.update({ collection: 'sites', id: site.id, data: { autoDeploy: true } as never, overrideAccess: true, depth: 0 })
          await measure({
            payload,
            token,
            site,
            pages,
            label: `${size.toLocaleString('en-US')} pages, ${isCloudflare ? 'Cloudflare (fake API)' : 'local folder'}, worker ${mode}`,
            isLive: (page, text) => (isCloudflare ? isLiveOnFake(fake, projectName, pathOf(page), text) : isLiveLocally(site.domain, pathOf(page), text)),
          })
          await payload.update({ collection: 'sites', id: site.id, data: { autoDeploy: false } as never, overrideAccess: true, depth: 0 })
          await waitIdle(payload, site.id)
        }
      }
    }
  } finally {
    ;(worker as ChildProcess | null)?.kill('SIGTERM')
    await fake.close()
    await payload.delete({ collection: 'api-tokens', id: cfToken, overrideAccess: true }).catch(() => undefined)
    if (!keep) {
      for (const site of made) {
        await payload.update({ collection: 'sites', id: site.id, data: { deletedAt: new Date().toISOString() } as never, overrideAccess: true, depth: 0 }).catch(() => undefined)
        await payload.delete({ collection: 'sites', id: site.id, trash: true, overrideAccess: true }).catch(() => undefined)
      }
    }
    fs.rmSync(publishDir, { recursive: true, force: true })
  }
  await payload.destroy?.()
  process.exit(0)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
