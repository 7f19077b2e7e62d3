import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // sharp and libsql ship native code; keep them out of the server bundle
  serverExternalPackages: ['sharp', 'jsdom', 'dompurify'],
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
