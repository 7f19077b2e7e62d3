/**
 * The server processes production runs besides Next.js. `npm run build` compiles each source to
 * dist/server/<name>.mjs (scripts/build-server.mjs); scripts/launch.mjs runs the compiled file when
 * NODE_ENV=production and the TypeScript source through tsx otherwise.
 */
export const SERVER_OUT_DIR = 'dist/server'

export const SERVER_ENTRIES = [
  { name: 'migrate', source: 'scripts/migrate.ts' },
  { name: 'worker', source: 'scripts/worker.ts' },
  { name: 'collector', source: 'plugins/analytics/collector/main.ts' },
  { name: 'build-site', source: 'plugins/site-builder/cli.ts' },
  { name: 'analytics-rollup', source: 'plugins/analytics/jobs/cli.ts' },
]

/** The compiled file of a source path as written in package.json (`scripts/worker.ts`), or null if it is not compiled. */
export const compiledPathOf = (source) => {
  const normalized = source.replace(/\\/g, '/').replace(/^\.\//, '')
  const entry = SERVER_ENTRIES.find((e) => e.source === normalized)
  return entry ? `${SERVER_OUT_DIR}/${entry.name}.mjs` : null
}
