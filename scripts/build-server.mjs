/**
 * Compiles the server processes (scripts/server-entries.mjs) to JavaScript in dist/server/, for production to run
 * without tsx: `node scripts/build-server.mjs` (`npm run build` runs it first, then `next build`).
 *
 * esbuild, the compiler tsx uses in development, so both turn the same TypeScript into the same JavaScript. Our own
 * code is bundled (shared parts in chunks beside the entries); every package stays an import resolved from
 * node_modules at run time, and must be a production dependency: a devDependency or an undeclared package fails
 * the build here instead of the first production start.
 */
import { builtinModules } from 'node:module'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { build } from 'esbuild'

import { SERVER_ENTRIES, SERVER_OUT_DIR } from './server-entries.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const outdir = path.join(root, SERVER_OUT_DIR)
const started = Date.now()

/**
 * `import.meta.url` in our sources means "where this source file is" (payload.config.ts finds the project root with
 * it). Bundled, it would be the output file's URL; this keeps it pointing at the source's place in the tree, relative
 * to the output, so the compiled code resolves the same paths wherever the tree is installed.
 */
const sourceImportMetaUrl = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.(ts|tsx|mts)$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined
      const text = await fs.promises.readFile(args.path, 'utf8')
      if (!text.includes('import.meta.url')) return undefined
      const fromOutput = path.relative(outdir, args.path).split(path.sep).join('/')
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOutput)}, import.meta.url).href`),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      }
    })
  },
}

fs.rmSync(outdir, { recursive: true, force: true })
const result = await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(SERVER_ENTRIES.map((e) => [e.name, e.source])),
  outdir,
  outExtension: { '.js': '.mjs' },
  // every output in one folder: the import.meta.url rewrite above is relative to it
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // Node 22 is the runtime; Node 20 still runs it
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [sourceImportMetaUrl],
})

// every package the compiled code imports must be installed by `npm ci --omit=dev`
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'))
const builtins = new Set(builtinModules)
const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0])
const problems = []
for (const [file, input] of Object.entries(result.metafile.inputs)) {
  for (const imp of input.imports) {
    if (!imp.external || imp.path.startsWith('node:') || builtins.has(imp.path)) continue
    const name = packageName(imp.path)
    if (pkg.dependencies?.[name]) continue
    const why = pkg.devDependencies?.[name] ? 'a devDependency, which production installs omit' : 'not in package.json'
    problems.push(`  ${file} imports "${imp.path}": ${why}`)
  }
}
if (problems.length > 0) {
  console.error(`Server code needs packages that production does not install:\n${[...new Set(problems)].join('\n')}`)
  console.error('Add them to "dependencies" (npm i -E <name>), or keep them out of code that the server processes import.')
  process.exit(1)
}

// what the compiled files were made from: scripts/launch.mjs refuses to run them in a checkout where one has changed
const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/'))
fs.writeFileSync(path.join(outdir, 'inputs.json'), JSON.stringify({ builtAt: started, inputs }))

const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.mjs'))
const bytes = outputs.reduce((sum, [, o]) => sum + o.bytes, 0)
console.log(
  `Compiled ${SERVER_ENTRIES.map((e) => e.name).join(', ')} to ${SERVER_OUT_DIR}/ ` +
    `(${outputs.length} files, ${(bytes / 1024).toFixed(0)} KB) in ${Date.now() - started} ms`,
)
