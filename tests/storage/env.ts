import { inject } from 'vitest'

// Payload's config reads S3_* when it loads: set them before the test file imports it
const s3 = inject('s3')
Object.assign(process.env, {
  S3_BUCKET: s3.bucket,
  S3_ENDPOINT: s3.endpoint,
  S3_REGION: 'us-east-1',
  S3_ACCESS_KEY_ID: s3.accessKeyId,
  S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
  S3_FORCE_PATH_STYLE: 'true',
})
