import crypto from 'node:crypto'
import type http from 'node:http'

import { fail, ok, type FakeContext, type Reply } from './envelope'
import { assetExtension, hashAsset } from '../../../plugins/publisher/core/hash'
import type { RouteName } from './faults'
import { makeDeployment, makeProject, publicDeployment, publicProject } from './state'

// per upload request, counted in file bytes as wrangler 4.86 fills its buckets (up to ~53 MiB of base64 on the wire)
const MAX_BUCKET_BYTES = 40 * 1024 * 1024
const MAX_BUCKET_FILES = 2000
const MAX_FILE_BYTES = 25 * 1024 * 1024
const HASH = /^[0-9a-f]{32}$/

/** Asset routes (`/pages/assets/*`): authenticated by the upload JWT, not the API token. */
export async function handleAssetRoute(input: {
  context: FakeContext
  route: RouteName
  req: http.IncomingMessage
  body: Buffer
  hashes: string[]
}): Promise<Reply> {
  const { context, route, req, body, hashes } = input
  const { state } = context
  const auth = context.checkJwt(req)
  if (!auth.ok) return auth.reply
  const json = parseJson(body)
  if (json === undefined) return fail(400, 8000096, 'Request body is not valid JSON')

  if (route === 'checkMissing' || route === 'upsertHashes') {
    const list = (json as { hashes?: unknown }).hashes
    if (!Array.isArray(list) || !list.every((h) => typeof h === 'string' && HASH.test(h))) {
      return fail(400, 8000096, 'hashes must be an array of 32-character hex strings')
    }
    hashes.push(...(list as string[]))
    if (route === 'upsertHashes') {
      for (const hash of hashes) state.upserted.add(hash)
      return ok(null)
    }
    // wrangler sends duplicates: answer each missing hash once
    return ok([...new Set(hashes.filter((hash) => !state.assets.has(hash)))])
  }

  // upload: a JSON array in the KV bulk-write shape
  if (!Array.isArray(json)) return fail(400, 8000096, 'Upload body must be a JSON array')
  if (json.length > MAX_BUCKET_FILES) {
    return fail(413, 8000096, `Too many files in one upload (${json.length} > ${MAX_BUCKET_FILES})`)
  }
  let total = 0
  for (const item of json as { key?: unknown; value?: unknown; base64?: unknown; metadata?: { contentType?: unknown } }[]) {
    if (typeof item.key !== 'string' || !HASH.test(item.key)) return fail(400, 8000096, 'Each upload needs a 32-character hex key')
    if (typeof item.value !== 'string' || item.base64 !== true) return fail(400, 8000096, `Upload ${item.key}: value must be base64 with base64: true`)
    if (typeof item.metadata?.contentType !== 'string') return fail(400, 8000096, `Upload ${item.key}: metadata.contentType is required`)
    const bytes = Buffer.from(item.value, 'base64').length
    total += bytes
    if (bytes > MAX_FILE_BYTES) {
      return fail(413, 8000096, `Upload ${item.key} is over 25 MiB`)
    }
  }
  if (total > MAX_BUCKET_BYTES) return fail(413, 8000096, 'Upload payload is over 40 MiB')
  for (const item of json as { key: string; value: string; metadata: { contentType: string } }[]) {
    hashes.push(item.key)
    state.uploadedKeys.push(item.key)
    if (state.assets.get(item.key)?.base64 !== item.value) state.verified.delete(item.key)
    state.assets.set(item.key, { base64: item.value, contentType: item.metadata.contentType })
  }
  context.uploadDone()
  return ok(null)
}

