import fs from 'node:fs/promises'

import type { Payload } from 'payload'

import type { Deployment, Site } from '@/payload-types'
import { asciiCommitMessage, byPath, contentTypeFor, DeployError, planDeployment, type DeployFile, type Manifest, type TargetResult } from './core'
import { cloudflareAccountOf, lastSuccess, pickTarget, startRun } from './deploy'
import { createFilesystemTarget } from './targets/filesystem'

const refId = (value: unknown): number | string | null =>
  value === null || value === undefined ? null : typeof value === 'object' ? ((value as { id?: number | string }).id ?? null) : (value as number | string)

export type TargetName = 'filesystem' | 'cloudflare-pages'

const TARGET_LABELS: Record<TargetName, string> = { filesystem: 'the local folder', 'cloudflare-pages': 'Cloudflare Pages' }

export const siteTargetName = (site: Pick<Site, 'publishing'>): TargetName =>
  site.publishing?.target === 'cloudflare-pages' ? 'cloudflare-pages' : 'filesystem'

/**
 * Why `source` cannot be rolled back to or redeployed on `site` right now,
 * or null. The endpoints answer 409 with it; the job fails with it if things
 * changed in between.
 */
export const replayProblem = async ({
  payload,
  source,
  site,
  kind,
}: {
  payload: Payload
  source: Deployment
  site: Site
  kind: 'rollback' | 'redeploy'
}): Promise<string | null> => {
  if (source.status !== 'success' || !source.manifest) {
    return `Deployment ${source.id} is ${source.status}: only a successful deployment can be ${kind === 'rollback' ? 'rolled back to' : 'redeployed'}.`
  }
  if (kind === 'redeploy') return null
  const now = siteTargetName(site)
  if (source.target !== now) {
    return `Deployment ${source.id} went to ${TARGET_LABELS[(source.target ?? 'filesystem') as TargetName]}, and the site now publishes to ${TARGET_LABELS[now]}: use Redeploy to publish its files there.`
  }
  if (!source.targetDeploymentId) {
    return `Deployment ${source.id} was made before rollbacks were recorded: use Redeploy to publish its files again.`
  }
  if (now === 'filesystem') {
    const store = createFilesystemTarget({ root: process.env.PUBLISH_DIR ?? './public-sites', site: site.domain })
    const kept = await store.listVersions()
    if (!kept.some((version) => version.id === source.targetDeploymentId)) {
      return `Deployment ${source.id} is no longer kept on disk (the last five versions are): use Redeploy to publish its files again, or deploy the site.`
    }
  }
  if (now === 'cloudflare-pages') return cloudflareRollbackProblem({ payload, source, site })
  return null
}

/**
 * A Cloudflare deployment lives in one account's project: Cloudflare can roll a project back only to its own
 * deployments (anything else is "404 Deployment not found" once the job runs). Deployments from before the
 * account and project were recorded are let through: Cloudflare has the last word on those.
 */
const cloudflareRollbackProblem = async ({ payload, source, site }: { payload: Payload; source: Deployment; site: Site }): Promise<string | null> => {
  let now: { accountId: string; projectName: string }
  try {
    now = await cloudflareAccountOf({ payload, site, reveal: false })
  } catch (err) {
    if (err instanceof DeployError) return `The site cannot publish to Cloudflare Pages now: ${err.message}`
    throw err
  }
  const { cloudflareAccountId: account, cloudflareProject: project } = source
  if (account && account !== now.accountId) {
    return `Deployment ${source.id} was made under Cloudflare account ${account}, and the site now publishes with account ${now.accountId}: Cloudflare can only roll a project back to its own deployments. Use Redeploy to publish its files there.`
  }
  if (project && project !== now.projectName) {
    return `Deployment ${source.id} was made in the Cloudflare Pages project "${project}", and the site now publishes to "${now.projectName}": Cloudflare can only roll a project back to its own deployments. Use Redeploy to publish its files there.`
  }
  return null
}

/** The files of a past deployment, read from whichever kept local version holds each hash (Cloudflare may not need the bytes at all). */
const filesOf = async ({ source, site }: { source: Deployment; site: Site }) => {
  const manifest = source.manifest as Manifest
  const store = createFilesystemTarget({ root: process.env.PUBLISH_DIR ?? './public-sites', site: site.domain })
  const { byHash, versionDir } = await store.findContent({ hashes: Object.values(manifest), commitHash: source.commitHash })
  const files: DeployFile[] = await Promise.all(
    Object.entries(manifest).map(async ([key, hash]) => {
      const local = byHash.get(hash)
      const size = local ? ((await fs.stat(local).catch(() => null))?.size ?? 0) : 0
      return {
        path: key.slice(1),
        hash,
        size,
        contentType: contentTypeFor(key),
        read: async () => {
          if (!local) {
            throw new DeployError(
              `"${key}" of deployment ${source.id} is no longer kept anywhere Panel can read it (only the last five local versions are): deploy the site again instead.`,
              { file: key.slice(1), retryable: false },
            )
          }
          return fs.readFile(local)
        },
      }
    }),
  )
  files.sort(byPath)
  const control = async (name: '_headers' | '_redirects', stored: string | null | undefined) =>
    stored ?? (versionDir ? await fs.readFile(`${versionDir}/${name}`, 'utf8').catch(() => undefined) : undefined)
  return { files, headers: await control('_headers', source.headersFile), redirects: await control('_redirects', source.redirectsFile) }
}

