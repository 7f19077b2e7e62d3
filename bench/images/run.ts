/**
 * bench:images — AVIF + WebP variant encoding, before and after issue 16, in the same run (see bench/README.md).
 *
 *   npm run bench:images                               # demo images + 50 generated 2400x1600 photos, effort sweep
 *   npm run bench:images -- --photos 10 --no-sweep     # quicker
 *   npm run bench:images -- --concurrency-sweep        # also: encodes in flight x libvips threads
 *   npm run bench:images -- --per-width                # also: after, with a shrink-on-load decode per width
 *
 * "before" is bench/images/before.ts (the encoder as it was: every variant decodes its source again, AVIF effort 2,
 * WebP effort 4, two in flight); "after" is plugins/fingerprint/images/variants.ts `makeVariants` (with a fresh
 * cache dir, so everything is encoded, and the cache writes are in the time). Both make the same variants (today's
 * width ladder for every source), so variants/s compare like for like; the widths a page can use are a separate
 * table. Quality: every variant of a sample is decoded back and compared with the original resized to its width
 * (SSIM on luma, PSNR on RGB: quality.ts). Nothing is asserted; figures are printed with the load average.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import sharp from 'sharp'

import { pictureize, variantWidths, type VariantFormat, type VariantRequest } from '../../plugins/fingerprint/core/images'
import { decodeFrame, ENCODER_SETTINGS, encodeFrame, flatShare, makeVariants, resizeFrame, type Frame } from '../../plugins/fingerprint/images/variants'
import { demoImages, renderDemoImage } from '../../scripts/demo/images'
import { BEFORE_SETTINGS, runBefore, type Job } from './before'
import { makePhoto } from './photos'
import { psnr, rgbOf, ssim, type Raw } from './quality'

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback
}
const flag = (name: string) => process.argv.includes(`--${name}`)
const PHOTOS = Number(arg('photos', '50'))
const [PW, PH] = arg('size', '2400x1600').split('x').map(Number) as [number, number]
const QUALITY_SAMPLE = Number(arg('quality-sample', '6'))
const FORMATS: VariantFormat[] = ['avif', 'webp']
/** The sizes every block partial prints (plugins/site-builder/core/resolve.ts). */
const TEMPLATE_SIZES = '(max-width: 768px) 100vw, 768px'

type Source = { url: string; bytes: Buffer; width: number; height: number }
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ')
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d })
const kb = (n: number) => `${fmt(n / 1024, 1)} KB`
const table = (head: string[], rows: Array<Array<string | number>>) => {
  console.log(`| ${head.join(' | ')} |`)
  console.log(`| ${head.map((_, i) => (i ? '---:' : '---')).join(' | ')} |`)
  for (const r of rows) console.log(`| ${r.join(' | ')} |`)
  console.log()
}

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since)
  return (u.user + u.system) / 1e6
}

const sourcesOf = async (): Promise<{ demo: Source[]; photos: Source[] }> => {
  const demo: Source[] = []
  for (const image of demoImages) {
    const bytes = await renderDemoImage(image)
    const m = await sharp(bytes).metadata()
    demo.push({ url: `/demo/${image.filename}`, bytes, width: m.width!, height: m.height! })
  }
  // generated photos are kept between runs (they take ~1-2 s each to draw)
  const dir = path.join(os.tmpdir(), 'panel-bench-images', `v1-${PW}x${PH}`)
  fs.mkdirSync(dir, { recursive: true })
  const photos: Source[] = []
  for (let seed = 1; seed <= PHOTOS; seed++) {
    const file = path.join(dir, `photo-${seed}.jpg`)
    let bytes: Buffer
    if (fs.existsSync(file)) bytes = fs.readFileSync(file)
    else {
      bytes = await makePhoto(seed, PW, PH)
      fs.writeFileSync(file, bytes)
    }
    photos.push({ url: `/photos/photo-${seed}.jpg`, bytes, width: PW, height: PH })
  }
  return { demo, photos }
}

const requestsOf = (sources: Source[], widthsOf: (s: Source) => number[]): VariantRequest[] =>
  sources.flatMap((s) =>
    widthsOf(s).flatMap((width) =>
      FORMATS.map((format) => ({ url: `${s.url}-${width}.${format}`, path: `${s.url.slice(1)}-${width}.${format}`, source: s.url, contentHash: `bench:${s.url}:${s.bytes.length}`, width, format, contentType: `image/${format}` })),
    ),
  )

type Run = { label: string; variants: number; seconds: number; cpu: number; bytes: Record<VariantFormat, number[]>; out: Map<string, Buffer>; load: string }

const tmpDirs: string[] = []
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-bench-variants-'))
  tmpDirs.push(d)
  return d
}

