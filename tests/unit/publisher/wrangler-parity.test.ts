import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { benchSnapshot, renderBenchSite, writeBenchSite } from '../../../bench/deploy/site'
import { collectDeployFiles, planDeployment, type CollectedFiles, type DeployPlan } from '../../../plugins/publisher/core'
import { createCloudflarePagesTarget } from '../../../plugins/publisher/targets/cloudflare'
import type { RenderedSite } from '../../../plugins/site-builder/build'
import { startFakeCloudflare, type FakeCloudflare } from '../../fakes/cloudflare'
import { makeProject } from '../../fakes/cloudflare/state'
import { wranglerPagesDeploy, wranglerVersion, type WranglerRun } from '../../fakes/wrangler'

// The real `wrangler pages deploy` (4.86.0, a devDependency) and our publisher
// deploy the same built folder to the fake Cloudflare API: the manifests must
// be identical, and whichever goes second must find every file already there
// (same hashes, byte for byte). Offline: offline-guard refuses anything that
// is not 127.0.0.1, and the test asserts nothing tried.

const PROJECT = 'parity-site'

let tmp: string
let site: RenderedSite
let collected: CollectedFiles
let plan: DeployPlan
const fakes: FakeCloudflare[] = []

/** Files a real site may carry that the builder's pages do not exercise: odd names, no extension, empty, duplicated content. */
const EXTRA_FILES: Record<string, string | Uint8Array> = {
  'docs/Read Me.txt': 'spaces in the name\n',
  'downloads/café-menü.pdf': new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xff, 0x00, 0x80]),
  '.well-known/security.txt': 'Contact: mailto:security@bench.example\n',
  LICENSE: 'MIT\n',
  'data/feed.json': '{"items":[]}',
  'empty.txt': '',
  'copies/a.css': 'body{color:red}',
  'copies/b.css': 'body{color:red}',
  'UPPER/Case.HTML': '<p>case</p>',
}

const fresh = async () => {
  const fake = await startFakeCloudflare({ pollsUntilDone: 1 })
  fakes.push(fake)
  fake.state.projects.set(PROJECT, makeProject(PROJECT, 'main'))
  return fake
}

const deployWithPublisher = (fake: FakeCloudflare) =>
  createCloudflarePagesTarget({
    apiToken: fake.apiToken,
    accountId: fake.accountId,
    projectName: PROJECT,
    baseURL: fake.baseURL,
    pollIntervalMs: 10,
  }).deploy({
    plan,
    headers: collected.headers,
    redirects: collected.redirects,
    commitMessage: 'Deploy with Panel',
    log: () => {},
    progress: () => {},
  })

const deployWithWrangler = (fake: FakeCloudflare): Promise<WranglerRun> =>
  wranglerPagesDeploy({ fake, dir: path.join(tmp, 'site'), projectName: PROJECT, commitHash: plan.commitHash, commitMessage: 'Deploy with wrangler' })

const onlyDeployment = (fake: FakeCloudflare, index: number) => [...fake.state.deployments.values()][index]!

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wrangler-parity-'))
  const snapshot = await benchSnapshot({ pages: 60, workDir: path.join(tmp, 'work') })
  site = await renderBenchSite(snapshot, path.join(tmp, 'work', 'cache'))
  for (const [file, body] of Object.entries(EXTRA_FILES)) site.files.set(file, { body, contentType: 'application/octet-stream' })
  await writeBenchSite(site, path.join(tmp, 'site'))
  collected = await collectDeployFiles({ files: site.files, assets: site.assets })
  plan = planDeployment({ files: collected.files })
})

