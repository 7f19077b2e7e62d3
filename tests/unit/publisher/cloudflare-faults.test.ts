import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { benchSnapshot, editOnePage, renderBenchSite } from '../../../bench/deploy/site'
import { collectDeployFiles, DeployError, planDeployment, type CollectedFiles, type DeployPlan } from '../../../plugins/publisher/core'
import { createCloudflarePagesTarget } from '../../../plugins/publisher/targets/cloudflare'
import { startFakeCloudflare, type FakeCloudflare, type RandomFaultKind, type RouteName } from '../../fakes/cloudflare'

// A real 500-page site (bench/build's synthetic pages, the demo template,
// media files) deployed to the fake Cloudflare API while 20% of all calls
// fail, on every endpoint, in each way seen in real life. The deploy must
// succeed with exactly the right files on the fake; a permanent failure must
// end the deployment with its reason and leave the previous one live.
//
// Retries use the target's real policy (5 retries per call, retry-after
// honoured, fresh upload token on 401) except that waits are recorded, not
// slept: `sleep` is an option of the target.

const PAGES = 500
const RATE = 0.2

type Built = { collected: CollectedFiles; plan: DeployPlan }
let tmp: string
let full: Built
let edited: Built

const ROUTES_USED: RouteName[] = ['getProject', 'createProject', 'attachDomain', 'uploadToken', 'checkMissing', 'upload', 'upsertHashes', 'createDeployment', 'getDeployment']
const ASSET_ROUTES: RouteName[] = ['checkMissing', 'upload', 'upsertHashes']

type Figures = { run: string; calls: number; failed: number; byKind: Record<string, number>; retries: number; tokens: number; waitedMs: number; result: string }
const figures: Figures[] = []

let fake: FakeCloudflare | undefined
afterEach(async () => {
  await fake?.close()
  fake = undefined
})

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-faults-'))
  // media at a tenth of their real size: the pages are what this is about, and every retried bucket is sent again
  const snapshot = await benchSnapshot({ pages: PAGES, workDir: path.join(tmp, 'work'), mediaScale: 0.1 })
  const build = async (s: typeof snapshot, previous?: DeployPlan): Promise<Built> => {
    const site = await renderBenchSite(s, path.join(tmp, 'work', 'cache'))
    const collected = await collectDeployFiles({ files: site.files, assets: site.assets })
    return { collected, plan: planDeployment({ files: collected.files, previous: previous?.manifest }) }
  }
  full = await build(snapshot)
  edited = await build(editOnePage(snapshot), full.plan)
})

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true })
  if (figures.length === 0) return
  const lines = ['| run | calls | failed | by kind | retries | upload tokens | waits asked (s) | result |', '| --- | ---: | ---: | --- | ---: | ---: | ---: | --- |']
  for (const f of figures) {
    const kinds = Object.entries(f.byKind).map(([k, n]) => `${k} ${n}`).join(', ')
    lines.push(`| ${f.run} | ${f.calls} | ${f.failed} | ${kinds} | ${f.retries} | ${f.tokens} | ${(f.waitedMs / 1000).toFixed(1)} | ${f.result} |`)
  }
  console.log(`Cloudflare fault runs (${PAGES} pages, ${full.plan.files.length} files):\n${lines.join('\n')}`)
})

const setup = async (fakeOptions: Parameters<typeof startFakeCloudflare>[0] = {}) => {
  fake = await startFakeCloudflare({ pollsUntilDone: 2, ...fakeOptions })
  const logs: string[] = []
  const delays: number[] = []
  const target = createCloudflarePagesTarget({
    apiToken: fake.apiToken,
    accountId: fake.accountId,
    projectName: 'fault-site',
    domain: 'www.fault.example',
    baseURL: fake.baseURL,
    sleep: async (ms) => {
      delays.push(ms)
    },
  })
  const deploy = ({ collected, plan }: Built, commitMessage = 'Deploy') =>
    target.deploy({ plan, headers: collected.headers, redirects: collected.redirects, commitMessage, log: (line) => logs.push(line), progress: () => {} })
  return { fake, target, deploy, logs, delays }
}

