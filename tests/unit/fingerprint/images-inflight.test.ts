/**
 * The variant encoder's in-flight dedupe (issue 16): builds running at the same time in one process (two
 * deployments, two sites sharing an image) never encode the same variant twice, and a failure or a cache hit is
 * shared the same way. Plus: the encoder's output is what the pages say (format, size, pixels close to the
 * original's), whichever way the frames are made.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import fc from 'fast-check'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'

import type { VariantRequest } from '../../../plugins/fingerprint/core/images'
import { encodeVariant, makeVariants, variantsInFlight } from '../../../plugins/fingerprint/images/variants'

const tmpDirs: string[] = []
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-inflight-'))
  tmpDirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true })
})

/** A small photo-like JPEG (gradient and soft circles), the same bytes every run. */
const photo = async (width: number, height: number, tint = '#f59e0b'): Promise<Buffer> => {
  const circles = Array.from({ length: 12 }, (_, i) => `<circle cx="${(i * 137) % width}" cy="${(i * 71) % height}" r="${10 + ((i * 13) % 40)}" fill="url(#r)"/>`).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs>
<linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1d4ed8"/><stop offset="1" stop-color="${tint}"/></linearGradient>
<radialGradient id="r"><stop offset="0" stop-color="#fff" stop-opacity=".8"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>
<rect width="${width}" height="${height}" fill="url(#g)"/>${circles}</svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer()
}

const request = (source: string, contentHash: string, width: number, format: 'avif' | 'webp'): VariantRequest => {
  const base = source.replace(/^\/|\.jpg$/g, '')
  return { url: `/${base}-${width}.${format}`, path: `${base}-${width}.${format}`, source, contentHash, width, format, contentType: `image/${format}` }
}

/** A readSource that holds every read until `open()`: lets a test start a second build while the first is mid-way. */
const gatedSource = (bytes: Map<string, Buffer>) => {
  const reads: string[] = []
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  let readStarted!: () => void
  const firstRead = new Promise<void>((resolve) => (readStarted = resolve))
  return {
    reads,
    open: () => open(),
    firstRead,
    readSource: async (url: string) => {
      reads.push(url)
      readStarted()
      await gate
      const b = bytes.get(url)
      if (!b) throw new Error(`no such image ${url}`)
      return b
    },
  }
}

