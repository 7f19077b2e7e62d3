/**
 * `npm run demo`: seeds a demo site (idempotent) and starts the admin.
 *
 *   npm run demo                  seed, then `next dev` on PORT (3000)
 *   npm run demo -- --seed-only   seed and exit (tests, CI)
 *
 * DEMO_ADMIN_EMAIL (default admin@panel.local) and DEMO_ADMIN_PASSWORD choose
 * the admin login; without a password one is generated and printed once.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import os from 'node:os'

import { getPayload } from 'payload'

import config from '../payload.config'
import { DEPLOY_QUEUE, queueDeployment } from '../plugins/publisher/jobs/queue'
import type { Deployment } from '../payload-types'
import { type SeedDemoResult, seedDemo } from './demo/seed'

const seedOnly = process.argv.includes('--seed-only')
const port = process.env.PORT ?? '3000'
const adminEmail = process.env.DEMO_ADMIN_EMAIL || 'admin@panel.local'
const adminPassword = process.env.DEMO_ADMIN_PASSWORD || undefined

const print = (line = ''): void => {
  process.stdout.write(`${line}\n`)
}

const total = (counts: Partial<Record<string, number>>): number =>
  Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0)

const describe = (counts: Partial<Record<string, number>>): string =>
  Object.entries(counts)
    .map(([collection, n]) => `${n} ${collection}`)
    .join(', ') || 'nothing'

const summarize = (result: SeedDemoResult): void => {
  print()
  print('Demo data')
  print(`  created:       ${describe(result.created)}`)
  print(`  already there: ${describe(result.existing)}`)
  print(`  site:          ${result.siteDomain} (id ${result.siteId}, ${Object.keys(result.pageIds).length} pages)`)
  print()
  print(`Admin: http://localhost:${port}/admin`)
  print(`  email:    ${result.adminEmail}`)
  if (result.generatedPassword) {
    print(`  password: ${result.generatedPassword}`)
    print('  (generated now and shown only this once: write it down or change it in the admin)')
  } else if (result.adminCreated) {
    print('  password: the one in DEMO_ADMIN_PASSWORD')
  } else {
    print('  password: unchanged (the user already existed)')
  }
  print()
}

const closeDatabase = async (payload: Awaited<ReturnType<typeof getPayload>>): Promise<void> => {
  const closable = payload as unknown as { destroy?: () => Promise<void> }
  if (typeof closable.destroy === 'function') await closable.destroy()
  else await payload.db.destroy?.()
}

const startNext = (): void => {
  print(`Starting Next.js on http://localhost:${port} (Ctrl+C to stop)`)
  // Next's own bin, run by this Node: npx would add npm and a shell in between, which do not pass signals on.
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next')
  const child = spawn(process.execPath, [nextBin, 'dev', '-p', port], {
    stdio: 'inherit',
    env: {
      ...process.env,
      // the admin is opened at this address, and the sign-in cookie counts only from PUBLIC_URL
      PUBLIC_URL: process.env.PUBLIC_URL || `http://localhost:${port}`,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, '--no-deprecation'].filter(Boolean).join(' '),
    },
  })
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
  }
  process.on('SIGINT', forward('SIGINT'))
  process.on('SIGTERM', forward('SIGTERM'))
  child.on('error', (error) => {
    process.stderr.write(`Could not start Next.js: ${error.message}\n`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    // The shell convention for "killed by a signal": 128 + its number (130 for SIGINT).
    process.exit(signal ? 128 + (os.constants.signals[signal] ?? 0) : (code ?? 0))
  })
}

/** Publishes the demo site to the local folder the way a "Deploy now" does: a queued deployment run by the job. */
const publishDemo = async (payload: Awaited<ReturnType<typeof getPayload>>, siteId: number): Promise<Deployment | null> => {
  print('Publishing the demo site to the local folder (the first time encodes its images)…')
  const queued = await queueDeployment({ payload, siteId, trigger: 'manual' })
  await payload.jobs.run({ queue: DEPLOY_QUEUE, sequential: true })
  return payload.findByID({ collection: 'deployments', id: queued.id, depth: 0 })
}

const main = async (): Promise<void> => {
  // the live URL the deployment records is on the admin this script starts, whatever PORT says
  process.env.PUBLIC_URL ||= `http://localhost:${port}`
  print(`Seeding the demo site into ${process.env.DATABASE_URL ? 'PostgreSQL' : `SQLite (${process.env.SQLITE_PATH ?? 'data/panel.db'})`}…`)
  const payload = await getPayload({ config })
  let result: SeedDemoResult
  let published: Deployment | null = null
  try {
    result = await seedDemo(payload, { adminEmail, adminPassword, log: print })
    if (!seedOnly) published = await publishDemo(payload, Number(result.siteId))
  } finally {
    await closeDatabase(payload)
  }
  summarize(result)
  print(total(result.created) === 0 ? 'Nothing new to seed: the demo was already there.' : `Seeded ${total(result.created)} documents.`)
  if (seedOnly) process.exit(0)
  if (published?.status === 'success') {
    print(`Published ${result.siteDomain} to ${published.url} (${published.metrics?.files ?? '?'} files)`)
    print(`  preview it signed in: http://localhost:${port}/preview/${result.siteId}/`)
  } else if (published) {
    print(`Publishing the demo site failed: ${published.error ?? published.status} (the admin starts anyway)`)
  }
  startNext()
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`Demo failed: ${message}\n`)
  if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`)
  else process.stderr.write('Run again with DEBUG=1 for the stack trace.\n')
  process.exit(1)
})