const before = async (label: string, sources: Source[], requests: VariantRequest[]): Promise<Run> => {
  const byUrl = new Map(sources.map((s) => [s.url, s.bytes]))
  const jobs: Job[] = requests.map((r) => ({ source: r.source, width: r.width, format: r.format }))
  const cacheDir = tempDir()
  const cpu = process.cpuUsage()
  const started = performance.now()
  const out = await runBefore(jobs, (u) => byUrl.get(u)!, 2)
  // the old makeVariants wrote every variant to its cache: so does this run, for a like-for-like time
  for (const [key, bytes] of out) fs.writeFileSync(path.join(cacheDir, key.replace(/[^a-z0-9.-]+/gi, '_')), bytes)
  const seconds = (performance.now() - started) / 1000
  const bytes: Run['bytes'] = { avif: [], webp: [] }
  for (const [key, b] of out) bytes[key.split('|')[2] as VariantFormat].push(b.length)
  return { label, variants: out.size, seconds, cpu: cpuSeconds(cpu), bytes, out, load: load() }
}

const after = async (label: string, sources: Source[], requests: VariantRequest[], frames: 'per-width' | 'decode-once' = 'decode-once'): Promise<Run> => {
  const byUrl = new Map(sources.map((s) => [s.url, s.bytes]))
  const cpu = process.cpuUsage()
  const started = performance.now()
  const made = await makeVariants(requests, { cacheDir: tempDir(), readSource: async (u) => byUrl.get(u)!, frames })
  const seconds = (performance.now() - started) / 1000
  if (made.failed.length) throw new Error(`after: ${made.failed.length} failed, first ${made.failed[0]!.error}`)
  const out = new Map<string, Buffer>()
  const bytes: Run['bytes'] = { avif: [], webp: [] }
  for (const r of requests) {
    const b = Buffer.from(made.files.get(r.path)!)
    out.set(`${r.source}|${r.width}|${r.format}`, b)
    bytes[r.format].push(b.length)
  }
  return { label, variants: made.encoded, seconds, cpu: cpuSeconds(cpu), bytes, out, load: load() }
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0)
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

const runRow = (r: Run) => [
  r.label,
  r.variants,
  fmt(r.seconds, 2),
  `**${fmt(r.variants / r.seconds, 1)}**`,
  fmt(r.cpu, 1),
  kb(mean(r.bytes.avif)),
  kb(mean(r.bytes.webp)),
  fmt(r.variants / r.cpu, 1),
  r.load,
]
const RUN_HEAD = ['run', 'variants', 's', 'variants/s', 'CPU s', 'AVIF bytes/variant', 'WebP bytes/variant', 'variants per CPU s', 'load avg 1/5/15 min']

/** SSIM and PSNR of every variant of `sources` in both runs against the original resized to the variant's width. */
const compare = async (sources: Source[], requests: VariantRequest[], runs: Run[]) => {
  const rows: Array<Array<string | number>> = []
  const mismatched: string[] = []
  for (const format of FORMATS) {
    const stats = runs.map(() => ({ ssim: [] as number[], psnr: [] as number[], bytes: [] as number[] }))
    for (const s of sources) {
      for (const r of requests.filter((q) => q.source === s.url && q.format === format)) {
        const ref = await rgbOf(s.bytes, r.width)
        for (const [i, run] of runs.entries()) {
          const b = run.out.get(`${r.source}|${r.width}|${r.format}`)!
          const got = await rgbOf(b)
          if (got.width !== ref.width || got.height !== ref.height) {
            mismatched.push(`${run.label} ${r.path}: ${got.width}x${got.height}, expected ${ref.width}x${ref.height}`)
            continue
          }
          stats[i]!.ssim.push(ssim(ref, got))
          stats[i]!.psnr.push(psnr(ref, got))
          stats[i]!.bytes.push(b.length)
        }
      }
    }
    const base = sum(stats[0]!.bytes)
    for (const [i, run] of runs.entries()) {
      const st = stats[i]!
      rows.push([format.toUpperCase(), run.label, st.bytes.length, kb(mean(st.bytes)), i ? `${fmt((sum(st.bytes) / base - 1) * 100, 1)} %` : '—', fmt(mean(st.ssim), 4), `${fmt(mean(st.psnr), 2)} dB`])
    }
  }
  table(['format', 'run', 'variants', 'bytes/variant', 'bytes vs before', 'SSIM', 'PSNR'], rows)
  if (mismatched.length) console.log(`DIMENSIONS DIFFER (${mismatched.length}): ${mismatched.slice(0, 5).join('; ')}\n`)
  else console.log('Every variant has the same dimensions in both runs (and as the original resized by sharp).\n')
}

