import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // native or DOM-emulating packages stay out of the server bundle
  serverExternalPackages: ['sharp', 'jsdom', 'dompurify', 'lightningcss', 'terser', 'cheerio', 'postcss', 'postcss-selector-parser', 'acorn', 'liquidjs', 'hash-wasm', 'cloudflare'],
  // `npm run typecheck` checks the whole project (tests and scripts too) once in CI; the build need not repeat it
  typescript: { ignoreBuildErrors: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