/** Account routes: authenticated by the API token (checked by the caller). */
export async function handleAccountRoute(input: {
  context: FakeContext
  route: RouteName
  path: string
  req: http.IncomingMessage
  body: Buffer
}): Promise<Reply> {
  const { context, route, path, req, body } = input
  const { state, options } = context
  const [, , , , , projectName, , deploymentId] = path.split('/')

  if (route === 'listProjects') {
    const projects = [...state.projects.values()].map(publicProject)
    return ok(projects, { result_info: { page: 1, per_page: 25, count: projects.length, total_count: projects.length } })
  }
  if (route === 'createProject') {
    // wrangler sends this JSON without a Content-Type header
    const json = parseJson(body) as { name?: unknown; production_branch?: unknown } | undefined
    const name = json?.name
    if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]{0,57}$/.test(name)) {
      return fail(400, 8000044, 'Project name must be 1-58 lowercase letters, digits and dashes')
    }
    if (state.projects.has(name)) return fail(409, 8000002, 'A project with this name already exists. Choose a different project name.')
    const branch = typeof json?.production_branch === 'string' ? json.production_branch : options.productionBranch
    const project = makeProject(name, branch)
    state.projects.set(name, project)
    return ok(publicProject(project))
  }

  const project = projectName ? state.projects.get(projectName) : undefined
  if (!project) {
    return fail(404, 8000007, 'Project not found. The specified project name does not match any of your existing projects.')
  }

  if (route === 'getProject') return ok(publicProject(project))
  if (route === 'uploadToken') return ok({ jwt: context.issueToken(project.name) })
  if (route === 'attachDomain') {
    const json = parseJson(body) as { name?: unknown } | undefined
    const name = json?.name
    if (typeof name !== 'string' || !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(name)) return fail(400, 8000015, 'Invalid domain name')
    if (project.domains.includes(name)) return fail(409, 8000018, 'You have already added this custom domain.')
    project.domains.push(name)
    return ok({ id: crypto.randomUUID(), name, status: 'initializing', created_on: new Date().toISOString(), zone_tag: null })
  }
  if (route === 'createDeployment') return createDeployment({ context, project, req, body })

  const deployment = deploymentId ? state.deployments.get(deploymentId) : undefined
  if (!deployment || deployment.project_name !== project.name) return fail(404, 8000009, 'The deployment ID you have specified does not exist.')

  if (route === 'getDeployment') {
    deployment.polls += 1
    const done = deployment.polls >= options.pollsUntilDone
    const now = new Date().toISOString()
    deployment.modified_on = now
    deployment.latest_stage = done
      ? { name: 'deploy', status: deployment.fails ? 'failure' : 'success', started_on: deployment.latest_stage.started_on, ended_on: now }
      : { name: 'deploy', status: 'active', started_on: now, ended_on: null }
    if (done && !deployment.fails && deployment.environment === 'production') project.canonical_deployment = deployment
    return ok(publicDeployment(deployment))
  }
  // rollback
  if (deployment.environment !== 'production' || deployment.latest_stage.status !== 'success') {
    return fail(400, 8000035, 'You can only roll back to a successful production deployment.')
  }
  project.canonical_deployment = deployment
  return ok(publicDeployment(deployment))
}

async function createDeployment(input: {
  context: FakeContext
  project: import('./state').FakeProject
  req: http.IncomingMessage
  body: Buffer
}): Promise<Reply> {
  const { context, project, req, body } = input
  const { state } = context
  const contentType = req.headers['content-type'] ?? ''
  if (!contentType.startsWith('multipart/form-data')) return fail(400, 8000096, 'Deployments must be created with multipart/form-data')
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData()
  const text = (name: string) => {
    const value = form.get(name)
    return typeof value === 'string' ? value : undefined
  }
  const fileText = async (name: string) => {
    const value = form.get(name)
    if (value === null) return undefined
    return typeof value === 'string' ? value : await value.text()
  }

  const commitMessage = text('commit_message') ?? ''
  // Cloudflare rejects anything but plain ASCII here
  if (!/^[\x20-\x7e\t\n\r]*$/.test(commitMessage)) return fail(400, 8000111, 'Invalid commit message, it must be a valid ASCII string.')
  let manifest: Record<string, string>
  try {
    manifest = JSON.parse(text('manifest') ?? '') as Record<string, string>
  } catch {
    return fail(400, 8000096, 'manifest must be a JSON object of path -> hash')
  }
  for (const [path, hash] of Object.entries(manifest)) {
    const asset = state.assets.get(hash)
    if (!asset) return fail(400, 8000022, `File ${path} (hash ${hash}) was never uploaded`)
    // the hash covers the extension, which the upload does not carry: checked here, once per content and extension
    const extension = assetExtension(path)
    if (state.verified.get(hash)?.has(extension)) continue
    if ((await hashAsset(path, Buffer.from(asset.base64, 'base64'))) !== hash) return fail(400, 8000096, `File ${path}: hash ${hash} does not match its content`)
    state.verified.set(hash, (state.verified.get(hash) ?? new Set()).add(extension))
  }
  const deployment = makeDeployment({
    project,
    branch: text('branch') ?? project.production_branch,
    commitHash: text('commit_hash') ?? '',
    commitMessage,
    commitDirty: text('commit_dirty') === 'true',
    manifest,
    headersFile: await fileText('_headers'),
    redirectsFile: await fileText('_redirects'),
    fails: context.deploymentFails(),
  })
  state.deployments.set(deployment.id, deployment)
  project.latest_deployment = deployment
  return ok(publicDeployment(deployment))
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}