/**
 * Runs a queued rollback (`rollbackOf`: make that deployment's version live
 * again, on the target it went to) or redeploy (`redeployOf`: publish that
 * deployment's files again as a new deployment, to the site's target now).
 * Like runDeployment, never throws for a deploy failure.
 */
export const runReplay = async ({ payload, deploymentId }: { payload: Payload; deploymentId: number | string }): Promise<Deployment> => {
  const run = await startRun({ payload, deploymentId, status: 'uploading' })
  if (run.done) return run.done
  const { deployment, report, started, watch } = run
  const isRollback = refId(deployment.rollbackOf) !== null
  const sourceId = refId(isRollback ? deployment.rollbackOf : deployment.redeployOf)!

  try {
    const source = await payload.findByID({ collection: 'deployments', id: sourceId, depth: 0, overrideAccess: true })
    const site = await payload.findByID({ collection: 'sites', id: refId(deployment.site)!, depth: 0, overrideAccess: true })
    const problem = await replayProblem({ payload, source, site, kind: isRollback ? 'rollback' : 'redeploy' })
    if (problem) throw new DeployError(problem)
    const targetName = siteTargetName(site)
    const target = await pickTarget({ payload, site })
    await report.write({ target: targetName })
    watch.signal.throwIfAborted()

    let result: TargetResult
    let headers: string | undefined
    let redirects: string | undefined
    if (isRollback) {
      if (!target.rollback) throw new DeployError(`${target.name} cannot roll back.`)
      report.log(`Rolling ${site.domain} back to deployment ${source.id} (${source.targetDeploymentId})`)
      result = await target.rollback({ deploymentId: source.targetDeploymentId!, log: report.log })
      headers = source.headersFile ?? undefined
      redirects = source.redirectsFile ?? undefined
    } else {
      report.log(`Publishing the files of deployment ${source.id} of ${site.domain} again`)
      const replayed = await filesOf({ source, site })
      headers = replayed.headers
      redirects = replayed.redirects
      const live = await lastSuccess(payload, site.id)
      const plan = planDeployment({ files: replayed.files, previous: (live?.manifest ?? null) as Manifest | null })
      report.log(`${plan.files.length} files, ${plan.changed.length} differ from what is live`)
      result = await target.deploy({
        plan,
        headers,
        redirects,
        commitMessage: asciiCommitMessage(`Redeploy of deployment ${source.id} as ${deployment.id} (${site.domain})`),
        log: report.log,
        progress: report.progress,
        signal: watch.signal,
      })
    }
    report.log(`Live at ${result.url}`)
    const files = source.metrics?.files ?? Object.keys(source.manifest as Manifest).length
    await report.write({
      status: 'success',
      url: result.url,
      manifest: source.manifest,
      commitHash: source.commitHash,
      targetDeploymentId: result.deploymentId,
      ...result.location,
      warnings: result.warnings?.join('\n') || null,
      warningCount: result.warnings?.length ?? 0,
      headersFile: headers ?? null,
      redirectsFile: redirects ?? null,
      templateSnapshot: source.templateSnapshot ?? null,
      // the same files are live as after the source: its page cache holds for the next deployment too
      buildCache: source.buildCache ?? null,
      finishedAt: new Date().toISOString(),
      progress: { phase: 'done', done: files, total: files },
      metrics: {
        buildMs: 0,
        uploadMs: Date.now() - started,
        files,
        bytes: source.metrics?.bytes ?? null,
        filesUploaded: result.filesUploaded,
        bytesUploaded: result.bytesUploaded,
      },
    })
  } catch (err) {
    if (watch.signal.aborted) {
      report.log('Cancelled; the live site was not changed')
      await report.write({ status: 'cancelled', error: 'Cancelled while running; the live site was not changed.', finishedAt: new Date().toISOString() })
    } else {
      const message = err instanceof Error ? err.message : String(err)
      if (!(err instanceof DeployError)) payload.logger.error({ msg: `Deployment ${deployment.id} failed`, err })
      report.log(`Failed: ${message}`)
      await report.write({ status: 'failed', error: message, finishedAt: new Date().toISOString() })
    }
  } finally {
    watch.stop()
  }
  return payload.findByID({ collection: 'deployments', id: deployment.id, depth: 0, overrideAccess: true })
}
