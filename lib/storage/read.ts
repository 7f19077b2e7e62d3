import { readFile } from 'node:fs/promises'

import type { S3Client } from '@aws-sdk/client-s3'

import { parseS3Location, s3SettingsFromEnv } from './s3'

/**
 * The bytes of a stored upload, wherever it lives: a local path, an object of the S3/R2/MinIO bucket
 * (`s3://bucket/key`, read with the S3_* credentials) or an http(s) URL. A missing file or object
 * throws an error with code ENOENT, so callers tell "upload it again" from "storage unreachable".
 */
export const readLocation = async (location: string): Promise<Uint8Array> => {
  const object = parseS3Location(location)
  if (object) return readObject(object, location)
  if (/^https?:\/\//i.test(location)) {
    const response = await fetch(location)
    if (response.status === 404) throw missing(`GET ${location}: HTTP 404`)
    if (!response.ok) throw new Error(`GET ${location}: HTTP ${response.status}`)
    return new Uint8Array(await response.arrayBuffer())
  }
  return readFile(location)
}

/** A local path, as opposed to an object or a URL that readLocation fetches. */
export const isLocalLocation = (location: string): boolean => !parseS3Location(location) && !/^https?:\/\//i.test(location)

const missing = (message: string): NodeJS.ErrnoException => Object.assign(new Error(message), { code: 'ENOENT' })

let client: { key: string; s3: Promise<S3Client> } | undefined

/** One client per process (its connections are reused); the SDK is loaded only where S3 is used. */
const s3Client = (): Promise<S3Client> => {
  const settings = s3SettingsFromEnv()
  if (!settings) throw new Error('Media are in an S3 bucket but S3_BUCKET is not set in this process: give it the same S3_* settings as the app.')
  const key = JSON.stringify(settings.config)
  if (client?.key !== key) client = { key, s3: import('@aws-sdk/client-s3').then(({ S3Client }) => new S3Client(settings.config)) }
  return client.s3
}

const readObject = async ({ bucket, key }: { bucket: string; key: string }, location: string): Promise<Uint8Array> => {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3')
  const s3 = await s3Client()
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    if (!object.Body) throw new Error(`GET ${location}: empty answer`)
    return await object.Body.transformToByteArray()
  } catch (err) {
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number } }
    if (e.name === 'NoSuchBucket') throw new Error(`The bucket "${bucket}" does not exist at the S3 endpoint: check S3_BUCKET and S3_ENDPOINT.`)
    if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) throw missing(`${location} is not in the bucket`)
    throw err
  }
}
