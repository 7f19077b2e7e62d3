import crypto from 'node:crypto'

/** Upload tokens shaped like Cloudflare's: HS256 JWTs whose payload carries the file limit and exp. */

export type UploadTokenPayload = {
  iss: string
  sub: string
  account_id: string
  max_file_count_allowed: number
  iat: number
  exp: number
  jti: string
}

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url')

export function signJwt(payload: UploadTokenPayload, secret: string): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))
  const body = b64url(JSON.stringify(payload))
  const signature = crypto.createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')
  return `${head}.${body}.${signature}`
}

/** The payload when the signature is valid, else undefined. Expiry is the caller's business. */
export function verifyJwt(token: string, secret: string): UploadTokenPayload | undefined {
  const [head, body, signature] = token.split('.')
  if (!head || !body || !signature) return undefined
  const expected = crypto.createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url')
  if (expected.length !== signature.length) return undefined
  if (!crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) return undefined
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as UploadTokenPayload
  } catch {
    return undefined
  }
}
