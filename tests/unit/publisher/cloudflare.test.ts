import { afterEach, describe, expect, it } from 'vitest'

import { hashAsset } from '../../../plugins/publisher/core/hash'
import { planDeployment } from '../../../plugins/publisher/core/plan'
import { DeployError, type DeployFile, type DeployPlan } from '../../../plugins/publisher/core/types'
import { createCloudflarePagesTarget, type CloudflarePagesTargetOptions } from '../../../plugins/publisher/targets/cloudflare'
import { createUploadToken } from '../../../plugins/publisher/targets/cloudflare-token'
import { startFakeCloudflare, type FakeCloudflare, type FakeCloudflareOptions } from '../../fakes/cloudflare'

// --- helpers ------------------------------------------------------------------

const CONTENT_TYPES: Record<string, string> = { html: 'text/html', css: 'text/css', js: 'application/javascript', txt: 'text/plain', png: 'image/png' }

const file = async (path: string, body: string | Uint8Array): Promise<DeployFile> => {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  return {
    path,
    hash: await hashAsset(path, bytes),
    size: bytes.byteLength,
    contentType: CONTENT_TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream',
    read: async () => bytes,
  }
}

/** No previous manifest: Cloudflare's check-missing decides what is uploaded. */
const planOf = (files: DeployFile[]): DeployPlan => planDeployment({ files })

const site = async (extra: Record<string, string> = {}) =>
  planOf(
    await Promise.all(Object.entries({
      'index.html': '<!doctype html><title>Home</title><h1>Home</h1>',
      'about/index.html': '<!doctype html><title>About</title><h1>About</h1>',
      'css/site.css': 'body{margin:0}',
      'js/site.js': 'console.log(1)',
      'robots.txt': 'User-agent: *\nAllow: /\n',
      ...extra,
    }).map(([path, body]) => file(path, body))),
  )

const manyFiles = async (count: number) =>
  Promise.all(Array.from({ length: count }, (_, i) => file(`p/${i}.html`, `<p>page ${i}</p>`)))

let fake: FakeCloudflare | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

async function setup(fakeOptions: FakeCloudflareOptions = {}, targetOptions: Partial<CloudflarePagesTargetOptions> = {}) {
  fake = await startFakeCloudflare({ pollsUntilDone: 2, ...fakeOptions })
  const delays: number[] = []
  const logs: string[] = []
  const progress: { phase: string; done: number; total: number }[] = []
  const target = createCloudflarePagesTarget({
    apiToken: fake.apiToken,
    accountId: fake.accountId,
    projectName: 'panel-site',
    baseURL: fake.baseURL,
    backoffBaseMs: 1,
    pollIntervalMs: 1,
    // record what the target asked to wait, but do not wait (retry-after may be seconds)
    sleep: async (ms) => {
      delays.push(ms)
    },
    ...targetOptions,
  })
  const deploy = (plan: DeployPlan, extra: { commitMessage?: string; headers?: string; redirects?: string } = {}) =>
    target.deploy({
      plan,
      commitMessage: extra.commitMessage ?? 'Publish from Panel',
      headers: extra.headers,
      redirects: extra.redirects,
      log: (line) => logs.push(line),
      progress: (event) => progress.push(event),
    })
  return { fake, target, deploy, delays, logs, progress }
}

const ASSET_ROUTES = new Set(['checkMissing', 'upload', 'upsertHashes'])

// --- tests --------------------------------------------------------------------

