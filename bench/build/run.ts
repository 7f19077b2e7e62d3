/**
 * Site build benchmark: Panel's builder against Eleventy 3 on the same
 * synthetic pages, in the same run. Figures are printed, never asserted.
 *
 *   npm run bench:build                      # 250, 1,000 and 4,000 pages
 *   npm run bench:build -- --sizes 250,1000  # other sizes (`--sizes none`: only the PostgreSQL part)
 *   npm run bench:build -- --workers 0       # skip the worker-threads variant
 *   npm run bench:build -- --no-pictures     # skip the image variants run (page speed on, encode then rebuild from the cache)
 *   npm run bench:build -- --profile         # also: where Panel's time goes (CPU profile of the largest size)
 *   npm run bench:build -- --keep            # keep the temp dirs (outputs, inputs, profiles)
 *   npm run bench:build -- --tmp /dev/shm    # where inputs and outputs go (default: the OS temp dir, on disk)
 *
 * Every build runs in a child process of its own, so each peak RSS is that
 * build's alone. See bench/README.md.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { generateSite } from './generate'
import { writeEleventyInput } from './eleventy-input'
import { writePanelInput } from './pipeline'
import type { PanelRun } from './panel-child'
import { summarizeProfile } from './profile'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`)
  if (i === -1) return undefined
  const next = process.argv[i + 1]
  return next && !next.startsWith('--') ? next : ''
}
const sizes = (arg('sizes') || '250,1000,4000').replace('none', '').split(',').map((s) => Number(s.replace(/[_,]/g, ''))).filter((n) => n > 0)
const workers = Number(arg('workers') ?? 2)
const keep = arg('keep') !== undefined
const profile = arg('profile') !== undefined
// --no-pictures: skip the image variant run (~1 minute)
const pictureRun = arg('no-pictures') === undefined
const seed = Number(arg('seed') ?? 2025)
const tmpRoot = arg('tmp') || os.tmpdir()

type ChildResult = { stdout: string; stderr: string; wallMs: number }

const runChild = (args: string[], cwd = root): Promise<ChildResult> =>
  new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}\n${stderr || stdout}`))
      else resolve({ stdout, stderr, wallMs: performance.now() - started })
    })
  })

/** The last line of a child's output that is a JSON object. */
const lastJson = <T>(out: string): T => {
  const line = out.trim().split('\n').reverse().find((l) => l.startsWith('{'))
  if (!line) throw new Error(`no result in child output:\n${out}`)
  return JSON.parse(line) as T
}

const TSX = ['--import', 'tsx']

const panel = async (input: string, out: string, w: number, mode: 'core' | 'full' | 'pictures', extra: string[] = []): Promise<PanelRun & { wallMs: number }> => {
  const r = await runChild([...TSX, '--expose-gc', ...extra, path.join(here, 'panel-child.ts'), input, out, String(w), mode])
  return { ...lastJson<PanelRun>(r.stdout), wallMs: r.wallMs }
}

type EleventyRun = { ms: number; cpuMs: number; peakMB: number; files: number; wallMs: number }
const eleventy = async (dir: string): Promise<EleventyRun> => {
  const r = await runChild([path.join(here, 'eleventy-child.mjs'), 'input', 'output', 'data.json'], dir)
  return { ...lastJson<Omit<EleventyRun, 'wallMs'>>(r.stdout), wallMs: r.wallMs }
}

/** Every file under dir with a hash of its bytes. */
const digest = (dir: string): Map<string, string> => {
  const out = new Map<string, string>()
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else out.set(path.relative(dir, p), createHash('sha1').update(fs.readFileSync(p)).digest('hex'))
    }
  }
  walk(dir)
  return out
}
const sameTree = (a: string, b: string): string | null => {
  const x = digest(a)
  const y = digest(b)
  if (x.size !== y.size) return `${x.size} files vs ${y.size}`
  for (const [file, hash] of x) if (y.get(file) !== hash) return `${file} differs`
  return null
}

const pad = (s: string | number, n: number) => String(s).padStart(n)
const secs = (ms: number) => (ms / 1000).toFixed(2)
const version = (pkg: string) => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version as string

