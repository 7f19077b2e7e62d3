#!/usr/bin/env node
/**
 * Creates the media bucket (S3_BUCKET, with the S3_* settings the app uses) unless it exists:
 * `node scripts/ensure-bucket.mjs`. docker-compose.yml runs it once against its MinIO before the app starts;
 * a bucket on AWS, R2 or a managed MinIO is made by whoever owns it.
 */
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3'

const bucket = process.env.S3_BUCKET
if (!bucket) {
  console.error('S3_BUCKET is not set: there is no bucket to create')
  process.exit(2)
}
const client = new S3Client({
  region: process.env.S3_REGION || 'us-east-1',
  endpoint: process.env.S3_ENDPOINT || undefined,
  forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true',
  credentials:
    process.env.S3_ACCESS_KEY_ID && process.env.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: process.env.S3_ACCESS_KEY_ID, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY }
      : undefined,
})

// the store may still be starting: try for a minute
for (let attempt = 1; ; attempt++) {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }))
    console.log(`Bucket "${bucket}" is there`)
    break
  } catch (err) {
    const status = err?.$metadata?.httpStatusCode
    if (status === 404) {
      await client.send(new CreateBucketCommand({ Bucket: bucket }))
      console.log(`Bucket "${bucket}" created`)
      break
    }
    if (attempt === 30) {
      console.error(`Cannot reach the bucket "${bucket}" at ${process.env.S3_ENDPOINT ?? 'AWS'}: ${err?.message ?? err}`)
      process.exit(1)
    }
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
}
