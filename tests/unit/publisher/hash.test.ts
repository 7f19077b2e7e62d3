import { describe, expect, it } from 'vitest'

import { assetExtension, hashAsset } from '@/plugins/publisher/core/hash'

const foobar = new TextEncoder().encode('foobar')

describe('hashAsset (Cloudflare Pages asset hash)', () => {
  it.each([
    ['logo.png', '2082190357cfd3617ccfe04f340c6247'],
    ['notes.txt', '1a98fb08af91aca4a7df1764a2c4ddb0'],
    ['index.html', 'd96fef225537c9f5e44a3cb27fd0b492'],
    ['assets/app.js', '6be321bef99e758250dac034474ddbb8'],
  ])('matches wrangler for "foobar" as %s', async (path, expected) => {
    expect(await hashAsset(path, foobar)).toBe(expected)
  })

  it('depends on the extension, not on the folder or name', async () => {
    expect(await hashAsset('a/b/other.png', foobar)).toBe(await hashAsset('logo.png', foobar))
    expect(await hashAsset('logo.PNG', foobar)).not.toBe(await hashAsset('logo.png', foobar))
  })

  it('treats dotfiles and extensionless files as having no extension', () => {
    expect(assetExtension('_headers')).toBe('')
    expect(assetExtension('.well-known/security')).toBe('')
    expect(assetExtension('dir.v2/file')).toBe('')
    expect(assetExtension('archive.tar.gz')).toBe('gz')
  })

  it('hashes large files in chunks exactly like the whole base64 text', async () => {
    // 3 * 2^16 is the chunk size: cross several chunk boundaries with a length that is not a multiple of 3.
    const bytes = new Uint8Array(3 * 65_536 * 4 + 2).map((_, i) => (i * 31) & 0xff)
    const { blake3 } = await import('hash-wasm')
    const whole = (await blake3(Buffer.from(bytes).toString('base64') + 'bin')).slice(0, 32)
    expect(await hashAsset('x.bin', bytes)).toBe(whole)
  })

  it('gives concurrent callers their own results', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => new TextEncoder().encode(`page ${i}`.repeat(i * 100)))
    const parallel = await Promise.all(inputs.map((bytes) => hashAsset('p.html', bytes)))
    const serial: string[] = []
    for (const bytes of inputs) serial.push(await hashAsset('p.html', bytes))
    expect(parallel).toEqual(serial)
    expect(new Set(parallel).size).toBe(50)
  })
})