/** What the fake holds: exactly the plan's contents (no more, no less), byte for byte, and the live manifest. */
const expectHolds = async (fake: FakeCloudflare, built: Built[], liveId: string) => {
  const expected = new Map(built.flatMap(({ plan }) => plan.files.map((file) => [file.hash, file] as const)))
  expect(new Set(fake.state.assets.keys())).toEqual(new Set(expected.keys()))
  for (const [hash, file] of expected) {
    const stored = fake.state.assets.get(hash)!
    expect(Buffer.from(stored.base64, 'base64').equals(Buffer.from(await file.read())), file.path).toBe(true)
    expect(stored.contentType, file.path).toBe(file.contentType)
  }
  const live = fake.state.projects.get('fault-site')!.canonical_deployment!
  expect(live.id).toBe(liveId)
  expect(live.manifest).toEqual(built.at(-1)!.plan.manifest)
  expect(live.headersFile).toBe(built.at(-1)!.collected.headers)
  expect(live.redirectsFile).toBe(built.at(-1)!.collected.redirects)
}

const record = (run: string, fake: FakeCloudflare, logs: string[], delays: number[], result: string) => {
  const failed = fake.state.calls.filter((call) => call.fault)
  const byKind: Record<string, number> = {}
  for (const call of failed) byKind[call.fault!] = (byKind[call.fault!] ?? 0) + 1
  const f: Figures = {
    run,
    calls: fake.state.calls.length,
    failed: failed.length,
    byKind,
    retries: logs.filter((line) => /; retry \d+ in /.test(line)).length,
    tokens: fake.state.tokensIssued,
    waitedMs: delays.reduce((a, b) => a + b, 0),
    result,
  }
  figures.push(f)
  return f
}

const WAYS: { name: string; kinds: RandomFaultKind[]; seed: number }[] = [
  { name: '5xx with HTML bodies', kinds: ['html5xx'], seed: 11 },
  { name: '429 with retry-after', kinds: ['rateLimit'], seed: 12 },
  { name: 'dropped connections', kinds: ['drop'], seed: 13 },
  { name: 'upload token expiring mid-upload', kinds: ['expireToken'], seed: 14 },
  { name: 'all four mixed', kinds: ['html5xx', 'rateLimit', 'drop', 'expireToken'], seed: 15 },
]

describe(`a ${PAGES}-page deploy with ${RATE * 100}% of calls failing`, () => {
  for (const way of WAYS) {
    it(`${way.name}: full and one-page deploys succeed with exactly the right files`, async () => {
      const { fake, deploy, logs, delays } = await setup()
      // every endpoint fails on its first call (this way, or the ways in turn; the token only on asset routes), then 20% at random
      ROUTES_USED.forEach((route, i) => {
        const kinds = way.kinds.filter((kind) => kind !== 'expireToken' || ASSET_ROUTES.includes(route))
        const kind = route === 'upload' && kinds.includes('expireToken') ? 'expireToken' : kinds[i % kinds.length] // the token lapses mid-upload
        if (kind) fake.faults.queue(route, kind === 'html5xx' ? { kind, status: 502 } : kind === 'rateLimit' ? { kind, retryAfterSeconds: 3 } : { kind })
      })
      fake.faults.random({ rate: RATE, kinds: way.kinds, seed: way.seed, retryAfterSeconds: 2 })

      const first = await deploy(full).catch((err: unknown) => {
        throw new Error(`${(err as Error).message}\n${fake.state.calls.map((c) => `${c.route} ${c.status} ${c.fault ?? ''}`).join('\n')}`)
      })
      expect(first.filesUploaded).toBe(new Set(full.plan.files.map((f) => f.hash)).size)
      const second = await deploy(edited)
      // the edited page only: its HTML (plus the sitemap when it lists the page's date; not here)
      expect(second.filesUploaded).toBe(edited.plan.changed.length)
      expect(second.filesUploaded).toBeLessThanOrEqual(2)

      await expectHolds(fake, [full, edited], second.deploymentId)
      expect(fake.faults.pending()).toEqual({}) // every queued fault was met (and survived)
      const f = record(way.name, fake, logs, delays, 'success')
      for (const route of way.kinds.includes('expireToken') && way.kinds.length === 1 ? ASSET_ROUTES : ROUTES_USED) {
        expect(fake.state.calls.some((call) => call.route === route && call.fault), route).toBe(true)
      }
      expect(f.failed / f.calls).toBeGreaterThan(way.kinds.length === 1 && way.kinds[0] === 'expireToken' ? 0.1 : 0.15)
      expect(f.retries).toBeGreaterThanOrEqual(f.failed - fake.state.calls.filter((c) => c.fault === 'expireToken').length)
      if (way.kinds.includes('rateLimit')) expect(delays).toContain(3000) // retry-after: 3 honoured, in ms
      if (way.kinds.length === 1 && way.kinds[0] === 'rateLimit') expect(delays).toContain(2000) // and the random ones' 2
      if (way.kinds.includes('expireToken')) {
        expect(fake.state.expiredTokenIds.size).toBeGreaterThan(0)
        expect(fake.state.tokensIssued).toBeGreaterThan(2)
      }
      if (way.kinds.includes('html5xx')) expect(logs.some((line) => /HTML error page "api\.cloudflare\.com \| 502: Bad gateway"/.test(line))).toBe(true)
      if (way.kinds.includes('drop')) expect(logs.some((line) => /connection failed/.test(line))).toBe(true)
    })
  }
})

