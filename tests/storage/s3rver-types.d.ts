// s3rver ships no types: what tests/storage/server.ts uses of it
declare module 's3rver' {
  type Options = {
    address?: string
    port?: number
    silent?: boolean
    directory?: string
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[]
  }
  export default class S3rver {
    constructor(options?: Options)
    run(): Promise<{ address: string; family: string; port: number }>
    close(): Promise<void>
  }
}
