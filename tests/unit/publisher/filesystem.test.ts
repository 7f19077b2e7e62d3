import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { planDeployment } from '@/plugins/publisher/core/plan'
import { DeployError, type DeployFile, type Manifest } from '@/plugins/publisher/core/types'
import { createFilesystemTarget } from '@/plugins/publisher/targets/filesystem'

import { makeFile } from './helpers'

let root: string
const logs: string[] = []
const quiet = { log: (line: string) => void logs.push(line), progress: () => {}, commitMessage: 'test' }

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'panel-publish-'))
  logs.length = 0
})
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true })
})

const siteFiles = async (pages: Record<string, string>) =>
  Promise.all(Object.entries(pages).map(([file, body]) => makeFile(file, body, file.endsWith('.css') ? 'text/css' : 'text/html')))

const deploy = async (target: ReturnType<typeof createFilesystemTarget>, files: DeployFile[], previous?: Manifest, extra = {}) => {
  const plan = planDeployment({ files, previous })
  return { plan, result: await target.deploy({ plan, ...quiet, ...extra }) }
}

const read = (target: ReturnType<typeof createFilesystemTarget>, file: string) => fs.readFile(path.join(target.currentPath, file), 'utf8')

describe('filesystem target', () => {
  it('writes a version, points current at it, and on the next deploy writes only what changed', async () => {
    const target = createFilesystemTarget({ root, site: 'example.com' })
    const first = await siteFiles({ 'index.html': 'home v1', 'about/index.html': 'about', 'style.css': 'body{}' })
    const one = await deploy(target, first, undefined, { headers: '/*\n  X-Frame-Options: DENY\n', redirects: '/old /new 301\n' })

    expect(one.result.filesUploaded).toBe(3)
    expect(one.result.deploymentId).toMatch(new RegExp(`^${one.plan.commitHash}-\\d{8}T\\d{9}Z$`))
    expect(fileURLToPath(one.result.url)).toBe(path.join(root, 'example.com', 'current'))
    expect(await read(target, 'about/index.html')).toBe('about')
    expect(await read(target, '_headers')).toContain('X-Frame-Options')
    expect(await read(target, '_redirects')).toBe('/old /new 301\n')

    const second = await siteFiles({ 'index.html': 'home v2', 'moved/index.html': 'about', 'style.css': 'body{}' })
    const two = await deploy(target, second, one.plan.manifest)

    expect(two.result.filesUploaded).toBe(1)
    expect(two.result.bytesUploaded).toBe('home v2'.length)
    expect(second.map((file) => [file.path, file.reads()])).toEqual([
      ['index.html', 1],
      ['moved/index.html', 0],
      ['style.css', 0],
    ])
    expect(await fs.readlink(target.currentPath)).toBe(path.join('versions', two.result.deploymentId))
    expect(await read(target, 'index.html')).toBe('home v2')
    expect(await read(target, 'moved/index.html')).toBe('about')
    await expect(read(target, 'about/index.html')).rejects.toThrow(/ENOENT/)
    // The previous version is untouched, ready for a rollback.
    const old = path.join(root, 'example.com', 'versions', one.result.deploymentId, 'index.html')
    expect(await fs.readFile(old, 'utf8')).toBe('home v1')
  })

  it('reuses live bytes by content even when the previous manifest it is given is from elsewhere', async () => {
    const target = createFilesystemTarget({ root, site: 's' })
    await deploy(target, await siteFiles({ 'a.html': 'same' }))
    const again = await siteFiles({ 'a.html': 'same' })
    const { result } = await deploy(target, again) // no previous manifest: the plan says everything changed
    expect(result.filesUploaded).toBe(0)
    expect(again[0].reads()).toBe(0)
    expect(await read(target, 'a.html')).toBe('same')
  })

  it('keeps the last 5 versions and never deletes the live one', async () => {
    const target = createFilesystemTarget({ root, site: 's', keep: 5 })
    const ids: string[] = []
    for (let i = 0; i < 7; i++) ids.push((await deploy(target, await siteFiles({ 'index.html': `v${i}` }))).result.deploymentId)

    const versions = await target.listVersions()
    expect(versions.map((version) => version.id)).toEqual(ids.slice(2).reverse())
    expect(versions.filter((version) => version.isLive).map((version) => version.id)).toEqual([ids[6]])
    expect(versions[0]).toMatchObject({ files: 1, commitMessage: 'test' })

    // Rolled back to the oldest kept version, a stricter prune still keeps it because it is live.
    await target.rollback({ deploymentId: ids[2], log: quiet.log })
    await createFilesystemTarget({ root, site: 's', keep: 2 }).prune()
    expect((await target.listVersions()).map((version) => [version.id, version.isLive])).toEqual([
      [ids[6], false],
      [ids[5], false],
      [ids[2], true],
    ])
    expect(await read(target, 'index.html')).toBe('v2')
    const entries = await fs.readdir(path.join(root, 's', 'versions'))
    expect(entries.filter((name) => name.endsWith('.json'))).toHaveLength(3)
  })

  it('rolls back to a kept version and refuses a pruned one', async () => {
    const target = createFilesystemTarget({ root, site: 's', keep: 2 })
    const one = await deploy(target, await siteFiles({ 'index.html': 'one' }))
    const two = await deploy(target, await siteFiles({ 'index.html': 'two' }))
    expect(await read(target, 'index.html')).toBe('two')

    const back = await target.rollback({ deploymentId: one.result.deploymentId, log: quiet.log })
    expect(back).toMatchObject({ deploymentId: one.result.deploymentId, filesUploaded: 0 })
    expect(await read(target, 'index.html')).toBe('one')
    await target.rollback({ deploymentId: two.result.deploymentId, log: quiet.log })

    await deploy(target, await siteFiles({ 'index.html': 'three' }))
    const rollback = target.rollback({ deploymentId: one.result.deploymentId, log: quiet.log })
    await expect(rollback).rejects.toThrow(DeployError)
    await expect(rollback).rejects.toThrow('is no longer on disk (only the last 2 are kept)')
    await expect(target.rollback({ deploymentId: '../../etc', log: quiet.log })).rejects.toThrow(DeployError)
    expect(await read(target, 'index.html')).toBe('three')
  })

  it('leaves the live version serving and no partial folder when a file cannot be read mid-deploy', async () => {
    const target = createFilesystemTarget({ root, site: 's', concurrency: 2 })
    const first = await deploy(target, await siteFiles({ 'index.html': 'good', 'b.html': 'b' }))

    const files = await siteFiles(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`p${i}.html`, `page ${i}`])))
    files[25] = { ...files[25], read: async () => Promise.reject(new Error('disk on fire')) }
    const plan = planDeployment({ files })
    const failed = target.deploy({ plan, ...quiet })
    await expect(failed).rejects.toThrow(DeployError)
    await expect(failed).rejects.toThrow('Could not read "p25.html": disk on fire')

    expect(await fs.readlink(target.currentPath)).toBe(path.join('versions', first.result.deploymentId))
    expect(await read(target, 'index.html')).toBe('good')
    const entries = await fs.readdir(path.join(root, 's', 'versions'))
    expect(entries.sort()).toEqual([first.result.deploymentId, `${first.result.deploymentId}.json`].sort())
    expect((await fs.readdir(path.join(root, 's'))).sort()).toEqual(['current', 'versions'])
  })

  it('stops without touching the live version when cancelled', async () => {
    const target = createFilesystemTarget({ root, site: 's' })
    const first = await deploy(target, await siteFiles({ 'index.html': 'live' }))
    const controller = new AbortController()
    controller.abort()
    await expect(deploy(target, await siteFiles({ 'index.html': 'new' }), undefined, { signal: controller.signal })).rejects.toThrow('cancelled')
    expect((await target.listVersions()).map((version) => version.id)).toEqual([first.result.deploymentId])
    expect(await read(target, 'index.html')).toBe('live')
  })

  it('never shows a reader a half-written current', async () => {
    const target = createFilesystemTarget({ root, site: 's' })
    // Large pages so a write in progress would be visible as a short read.
    const page = (n: number) => `<html>${String(n).repeat(200_000)}</html>`
    const complete = new Set(Array.from({ length: 8 }, (_, n) => page(n)))
    await deploy(target, await siteFiles({ 'index.html': page(0) }))

    let deploying = true
    let reads = 0
    const bad: string[] = []
    const reader = async () => {
      while (deploying) {
        const body = await read(target, 'index.html').catch((err: Error) => `error: ${err.message}`)
        reads++
        if (!complete.has(body)) bad.push(body.slice(0, 80))
      }
    }
    const readers = Array.from({ length: 4 }, reader)
    for (let n = 1; n < 8; n++) {
      const pages = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}/index.html`, `${n}-${i}`.repeat(10_000)]))
      await deploy(target, await siteFiles({ ...pages, 'index.html': page(n) }))
    }
    deploying = false
    await Promise.all(readers)

    expect(bad).toEqual([])
    expect(reads).toBeGreaterThan(10)
    expect(await read(target, 'index.html')).toBe(page(7))
  })

  it('refuses a site name that is not a plain folder name', () => {
    expect(() => createFilesystemTarget({ root, site: '../other' })).toThrow(DeployError)
    expect(() => createFilesystemTarget({ root, site: 'a/b' })).toThrow(DeployError)
  })
})
