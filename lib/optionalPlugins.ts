import { sentryPlugin } from '@payloadcms/plugin-sentry'
import { s3Storage } from '@payloadcms/storage-s3'
import type { Plugin } from 'payload'

/**
 * Sentry is loaded only when SENTRY_DSN is set, so a plain install never
 * pays for it at start-up.
 */
const sentry: Plugin = async (config) => {
  const Sentry = await import('@sentry/node')
  if (!Sentry.getClient()) Sentry.init({ dsn: process.env.SENTRY_DSN, tracesSampleRate: 0 })
  return sentryPlugin({ Sentry, options: { captureErrors: [500] } })(config)
}

/** Plugins switched on by the environment: S3/R2/MinIO media storage and Sentry error monitoring. */
export const optionalPlugins = (): Plugin[] => {
  const plugins: Plugin[] = []
  const bucket = process.env.S3_BUCKET
  if (bucket) {
    plugins.push(
      s3Storage({
        collections: { media: { prefix: 'media' }, 'template-assets': { prefix: 'template-assets' } },
        bucket,
        config: {
          region: process.env.S3_REGION ?? 'auto',
          endpoint: process.env.S3_ENDPOINT || undefined,
          forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
          credentials: {
            accessKeyId: process.env.S3_ACCESS_KEY_ID ?? '',
            secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? '',
          },
        },
      }),
    )
  }
  if (process.env.SENTRY_DSN) plugins.push(sentry)
  return plugins
}