afterAll(async () => {
  await Promise.all(fakes.map((fake) => fake.close()))
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe(`wrangler ${wranglerVersion()} parity`, () => {
  it("accepts an upload bucket as wrangler fills it: 40 MiB of file bytes (about 53 MiB of base64), not more", async () => {
    const fake = await fresh()
    const token = await fetch(`${fake.baseURL}/accounts/${fake.accountId}/pages/projects/${PROJECT}/upload-token`, { headers: { Authorization: `Bearer ${fake.apiToken}` } })
    const { jwt } = (await token.json()).result as { jwt: string }
    const upload = (sizes: number[]) =>
      fetch(`${fake.baseURL}/pages/assets/upload`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${jwt}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(
          sizes.map((size, i) => ({ key: `${i}`.padStart(32, 'a'), value: Buffer.alloc(size, i).toString('base64'), metadata: { contentType: 'image/jpeg' }, base64: true })),
        ),
      })
    const MiB = 1024 * 1024
    expect((await upload([20 * MiB, 20 * MiB])).status).toBe(200)
    const over = await upload([20 * MiB, 20 * MiB + 1])
    expect(over.status).toBe(413)
    expect((await over.json()).errors[0].message).toMatch(/over 40 MiB/)
  })

  it('is the pinned wrangler', () => {
    expect(wranglerVersion()).toBe('4.86.0')
  })

  it('wrangler first: same manifest, _headers and _redirects, and our publisher uploads nothing', async () => {
    const fake = await fresh()
    const run = await deployWithWrangler(fake)
    expect(run.status, run.stdout + run.stderr).toBe(0)
    expect(run.blocked).toEqual([]) // no telemetry, update check or error report tried to leave the machine
    expect(run.uploaded).toBe(Object.keys(plan.manifest).length) // wrangler counts (and sends) duplicated content once per path
    const byWrangler = onlyDeployment(fake, 0)

    const ours = await deployWithPublisher(fake)
    const byUs = fake.state.deployments.get(ours.deploymentId)!

    expect(Object.keys(byUs.manifest)).toHaveLength(site.files.size + site.assets.length - 2) // _headers and _redirects are not assets
    expect(byUs.manifest).toEqual(byWrangler.manifest)
    expect(JSON.stringify(byUs.manifest, Object.keys(byUs.manifest).sort())).toBe(JSON.stringify(byWrangler.manifest, Object.keys(byWrangler.manifest).sort()))
    expect(byUs.headersFile).toBe(byWrangler.headersFile)
    expect(byUs.redirectsFile).toBe(byWrangler.redirectsFile)
    expect(byUs.headersFile).toContain('/assets/')
    // every hash wrangler uploaded is one we computed: check-missing found nothing to send
    expect(ours.filesUploaded).toBe(0)
    expect(byUs.deployment_trigger.metadata).toMatchObject({ branch: 'main', commit_hash: plan.commitHash, commit_dirty: false })
    expect(byWrangler.deployment_trigger.metadata).toMatchObject({ branch: 'main', commit_hash: plan.commitHash, commit_dirty: false })
  })

  it('publisher first: wrangler finds every file already uploaded and deploys the same manifest', async () => {
    const fake = await fresh()
    const ours = await deployWithPublisher(fake)
    expect(ours.filesUploaded).toBe(new Set(Object.values(plan.manifest)).size)
    const keysBefore = fake.state.uploadedKeys.length

    const run = await deployWithWrangler(fake)
    expect(run.status, run.stdout + run.stderr).toBe(0)
    expect(run.blocked).toEqual([])
    expect(run.uploaded).toBe(0)
    expect(run.alreadyUploaded).toBe(Object.keys(plan.manifest).length)
    expect(fake.state.uploadedKeys.length).toBe(keysBefore)
    expect(onlyDeployment(fake, 1).manifest).toEqual(fake.state.deployments.get(ours.deploymentId)!.manifest)
    // and the bytes stored under each hash are the file's bytes
    for (const file of plan.files) {
      expect(Buffer.from(fake.state.assets.get(file.hash)!.base64, 'base64').equals(Buffer.from(await file.read())), file.path).toBe(true)
    }
  })
})
