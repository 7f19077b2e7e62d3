import type http from 'node:http'

import type { FakeCloudflareOptions } from '../cloudflare'
import type { FakeState } from './state'

/** Cloudflare's response envelope and the context route handlers share. */

export type Envelope = {
  success: boolean
  errors: { code: number; message: string }[]
  messages: { code: number; message: string }[]
  result: unknown
  result_info?: Record<string, number>
}

export type Reply = { status: number; body: Envelope; headers?: Record<string, string> }

export const ok = (result: unknown, extra: Partial<Envelope> = {}): Reply => ({
  status: 200,
  body: { success: true, errors: [], messages: [], result, ...extra },
})

export const fail = (status: number, code: number, message: string): Reply => ({
  status,
  body: { success: false, errors: [{ code, message }], messages: [], result: null },
})

export type FakeContext = {
  options: Required<FakeCloudflareOptions>
  state: FakeState
  issueToken: (projectName: string) => string
  /** The upload JWT's payload, or a 401 reply when it is missing, forged or expired. */
  checkJwt: (req: http.IncomingMessage) => { ok: true } | { ok: false; reply: Reply }
  uploadDone: () => void
  /** Whether a deployment created now ends in failure at its deploy stage. */
  deploymentFails: () => boolean
}

