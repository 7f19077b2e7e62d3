import { createHash } from 'node:crypto'

import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload } from 'payload'

import { revealSecret } from '@/fields/encrypted/reveal'
import type { Deployment, Site, Template } from '@/payload-types'
import { deployCacheOf, renderForDeploy, type DeployBuild } from '../site-builder/build'
import { brokenLinkWarnings, checkTree, missingAssetsMessage } from '../site-builder/core/gate'
import { asciiCommitMessage, collectDeployFiles, DeployError, planDeployment, type DeployFile, type DeployTarget } from './core'
import { createCloudflarePagesTarget } from './targets/cloudflare'
import { localLiveUrl } from './liveUrl'
import { createFilesystemTarget } from './targets/filesystem'
import { trashedSiteMessage } from './hooks/refuseTrashedSite'
import { watchDeployment } from './watch'
import { lastDeployed, rememberDeployed } from './lastDeployed'

const PROGRESS_EVERY_MS = 500

const refId = (value: unknown): number | string | null =>
  value === null || value === undefined ? null : typeof value === 'object' ? ((value as { id?: number | string }).id ?? null) : (value as number | string)

/** Pages project names are lowercase letters, digits and hyphens. */
export const projectNameFor = (site: Pick<Site, 'domain' | 'publishing'>): string =>
  site.publishing?.cloudflareProject ||
  site.domain
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 58)

/**
 * The Cloudflare account and project a site publishes to, and the API token to do it with: the stored token
 * the site names, or CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID from the environment when it names none
 * (as the AI keys work). `reveal: false` leaves the secret alone (the rollback check needs only the account).
 */
export const cloudflareAccountOf = async ({ payload, site, reveal = true }: { payload: Payload; site: Site; reveal?: boolean }) => {
  const projectName = projectNameFor(site)
  const tokenId = refId(site.publishing?.cloudflareToken)
  if (tokenId === null) {
    const apiToken = process.env.CLOUDFLARE_API_TOKEN
    const accountId = process.env.CLOUDFLARE_ACCOUNT_ID
    if (!apiToken || !accountId) {
      throw new DeployError('Choose the Cloudflare API token to publish with (site settings, Publishing), or set CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID on the server.')
    }
    return { apiToken, accountId, projectName }
  }
  const token = await payload.findByID({ collection: 'api-tokens', id: tokenId, depth: 0, overrideAccess: true })
  const apiToken = reveal ? await revealSecret({ payload, collection: 'api-tokens', id: tokenId, field: 'secret' }) : ''
  if ((reveal && !apiToken) || token.active === false) throw new DeployError(`The Cloudflare API token "${token.label}" is missing or inactive: ask an admin to fix it under API tokens.`)
  if (!token.accountId) throw new DeployError(`The Cloudflare API token "${token.label}" has no account ID: ask an admin to add it under API tokens.`)
  return { apiToken: apiToken ?? '', accountId: token.accountId, projectName }
}

export const pickTarget = async ({ payload, site }: { payload: Payload; site: Site }): Promise<DeployTarget> => {
  if (site.publishing?.target !== 'cloudflare-pages') {
    return createFilesystemTarget({ root: process.env.PUBLISH_DIR ?? './public-sites', site: site.domain, url: localLiveUrl(site.id) })
  }
  const { apiToken, accountId, projectName } = await cloudflareAccountOf({ payload, site })
  return createCloudflarePagesTarget({ apiToken, accountId, projectName, baseURL: process.env.CLOUDFLARE_API_BASE_URL || undefined })
}

/**
 * What only a deployment's run writes, and no hook reads: the log, progress and heartbeat, and the large results
 * (the file manifest, the build cache). Written through the database adapter. Payload's update validates every
 * field against a deep merge of the whole stored document with the data, once per field: with the manifest and
 * build cache in the data that merge was 29 % of a worker's CPU deploying 100 sites of 40 pages (a CPU profile,
 * bench/fleet/deploy-all.ts), and every progress line paid for it too.
 */
const RUN_FIELDS = new Set(['log', 'progress', 'heartbeatAt', 'manifest', 'buildCache', 'templateSnapshot', 'headersFile', 'redirectsFile'])