/** Effort sweep: frames decoded and resized first, then each effort encodes them one at a time, one libvips thread. */
const sweep = async (sources: Source[]) => {
  sharp.concurrency(1)
  const frames: Array<{ frame: Frame; ref: Raw }> = []
  for (const s of sources) {
    const { frame, original } = await decodeFrame(s.bytes, 1280)
    for (const w of [640, 1280]) {
      const f = await resizeFrame(frame, original, Math.min(w, frame.width))
      frames.push({ frame: f, ref: await rgbOf(await sharp(f.data, { raw: { width: f.width, height: f.height, channels: f.channels } }).png().toBuffer()) })
    }
  }
  console.log(`${frames.length} frames (${sources.length} sources at 640 and 1280 px), one encode at a time, one libvips thread; SSIM/PSNR against the frame encoded.\n`)
  const efforts: Record<VariantFormat, number[]> = { avif: [0, 1, 2, 3, 4], webp: [0, 1, 2, 3, 4, 6] }
  for (const format of FORMATS) {
    const rows: Array<Array<string | number>> = []
    let baseBytes = 0
    for (const effort of efforts[format]) {
      const settings = { avif: { ...ENCODER_SETTINGS.avif, effort }, webp: { ...ENCODER_SETTINGS.webp, effort } }
      const ms: number[] = []
      const bytes: number[] = []
      const q: number[] = []
      const p: number[] = []
      for (const { frame, ref } of frames) {
        const started = performance.now()
        const b = await encodeFrame(frame, format, settings)
        ms.push(performance.now() - started)
        bytes.push(b.length)
        const got = await rgbOf(b)
        q.push(ssim(ref, got))
        p.push(psnr(ref, got))
      }
      const today = BEFORE_SETTINGS[format].effort === effort
      if (today) baseBytes = sum(bytes)
      rows.push([
        `${effort}${today ? ' (before)' : ''}${ENCODER_SETTINGS[format].effort === effort ? ' (chosen)' : ''}`,
        fmt(mean(ms), 0),
        kb(mean(bytes)),
        sum(bytes),
        fmt(mean(q), 4),
        `${fmt(mean(p), 2)} dB`,
      ])
    }
    for (const r of rows) r.push(`${fmt((Number(r[3]) / baseBytes - 1) * 100, 1)} %`)
    console.log(`${format.toUpperCase()} q${ENCODER_SETTINGS[format].quality}, load ${load()}`)
    table(['effort', 'ms/encode', 'bytes/variant', 'bytes total', 'SSIM', 'PSNR', 'bytes vs before'], rows)
  }
}

/** Encodes in flight x libvips threads, on frames already decoded (the encode alone). */
const concurrencySweep = async (sources: Source[]) => {
  const frames: Frame[] = []
  for (const s of sources) {
    const { frame, original } = await decodeFrame(s.bytes, 1920)
    for (const w of [640, 1280, 1920]) frames.push(await resizeFrame(frame, original, Math.min(w, frame.width)))
  }
  const rows: Array<Array<string | number>> = []
  for (const [inFlight, threads] of [[1, 1], [2, 1], [3, 1], [4, 1], [1, 2], [2, 2]] as const) {
    const jobs = frames.flatMap((f) => FORMATS.map((format) => ({ f, format })))
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < jobs.length) {
          const { f, format } = jobs[next++]!
          // encodeFrame sets one thread: set the pipeline's own here instead
          sharp.concurrency(threads)
          const p = sharp(f.data, { raw: { width: f.width, height: f.height, channels: f.channels } })
          await (format === 'avif' ? p.avif({ ...ENCODER_SETTINGS.avif }) : p.webp({ ...ENCODER_SETTINGS.webp })).toBuffer()
        }
      }),
    )
    const s = (performance.now() - started) / 1000
    rows.push([inFlight, threads, jobs.length, fmt(s, 2), fmt(jobs.length / s, 1), load()])
  }
  sharp.concurrency(1)
  table(['in flight', 'libvips threads', 'encodes', 's', 'encodes/s', 'load'], rows)
}