describe('a permanent failure amid 20% transient ones', () => {
  const failedDeploy = async (inject: (fake: FakeCloudflare) => void, run: string) => {
    const { fake, deploy, logs, delays } = await setup()
    const first = await deploy(full)
    fake.faults.random({ rate: RATE, kinds: ['html5xx', 'rateLimit', 'drop', 'expireToken'], seed: 23 })
    inject(fake)
    const deploymentsBefore = fake.state.deployments.size
    const error = await deploy(edited).catch((err: unknown) => err)
    fake.faults.random(null)
    expect(error).toBeInstanceOf(DeployError)
    // the live site is still the first deployment, with its files
    const live = fake.state.projects.get('fault-site')!.canonical_deployment!
    expect(live.id).toBe(first.deploymentId)
    expect(live.manifest).toEqual(full.plan.manifest)
    record(run, fake, logs, delays, `failed: ${(error as Error).message.slice(0, 90)}`)
    return { fake, error: error as DeployError, logs, deploymentsBefore }
  }

  it("ends failed when the deployment's deploy stage fails, naming the stage", async () => {
    const { fake, error } = await failedDeploy((f) => f.faults.failNextDeployments(1), 'deploy stage ends in failure')
    expect(error.message).toMatch(/^Cloudflare Pages deployment [\w-]+ failed at its "deploy" stage/)
    const failed = [...fake.state.deployments.values()].filter((d) => d.fails)
    expect(failed).toHaveLength(1)
    expect(failed[0]!.latest_stage.status).toBe('failure')
  })

  it('ends failed at once on a 400 from the upload, with Cloudflare\'s message, and creates no deployment', async () => {
    const { fake, error, deploymentsBefore } = await failedDeploy(
      (f) => f.faults.queue('upload', { kind: 'error', status: 400, code: 8000096, message: 'Invalid upload payload' }),
      '400 on upload',
    )
    expect(error.message).toMatch(/^Cloudflare upload \(\d+ files?\) failed: 400 Invalid upload payload \[8000096\]/)
    expect(error.details.retryable).toBe(false)
    expect(fake.state.deployments.size).toBe(deploymentsBefore)
    expect(fake.state.calls.filter((c) => c.route === 'createDeployment')).toHaveLength(1) // the first deploy's only
  })

  it('ends failed on a 400 from deployment creation, and nothing new goes live', async () => {
    const { error, fake } = await failedDeploy(
      (f) => f.faults.queue('createDeployment', { kind: 'error', status: 400, code: 8000022, message: 'Invalid manifest' }),
      '400 on create deployment',
    )
    expect(error.message).toMatch(/^Cloudflare create deployment failed: 400 Invalid manifest \[8000022\]/)
    expect(fake.state.projects.get('fault-site')!.latest_deployment!.manifest).toEqual(full.plan.manifest)
  })

  it('ends failed when a step keeps failing past the retries, saying how often it tried', async () => {
    const { error } = await failedDeploy(
      (f) => f.faults.queue('createDeployment', ...Array.from({ length: 6 }, () => ({ kind: 'html5xx' as const, status: 503 }))),
      'create deployment 503 six times',
    )
    expect(error.message).toMatch(/^Cloudflare create deployment failed after 6 attempts: 503 HTML error page/)
    expect(error.details.retryable).toBe(true)
  })
})

describe('upsert-hashes failing past the retries amid 20% transient failures', () => {
  it('is a warning, as in wrangler 4.86: the files are uploaded and the deployment goes live', async () => {
    const { fake, deploy, logs, delays } = await setup()
    await deploy(full)
    fake.faults.random({ rate: RATE, kinds: ['html5xx', 'rateLimit', 'drop', 'expireToken'], seed: 29 })
    fake.faults.queue('upsertHashes', ...Array.from({ length: 6 }, () => ({ kind: 'html5xx' as const, status: 503 })))
    const second = await deploy(edited)
    fake.faults.random(null)

    expect(second.warnings).toEqual([expect.stringMatching(/^Cloudflare upsert-hashes failed after 6 attempts: 503 HTML error page.*the deployment went ahead/)])
    await expectHolds(fake, [full, edited], second.deploymentId)
    record('upsert-hashes 503 six times', fake, logs, delays, 'success with a warning')
  })
})
