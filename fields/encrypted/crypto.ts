import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * AES-256-GCM for credentials at rest. The key is derived from PAYLOAD_SECRET
 * with HKDF so the raw app secret is never used as a cipher key, and the
 * stored value carries a version prefix so the scheme can change later.
 */

const VERSION = 'v1'
const keyCache = new Map<string, Buffer>()

const deriveKey = (secret: string): Buffer => {
  let key = keyCache.get(secret)
  if (!key) {
    if (!secret) throw new Error('PAYLOAD_SECRET is not set: secrets cannot be encrypted or decrypted without it')
    key = Buffer.from(hkdfSync('sha256', secret, 'panel/encrypted-fields', 'aes-256-gcm/v1', 32))
    keyCache.set(secret, key)
  }
  return key
}

export const isEncrypted = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(`${VERSION}:`) && value.split(':').length === 4

/** `aad` binds a ciphertext to its field, so a value copied into another field will not decrypt. */
export const encryptSecret = ({ plaintext, secret, aad }: { plaintext: string; secret: string; aad: string }): string => {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret), iv)
  cipher.setAAD(Buffer.from(aad))
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join(':')
}

export const decryptSecret = ({ ciphertext, secret, aad }: { ciphertext: string; secret: string; aad: string }): string => {
  if (!isEncrypted(ciphertext)) throw new Error('The stored value is not an encrypted secret')
  const [, iv, tag, body] = ciphertext.split(':')
  const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret), Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(aad))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
}

export const maskSecret = (plaintext: string): string => `••••${plaintext.slice(-4)}`
