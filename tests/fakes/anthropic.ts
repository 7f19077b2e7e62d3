import crypto from 'node:crypto'
import type http from 'node:http'

import {
  chunkDelay,
  chunks,
  countTokens,
  createScript,
  delay,
  listen,
  nextReply,
  readBody,
  replyText,
  sampleFromSchema,
  sendJson,
  startSse,
  tracked,
  type FaultKind,
  type RecordedRequest,
  type Reply,
  type Script,
} from './openai-anthropic-shared'

export type { Reply } from './openai-anthropic-shared'

/**
 * A fake Anthropic Messages API on 127.0.0.1: POST /v1/messages, plain and
 * streaming (the named SSE events message_start, content_block_start,
 * ping, content_block_delta, content_block_stop, message_delta,
 * message_stop), `output_config.format` json_schema, refusals
 * (`stop_reason: "refusal"` with `stop_details`), and errors in Anthropic's
 * shape `{type: "error", error: {type, message}, request_id}`: 401, 429 with
 * retry-after, 500, 529 overloaded. The key is accepted as `x-api-key` or
 * `Authorization: Bearer` (the SDK sends the latter); `anthropic-version`
 * is required as by the real API.
 */

export type FakeAnthropic = Script & {
  /** For the SDK: without /v1, as Anthropic's. */
  baseURL: string
  apiKey: string
  close: () => Promise<void>
}

const FAULTS: Record<FaultKind, { status: number; type: string; message: string }> = {
  bad_key: { status: 401, type: 'authentication_error', message: 'invalid x-api-key' },
  rate_limit: {
    status: 429,
    type: 'rate_limit_error',
    message: 'This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later.',
  },
  quota: { status: 400, type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.' },
  server: { status: 500, type: 'api_error', message: 'Internal server error' },
  overloaded: { status: 529, type: 'overloaded_error', message: 'Overloaded' },
}

const contentText = (content: unknown): string => {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) return content.map((part) => (part?.type === 'text' ? String(part.text ?? '') : '')).join('')
  return ''
}

const defaultReply = (request: RecordedRequest): Reply => {
  const format = request.body?.output_config?.format
  if (format?.type === 'json_schema') return { json: sampleFromSchema(format.schema) }
  const last = (request.body?.messages ?? []).at(-1)
  return { text: `Fake Claude reply to: ${contentText(last?.content).slice(0, 60)}` }
}

const REFUSAL_DETAILS = {
  type: 'refusal',
  category: 'general_harms',
  explanation: 'The request could be related to an area that was determined as harmful.',
}

export async function startFakeAnthropic({ apiKey = 'sk-ant-test' }: { apiKey?: string } = {}): Promise<FakeAnthropic> {
  const script = createScript(defaultReply)
  let sequence = 0
  const requestId = () => `req_${crypto.randomBytes(12).toString('hex')}`

  const error = (res: http.ServerResponse, kind: FaultKind, retryAfter?: number) => {
    const { status, type, message } = FAULTS[kind]
    const id = requestId()
    const headers: Record<string, string> = { 'request-id': id }
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter)
    sendJson(res, status, { type: 'error', error: { type, message }, request_id: id }, headers)
  }

  const messages = async (request: RecordedRequest, res: http.ServerResponse) => {
    const body = request.body ?? {}
    const invalid = (message: string) =>
      sendJson(res, 400, { type: 'error', error: { type: 'invalid_request_error', message }, request_id: requestId() })
    if (!request.headers['anthropic-version']) return invalid('anthropic-version: header is required')
    if (!body.model) return invalid('model: Field required')
    if (typeof body.max_tokens !== 'number') return invalid('max_tokens: Field required')
    if (!Array.isArray(body.messages) || body.messages.length === 0) return invalid('messages: Field required')
    if ('temperature' in body) return invalid('temperature: Extra inputs are not permitted')

    const reply = nextReply(script, request)
    if ('fault' in reply) return error(res, reply.fault, reply.retryAfter)
    const model = String(body.model)
    const system = typeof body.system === 'string' ? body.system : contentText(body.system)
    const input = countTokens([system, ...body.messages.map((m: { content: unknown }) => contentText(m.content))].join('\n'))
    const isRefusal = 'refusal' in reply
    const text = isRefusal ? reply.refusal : (replyText(reply) ?? '')
    const output = countTokens(text)
    script.usage.push({ input, output })
    const id = `msg_${(++sequence).toString(36)}${crypto.randomBytes(10).toString('hex')}`
    const usage = {
      input_tokens: input,
      output_tokens: output,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      service_tier: 'standard',
    }
    const stopReason = isRefusal ? 'refusal' : 'end_turn'
    const stopDetails = isRefusal ? REFUSAL_DETAILS : null

    if (!body.stream) {
      return sendJson(
        res,
        200,
        {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content: text ? [{ type: 'text', text }] : [],
          stop_reason: stopReason,
          stop_details: stopDetails,
          stop_sequence: null,
          usage,
        },
        { 'request-id': requestId() },
      )
    }
    startSse(res, { 'request-id': requestId() })
    const event = (name: string, data: unknown) => res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)
    event('message_start', {
      type: 'message_start',
      message: {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_details: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    })
    event('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })
    event('ping', { type: 'ping' })
    const size = 'chunkSize' in reply && reply.chunkSize ? reply.chunkSize : 12
    for (const part of text ? chunks(text, size) : []) {
      event('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: part } })
      await delay(chunkDelay(reply))
    }
    event('content_block_stop', { type: 'content_block_stop', index: 0 })
    // message_delta carries the cumulative output token count
    event('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: stopReason, stop_details: stopDetails, stop_sequence: null },
      usage: { output_tokens: output },
    })
    event('message_stop', { type: 'message_stop' })
    res.end()
  }

  const { port, close } = await listen(tracked(script, async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body: await readBody(req) }
    script.requests.push(request)
    const given = req.headers['x-api-key'] ?? (req.headers.authorization ?? '').replace(/^Bearer /, '')
    if (given !== apiKey) return error(res, 'bad_key')
    if (req.method === 'POST' && url.pathname === '/v1/messages') return messages(request, res)
    sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: `Not Found` }, request_id: requestId() })
  }))

  return Object.assign(script, { baseURL: `http://127.0.0.1:${port}`, apiKey, close })
}