describe('makeVariants in-flight dedupe', async () => {
  const a = await photo(320, 200)
  const b = await photo(320, 200, '#10b981')

  it('two concurrent requests for one variant: one encode, both get its bytes', async () => {
    const cacheDir = tempDir()
    const src = gatedSource(new Map([['/a.jpg', a]]))
    const one = [request('/a.jpg', 'hash-a', 160, 'avif')]
    const first = makeVariants(one, { readSource: src.readSource, cacheDir })
    await src.firstRead // the first build has claimed the variant and is reading its source
    expect(variantsInFlight()).toBe(1)
    // the second build asks for the same content under another site's path
    const second = makeVariants([{ ...one[0]!, path: 'other-site/a-160.avif', url: '/other-site/a-160.avif' }], { readSource: src.readSource, cacheDir })
    src.open()
    const [r1, r2] = await Promise.all([first, second])
    expect(src.reads).toEqual(['/a.jpg']) // read once, by the first
    expect([r1.encoded, r2.encoded]).toEqual([1, 0])
    expect(r2.joined).toBe(1)
    expect(r2.fromCache).toBe(0)
    expect(Buffer.from(r2.files.get('other-site/a-160.avif')!)).toEqual(Buffer.from(r1.files.get('a-160.avif')!))
    expect(variantsInFlight()).toBe(0)
  })

  it('shares a failure the same way, and leaves nothing claimed: a later build tries again', async () => {
    const cacheDir = tempDir()
    const src = gatedSource(new Map()) // every read fails
    const one = [request('/gone.jpg', 'hash-gone', 160, 'webp')]
    const first = makeVariants(one, { readSource: src.readSource, cacheDir })
    await src.firstRead
    const second = makeVariants(one, { readSource: src.readSource, cacheDir })
    src.open()
    const [r1, r2] = await Promise.all([first, second])
    expect(r1.failed.map((f) => f.error)).toEqual(['no such image /gone.jpg'])
    expect(r2.failed.map((f) => f.error)).toEqual(['no such image /gone.jpg'])
    expect(src.reads).toEqual(['/gone.jpg'])
    expect(variantsInFlight()).toBe(0)
    const third = await makeVariants(one, { readSource: async () => a, cacheDir })
    expect([third.encoded, third.failed.length]).toEqual([1, 0])
  })

  it('any number of overlapping builds encode each variant once in all, and get the bytes a lone build makes', async () => {
    const bytes = new Map([['/a.jpg', a], ['/b.jpg', b]])
    const all = ['/a.jpg', '/b.jpg'].flatMap((s) => [80, 160].flatMap((w) => (['avif', 'webp'] as const).map((f) => request(s, `hash${s}`, w, f))))
    const alone = await makeVariants(all, { readSource: async (u) => bytes.get(u)!, cacheDir: tempDir() })
    const want = new Map([...alone.files].map(([k, v]) => [k, Buffer.from(v)]))
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ subset: fc.subarray(all, { minLength: 1 }), delay: fc.nat(3) }), { minLength: 2, maxLength: 4 }),
        async (builds) => {
          const cacheDir = tempDir()
          const reads = builds.map(() => [] as string[])
          // builds start a few ticks apart: some join others mid-way, some find the cache filled
          const results = await Promise.all(
            builds.map(async ({ subset, delay }, i) => {
              for (let t = 0; t < delay; t++) await new Promise((r) => setImmediate(r))
              return makeVariants(subset, {
                readSource: async (u) => {
                  reads[i]!.push(u)
                  return bytes.get(u)!
                },
                cacheDir,
              })
            }),
          )
          const union = new Set(builds.flatMap((x) => x.subset.map((r) => r.path)))
          expect(results.reduce((n, r) => n + r.encoded, 0)).toBe(union.size)
          for (const list of reads) expect(new Set(list).size).toBe(list.length) // a build reads each source once at most
          for (const [i, r] of results.entries()) {
            expect(r.failed).toEqual([])
            expect(r.encoded + r.fromCache + r.joined).toBe(builds[i]!.subset.length)
            for (const req of builds[i]!.subset) expect(Buffer.from(r.files.get(req.path)!)).toEqual(want.get(req.path))
          }
          expect(variantsInFlight()).toBe(0)
        },
      ),
      { numRuns: 12 },
    )
  })
})

describe('variant bytes', async () => {
  const source = await photo(480, 300)
  const widths = [120, 240, 480]
  const requests = widths.flatMap((w) => (['avif', 'webp'] as const).map((f) => request('/p.jpg', 'hash-p', w, f)))

  it('are valid AVIF and WebP of the asked size whose pixels are the original resized, both ways of making frames', async () => {
    for (const frames of ['per-width', 'decode-once'] as const) {
      const run = await makeVariants(requests, { readSource: async () => source, cacheDir: tempDir(), frames })
      expect(run.failed).toEqual([])
      for (const r of requests) {
        const bytes = run.files.get(r.path)!
        const meta = await sharp(bytes).metadata()
        expect(meta.format).toBe(r.format === 'avif' ? 'heif' : 'webp')
        if (r.format === 'avif') expect(meta.compression).toBe('av1')
        expect([meta.width, meta.height]).toEqual([r.width, Math.round((r.width * 300) / 480)])
        // decoded back, within a few levels of the original resized to the same width (not another image, not shifted)
        const [got, ref] = await Promise.all([
          sharp(bytes).removeAlpha().raw().toBuffer(),
          sharp(source).resize({ width: r.width }).removeAlpha().raw().toBuffer(),
        ])
        expect(got.length).toBe(ref.length)
        let diff = 0
        for (let i = 0; i < got.length; i++) diff += Math.abs(got[i]! - ref[i]!)
        expect(diff / got.length, `${frames} ${r.path}`).toBeLessThan(4)
      }
    }
  })

  it('encodeVariant makes the same bytes as makeVariants', async () => {
    const run = await makeVariants(requests, { readSource: async () => source, cacheDir: tempDir() })
    for (const r of requests) {
      expect(await encodeVariant(source, r.width, r.format)).toEqual(Buffer.from(run.files.get(r.path)!))
    }
  })
})
