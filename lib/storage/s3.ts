import type { S3ClientConfig } from '@aws-sdk/client-s3'

/**
 * S3, R2 or MinIO settings from the environment: the storage plugin (lib/optionalPlugins.ts) and the
 * readers that publish media (lib/storage/read.ts) use the same bucket and credentials.
 */
export type S3Settings = { bucket: string; config: S3ClientConfig }

/** Where each upload collection keeps its objects in the bucket. */
export const S3_PREFIXES = { media: 'media', 'template-assets': 'template-assets' } as const

export type S3Collection = keyof typeof S3_PREFIXES

export const s3SettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): S3Settings | null => {
  const bucket = env.S3_BUCKET
  if (!bucket) return null
  const accessKeyId = env.S3_ACCESS_KEY_ID
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY
  return {
    bucket,
    config: {
      region: env.S3_REGION || 'auto',
      endpoint: env.S3_ENDPOINT || undefined,
      forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
      // without keys the SDK's own chain applies (an instance role on AWS)
      ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    },
  }
}

const SCHEME = 's3://'

/**
 * A stored object as a media `source`: `s3://<bucket>/<key>`. Read with the storage's own
 * credentials, so the bucket stays private and no app URL is needed (lib/storage/read.ts).
 */
export const s3Location = (bucket: string, key: string): string => `${SCHEME}${bucket}/${key}`

export const parseS3Location = (location: string): { bucket: string; key: string } | null => {
  if (!location.startsWith(SCHEME)) return null
  const rest = location.slice(SCHEME.length)
  const slash = rest.indexOf('/')
  if (slash <= 0 || slash === rest.length - 1) return null
  return { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) }
}
