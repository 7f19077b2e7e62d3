import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { load } from 'cheerio'
import fc from 'fast-check'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'

import { pictureize, type ImageInfo, type VariantRequest } from '../../../plugins/fingerprint/core/images'
import { optimizeImages } from '../../../plugins/fingerprint/images/index'
import { readSourceFromAssets } from '../../../plugins/fingerprint/images/sources'
import {
  decodeFrame,
  DECODE_ONCE_WIDTH,
  ENCODER_SETTINGS,
  encodeFrame,
  encodeVariant,
  flatShare,
  isFlatImage,
  makeVariants,
  resizeFrame,
  settingsFor,
  variantCacheFile,
} from '../../../plugins/fingerprint/images/variants'

/** A photo-like test image with no randomness (gradients and soft circles), so every run has the same bytes. */
const photo = async (width: number, height: number, tint = '#f59e0b'): Promise<Buffer> => {
  const circles = Array.from({ length: 24 }, (_, i) =>
    `<circle cx="${(i * 337) % width}" cy="${(i * 211) % height}" r="${(20 + ((i * 13) % 120)) * (width / 1600)}" fill="url(#r)"/>`,
  ).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs>
<linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1d4ed8"/><stop offset="1" stop-color="${tint}"/></linearGradient>
<radialGradient id="r"><stop offset="0" stop-color="#fff" stop-opacity=".8"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>
<rect width="${width}" height="${height}" fill="url(#g)"/>${circles}</svg>`
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).withExif({ IFD0: { Copyright: 'secret camera owner' } }).toBuffer()
}

const tmpDirs: string[] = []
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-variants-'))
  tmpDirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true })
})

const page = (body: string) => `<!doctype html><html lang="en"><head><title>t</title></head><body><main>${body}</main></body></html>`

describe('makeVariants', async () => {
  const source = await photo(800, 450)
  const info: ImageInfo = { width: 800, height: 450, contentHash: 'a'.repeat(64), mimeType: 'image/jpeg' }
  const requestsFor = (contentHash: string) =>
    pictureize(page('<img src="/media/photo.jpg" alt="p">'), new Map([['/media/photo.jpg', { ...info, contentHash }]])).variants
  const requests = requestsFor(info.contentHash)
  const reads: string[] = []
  const readSource = async (url: string) => {
    reads.push(url)
    if (url !== '/media/photo.jpg') throw new Error(`unexpected ${url}`)
    return source
  }
  const cacheDir = tempDir()

  it('encodes every requested width in AVIF and WebP, never wider than the original, without metadata', async () => {
    expect(requests.map((r) => `${r.format}@${r.width}`)).toEqual(['avif@320', 'avif@640', 'avif@800', 'webp@320', 'webp@640', 'webp@800'])
    const first = await makeVariants(requests, { readSource, cacheDir })
    expect(first.encoded).toBe(6)
    expect(first.fromCache).toBe(0)
    expect(first.failed).toEqual([])
    expect(first.timings).toHaveLength(6)
    expect(reads).toEqual(['/media/photo.jpg']) // read once for all six
    expect([...first.files.keys()]).toEqual([...requests.map((r) => r.path)].sort())
    for (const r of requests) {
      const meta = await sharp(first.files.get(r.path)!).metadata()
      expect(meta.format).toBe(r.format === 'avif' ? 'heif' : 'webp')
      if (r.format === 'avif') expect(meta.compression).toBe('av1')
      expect(meta.width).toBe(r.width)
      expect(meta.height).toBe(Math.round((r.width * 450) / 800))
      expect(meta.exif).toBeUndefined()
      expect(meta.icc).toBeUndefined()
      expect(meta.xmp).toBeUndefined()
    }
    // AVIF is the smaller of the two at the full width
    const full = (f: string) => first.files.get(requests.find((r) => r.width === 800 && r.format === f)!.path)!.length
    expect(full('avif')).toBeLessThan(full('webp'))
  })

  it('a second run encodes zero images and returns the same bytes from the cache', async () => {
    const first = await makeVariants(requests, { readSource, cacheDir })
    reads.length = 0
    const second = await makeVariants(requests, { readSource, cacheDir })
    expect(second.encoded).toBe(0)
    expect(second.fromCache).toBe(6)
    expect(second.timings).toEqual([])
    expect(reads).toEqual([]) // not even read
    expect(second.files).toEqual(first.files)
  })

  it('a changed contentHash is encoded again (new URLs); the unchanged one stays cached', async () => {
    const changed = requestsFor('b'.repeat(64))
    expect(changed.map((r) => r.url)).not.toEqual(requests.map((r) => r.url))
    const run = await makeVariants([...requests, ...changed], { readSource, cacheDir })
    expect(run.encoded).toBe(6)
    expect(run.fromCache).toBe(6)
    const again = await makeVariants([...requests, ...changed], { readSource, cacheDir })
    expect(again.encoded).toBe(0)
  })

  it('dedupes requests by path', async () => {
    const run = await makeVariants([...requests, ...requests], { readSource, cacheDir })
    expect(run.fromCache).toBe(6)
    expect(run.files.size).toBe(6)
  })

  it('is deterministic: two empty caches get the same bytes', async () => {
    const [a, b] = [await makeVariants(requests, { readSource, cacheDir: tempDir(), concurrency: 1 }), await makeVariants(requests, { readSource, cacheDir: tempDir(), concurrency: 2 })]
    expect(a.encoded).toBe(6)
    expect(b.files).toEqual(a.files)
  })

  it('keys the cache by content hash, width, format and encoder settings', () => {
    const base: Pick<VariantRequest, 'contentHash' | 'width' | 'format'> = { contentHash: 'x', width: 320, format: 'avif' }
    const files = [base, { ...base, contentHash: 'y' }, { ...base, width: 640 }, { ...base, format: 'webp' as const }].map((r) => variantCacheFile('/c', r))
    expect(new Set(files).size).toBe(4)
    expect(variantCacheFile('/c', base)).toBe(files[0])
    expect(files[0]!.startsWith(path.join('/c', 'variants'))).toBe(true)
  })

  it('applies EXIF orientation', async () => {
    const rotated = await sharp(await photo(400, 200)).withMetadata({ orientation: 6 }).jpeg().toBuffer()
    const run = await makeVariants(
      [{ url: '/r-1-200.webp', path: 'r-1-200.webp', source: '/r.jpg', contentHash: 'r1', width: 200, format: 'webp', contentType: 'image/webp' }],
      { readSource: async () => rotated, cacheDir: tempDir() },
    )
    const meta = await sharp(run.files.get('r-1-200.webp')!).metadata()
    expect([meta.width, meta.height]).toEqual([200, 400]) // portrait after rotation
  })

  it('reports sources it cannot read or decode instead of throwing', async () => {
    const bad: VariantRequest[] = [
      { url: '/missing-1-320.avif', path: 'missing-1-320.avif', source: '/missing.jpg', contentHash: 'm', width: 320, format: 'avif', contentType: 'image/avif' },
      { url: '/junk-1-320.webp', path: 'junk-1-320.webp', source: '/junk.jpg', contentHash: 'j', width: 320, format: 'webp', contentType: 'image/webp' },
    ]
    const run = await makeVariants(bad, {
      readSource: async (url) => {
        if (url === '/junk.jpg') return new TextEncoder().encode('not an image')
        throw new Error('ENOENT')
      },
      cacheDir: tempDir(),
    })
    expect(run.encoded).toBe(0)
    expect(run.failed.map((f) => f.source)).toEqual(['/junk.jpg', '/missing.jpg'])
    expect(run.files.size).toBe(0)
  })
})

/** A flat drawing: a few solid shapes on a solid ground (what a logo or an illustration is). */
const drawing = async (width: number, height: number, shapes: Array<[number, number, number, string]>): Promise<Buffer> => {
  const body = shapes.map(([x, y, r, fill]) => `<circle cx="${x * width}" cy="${y * height}" r="${r * width}" fill="${fill}"/>`).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="#e0f2fe"/>${body}</svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}

/** A detailed, photo-like texture: every pixel from a seeded PRNG (grain), as a JPEG. */
const textured = async (width: number, height: number, seed: number): Promise<Buffer> => {
  let state = seed >>> 0 || 1
  const rnd = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 24)
  const data = Buffer.alloc(width * height * 3)
  for (let i = 0; i < data.length; i += 3) {
    const x = (i / 3) % width
    data[i] = (x * 255) / width / 2 + rnd() / 2
    data[i + 1] = 90 + rnd() / 3
    data[i + 2] = rnd()
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer()
}

describe('AVIF effort by the kind of image', () => {
  const colours = ['#1d4ed8', '#f59e0b', '#10b981', '#0f172a', '#be123c']
  const shapes = fc.array(
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.02, max: 0.3, noNaN: true }), fc.constantFrom(...colours)),
    { minLength: 1, maxLength: 6 },
  )

  it('finds flat drawings flat and detailed textures not, whatever their shapes and grain', async () => {
    await fc.assert(
      fc.asyncProperty(shapes, fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (s, seed) => {
        expect(await flatShare(await drawing(640, 400, s))).toBeGreaterThanOrEqual(ENCODER_SETTINGS.flat.share)
        expect(await flatShare(await textured(640, 400, seed))).toBeLessThan(ENCODER_SETTINGS.flat.share)
      }),
      { numRuns: 8 },
    )
  })

  it('encodes a flat image\'s AVIF at the flat effort and a detailed one\'s at the default; WebP the same for both', async () => {
    const flat = await drawing(800, 450, [[0.3, 0.5, 0.2, '#1d4ed8'], [0.7, 0.4, 0.15, '#f59e0b']])
    const detailed = await textured(800, 450, 7)
    expect(await isFlatImage(flat)).toBe(true)
    expect(await isFlatImage(detailed)).toBe(false)
    const sources = new Map([['/flat.png', flat], ['/detailed.jpg', detailed]])
    const request = (source: string, format: 'avif' | 'webp'): VariantRequest => {
      const name = source.slice(1).replace('.', '-')
      return { url: `/${name}-640.${format}`, path: `${name}-640.${format}`, source, contentHash: name, width: 640, format, contentType: `image/${format}` }
    }
    const requests = [...sources.keys()].flatMap((source) => [request(source, 'avif'), request(source, 'webp')])
    const run = await makeVariants(requests, { readSource: async (url) => sources.get(url)!, cacheDir: tempDir() })
    expect(run.failed).toEqual([])
    for (const [source, bytes] of sources) {
      const { frame, original } = await decodeFrame(bytes, DECODE_ONCE_WIDTH)
      const at640 = await resizeFrame(frame, original, 640)
      const name = source.slice(1).replace('.', '-')
      const expected = settingsFor(source === '/flat.png')
      expect(expected.avif.effort).toBe(source === '/flat.png' ? ENCODER_SETTINGS.flat.avifEffort : ENCODER_SETTINGS.avif.effort)
      expect(Buffer.from(run.files.get(`${name}-640.avif`)!)).toEqual(await encodeFrame(at640, 'avif', expected))
      expect(Buffer.from(run.files.get(`${name}-640.webp`)!)).toEqual(await encodeFrame(at640, 'webp', ENCODER_SETTINGS))
    }
    // the effort matters for the drawing: effort 1 would have made other (larger) bytes
    const { frame, original } = await decodeFrame(flat, DECODE_ONCE_WIDTH)
    const effort1 = await encodeFrame(await resizeFrame(frame, original, 640), 'avif', ENCODER_SETTINGS)
    expect(run.files.get('flat-png-640.avif')!.length).toBeLessThan(effort1.length)
  })

  it('a variant\'s bytes depend on its source, width and format alone, never on what else the build asks for', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        shapes,
        fc.subarray([160, 320, 480], { minLength: 1 }),
        fc.constantFrom<'avif' | 'webp'>('avif', 'webp'),
        async (isDrawing, s, widths, format) => {
          const source = isDrawing ? await drawing(480, 320, s) : await textured(480, 320, s.length * 7919)
          const other = await textured(480, 320, 3)
          const requests: VariantRequest[] = [
            ...widths.flatMap((width) =>
              (['avif', 'webp'] as const).map((f) => ({ url: `/s-${width}.${f}`, path: `s-${width}.${f}`, source: '/s', contentHash: 's', width, format: f, contentType: `image/${f}` })),
            ),
            { url: '/o-320.avif', path: 'o-320.avif', source: '/o', contentHash: 'o', width: 320, format: 'avif', contentType: 'image/avif' },
          ]
          const run = await makeVariants(requests, { readSource: async (url) => (url === '/s' ? source : other), cacheDir: tempDir() })
          for (const width of widths) expect(Buffer.from(run.files.get(`s-${width}.${format}`)!)).toEqual(await encodeVariant(source, width, format))
        },
      ),
      { numRuns: 6 },
    )
  })
})

describe('optimizeImages (pages + variants + cache)', async () => {
  const dir = tempDir()
  fs.writeFileSync(path.join(dir, 'a.jpg'), await photo(700, 400))
  fs.writeFileSync(path.join(dir, 'b.png'), await sharp(await photo(500, 500, '#10b981')).png().toBuffer())
  const assets = [
    { path: 'img/a.jpg', source: path.join(dir, 'a.jpg') },
    { path: 'img/b.png', source: path.join(dir, 'b.png') },
    { path: 'img/broken.jpg', source: path.join(dir, 'does-not-exist.jpg') },
  ]
  const index = new Map<string, ImageInfo>([
    ['/img/a.jpg', { width: 700, height: 400, contentHash: 'a1', mimeType: 'image/jpeg' }],
    ['/img/b.png', { width: 500, height: 500, contentHash: 'b1', mimeType: 'image/png' }],
    ['/img/broken.jpg', { width: 900, height: 600, contentHash: 'c1', mimeType: 'image/jpeg' }],
  ])
  const pages = new Map([
    ['index.html', page('<img src="/img/a.jpg" alt="a"><img src="/img/b.png" alt="b">')],
    ['about/index.html', page('<img src="/img/b.png" alt="b"><img src="/img/broken.jpg" alt="x">')],
    ['plain/index.html', page('<p>no images</p>')],
  ])
  const cacheDir = path.join(dir, 'cache')

  it('rewrites pages, makes exactly the referenced variants, and leaves images whose variants failed as plain <img>', async () => {
    const first = await optimizeImages(pages, { index, readSource: readSourceFromAssets(assets), cacheDir })
    expect(first.excluded).toEqual(['/img/broken.jpg'])
    expect(first.encoded).toBe(first.variants.size)
    const referenced = new Set<string>()
    for (const html of first.pages.values()) {
      const $ = load(html)
      $('source').each((_, el) => {
        for (const part of $(el).attr('srcset')!.split(', ')) referenced.add(part.split(' ')[0]!.slice(1))
      })
    }
    expect([...first.variants.keys()].sort()).toEqual([...referenced].sort())
    const about = load(first.pages.get('about/index.html')!)
    expect(about('img[src="/img/broken.jpg"]').parent().is('picture')).toBe(false)
    expect(about('img[src="/img/b.png"]').parent().is('picture')).toBe(true)
    expect(first.pages.get('plain/index.html')).toBe(pages.get('plain/index.html'))

    const second = await optimizeImages(pages, { index, readSource: readSourceFromAssets(assets), cacheDir })
    expect(second.encoded).toBe(0)
    expect(second.fromCache).toBe(first.variants.size)
    expect(second.pages).toEqual(first.pages)
    expect(second.variants).toEqual(first.variants)
  })
})