/**
 * One write to a deployment: the run's own fields through the adapter, the rest (status, times, URL, warnings:
 * what the collection's hooks act on) through Payload's update first, both in one transaction, so whoever sees a
 * deployment succeed sees its manifest with it.
 */
export const writeDeployment = async (payload: Payload, id: Deployment['id'], data: Record<string, unknown>): Promise<void> => {
  const own: Record<string, unknown> = {}
  const rest: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(data)) (RUN_FIELDS.has(key) ? own : rest)[key] = value
  const updatedAt = new Date().toISOString()
  if (Object.keys(rest).length === 0) {
    // updatedAt too: a running deployment's updatedAt is its sign of life (jobs/deploySite.ts)
    await payload.db.updateOne({ collection: 'deployments', id, data: { ...own, updatedAt }, returning: false })
    return
  }
  const req = await createLocalReq({}, payload)
  const isOwnTransaction = await initTransaction(req)
  try {
    await payload.update({ collection: 'deployments', id, data: rest, overrideAccess: true, depth: 0, req })
    if (Object.keys(own).length > 0) await payload.db.updateOne({ collection: 'deployments', id, data: own, req, returning: false })
    if (isOwnTransaction) await commitTransaction(req)
  } catch (err) {
    if (isOwnTransaction) await killTransaction(req)
    throw err
  }
}

/**
 * Writes progress and log lines to the deployment at most every 500 ms, plus
 * once at the end. Every write of a run goes through one chain: SQLite has a
 * single writer, and overlapping transactions fail with SQLITE_BUSY.
 */
export const createReporter = ({ payload, id, log }: { payload: Payload; id: Deployment['id']; log?: string | null }) => {
  // a deployment run again after its worker died keeps the story so far
  const lines: string[] = log ? [log] : []
  let progress: Record<string, unknown> | null = null
  let lastWrite = 0
  let chain: Promise<unknown> = Promise.resolve()

  const enqueue = (data: Record<string, unknown>, { isCritical = false } = {}) => {
    const run = () => writeDeployment(payload, id, data)
    const next = chain.then(run)
    // a lost progress line is not worth failing the deployment; a status change is
    chain = next.catch((err) => payload.logger.error({ msg: `Could not record progress of deployment ${id}`, err }))
    return isCritical ? next : chain
  }
  const snapshot = () => ({ log: lines.join('\n'), ...(progress ? { progress } : {}) })
  const maybeWrite = () => {
    if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return
    lastWrite = Date.now()
    void enqueue(snapshot())
  }
  return {
    log: (line: string) => {
      lines.push(`${new Date().toISOString()} ${line}`)
      maybeWrite()
    },
    progress: (event: { phase: string; done: number; total: number }) => {
      progress = { phase: event.phase, done: event.done, total: event.total }
      maybeWrite()
    },
    /** Writes `data` (with the log so far) after everything queued before it. */
    write: async (data: Record<string, unknown>) => {
      lastWrite = Date.now()
      await enqueue({ ...snapshot(), ...data }, { isCritical: true })
    },
  }
}

export const templateSnapshot = (template: Site['template']) => {
  if (!template || typeof template !== 'object') return { id: refId(template) }
  const t = template as Template
  const hash = createHash('sha256')
    .update(JSON.stringify([t.html, t.css, t.js, t.updatedAt]))
    .digest('hex')
    .slice(0, 40)
  return { id: t.id, name: t.name, updatedAt: t.updatedAt, hash }
}

/**
 * Builds the deployment's site and publishes it. Never throws for a build or
 * deploy failure: the record ends `failed` with the message and the live
 * site stays as it was.
 */
