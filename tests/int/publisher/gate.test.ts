/**
 * The gate before anything goes live, through real deployments: a missing asset fails the deployment
 * naming the page and the reference, and nothing is uploaded or swapped; a link to a missing page is
 * published with the warning recorded on the deployment and on the site.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Deployment, Site, Template } from '@/payload-types'
import { startFakeCloudflare, type FakeCloudflare } from '../../fakes/cloudflare'
import { rest } from '../../helpers/rest'
import { getWorld, unique, type World } from '../../helpers/world'

const GOOD = '<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body><h1>{{ page.h1 }}</h1><main>{{ content }}</main></body></html>'
const BROKEN = GOOD.replace('<main>', '<img src="/assets/missing-badge.png" alt="Badge" width="10" height="10"><main>')

let w: World
let tmp: string
let fake: FakeCloudflare
const saved = { PUBLISH_DIR: process.env.PUBLISH_DIR, CLOUDFLARE_API_BASE_URL: process.env.CLOUDFLARE_API_BASE_URL }

beforeAll(async () => {
  w = await getWorld()
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-'))
  process.env.PUBLISH_DIR = tmp
  fake = await startFakeCloudflare({ pollsUntilDone: 1 })
  process.env.CLOUDFLARE_API_BASE_URL = fake.baseURL
})

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  await fake?.close()
  fs.rmSync(tmp, { recursive: true, force: true })
})

const deploy = async (siteId: number): Promise<Deployment> => {
  const res = await rest('POST', `/sites/${siteId}/deploy`, { token: w.tokens.admin })
  expect(res.status).toBe(202)
  await w.payload.jobs.run({ queue: 'deploy', sequential: true })
  return (await w.payload.findByID({ collection: 'deployments', id: res.body.doc.id, depth: 0 })) as Deployment
}

const makeSite = async (publishing: Record<string, unknown>) => {
  const template = (await w.payload.create({ collection: 'templates', data: { name: unique('Gate template '), type: 'monolithic', html: GOOD } as never })) as Template
  const site = (await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('gate')}.test`, brandName: 'Gate', language: w.languageId, template: template.id, analyticsEnabled: false, publishing } as never,
  })) as Site
  await w.payload.create({ collection: 'pages', data: { title: 'Home', slug: 'index', h1: 'Home', site: site.id, _status: 'published' } as never })
  return { site, template }
}

describe.each([
  ['the local folder', 'filesystem'],
  ['Cloudflare Pages', 'cloudflare-pages'],
] as const)('the link gate on %s', (_name, target) => {
  it('fails a deployment whose template references a missing asset, naming page and reference, and changes nothing live', async () => {
    const publishing =
      target === 'filesystem'
        ? { target }
        : {
            target,
            cloudflareToken: (
              await w.payload.create({
                collection: 'api-tokens',
                data: { label: unique('CF gate '), service: 'cloudflare', secret: fake.apiToken, accountId: fake.accountId } as never,
              })
            ).id,
          }
    const { site, template } = await makeSite(publishing)
    const good = await deploy(site.id)
    expect(good.error ?? null).toBeNull()
    expect(good.status).toBe('success')
    const current = path.join(tmp, site.domain, 'current')
    const liveBefore = target === 'filesystem' ? fs.readlinkSync(current) : null
    const uploadsBefore = fake.state.uploadedKeys.length
    const deploymentsBefore = fake.state.deployments.size

    await w.payload.update({ collection: 'templates', id: template.id, data: { html: BROKEN } as never })
    const failed = await deploy(site.id)
    expect(failed.status).toBe('failed')
    expect(failed.error).toContain('"index.html" references /assets/missing-badge.png')
    expect(failed.error).toMatch(/nothing was published/)
    if (target === 'filesystem') expect(fs.readlinkSync(current)).toBe(liveBefore)
    else {
      expect(fake.state.uploadedKeys.length).toBe(uploadsBefore)
      expect(fake.state.deployments.size).toBe(deploymentsBefore)
    }
    const after = (await w.payload.findByID({ collection: 'sites', id: site.id, depth: 0 })) as Site & { liveUrl?: string }
    expect(after.liveUrl).toBe(good.url)
  })
})

describe('a link to a missing page', () => {
  it('is published, with the warning on the deployment, on the site and in the sites list', async () => {
    const { site } = await makeSite({ target: 'filesystem' })
    await w.payload.create({
      collection: 'pages',
      data: {
        title: 'Offers',
        slug: 'offers',
        h1: 'Offers',
        site: site.id,
        _status: 'published',
        blocks: [{ blockType: 'cta', heading: 'More', buttonText: 'See', button: { type: 'url', url: `https://${site.domain}/no-such-page/` } }],
      } as never,
    })
    const done = await deploy(site.id)
    expect(done.error ?? null).toBeNull()
    expect(done.status).toBe('success')
    expect(done.warningCount).toBe(1)
    expect(done.warnings).toBe('Broken link on "offers/index.html": /no-such-page/ is not a page of the site')
    expect(done.log).toContain('1 broken link(s)')
    const listed = await rest('GET', `/sites?where[id][equals]=${site.id}&depth=0`, { token: w.tokens.admin })
    expect(listed.body.docs[0]).toMatchObject({ lastDeployWarnings: 1, lastDeployWarningText: done.warnings })
  })
})