describe('Cloudflare Pages target', () => {
  it('creates the project, uploads every file and deploys the manifest, in protocol order', async () => {
    const { fake, deploy, progress } = await setup({}, { domain: 'www.example.com' })
    const plan = await site()
    const result = await deploy(plan, { headers: '/*\n  X-Frame-Options: DENY\n', redirects: '/old /new 301\n' })

    expect(fake.routes()).toEqual([
      'getProject',
      'createProject',
      'attachDomain',
      'uploadToken',
      'checkMissing',
      // five files, three requests in flight: three buckets
      'upload',
      'upload',
      'upload',
      'upsertHashes',
      'createDeployment',
      'getDeployment',
      'getDeployment',
    ])
    const project = fake.state.projects.get('panel-site')!
    expect(project.domains).toContain('www.example.com')
    expect(new Set(fake.state.uploadedKeys)).toEqual(new Set(plan.files.map((f) => f.hash)))

    const deployment = fake.state.deployments.get(result.deploymentId)!
    expect(deployment.manifest).toEqual(plan.manifest)
    expect(deployment.headersFile).toBe('/*\n  X-Frame-Options: DENY\n')
    expect(deployment.redirectsFile).toBe('/old /new 301\n')
    expect(deployment.deployment_trigger.metadata.commit_hash).toBe(plan.commitHash)
    expect(deployment.environment).toBe('production')
    expect(deployment.latest_stage).toMatchObject({ name: 'deploy', status: 'success' })
    expect(result).toMatchObject({ url: deployment.url, filesUploaded: plan.files.length, bytesUploaded: plan.bytes })
    expect(progress.filter((p) => p.phase === 'uploading').at(-1)).toMatchObject({ done: 5, total: 5 })
  })

  it('uploads in buckets of at most 2,000 files, three alike for three in flight, and content shared by two paths once', async () => {
    const { fake, deploy } = await setup()
    const plan = planOf([...(await manyFiles(2100)), await file('copy-of-0.html', '<p>page 0</p>')])
    await deploy(plan)

    const uploads = fake.state.calls.filter((c) => c.route === 'upload')
    expect(uploads.map((c) => c.hashes!.length)).toEqual([700, 700, 700])
    expect(fake.state.uploadedKeys).toHaveLength(2100)

    const more = planOf(await manyFiles(6500))
    fake.state.calls.length = 0
    await deploy(more)
    const sizes = fake.state.calls.filter((c) => c.route === 'upload').map((c) => c.hashes!.length)
    expect(sizes.every((n) => n <= 2000)).toBe(true)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(6500 - 2100)
  })

  it('uploads only the files Cloudflare does not have on the second deploy', async () => {
    const { fake, deploy } = await setup()
    await deploy(await site())
    fake.state.calls.length = 0

    const next = await site({ 'index.html': '<!doctype html><title>Home</title><h1>Home, updated</h1>', 'new/index.html': '<p>new</p>' })
    const result = await deploy(next)

    const uploaded = fake.state.calls.filter((c) => c.route === 'upload').flatMap((c) => c.hashes!)
    expect(uploaded.sort()).toEqual([next.manifest['/index.html'], next.manifest['/new/index.html']].sort())
    expect(result.filesUploaded).toBe(2)
    expect(fake.state.deployments.get(result.deploymentId)!.manifest).toEqual(next.manifest)
    expect(fake.routes()).not.toContain('createProject')
  })

  it('survives HTML 5xx, 429, dropped connections and a JWT expiring mid-upload on every step', async () => {
    const { fake, target, deploy, delays, logs } = await setup({}, { domain: 'www.example.com' })
    fake.faults.onEveryRoute({ kind: 'html5xx' })
    fake.faults.onEveryRoute({ kind: 'rateLimit', retryAfterSeconds: 7 })
    fake.faults.onEveryRoute({ kind: 'drop' })
    fake.faults.queue('createDeployment', { kind: 'transient' })
    fake.faults.expireJwtAfterUploads(1)

    const plan = planOf(await manyFiles(4500))
    const result = await deploy(plan)
    await target.rollback!({ deploymentId: result.deploymentId, log: (line) => logs.push(line) })

    expect(fake.state.deployments.get(result.deploymentId)!.manifest).toEqual(plan.manifest)
    // every injected fault was met and retried past (the target never lists projects)
    expect(Object.keys(fake.faults.pending())).toEqual(['listProjects'])
    for (const route of ['getProject', 'createProject', 'attachDomain', 'uploadToken', 'checkMissing', 'upload', 'upsertHashes', 'createDeployment', 'getDeployment', 'rollback']) {
      const faults = fake.state.calls.filter((c) => c.route === route && c.fault).map((c) => c.fault)
      expect(faults, route).toEqual(expect.arrayContaining(['html5xx', 'rateLimit', 'drop']))
    }
    expect(fake.state.calls.filter((c) => c.fault === 'transient')).toHaveLength(1)
    // the expired JWT was refused once on an asset route, and a new one fetched
    expect(fake.state.calls.some((c) => ASSET_ROUTES.has(c.route) && c.status === 401)).toBe(true)
    expect(fake.state.tokensIssued).toBeGreaterThanOrEqual(2)
    expect(new Set(fake.state.uploadedKeys)).toEqual(new Set(plan.files.map((f) => f.hash)))
    // retry-after: 7 was honoured, as 7 s
    expect(delays.filter((d) => d === 7000).length).toBeGreaterThanOrEqual(10)
    expect(logs.some((line) => /HTML error page "api\.cloudflare\.com \| 502: Bad gateway"/.test(line))).toBe(true)
    expect(logs.some((line) => /connection failed/.test(line))).toBe(true)
  })

  it('retries a 200 whose body is an HTML page instead of taking it for an empty answer', async () => {
    const { fake, deploy } = await setup({}, { domain: 'www.example.com' })
    fake.faults.onEveryRoute({ kind: 'html200' })
    const plan = await site()
    const result = await deploy(plan)

    expect(fake.state.deployments.get(result.deploymentId)!.manifest).toEqual(plan.manifest)
    expect(new Set(fake.state.uploadedKeys)).toEqual(new Set(plan.files.map((f) => f.hash)))
    expect(fake.state.upserted.size).toBe(plan.files.length)
    expect(Object.keys(fake.faults.pending()).sort()).toEqual(['listProjects', 'rollback'])
  })

  it('is refused by the fake when a manifest hash does not match the uploaded content', async () => {
    const { fake, deploy } = await setup()
    const honest = await file('index.html', '<p>real</p>')
    const lying = { ...honest, hash: await hashAsset('index.html', Buffer.from('<p>other</p>')) }
    await expect(deploy(planOf([lying]))).rejects.toThrow(/File \/index\.html: hash \w+ does not match its content \[8000096\]/)
    expect(fake.routes().filter((r) => r === 'createDeployment')).toHaveLength(1) // a 400 is not retried
  })

  it('gives up on a step after maxRetries and says what Cloudflare answered', async () => {
    const { fake, deploy } = await setup({}, { maxRetries: 2 })
    fake.faults.queue('uploadToken', { kind: 'html5xx', status: 503 }, { kind: 'html5xx', status: 503 }, { kind: 'html5xx', status: 503 })

    const error = await deploy(await site()).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(DeployError)
    expect((error as Error).message).toMatch(/get upload token failed after 3 attempts: 503 HTML error page/)
    expect(fake.routes().filter((r) => r === 'uploadToken')).toHaveLength(3)
    expect(fake.routes()).not.toContain('upload')
  })

  it('goes live with a warning when upsert-hashes fails on every attempt, as wrangler 4.86 does', async () => {
    const { fake, deploy, logs } = await setup()
    fake.faults.queue('upsertHashes', ...Array.from({ length: 6 }, () => ({ kind: 'html5xx' as const, status: 503 })))
    const plan = await site()

    const result = await deploy(plan)
    expect(fake.routes().filter((r) => r === 'upsertHashes')).toHaveLength(6)
    expect(result.warnings).toEqual([
      expect.stringMatching(/^Cloudflare upsert-hashes failed after 6 attempts: 503 HTML error page.*Every file was uploaded and the deployment went ahead/),
    ])
    expect(logs).toContain(`Warning: ${result.warnings![0]}`)
    // the files are there and the deployment is live with the manifest
    const project = fake.state.projects.get('panel-site')!
    expect(project.canonical_deployment?.id).toBe(result.deploymentId)
    expect(project.canonical_deployment?.manifest).toEqual(plan.manifest)
    expect(new Set(fake.state.assets.keys())).toEqual(new Set(plan.files.map((f) => f.hash)))
    expect(result.location).toEqual({ cloudflareAccountId: fake.accountId, cloudflareProject: 'panel-site' })
  })

  it('names the real causes, not the token\'s permission, after a mix of 5xx, resets, 429 and two expired upload tokens', async () => {
    const { fake, deploy } = await setup()
    fake.faults.queue(
      'checkMissing',
      { kind: 'html5xx', status: 502 },
      { kind: 'drop' },
      { kind: 'rateLimit', retryAfterSeconds: 1 },
      { kind: 'expireToken' },
      { kind: 'html5xx', status: 503 },
      { kind: 'expireToken' },
    )
    const error = await deploy(await site()).catch((err: unknown) => err)

    expect(error).toBeInstanceOf(DeployError)
    const message = (error as Error).message
    expect(message).toMatch(/^Cloudflare check-missing failed after 6 attempts: /)
    expect(message).toMatch(/502 HTML error page/)
    expect(message).toMatch(/503 HTML error page/)
    expect(message).toMatch(/connection failed \(/)
    expect(message).toMatch(/429 Please wait/)
    expect(message).toMatch(/the upload token has expired \[8000013\] \(×2\)/)
    expect(message).not.toMatch(/permission|kept refusing/i)
    expect((error as DeployError).details.retryable).toBe(true)
    expect(fake.routes()).not.toContain('createDeployment')
  })

  it('still points at the token when fresh upload tokens are refused again and again', async () => {
    const { fake, deploy } = await setup()
    fake.faults.queue('checkMissing', ...Array.from({ length: 4 }, () => ({ kind: 'error' as const, status: 403, code: 10000, message: 'Authentication error' })))
    const error = await deploy(await site()).catch((err: unknown) => err)
    expect((error as Error).message).toMatch(/kept refusing fresh upload tokens during "check-missing".*Cloudflare Pages: Edit/)
    expect(fake.state.tokensIssued).toBe(4)
  })

  it('sends a non-ASCII commit message as plain ASCII (Cloudflare rejects anything else with 8000111)', async () => {
    const { fake, deploy } = await setup()
    const result = await deploy(await site(), { commitMessage: 'Café “Über” — 10 € 🚀 naïve' })
    const message = fake.state.deployments.get(result.deploymentId)!.deployment_trigger.metadata.commit_message
    expect(message).toMatch(/^[\x20-\x7e]+$/)
    expect(message).toContain('Cafe')

    // and the fake does enforce it, so this test can fail
    const form = new FormData()
    form.set('manifest', '{}')
    form.set('commit_message', 'Café')
    const response = await fetch(`${fake.baseURL}/accounts/${fake.accountId}/pages/projects/panel-site/deployments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${fake.apiToken}` },
      body: form,
    })
    expect(response.status).toBe(400)
    expect((await response.json()).errors[0].code).toBe(8000111)
  })

  it('refuses a file over 25 MiB before any request, naming the file', async () => {
    const { fake, deploy } = await setup()
    const big = await file('media/video.png', new Uint8Array(25 * 1024 * 1024 + 1))
    const error = await deploy(planOf([...(await site()).files, big])).catch((err: unknown) => err)

    expect(error).toBeInstanceOf(DeployError)
    expect((error as Error).message).toMatch(/"media\/video\.png" is 26,214,401 bytes; Cloudflare Pages accepts files up to 25 MiB/)
    expect((error as DeployError).details.file).toBe('media/video.png')
    expect(fake.state.calls).toHaveLength(0)
  })

  it("refuses more files than the upload token allows before uploading, naming both counts", async () => {
    const { fake, deploy } = await setup({ maxFileCountAllowed: 3 })
    const error = await deploy(await site()).catch((err: unknown) => err)

    expect(error).toBeInstanceOf(DeployError)
    expect((error as Error).message).toMatch(/The site has 5 files; Cloudflare Pages accepts at most 3 per deployment/)
    expect(fake.routes()).not.toContain('checkMissing')
    expect(fake.routes()).not.toContain('upload')
  })

  it('fails fast with a clear message when the API token is refused', async () => {
    const { fake, deploy } = await setup({}, { apiToken: 'revoked-token' })
    const error = await deploy(await site()).catch((err: unknown) => err)

    expect(error).toBeInstanceOf(DeployError)
    expect((error as Error).message).toMatch(/Cloudflare rejected the API token \(401 Authentication error \[10000\]\)/)
    expect((error as Error).message).toMatch(/Cloudflare Pages: Edit/)
    expect((error as DeployError).details).toMatchObject({ status: 401, retryable: false })
    expect(fake.state.calls).toHaveLength(1)
  })

  it('reports a deployment that fails on Cloudflare', async () => {
    const { deploy } = await setup({ failDeployments: true })
    await expect(deploy(await site())).rejects.toThrow(/deployment .* failed at its "deploy" stage/)
  })

  it('rolls production back to an earlier deployment', async () => {
    const { fake, target, deploy, logs } = await setup()
    const first = await deploy(await site())
    const second = await deploy(await site({ 'index.html': '<p>second</p>' }))
    const project = fake.state.projects.get('panel-site')!
    expect(project.canonical_deployment?.id).toBe(second.deploymentId)

    fake.faults.queue('rollback', { kind: 'drop' })
    const result = await target.rollback!({ deploymentId: first.deploymentId, log: (line) => logs.push(line) })
    expect(result.deploymentId).toBe(first.deploymentId)
    expect(project.canonical_deployment?.id).toBe(first.deploymentId)
    expect(fake.routes().filter((r) => r === 'rollback')).toHaveLength(2)
  })
})