const main = async () => {
  const tmp = fs.mkdtempSync(path.join(tmpRoot, 'panel-bench-'))
  console.log(`Site build benchmark — ${os.cpus().length} CPU (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`)
  console.log(`liquidjs ${version('liquidjs')}, @11ty/eleventy ${version('@11ty/eleventy')}; sizes ${sizes.join(', ')}; seed ${seed}; temp ${tmp}${keep ? ' (kept)' : ''}`)
  console.log('Each build is a child process; times are in-process wall time (generation and module loading excluded).\n')

  type Row = { pages: number; one: PanelRun; core: PanelRun; split?: PanelRun; splitCheck?: string | null; elev: EleventyRun; pageKB: { panel: number; eleventy: number } }
  const rows: Row[] = []
  try {
    for (const pages of sizes) {
      const dir = path.join(tmp, String(pages))
      const t0 = performance.now()
      const site = generateSite(pages, seed)
      const eleventyDir = path.join(dir, 'eleventy')
      writeEleventyInput(site, eleventyDir)
      const panelInput = path.join(dir, 'panel-input')
      writePanelInput(site.snapshot, panelInput)
      const prepMs = performance.now() - t0
      process.stdout.write(`${pages} pages: input ready in ${secs(prepMs)} s; Panel…`)

      const one = await panel(panelInput, path.join(dir, 'panel-1'), 1, 'full')
      process.stdout.write(` ${secs(one.ms)} s; core only…`)
      const core = await panel(panelInput, path.join(dir, 'panel-core'), 1, 'core')
      process.stdout.write(` ${secs(core.ms)} s`)
      let split: PanelRun | undefined
      let splitCheck: string | null | undefined
      if (workers > 1) {
        process.stdout.write(`; Panel ${workers} workers…`)
        split = await panel(panelInput, path.join(dir, `panel-${workers}`), workers, 'full')
        splitCheck = sameTree(path.join(dir, 'panel-1'), path.join(dir, `panel-${workers}`))
        process.stdout.write(` ${secs(split.ms)} s${splitCheck ? ` (OUTPUT DIFFERS: ${splitCheck})` : ' (same bytes)'}`)
      }
      process.stdout.write('; Eleventy…')
      const elev = await eleventy(eleventyDir)
      console.log(` ${secs(elev.ms)} s`)
      const sample = site.snapshot.pages[Math.min(1, pages - 1)].slug
      const pageKB = {
        panel: fs.statSync(path.join(dir, 'panel-1', sample === 'index' ? 'index.html' : `${sample}/index.html`)).size / 1024,
        eleventy: fs.statSync(path.join(eleventyDir, 'output', sample === 'index' ? 'index.html' : `${sample}/index.html`)).size / 1024,
      }
      rows.push({ pages, one, core, split, splitCheck, elev, pageKB })
      if (!keep) fs.rmSync(dir, { recursive: true, force: true })
    }

    if (rows.length) {
      console.log('\n| pages | Panel s | Panel pages/s | Panel peak MB | Eleventy s | ratio | Eleventy peak MB | Panel CPU s | Eleventy CPU s | CPU ratio |')
      console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
      for (const r of rows) {
        const fmt = (p: PanelRun, label: string) =>
          `| ${label} | ${secs(p.ms)} | ${Math.round(r.pages / (p.ms / 1000))} | ${Math.round(p.peakMB)} | ${secs(r.elev.ms)} | ${(r.elev.ms / p.ms).toFixed(2)}x | ` +
          `${Math.round(r.elev.peakMB)} | ${secs(p.cpuMs)} | ${secs(r.elev.cpuMs)} | ${(r.elev.cpuMs / p.cpuMs).toFixed(2)}x |`
        console.log(fmt(r.one, r.pages.toLocaleString('en')))
        console.log(fmt(r.core, `${r.pages.toLocaleString('en')} core only`))
        if (r.split) console.log(fmt(r.split, `${r.pages.toLocaleString('en')}, ${r.split.workers} workers`))
      }
      console.log(
        '\nRows: "N" = the whole build as buildSiteFromDatabase() runs it after loading (fingerprint: classes renamed, CSS/JS/HTML minified, icons;\n' +
          'then buildSite() and writing every file); "core only" = buildSite() + write, no fingerprint; "2 workers" = the whole build split over 2 worker threads.\n' +
          'ratio = Eleventy s / Panel s (goal: >= 3x); CPU = user+system time of the build process, all threads (steadier when the machine is busy).\n' +
          "Peak MB = the build process's max RSS (all threads), the in-memory snapshot included.",
      )
      console.log('\nPanel detail (whole build): build = fingerprint + buildSite() to an in-memory file map; write = mkdir -p + writeFile of every file')
      for (const r of rows) {
        const o = r.one
        console.log(
          `  ${pad(r.pages, 5)} pages: build ${secs(o.buildMs)} s + write ${secs(o.writeMs)} s (core only: ${secs(r.core.buildMs)} s + ${secs(r.core.writeMs)} s); ${o.files} files, ${(o.bytes / 2 ** 20).toFixed(1)} MB; ` +
            `before the build RSS ${Math.round(o.baseMB)} MB, heap ${Math.round(o.baseHeapMB)} MB (snapshot + code); ` +
            `page ~${r.pageKB.panel.toFixed(1)} KB (Eleventy ~${r.pageKB.eleventy.toFixed(1)} KB, ${r.elev.files} files)`,
        )
        if (r.split) {
          console.log(
            `         ${r.split.workers} workers: slowest worker build ${secs(r.split.buildMs)} s + write ${secs(r.split.writeMs)} s; ` +
              `output ${r.splitCheck ? `DIFFERS from the single process: ${r.splitCheck}` : 'byte-identical to the single process'}`,
          )
        }
      }
    }

    if (rows.length) {
      console.log('\nThe fingerprint processor\'s share of the whole build (whole build − core only, same run):')
      for (const r of rows) {
        const share = (r.one.ms - r.core.ms) / r.one.ms
        const cpuShare = (r.one.cpuMs - r.core.cpuMs) / r.one.cpuMs
        console.log(`  ${pad(r.pages, 5)} pages: ${secs(r.one.ms - r.core.ms)} s of ${secs(r.one.ms)} s = ${(share * 100).toFixed(0)} % (CPU ${(cpuShare * 100).toFixed(0)} %)`)
      }
    }

    if (pictureRun) {
      // page speed on: <picture> markup and AVIF/WebP variants of 24 distinct 960x640 JPEGs, then the same build again
      const pages = 100
      const dir = path.join(tmp, 'pictures')
      const input = path.join(dir, 'panel-input')
      writePanelInput(generateSite(pages, seed).snapshot, input)
      const out = path.join(dir, 'out')
      console.log(`\nImage variants (page speed on, ${pages} pages, 24 distinct 960x640 JPEGs, AVIF + WebP with sharp):`)
      const first = await panel(input, out, 1, 'pictures')
      fs.rmSync(out, { recursive: true, force: true })
      const second = await panel(input, out, 1, 'pictures')
      const a = first.images!
      const b = second.images!
      console.log(
        `  first build:  ${a.encoded} variants encoded in ${secs(a.ms)} s = ${(a.encoded / (a.ms / 1000)).toFixed(1)} variants/s ` +
          `(whole build ${secs(first.ms)} s; the step includes the site icons)`,
      )
      const total = b.encoded + b.fromCache
      console.log(
        `  rebuild:      ${b.fromCache} of ${total} from the cache (${total ? ((b.fromCache / total) * 100).toFixed(0) : '–'} % hit rate), ${b.encoded} encoded, ` +
          `step ${secs(b.ms)} s (whole build ${secs(second.ms)} s)`,
      )
      if (!keep) fs.rmSync(dir, { recursive: true, force: true })
    }

    if (profile && sizes.length) {
      const pages = Math.max(...sizes)
      const dir = path.join(tmp, `profile-${pages}`)
      const profileInput = path.join(dir, 'panel-input')
      writePanelInput(generateSite(pages, seed).snapshot, profileInput)
      console.log(`\nWhere Panel's time goes (CPU profile of the whole build, ${pages} pages, 1 process):`)
      const profDir = path.join(dir, 'prof')
      const run = await panel(profileInput, path.join(dir, 'out'), 1, 'full', ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-interval', '500'])
      const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))!
      console.log(summarizeProfile(JSON.parse(fs.readFileSync(path.join(profDir, file), 'utf8')), run))
      if (!keep) fs.rmSync(dir, { recursive: true, force: true })
    }
  } finally {
    if (!keep) fs.rmSync(tmp, { recursive: true, force: true })
  }

  console.log('\nSnapshot load from PostgreSQL (4,000 pages):')
  if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')) {
    console.log('  skipped (set DATABASE_URL to a postgres:// test database)')
  } else {
    try {
      const pgArgs = [...TSX, path.join(here, 'pg-child.ts'), String(Number(arg('pg-pages') ?? 4000)), ...(profile ? ['--profile'] : [])]
      // exit 13 (a top-level await left unsettled, no output): seen here when the TypeScript loader thread died
      // while other processes were editing sources; one retry
      const r = await runChild(pgArgs, root).catch((err: Error) => {
        if (!/exited with 13/.test(err.message)) throw err
        console.log('  (the loader child exited with 13 before printing anything; trying once more)')
        return runChild(pgArgs, root)
      })
      process.stdout.write(r.stdout.split('\n').filter((l) => l.startsWith('  ')).join('\n') + '\n')
    } catch (err) {
      // e.g. Payload's schema push asking a question it cannot ask here: migrate the database, or use an empty one
      const lines = String((err as Error).message).split('\n').filter((l) => l.trim() && !l.includes('Pulling schema'))
      console.log(`  failed:\n${lines.slice(-15).map((l) => `    ${l}`).join('\n')}`)
      process.exitCode = 1
    }
  }
}

await main()
