import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets two builds of this checkout live side by side (e.g. a browser test while another builds)
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // native or DOM-emulating packages stay out of the server bundle
  serverExternalPackages: ['sharp', 'jsdom', 'dompurify', 'lightningcss', 'terser', 'cheerio', 'postcss', 'postcss-selector-parser', 'acorn', 'liquidjs', 'hash-wasm', 'cloudflare'],
  // `npm run typecheck` checks the whole project (tests and scripts too) once in CI; the build need not repeat it
  typescript: { ignoreBuildErrors: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
