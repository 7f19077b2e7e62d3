import { describe, expect, it } from 'vitest'

import { asciiCommitMessage, manifestCommitHash, planDeployment } from '@/plugins/publisher/core/plan'
import { DeployError } from '@/plugins/publisher/core/types'

import { makeFile } from './helpers'

describe('planDeployment', () => {
  it('uploads everything on a first deployment', async () => {
    const files = [await makeFile('index.html', 'home'), await makeFile('about/index.html', 'about')]
    const plan = planDeployment({ files })
    expect(plan.changed.map((file) => file.path)).toEqual(['about/index.html', 'index.html'])
    expect(plan.unchanged).toBe(0)
    expect(plan.removed).toEqual([])
    expect(plan.bytes).toBe(9)
    expect(plan.changedBytes).toBe(9)
    expect(Object.keys(plan.manifest)).toEqual(['/about/index.html', '/index.html'])
  })

  it('sorts out unchanged, changed, moved and removed files against the previous manifest', async () => {
    const before = planDeployment({
      files: [
        await makeFile('index.html', 'home v1'),
        await makeFile('old-url/index.html', 'a page that moves'),
        await makeFile('gone.html', 'deleted later'),
        await makeFile('style.css', 'body{}', 'text/css'),
      ],
    })
    const plan = planDeployment({
      previous: before.manifest,
      files: [
        await makeFile('index.html', 'home v2'),
        await makeFile('new-url/index.html', 'a page that moves'),
        await makeFile('style.css', 'body{}', 'text/css'),
        await makeFile('fresh.html', 'brand new'),
      ],
    })
    expect(plan.changed.map((file) => file.path)).toEqual(['fresh.html', 'index.html'])
    expect(plan.unchanged).toBe(2)
    expect(plan.removed).toEqual(['/gone.html', '/old-url/index.html'])
    expect(plan.changedBytes).toBe('brand new'.length + 'home v2'.length)
    expect(plan.manifest['/new-url/index.html']).toBe(before.manifest['/old-url/index.html'])
  })

  it('gives the same manifest order and commit hash whatever order the files come in', async () => {
    const files = [await makeFile('b.html', 'b'), await makeFile('a.html', 'a'), await makeFile('c/d.html', 'd')]
    const one = planDeployment({ files })
    const two = planDeployment({ files: [...files].reverse() })
    expect(two.commitHash).toBe(one.commitHash)
    expect(JSON.stringify(two.manifest)).toBe(JSON.stringify(one.manifest))
    expect(one.commitHash).toMatch(/^[0-9a-f]{40}$/)
    expect(manifestCommitHash({ '/z': '1', '/a': '2' })).toBe(manifestCommitHash({ '/a': '2', '/z': '1' }))
  })

  it('changes the commit hash when any content changes', async () => {
    const one = planDeployment({ files: [await makeFile('a.html', 'a')] })
    const two = planDeployment({ files: [await makeFile('a.html', 'A')] })
    expect(two.commitHash).not.toBe(one.commitHash)
  })

  it('leaves _headers and _redirects out of the manifest, the files and the commit hash', async () => {
    const page = await makeFile('index.html', 'home')
    const withControl = planDeployment({
      files: [page, await makeFile('_headers', '/*\n  X-Frame-Options: DENY', 'text/plain'), await makeFile('/_redirects', '/a /b 301', 'text/plain')],
    })
    expect(Object.keys(withControl.manifest)).toEqual(['/index.html'])
    expect(withControl.files.map((file) => file.path)).toEqual(['index.html'])
    expect(withControl.commitHash).toBe(planDeployment({ files: [page] }).commitHash)
  })

  it('accepts paths with a leading slash and refuses ones that escape the site or repeat', async () => {
    expect(Object.keys(planDeployment({ files: [await makeFile('/x/index.html', 'x')] }).manifest)).toEqual(['/x/index.html'])
    await expect(async () => planDeployment({ files: [await makeFile('../etc/passwd', 'x')] })).rejects.toThrow(DeployError)
    await expect(async () => planDeployment({ files: [await makeFile('a.html', 'x'), await makeFile('/a.html', 'y')] })).rejects.toThrow(
      'two files at "a.html"',
    )
  })
})

describe('asciiCommitMessage', () => {
  it('transliterates accents and common letters to plain ASCII', () => {
    expect(asciiCommitMessage('Café für Straße – Œuvre “neu” Łódź…')).toBe('Cafe fur Strasse - OEuvre "neu" Lodz...')
  })

  it('drops what has no ASCII form and keeps the rest', () => {
    const message = asciiCommitMessage('Publish 日本語 site 🚀 now')
    expect(message).toBe('Publish site now')
    expect(message).toMatch(/^[\x00-\x7f]*$/)
  })

  it('keeps line breaks, drops other control characters', () => {
    expect(asciiCommitMessage('Title\r\n\nBody\u0007 text\t end')).toBe('Title\n\nBody text end')
  })

  it('trims to 384 characters', () => {
    const message = asciiCommitMessage('é'.repeat(1000))
    expect(message).toBe('e'.repeat(384))
  })

  it('is never empty', () => {
    expect(asciiCommitMessage('')).toBe('Deploy from Panel')
    expect(asciiCommitMessage('  🚀 日本  ')).toBe('Deploy from Panel')
    expect(asciiCommitMessage('', 'Rollback')).toBe('Rollback')
  })
})
