import config from '@payload-config'
import { handleEndpoints } from 'payload'

import { POST as graphqlRoute } from '@/src/app/(payload)/api/graphql/route'

export type RestResponse<T = any> = { status: number; body: T; headers: Headers }

type Options = {
  token?: string
  apiKey?: string
  json?: unknown
  form?: FormData
  headers?: Record<string, string>
}

const BASE = 'http://localhost:3000'

const buildHeaders = ({ token, apiKey, json, headers }: Options): Headers => {
  const h = new Headers(headers)
  if (token) h.set('authorization', `JWT ${token}`)
  if (apiKey) h.set('authorization', `users API-Key ${apiKey}`)
  if (json !== undefined) h.set('content-type', 'application/json')
  return h
}

const read = async (response: Response): Promise<RestResponse> => {
  const text = await response.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // non-JSON bodies are returned as text
  }
  return { status: response.status, body, headers: response.headers }
}

/**
 * Calls Payload's REST handler exactly as the Next route does
 * (src/app/(payload)/api/[...slug]/route.ts), with a real Request.
 */
export const rest = async (method: string, path: string, options: Options = {}): Promise<RestResponse> => {
  const url = new URL(`/api${path}`, BASE)
  const request = new Request(url, {
    method,
    headers: buildHeaders(options),
    body: options.form ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined),
  })
  const response = await handleEndpoints({ config, path: url.pathname, request })
  return read(response)
}

/** The GraphQL route itself (src/app/(payload)/api/graphql/route.ts), as Next calls it. */
const graphqlHandler = graphqlRoute

export const graphql = async (query: string, options: Omit<Options, 'json' | 'form'> & { variables?: Record<string, unknown> } = {}) => {
  const request = new Request(new URL('/api/graphql', BASE), {
    method: 'POST',
    headers: buildHeaders({ ...options, json: true }),
    body: JSON.stringify({ query, variables: options.variables }),
  })
  return read(await graphqlHandler(request))
}

export const login = async (email: string, password: string): Promise<string> => {
  const res = await rest('POST', '/users/login', { json: { email, password } })
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.token as string
}
