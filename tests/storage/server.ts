import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import S3rver from 's3rver'
import type { TestProject } from 'vitest/node'

export type S3TestServer = { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string }

declare module 'vitest' {
  export interface ProvidedContext {
    s3: S3TestServer
  }
}

/**
 * A real S3-compatible server for the storage tests: s3rver on a free port of 127.0.0.1, its objects
 * in a temporary folder removed afterwards. It checks request signatures like S3 (its built-in key
 * S3RVER / S3RVER); every run gets an empty bucket.
 */
export default async function setup(project: TestProject) {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'panel-s3rver-'))
  const bucket = 'panel-media-test'
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] })
  const { port } = await server.run()
  project.provide('s3', { endpoint: `http://127.0.0.1:${port}`, bucket, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' })
  return async () => {
    await server.close()
    fs.rmSync(directory, { recursive: true, force: true })
  }
}
