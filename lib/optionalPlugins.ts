import { sentryPlugin } from '@payloadcms/plugin-sentry'
import { s3Storage } from '@payloadcms/storage-s3'
import type { Plugin } from 'payload'

import { S3_PREFIXES, s3SettingsFromEnv } from './storage/s3'

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
  const s3 = s3SettingsFromEnv()
  const plugins: Plugin[] = [
    s3Storage({
      enabled: Boolean(s3),
      // the prefix fields it adds are there without S3 too, so the schema (and migrations) do not depend on it
      alwaysInsertFields: true,
      collections: { media: { prefix: S3_PREFIXES.media }, 'template-assets': { prefix: S3_PREFIXES['template-assets'] } },
      bucket: s3?.bucket ?? '',
      config: s3?.config ?? {},
    }),
  ]
  if (process.env.SENTRY_DSN) plugins.push(sentry)
  return plugins
}
