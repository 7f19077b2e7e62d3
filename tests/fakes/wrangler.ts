import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { FakeCloudflare } from './cloudflare'

/**
 * Runs the real `wrangler pages deploy` (the devDependency, 4.86.0) against
 * the fake Cloudflare API, offline: CLOUDFLARE_API_BASE_URL points at the
 * fake, metrics, error reports and the update check are off, and
 * offline-guard.cjs refuses (and reports) any connection that is not to this
 * machine. It runs in a scratch folder outside any git checkout (wrangler
 * reads git state from its cwd) with a HOME of its own.
 */

const here = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

export type WranglerRun = {
  status: number | null
  stdout: string
  stderr: string
  /** Wall time of the whole process, Node start-up included. */
  ms: number
  /** What offline-guard refused (should be nothing). */
  blocked: string[]
  /** From "Uploaded N files (M already uploaded)". */
  uploaded?: number
  alreadyUploaded?: number
  /** User + system CPU time of the wrangler process, when `cpu` was asked for (via /usr/bin/time). */
  cpuMs?: number
}

export const wranglerBin = (): string => path.join(path.dirname(require.resolve('wrangler/package.json')), 'bin', 'wrangler.js')

export const wranglerVersion = (): string => (require('wrangler/package.json') as { version: string }).version

export async function wranglerPagesDeploy(input: {
  fake: Pick<FakeCloudflare, 'baseURL' | 'apiToken' | 'accountId'>
  dir: string
  projectName: string
  branch?: string
  commitHash?: string
  commitMessage?: string
  timeoutMs?: number
  /** Measure wrangler's CPU time with /usr/bin/time (when the machine has it). */
  cpu?: boolean
}): Promise<WranglerRun> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'wrangler-home-'))
  const args = [
    '--require',
    path.join(here, 'offline-guard.cjs'),
    wranglerBin(),
    'pages',
    'deploy',
    path.resolve(input.dir),
    '--project-name',
    input.projectName,
    '--branch',
    input.branch ?? 'main',
    '--commit-hash',
    input.commitHash ?? '0000000000000000000000000000000000000000',
    '--commit-message',
    input.commitMessage ?? 'Deploy with wrangler',
    '--commit-dirty=false',
  ]
  // only what wrangler needs: no CLOUDFLARE_API_KEY/EMAIL or proxies from the caller's environment
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    CI: 'true',
    NO_COLOR: '1',
    CLOUDFLARE_API_BASE_URL: input.fake.baseURL,
    CLOUDFLARE_API_TOKEN: input.fake.apiToken,
    CLOUDFLARE_ACCOUNT_ID: input.fake.accountId,
    WRANGLER_SEND_METRICS: 'false',
    WRANGLER_SEND_ERROR_REPORTS: 'false',
    WRANGLER_HIDE_BANNER: 'true', // the banner is what runs the npm update check
    WRANGLER_LOG_PATH: path.join(home, 'logs'),
  }
  const timeFile = path.join(home, 'cpu.txt')
  const timed = input.cpu === true && fs.existsSync('/usr/bin/time')
  const [command, commandArgs] = timed ? ['/usr/bin/time', ['-f', '%U %S', '-o', timeFile, process.execPath, ...args]] : [process.execPath, args]
  const started = performance.now()
  try {
    return await new Promise<WranglerRun>((resolve, reject) => {
      const child = spawn(command, commandArgs, { cwd: home, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      const timer = setTimeout(() => child.kill('SIGKILL'), input.timeoutMs ?? 120_000)
      child.stdout.on('data', (chunk) => (stdout += chunk))
      child.stderr.on('data', (chunk) => (stderr += chunk))
      child.on('error', reject)
      child.on('close', (status) => {
        clearTimeout(timer)
        const output = stdout + stderr
        const counts = /Uploaded (\d+) files(?: \((\d+) already uploaded\))?/.exec(output)
        resolve({
          status,
          stdout,
          stderr,
          ms: performance.now() - started,
          blocked: [...output.matchAll(/\[offline-guard\] blocked (.*)/g)].map((m) => m[1]!),
          uploaded: counts ? Number(counts[1]) : undefined,
          alreadyUploaded: counts ? Number(counts[2] ?? 0) : undefined,
          cpuMs: timed && fs.existsSync(timeFile) ? cpuOf(fs.readFileSync(timeFile, 'utf8')) : undefined,
        })
      })
    })
  } finally {
    fs.rmSync(home, { recursive: true, force: true })
  }
}

/** `/usr/bin/time -f '%U %S'` output (it may be preceded by "Command exited with non-zero status"). */
const cpuOf = (text: string): number | undefined => {
  const match = /([\d.]+) ([\d.]+)\s*$/.exec(text.trim())
  return match ? (Number(match[1]) + Number(match[2])) * 1000 : undefined
}
