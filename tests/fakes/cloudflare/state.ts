import crypto from 'node:crypto'

/** What the fake Cloudflare API remembers; tests read it to assert on what a client did. */

export type FakeProject = {
  id: string
  name: string
  subdomain: string
  domains: string[]
  production_branch: string
  created_on: string
  deployment_configs: { production: Record<string, unknown>; preview: Record<string, unknown> }
  latest_deployment: FakeDeployment | null
  canonical_deployment: FakeDeployment | null
}

export type StageName = 'queued' | 'initialize' | 'deploy'
export type StageStatus = 'idle' | 'active' | 'success' | 'failure'

export type FakeDeployment = {
  id: string
  short_id: string
  project_id: string
  project_name: string
  environment: 'production' | 'preview'
  url: string
  created_on: string
  modified_on: string
  latest_stage: { name: StageName; status: StageStatus; started_on: string | null; ended_on: string | null }
  deployment_trigger: {
    type: 'ad_hoc'
    metadata: { branch: string; commit_hash: string; commit_message: string; commit_dirty: boolean }
  }
  aliases: string[]
  is_skipped_build: boolean
  /** Fields below are the fake's own, not Cloudflare's, kept for assertions. */
  manifest: Record<string, string>
  headersFile: string | undefined
  redirectsFile: string | undefined
  polls: number
  /** Ends in failure at its deploy stage instead of success. */
  fails: boolean
  rolledBackFrom?: string
}

export type CallRecord = {
  route: string
  method: string
  path: string
  status: number
  /** The fault injected instead of the real answer, if any. */
  fault?: string
  /** For asset routes: the hashes in the body (check-missing, upsert) or the keys uploaded. */
  hashes?: string[]
}

export type FakeState = {
  projects: Map<string, FakeProject>
  /** hash -> what was uploaded (base64 of the bytes). */
  assets: Map<string, { base64: string; contentType: string }>
  upserted: Set<string>
  deployments: Map<string, FakeDeployment>
  calls: CallRecord[]
  tokensIssued: number
  /** Upload tokens revoked by the expire-after-K-uploads fault. */
  expiredTokenIds: Set<string>
  issuedTokenIds: Set<string>
  /** Count of every key uploaded, duplicates included. */
  uploadedKeys: string[]
  /** hash -> extensions with which its content was checked against it at deployment creation. */
  verified: Map<string, Set<string>>
}

export function createState(): FakeState {
  return {
    projects: new Map(),
    assets: new Map(),
    upserted: new Set(),
    deployments: new Map(),
    calls: [],
    tokensIssued: 0,
    expiredTokenIds: new Set(),
    issuedTokenIds: new Set(),
    uploadedKeys: [],
    verified: new Map(),
  }
}

const now = () => new Date().toISOString()

export function makeProject(name: string, productionBranch: string): FakeProject {
  const config = {
    compatibility_date: '2026-01-01',
    compatibility_flags: [],
    env_vars: {},
    fail_open: true,
    always_use_latest_compatibility_date: false,
    usage_model: 'standard',
  }
  return {
    id: crypto.randomUUID(),
    name,
    subdomain: `${name}.pages.dev`,
    domains: [`${name}.pages.dev`],
    production_branch: productionBranch,
    created_on: now(),
    deployment_configs: { production: { ...config }, preview: { ...config } },
    latest_deployment: null,
    canonical_deployment: null,
  }
}

export function makeDeployment(input: {
  project: FakeProject
  branch: string
  commitHash: string
  commitMessage: string
  commitDirty: boolean
  manifest: Record<string, string>
  headersFile?: string
  redirectsFile?: string
  fails?: boolean
}): FakeDeployment {
  const id = crypto.randomUUID()
  const shortId = id.slice(0, 8)
  const environment = input.branch === input.project.production_branch ? 'production' : 'preview'
  return {
    id,
    short_id: shortId,
    project_id: input.project.id,
    project_name: input.project.name,
    environment,
    url: `https://${shortId}.${input.project.subdomain}`,
    created_on: now(),
    modified_on: now(),
    latest_stage: { name: 'queued', status: 'active', started_on: now(), ended_on: null },
    deployment_trigger: {
      type: 'ad_hoc',
      metadata: {
        branch: input.branch,
        commit_hash: input.commitHash,
        commit_message: input.commitMessage,
        commit_dirty: input.commitDirty,
      },
    },
    aliases: environment === 'production' ? [] : [`https://${input.branch}.${input.project.subdomain}`],
    is_skipped_build: false,
    manifest: input.manifest,
    headersFile: input.headersFile,
    redirectsFile: input.redirectsFile,
    polls: 0,
    fails: input.fails ?? false,
  }
}

/** The deployment as the API returns it (without the fake's own bookkeeping). */
export function publicDeployment(deployment: FakeDeployment) {
  const { manifest: _m, headersFile: _h, redirectsFile: _r, polls: _p, fails: _f, rolledBackFrom: _b, ...rest } = deployment
  return rest
}

export function publicProject(project: FakeProject) {
  return {
    ...project,
    latest_deployment: project.latest_deployment && publicDeployment(project.latest_deployment),
    canonical_deployment: project.canonical_deployment && publicDeployment(project.canonical_deployment),
  }
}