const main = async () => {
  sharp.cache(false) // no libvips operation cache: the old path would otherwise get repeated decodes for free
  console.log(`bench:images — ${os.cpus().length} CPUs (${os.cpus()[0]?.model}), Node ${process.version}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, aom ${(sharp.versions as Record<string, string>).aom}, libwebp ${(sharp.versions as Record<string, string>).webp}`)
  console.log(`before: AVIF ${JSON.stringify(BEFORE_SETTINGS.avif)}, WebP ${JSON.stringify(BEFORE_SETTINGS.webp)}, 2 in flight, libvips threads ${sharp.concurrency()} (sharp's default here)`)
  console.log(`after:  AVIF ${JSON.stringify(ENCODER_SETTINGS.avif)} (flat images: effort ${ENCODER_SETTINGS.flat.avifEffort}), WebP ${JSON.stringify(ENCODER_SETTINGS.webp)}, ${os.availableParallelism()} in flight, libvips threads 1`)
  console.log(`load average at start: ${load()}\n`)
  const { demo, photos } = await sourcesOf()
  if (flag('only-sweep')) {
    await sweep([...demo.filter((d) => d.width >= 1280).slice(0, 3), ...photos.slice(0, 4)])
    return
  }
  const ladder = (s: Source) => variantWidths(s.width)
  // which sources the encoder finds flat (AVIF at the flat effort): share of near-equal neighbours in the thumbnail
  for (const [name, set] of [['demo', demo], ['photos', photos]] as const) {
    const shares = await Promise.all(set.map(async (s) => `${path.basename(s.url)} ${(await flatShare(s.bytes)).toFixed(3)}`))
    console.log(`flat share (>= ${ENCODER_SETTINGS.flat.share} is flat), ${name}: ${shares.join(', ')}`)
  }
  const sets = [
    { name: `demo images (${demo.length}: ${demo.map((d) => `${d.width}x${d.height}`).join(', ')})`, sources: demo },
    { name: `${photos.length} generated photos ${PW}x${PH} JPEG q85`, sources: photos },
  ]
  const runs: Array<{ name: string; sources: Source[]; requests: VariantRequest[]; runs: Run[] }> = []
  for (const set of sets) {
    if (!set.sources.length) continue
    const requests = requestsOf(set.sources, ladder)
    console.log(`## ${set.name}: ${requests.length} variants (today's widths: ${[...new Set(set.sources.map((s) => ladder(s).join('/')))].join(', ')})\n`)
    const b = await before('before', set.sources, requests)
    const a = await after('after', set.sources, requests)
    const once = flag('per-width') ? [await after('after, a decode per width', set.sources, requests, 'per-width')] : []
    table(RUN_HEAD, [runRow(b), runRow(a), ...once.map(runRow)])
    console.log(`after/before throughput: **${fmt(a.variants / a.seconds / (b.variants / b.seconds), 2)}x** (CPU time ${fmt(b.cpu / a.cpu, 2)}x less)\n`)
    runs.push({ name: set.name, sources: set.sources, requests, runs: [b, a, ...once] })
  }

  console.log(`## Quality and size, same variants (demo images and the first ${QUALITY_SAMPLE} photos)\n`)
  for (const r of runs) {
    const sample = r.sources.slice(0, r.sources === demo ? demo.length : QUALITY_SAMPLE)
    console.log(`${r.name}:\n`)
    await compare(sample, r.requests.filter((q) => sample.some((s) => s.url === q.source)), r.runs)
  }

  // widths a page can use: what pictureize asks for with the template's sizes, against today's ladder
  console.log(`## Widths a page can use (the block partials' sizes="${TEMPLATE_SIZES}", at most 2x density)\n`)
  const used = (s: Source) => {
    const html = `<main><img src="${s.url}" alt="" sizes="${TEMPLATE_SIZES}"></main>`
    const { variants } = pictureize(html, new Map([[s.url, { width: s.width, height: s.height, contentHash: `bench:${s.url}:${s.bytes.length}`, mimeType: 'image/jpeg' }]]))
    return [...new Set(variants.map((v) => v.width))]
  }
  const rows: Array<Array<string | number>> = []
  for (const r of runs) {
    const requests = requestsOf(r.sources, used)
    const b = r.runs[0]!
    const a = await after('after', r.sources, requests)
    rows.push([
      r.name.replace(/ \(.*/, ''),
      `${[...new Set(r.sources.map((s) => ladder(s).join('/')))].join(', ')} → ${[...new Set(r.sources.map((s) => used(s).join('/')))].join(', ')}`,
      `${b.variants} → ${a.variants}`,
      `${fmt(b.seconds, 2)} → ${fmt(a.seconds, 2)}`,
      `**${fmt(b.seconds / a.seconds, 2)}x**`,
      `${kb(sum([...b.bytes.avif, ...b.bytes.webp]) / r.sources.length)} → ${kb(sum([...a.bytes.avif, ...a.bytes.webp]) / r.sources.length)}`,
      a.load,
    ])
  }
  table(['images', 'widths', 'variants', 's (before encoder, all widths → after)', 'faster', 'bytes per image', 'load'], rows)

  if (!flag('no-sweep')) {
    console.log('## Effort sweep\n')
    await sweep([...demo.filter((d) => d.width >= 1280).slice(0, 3), ...photos.slice(0, 4)])
  }
  if (flag('concurrency-sweep')) {
    console.log('## Encodes in flight x libvips threads (AVIF + WebP at the chosen efforts, frames decoded beforehand)\n')
    await concurrencySweep(photos.slice(0, 4))
  }
  console.log(`load average at the end: ${load()}`)
}

main()
  .catch((error) => {
    console.error(error)
    process.exitCode = 1
  })
  .finally(() => {
    for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true })
  })
