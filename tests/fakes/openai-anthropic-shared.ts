import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * What the OpenAI and Anthropic fakes share: a scripted reply queue, the
 * requests seen, the usage figures reported, token counting and a sample
 * value for a JSON schema (so structured-output calls get a valid answer
 * when a test did not script one).
 */

export type FaultKind = 'bad_key' | 'rate_limit' | 'server' | 'overloaded' | 'quota'

export type Reply =
  /** Text (markdown, plain or JSON as text), streamed in chunks of `chunkSize` characters. */
  | { text: string; chunkSize?: number; chunkDelayMs?: number }
  /** Structured output: the JSON text of this value. */
  | { json: unknown; chunkSize?: number; chunkDelayMs?: number }
  /** The model declines: OpenAI's `refusal`, Anthropic's `stop_reason: "refusal"`. */
  | { refusal: string }
  /** An HTTP error in the provider's shape; `retryAfter` seconds for 429/529. */
  | { fault: FaultKind; retryAfter?: number }

export type RecordedRequest = {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: any
}

export type Usage = { input: number; output: number }

export type Script = {
  /** Replies used in order by the next requests; then `fallback`. */
  enqueue: (...replies: Reply[]) => void
  fallback: (request: RecordedRequest) => Reply
  requests: RecordedRequest[]
  /** Usage reported in every successful answer, in order. */
  usage: Usage[]
  /** Most requests in flight at once since the last reset. */
  maxInFlight: number
  inFlight: number
  /** Milliseconds each answer is held back (to observe concurrency). */
  latencyMs: number
  /** Holds every answer until the returned function is called (to see who else gets through meanwhile). */
  hold: () => () => void
  reset: () => void
}

/** Deterministic token figure: one token per 4 characters, at least 1 for non-empty text. */
export const countTokens = (text: string): number => (text.length === 0 ? 0 : Math.ceil(text.length / 4))

export const chunks = (text: string, size = 12): string[] => {
  const out: string[] = []
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size))
  return out.length ? out : ['']
}

/** A value that satisfies a (strict) JSON schema: strings name their key, arrays hold two items. */
export const sampleFromSchema = (schema: any, key = 'value'): unknown => {
  if (!schema || typeof schema !== 'object') return `Sample ${key}`
  if (Array.isArray(schema.enum)) return schema.enum[0]
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [name, child] of Object.entries(schema.properties ?? {})) out[name] = sampleFromSchema(child, name)
      return out
    }
    case 'array':
      return [1, 2].map((n) => sampleFromSchema(schema.items, `${key} ${n}`))
    case 'number':
    case 'integer':
      return 1
    case 'boolean':
      return true
    default:
      return `Sample ${key}`
  }
}

export const createScript = (fallback: (request: RecordedRequest) => Reply): Script => {
  const queue: Reply[] = []
  let gate: Promise<void> | null = null
  let release: (() => void) | null = null
  const script: Script = {
    enqueue: (...replies) => void queue.push(...replies),
    fallback,
    requests: [],
    usage: [],
    maxInFlight: 0,
    inFlight: 0,
    latencyMs: 0,
    hold: () => {
      let open!: () => void
      gate = new Promise<void>((resolve) => (open = resolve))
      release = () => {
        gate = null
        release = null
        open()
      }
      return release
    },
    reset: () => {
      release?.()
      queue.length = 0
      script.requests.length = 0
      script.usage.length = 0
      script.maxInFlight = 0
      script.latencyMs = 0
    },
  }
  Object.defineProperty(script, 'next', { value: (request: RecordedRequest) => queue.shift() ?? script.fallback(request) })
  Object.defineProperty(script, 'gate', { get: () => gate })
  return script
}

export const nextReply = (script: Script, request: RecordedRequest): Reply =>
  (script as unknown as { next: (r: RecordedRequest) => Reply }).next(request)

export const readBody = async (req: http.IncomingMessage): Promise<any> => {
  const parts: Buffer[] = []
  for await (const part of req) parts.push(part as Buffer)
  const text = Buffer.concat(parts).toString('utf8')
  if (!text) return null
  try {
    return JSON.parse(text)
  } catch {
    return { __invalidJson: text }
  }
}

export const sendJson = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers })
  res.end(text)
}

export const startSse = (res: http.ServerResponse, headers: Record<string, string> = {}): void => {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...headers })
}

/** Wraps a handler so the script counts requests in flight and holds answers back by `latencyMs`. */
export const tracked =
  (script: Script, handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) =>
  async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    script.inFlight += 1
    script.maxInFlight = Math.max(script.maxInFlight, script.inFlight)
    try {
      if (script.latencyMs) await delay(script.latencyMs)
      const gate = (script as unknown as { gate: Promise<void> | null }).gate
      if (gate) await gate
      await handler(req, res)
    } finally {
      script.inFlight -= 1
    }
  }

export const listen = async (
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
): Promise<{ server: http.Server; port: number; close: () => Promise<void> }> => {
  const sockets = new Set<import('node:net').Socket>()
  const server = http.createServer((req, res) => {
    handler(req, res).catch((err: Error) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `fake crashed: ${err.message}` } })
      else res.end()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

export const replyText = (reply: Reply): string | null =>
  'text' in reply ? reply.text : 'json' in reply ? JSON.stringify(reply.json) : null

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const chunkDelay = (reply: Reply): number => ('chunkDelayMs' in reply && reply.chunkDelayMs ? reply.chunkDelayMs : 2)
