import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { collectDeployFiles } from '@/plugins/publisher/core/files'
import { hashAsset } from '@/plugins/publisher/core/hash'
import { DeployError } from '@/plugins/publisher/core/types'

let dir: string
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'panel-collect-'))
})
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

describe('collectDeployFiles', () => {
  it('hashes rendered files and media, and sets _headers and _redirects aside', async () => {
    const logo = path.join(dir, 'logo.png')
    await fs.writeFile(logo, 'foobar')
    const events: number[] = []
    const collected = await collectDeployFiles({
      files: new Map([
        ['index.html', { body: 'foobar', contentType: 'text/html' }],
        ['_headers', { body: '/*\n  X-Robots-Tag: noindex', contentType: 'text/plain' }],
        ['_redirects', { body: new TextEncoder().encode('/a /b 301'), contentType: 'text/plain' }],
      ]),
      assets: [{ path: 'media/logo.png', source: logo, contentType: 'image/png' }],
      progress: (event) => events.push(event.done),
    })
    expect(collected.headers).toBe('/*\n  X-Robots-Tag: noindex')
    expect(collected.redirects).toBe('/a /b 301')
    expect(collected.files.map(({ path, hash, size, contentType }) => ({ path, hash, size, contentType }))).toEqual([
      { path: 'index.html', hash: 'd96fef225537c9f5e44a3cb27fd0b492', size: 6, contentType: 'text/html' },
      { path: 'media/logo.png', hash: '2082190357cfd3617ccfe04f340c6247', size: 6, contentType: 'image/png' },
    ])
    expect(events).toEqual([1, 2, 3, 4])

    // Media bytes are read from the source again when a target asks, not kept in memory.
    await fs.writeFile(logo, 'changed')
    expect(Buffer.from(await collected.files[1].read()).toString()).toBe('changed')
  })

  it('hashes UTF-8 text bodies as their bytes', async () => {
    const { files } = await collectDeployFiles({ files: new Map([['ü.html', { body: 'Grüße', contentType: 'text/html' }]]) })
    expect(files[0].size).toBe(7)
    expect(files[0].hash).toBe(await hashAsset('ü.html', Buffer.from('Grüße')))
  })

  it('names the asset whose source file is missing', async () => {
    const collecting = collectDeployFiles({
      files: new Map(),
      assets: [{ path: 'media/gone.jpg', source: path.join(dir, 'gone.jpg'), contentType: 'image/jpeg' }],
    })
    await expect(collecting).rejects.toThrow(DeployError)
    await expect(collecting).rejects.toThrow('The file for "media/gone.jpg" is missing from the media storage')
  })
})