/** The site's last successful deployment (what is live), or null: the base every new deployment is planned against. */
export const lastSuccess = async (payload: Payload, siteId: number | string): Promise<Deployment | null> => {
  const { docs } = await payload.find({
    collection: 'deployments',
    where: { and: [{ site: { equals: siteId } }, { status: { equals: 'success' } }] },
    sort: '-finishedAt',
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  return docs[0] ?? null
}

/**
 * The start every deployment run shares (build, rollback, redeploy): a queued deployment moves to `status`
 * with its reporter, and a watch for cancel requests and the heartbeat that tells a crashed worker's
 * deployment from a slow one. A deployment that is no longer queued is returned as it is (`done`).
 */
export const startRun = async ({ payload, deploymentId, status }: { payload: Payload; deploymentId: number | string; status: 'building' | 'uploading' }) => {
  const deployment = await payload.findByID({ collection: 'deployments', id: deploymentId, depth: 0, overrideAccess: true })
  if (deployment.status !== 'queued') return { done: deployment } as const
  const report = createReporter({ payload, id: deployment.id, log: deployment.log })
  const started = Date.now()
  await report.write({ status, startedAt: new Date(started).toISOString(), progress: { phase: status, done: 0, total: 0 } })
  const watch = watchDeployment({ payload, id: deployment.id, heartbeat: () => report.write({ heartbeatAt: new Date().toISOString() }) })
  return { done: null, deployment, report, started, watch } as const
}

/** A page reused from the last deployment whose bytes the target asked for: the deployment builds every page instead. */
class ReusedFileMissing extends DeployError {
  constructor(readonly path: string) {
    super(`"${path}" was not rebuilt (unchanged since the last deployment) but the target does not have it`, { file: path })
  }
}

/**
 * The gate before anything goes live: every reference of every file of the complete tree (pages rendered
 * now and pages reused from the last deployment alike) must resolve to a file of that tree. A missing asset
 * stops the deployment naming the page and the reference; a link to a missing page is a warning.
 */
export const gateTree = ({ built, files, redirects }: { built: Pick<DeployBuild, 'refs'>; files: Pick<DeployFile, 'path'>[]; redirects?: string }) => {
  const start = performance.now()
  const tree = new Set(files.map((f) => f.path))
  const result = checkTree({ refs: built.refs, has: (path) => tree.has(path), redirects })
  if (result.missing.length > 0) throw new DeployError(missingAssetsMessage(result.missing))
  return { warnings: brokenLinkWarnings(result.broken), checked: result.checked, ms: Math.round((performance.now() - start) * 10) / 10 }
}

export const runDeployment = async ({ payload, deploymentId }: { payload: Payload; deploymentId: number | string }): Promise<Deployment> => {
  const run = await startRun({ payload, deploymentId, status: 'building' })
  if (run.done) return run.done
  const { deployment, report, started, watch } = run
  const siteId = refId(deployment.site)!

  try {
    const site = await payload.findByID({ collection: 'sites', id: siteId, depth: 1, overrideAccess: true, trash: true })
    // queued before the site went to the trash (which cancels what it finds queued)
    if (site.deletedAt) throw new DeployError(trashedSiteMessage(site.domain))
    const targetName = site.publishing?.target === 'cloudflare-pages' ? 'cloudflare-pages' : 'filesystem'
    // what is live: its manifest and build cache (kept in memory by the worker that recorded them)
    const last = await lastDeployed(payload, site.id)
    const previous = last?.manifest ?? null
    // pages whose inputs are unchanged since the last deployment, and whose file it published, are not rendered again
    const build = async (useCache: boolean) => {
      report.log(`Building ${site.domain}${useCache ? '' : ' (every page)'}`)
      const built = await renderForDeploy({
        payload,
        siteId: site.id,
        cache: useCache ? (last?.buildCache ?? null) : null,
        deployed: (path) => previous?.[`/${path}`],
        // what this worker kept from its last build of the site; the build of every page reads everything
        warm: useCache,
      })
      report.log(`Built ${built.files.size} files (${built.stats.rendered} pages rendered, ${built.stats.skipped} unchanged) in ${Date.now() - started} ms`)
      for (const warning of built.warnings) report.log(`Warning: ${warning}`)
      watch.signal.throwIfAborted()
      let t = performance.now()
      const collected = await collectDeployFiles({ files: built.files, assets: built.assets, progress: report.progress })
      const hashMs = Math.round(performance.now() - t)
      for (const page of built.reused) {
        collected.files.push({
          path: page.path,
          hash: page.fileHash,
          size: page.size,
          contentType: 'text/html; charset=utf-8',
          read: () => Promise.reject(new ReusedFileMissing(page.path)),
        } satisfies DeployFile)
      }
      // the complete list: rendered and reused pages, site files, icons, variants, media
      const gate = gateTree({ built, files: collected.files, redirects: collected.redirects })
      report.log(`Checked ${gate.checked} references in ${gate.ms} ms: no missing files${gate.warnings.length ? `, ${gate.warnings.length} broken link(s)` : ''}`)
      watch.signal.throwIfAborted()
      t = performance.now()
      const plan = planDeployment({ files: collected.files, previous })
      return { built, collected, gate, plan, hashMs, planMs: Math.round(performance.now() - t) }
    }
    const buildStart = Date.now()
    let { built, collected, gate, plan, hashMs, planMs } = await build(true)
    const buildMs = Date.now() - started
    report.log(`${plan.files.length} files, ${plan.changed.length} changed, ${plan.removed.length} removed`)
    for (const warning of gate.warnings.slice(0, 20)) report.log(`Warning: ${warning}`)

    const target = await pickTarget({ payload, site })
    await report.write({ status: 'uploading', target: targetName })
    const uploadStart = Date.now()
    const upload = () =>
      target.deploy({
        plan,
        headers: collected.headers,
        redirects: collected.redirects,
        commitMessage: asciiCommitMessage(`Deployment ${deployment.id} (${deployment.trigger}) of ${site.domain}`),
        log: report.log,
        progress: report.progress,
        signal: watch.signal,
      })
    let result
    try {
      result = await upload()
    } catch (err) {
      if (!(err instanceof ReusedFileMissing)) throw err
      // the target lost a file the last deployment published (e.g. a new Cloudflare project): render everything
      report.log(`${err.message}; building every page again`)
      ;({ built, collected, gate, plan, hashMs, planMs } = await build(false))
      result = await upload()
    }
    const uploadMs = Date.now() - uploadStart
    const planned = new Map(plan.files.map((f) => [f.path, f]))
    const buildCache = deployCacheOf(built, (path) => planned.get(path))
    report.log(`Live at ${result.url}`)
    await report.write({
      status: 'success',
      url: result.url,
      manifest: plan.manifest,
      commitHash: plan.commitHash,
      targetDeploymentId: result.deploymentId,
      headersFile: collected.headers ?? null,
      redirectsFile: collected.redirects ?? null,
      templateSnapshot: templateSnapshot(site.template),
      finishedAt: new Date().toISOString(),
      progress: { phase: 'done', done: plan.files.length, total: plan.files.length },
      ...result.location,
      warnings: [...gate.warnings, ...(result.warnings ?? [])].join('\n') || null,
      warningCount: gate.warnings.length + (result.warnings?.length ?? 0),
      metrics: {
        // the phases of save to live (bench/save-to-live): waiting in the queue, the reads before the build,
        // the snapshot, rendering, image variants and icons, hashing the files, the link gate, the plan, the upload
        queueMs: Math.max(0, started - new Date(deployment.createdAt).getTime()),
        startMs: buildStart - started,
        snapshotMs: built.timings.loadMs,
        renderMs: built.timings.renderMs,
        imagesMs: built.timings.imagesMs,
        hashMs,
        planMs,
        gateMs: gate.ms,
        buildMs,
        uploadMs,
        files: plan.files.length,
        bytes: plan.bytes,
        filesUploaded: result.filesUploaded,
        bytesUploaded: result.bytesUploaded,
        pagesRendered: built.stats.rendered,
        pagesSkipped: built.stats.skipped,
        pagesRead: built.warm ? built.warm.read : null,
      },
      warmBuild: built.warm?.isWarm ?? false,
      buildCache,
    })
    rememberDeployed(site.id, { id: deployment.id, manifest: plan.manifest, buildCache })
  } catch (err) {
    if (watch.signal.aborted) {
      report.log('Cancelled; the live site was not changed')
      await report.write({ status: 'cancelled', error: 'Cancelled while running; the live site was not changed.', finishedAt: new Date().toISOString() })
      return payload.findByID({ collection: 'deployments', id: deployment.id, depth: 0, overrideAccess: true })
    }
    const message = err instanceof Error ? err.message : String(err)
    const known = err instanceof DeployError || (err instanceof Error && err.name === 'BuildError')
    if (!known) payload.logger.error({ msg: `Deployment ${deployment.id} failed`, err })
    report.log(`Failed: ${message}`)
    await report.write({ status: 'failed', error: message, finishedAt: new Date().toISOString() })
  } finally {
    watch.stop()
  }
  return payload.findByID({ collection: 'deployments', id: deployment.id, depth: 0, overrideAccess: true })
}
