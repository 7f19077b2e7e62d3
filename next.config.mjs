import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'

const root = path.dirname(fileURLToPath(import.meta.url))

/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets two builds of this checkout live side by side (e.g. a browser test while another builds)
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // production runs the standalone server (scripts/runtime-tree.mjs puts it beside the compiled workers)
  output: 'standalone',
  outputFileTracingRoot: root,
  // read at run time from the working directory (plugins/site-builder/partials.ts), so no import traces them
  outputFileTracingIncludes: { '/**/*': ['./blocks/**/*.liquid'] },
  // paths built at run time (SQLITE_PATH, MEDIA_DIR, the image cache) make the tracer take the whole project; the
  // server needs none of it: our TypeScript is compiled into .next, the rest is data or development files
  outputFileTracingExcludes: {
    '/**/*': [
      './**/*.{ts,tsx,md}',
      './{data,media,public-sites,.cache,dist,tests,bench,migrations,scripts,src,plugins}/**',
      './{tsconfig.json,package-lock.json,next.config.mjs,docker-compose.yml,Dockerfile}',
    ],
  },
  // native or DOM-emulating packages stay out of the server bundle
  serverExternalPackages: ['sharp', 'jsdom', 'dompurify', 'lightningcss', 'terser', 'cheerio', 'postcss', 'postcss-selector-parser', 'acorn', 'liquidjs', 'hash-wasm', 'cloudflare'],
  // `npm run typecheck` checks the whole project (tests and scripts too) once in CI; the build need not repeat it
  typescript: { ignoreBuildErrors: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
