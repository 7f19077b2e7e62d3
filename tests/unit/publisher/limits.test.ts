import { describe, expect, it } from 'vitest'

import { bucketize, checkLimits, encodedSize, MAX_BUCKET_BYTES, MAX_FILE_BYTES } from '@/plugins/publisher/core/limits'
import { DeployError } from '@/plugins/publisher/core/types'

import { sizedFile } from './helpers'

const MiB = 1024 * 1024
const uploadBytes = (bucket: { size: number; contentType: string }[]) =>
  bucket.reduce((total, file) => total + encodedSize(file.size) + 80 + file.contentType.length, 0)

describe('checkLimits', () => {
  it('refuses a file of 25 MiB + 1 byte, naming it', () => {
    const files = [sizedFile('index.html', 100), sizedFile('videos/intro.mp4', MAX_FILE_BYTES + 1)]
    expect(() => checkLimits({ files })).toThrow(DeployError)
    expect(() => checkLimits({ files })).toThrow(/^"videos\/intro\.mp4" is 26,214,401 bytes; Cloudflare Pages accepts files up to 25 MiB/)
    try {
      checkLimits({ files })
    } catch (err) {
      expect((err as DeployError).details).toMatchObject({ file: 'videos/intro.mp4', retryable: false })
    }
  })

  it('reports sizes in MiB when they read clearly over the limit', () => {
    expect(() => checkLimits({ files: [sizedFile('videos/intro.mp4', Math.round(31.2 * MiB))] })).toThrow(
      '"videos/intro.mp4" is 31.2 MiB; Cloudflare Pages accepts files up to 25 MiB',
    )
  })

  it('accepts a file of exactly 25 MiB', () => {
    expect(() => checkLimits({ files: [sizedFile('big.bin', MAX_FILE_BYTES)] })).not.toThrow()
  })

  it('refuses more files than the deployment allows, with the count', () => {
    const files = Array.from({ length: 20_001 }, (_, i) => sizedFile(`p${i}.html`, 10))
    expect(() => checkLimits({ files })).toThrow('The site has 20,001 files; Cloudflare Pages accepts at most 20,000 per deployment')
    expect(() => checkLimits({ files: files.slice(0, 20_000) })).not.toThrow()
  })

  it('uses the limit from the upload token when given', () => {
    const files = Array.from({ length: 101 }, (_, i) => sizedFile(`p${i}.html`, 10))
    expect(() => checkLimits({ files, maxFiles: 100 })).toThrow('at most 100 per deployment')
  })
})

describe('bucketize', () => {
  it('puts 2,001 small files in 2 buckets of at most 2,000', () => {
    const buckets = bucketize(Array.from({ length: 2_001 }, (_, i) => sizedFile(`p${i}.html`, 1_000)))
    expect(buckets.map((bucket) => bucket.length)).toEqual([2_000, 1])
  })

  it('never lets a bucket exceed 40 MiB once base64-encoded', () => {
    // 35 files of 3 MiB: 105 MiB raw, 140 MiB encoded. Counting raw bytes would allow 13 per bucket (39 MiB raw, 52 MiB encoded).
    const files = Array.from({ length: 35 }, (_, i) => sizedFile(`img/${i}.jpg`, 3 * MiB))
    const buckets = bucketize(files)
    for (const bucket of buckets) expect(uploadBytes(bucket)).toBeLessThanOrEqual(MAX_BUCKET_BYTES)
    expect(Math.max(...buckets.map((bucket) => bucket.length))).toBe(9)
    expect(buckets.flat()).toHaveLength(35)
  })

  it('packs mixed sizes without losing or repeating a file', () => {
    const files = [
      ...Array.from({ length: 7 }, (_, i) => sizedFile(`v/${i}.mp4`, 24 * MiB)),
      ...Array.from({ length: 3_000 }, (_, i) => sizedFile(`p/${i}.html`, 5_000 + i)),
    ]
    const buckets = bucketize(files)
    for (const bucket of buckets) {
      expect(uploadBytes(bucket)).toBeLessThanOrEqual(MAX_BUCKET_BYTES)
      expect(bucket.length).toBeLessThanOrEqual(2_000)
    }
    expect(new Set(buckets.flat().map((file) => file.path)).size).toBe(files.length)
    expect(bucketize([...files].reverse())).toEqual(buckets)
  })

  it('follows custom limits', () => {
    const buckets = bucketize(
      Array.from({ length: 10 }, (_, i) => sizedFile(`${i}.txt`, 30)),
      { maxFiles: 3 },
    )
    expect(buckets.map((bucket) => bucket.length)).toEqual([3, 3, 3, 1])
  })

  it('with minBuckets, spreads files over that many buckets of like size, within the limits', () => {
    const files = [
      ...Array.from({ length: 7 }, (_, i) => sizedFile(`v/${i}.mp4`, 24 * MiB)),
      ...Array.from({ length: 3_000 }, (_, i) => sizedFile(`p/${i}.html`, 5_000 + i)),
    ]
    const buckets = bucketize(files, { minBuckets: 3 })
    for (const bucket of buckets) {
      expect(uploadBytes(bucket)).toBeLessThanOrEqual(MAX_BUCKET_BYTES)
      expect(bucket.length).toBeLessThanOrEqual(2_000)
    }
    expect(new Set(buckets.flat().map((file) => file.path)).size).toBe(files.length)
    expect(bucketize([...files].reverse(), { minBuckets: 3 })).toEqual(buckets)

    // small sites: three requests of about a third each, not one
    const pages = Array.from({ length: 600 }, (_, i) => sizedFile(`p/${i}.html`, 30_000 + (i % 7) * 1_000))
    const three = bucketize(pages, { minBuckets: 3 })
    expect(three).toHaveLength(3)
    const sizes = three.map(uploadBytes)
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(40_000)
    // never more buckets than files
    expect(bucketize(pages.slice(0, 2), { minBuckets: 3 })).toHaveLength(2)
  })
})