describe('upload token', () => {
  const jwt = (claims: Record<string, unknown>) =>
    ['{"alg":"HS256"}', JSON.stringify(claims), 'sig'].map((part, i) => (i < 2 ? Buffer.from(part).toString('base64url') : part)).join('.')

  it('is renewed when it expires within 60 seconds, and only once for parallel callers', async () => {
    let clock = 1_000_000_000_000
    let fetched = 0
    const token = await createUploadToken(
      async () => jwt({ max_file_count_allowed: 20000, exp: Math.floor(clock / 1000) + 300, n: ++fetched }),
      () => clock,
    )
    expect(token.claims()).toEqual({ maxFileCountAllowed: 20000, expiresAt: clock + 300_000 })
    const first = await token.current()
    clock += 200_000 // 100 s left: still fine
    expect(await token.current()).toBe(first)
    clock += 50_000 // 50 s left: renewed before use
    const renewed = await Promise.all([token.current(), token.current(), token.current()])
    expect(new Set(renewed).size).toBe(1)
    expect(renewed[0]).not.toBe(first)
    expect(fetched).toBe(2)

    // three buckets rejected with the same stale token: one new token
    const outcomes = await Promise.all([token.refresh(renewed[0]!), token.refresh(renewed[0]!), token.refresh(renewed[0]!)])
    expect(fetched).toBe(3)
    // one fetched it; the other two were rejected with a token already being replaced (their retry is free)
    expect(outcomes.sort()).toEqual(['fetched', 'replaced', 'replaced'])
    expect(await token.refresh(renewed[0]!)).toBe('replaced')
  })
})
