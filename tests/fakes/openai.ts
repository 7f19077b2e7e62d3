import crypto from 'node:crypto'
import type http from 'node:http'

import sharp from 'sharp'

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
 * A fake OpenAI API on 127.0.0.1: POST /v1/chat/completions (plain and
 * `stream: true` SSE with `stream_options.include_usage`, `response_format`
 * json_schema, refusals) and POST /v1/images/generations (gpt-image-1 style
 * b64_json with token usage). Errors come in OpenAI's shape
 * `{error: {message, type, param, code}}` with the real status codes and
 * headers (retry-after, x-request-id).
 */

export type FakeOpenAI = Script & {
  /** For the SDK: includes /v1, as OpenAI's does. */
  baseURL: string
  apiKey: string
  close: () => Promise<void>
}

const FAULTS: Record<FaultKind, { status: number; body: (model: string) => unknown }> = {
  bad_key: {
    status: 401,
    body: () => ({
      error: {
        message: 'Incorrect API key provided: sk-wrong. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    }),
  },
  rate_limit: {
    status: 429,
    body: (model) => ({
      error: {
        message: `Rate limit reached for ${model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.`,
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    }),
  },
  quota: {
    status: 429,
    body: () => ({
      error: {
        message: 'You exceeded your current quota, please check your plan and billing details.',
        type: 'insufficient_quota',
        param: null,
        code: 'insufficient_quota',
      },
    }),
  },
  server: {
    status: 500,
    body: () => ({
      error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null },
    }),
  },
  overloaded: {
    status: 503,
    body: () => ({ error: { message: 'The engine is currently overloaded, please try again later', type: 'server_error', param: null, code: null } }),
  },
}

const messageText = (content: unknown): string => {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) return content.map((part) => (part?.type === 'text' ? String(part.text ?? '') : '')).join('')
  return ''
}

const defaultReply = (request: RecordedRequest): Reply => {
  const format = request.body?.response_format
  if (format?.type === 'json_schema') return { json: sampleFromSchema(format.json_schema?.schema) }
  const last = (request.body?.messages ?? []).at(-1)
  return { text: `Fake OpenAI reply to: ${messageText(last?.content).slice(0, 60)}` }
}

let pngCache: Buffer | undefined
const fakePng = async (): Promise<Buffer> => {
  pngCache ??= await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 20, g: 110, b: 200 } } }).png().toBuffer()
  return pngCache
}

export async function startFakeOpenAI({ apiKey = 'sk-test-openai' }: { apiKey?: string } = {}): Promise<FakeOpenAI> {
  const script = createScript(defaultReply)
  let sequence = 0

  const fault = (res: http.ServerResponse, kind: FaultKind, model: string, retryAfter?: number) => {
    const { status, body } = FAULTS[kind]
    const headers: Record<string, string> = { 'x-request-id': `req_${crypto.randomUUID().replace(/-/g, '')}` }
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter)
    // no x-should-retry on insufficient_quota: OpenAI does not send one, so the SDK would retry it
    // like any 429 (langchain-ai/langchainjs#1929); the provider has to tell the two 429s apart itself
    sendJson(res, status, body(model), headers)
  }

  const chatCompletions = async (request: RecordedRequest, res: http.ServerResponse) => {
    const body = request.body ?? {}
    const model = String(body.model ?? '')
    if (!model || !Array.isArray(body.messages) || body.messages.length === 0) {
      return sendJson(res, 400, {
        error: { message: "Missing required parameter: 'messages'.", type: 'invalid_request_error', param: 'messages', code: 'missing_required_parameter' },
      })
    }
    const reply = nextReply(script, request)
    if ('fault' in reply) return fault(res, reply.fault, model, reply.retryAfter)
    const prompt = body.messages.map((m: { content: unknown }) => messageText(m.content)).join('\n')
    const input = countTokens(prompt)
    const id = `chatcmpl-${(++sequence).toString(36)}${crypto.randomBytes(6).toString('hex')}`
    const created = Math.floor(Date.now() / 1000)
    const refusal = 'refusal' in reply ? reply.refusal : null
    const text = replyText(reply) ?? ''
    const output = countTokens(refusal ?? text)
    const usage = {
      prompt_tokens: input,
      completion_tokens: output,
      total_tokens: input + output,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    }
    script.usage.push({ input, output })
    const finish = 'stop'
    if (!body.stream) {
      return sendJson(
        res,
        200,
        {
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [
            { index: 0, message: { role: 'assistant', content: refusal ? null : text, refusal, annotations: [] }, logprobs: null, finish_reason: finish },
          ],
          usage,
          service_tier: 'default',
          system_fingerprint: 'fp_fake',
        },
        { 'x-request-id': `req_${id}` },
      )
    }
    startSse(res, { 'x-request-id': `req_${id}` })
    const chunk = (delta: Record<string, unknown>, finishReason: string | null, extra: Record<string, unknown> = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_fake', choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...extra })}\n\n`
    res.write(chunk({ role: 'assistant', content: refusal ? null : '', refusal: null }, null))
    const size = 'chunkSize' in reply && reply.chunkSize ? reply.chunkSize : 12
    for (const part of chunks(refusal ?? text, size)) {
      res.write(chunk(refusal ? { refusal: part } : { content: part }, null))
      await delay(chunkDelay(reply))
    }
    res.write(chunk({}, finish))
    if (body.stream_options?.include_usage) {
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_fake', choices: [], usage })}\n\n`)
    }
    res.write('data: [DONE]\n\n')
    res.end()
  }

  const imageGenerations = async (request: RecordedRequest, res: http.ServerResponse) => {
    const body = request.body ?? {}
    const model = String(body.model ?? 'dall-e-2')
    if (typeof body.prompt !== 'string' || !body.prompt) {
      return sendJson(res, 400, {
        error: { message: "Missing required parameter: 'prompt'.", type: 'invalid_request_error', param: 'prompt', code: 'missing_required_parameter' },
      })
    }
    if (model.startsWith('gpt-image') && body.response_format) {
      return sendJson(res, 400, {
        error: { message: "Unknown parameter: 'response_format'.", type: 'invalid_request_error', param: 'response_format', code: 'unknown_parameter' },
      })
    }
    const reply = nextReply(script, request)
    if ('fault' in reply) return fault(res, reply.fault, model, reply.retryAfter)
    if ('refusal' in reply) {
      return sendJson(res, 400, {
        error: {
          message: 'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
          type: 'image_generation_user_error',
          param: null,
          code: 'moderation_blocked',
        },
      })
    }
    const input = countTokens(body.prompt)
    const output = 272 // what gpt-image-1 bills for a low-quality square image
    script.usage.push({ input, output })
    return sendJson(res, 200, {
      created: Math.floor(Date.now() / 1000),
      data: [{ b64_json: (await fakePng()).toString('base64'), revised_prompt: null }],
      usage: { input_tokens: input, output_tokens: output, total_tokens: input + output, input_tokens_details: { text_tokens: input, image_tokens: 0 } },
    })
  }

  const { port, close } = await listen(tracked(script, async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body: await readBody(req) }
    script.requests.push(request)
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      const reply = FAULTS.bad_key
      return sendJson(res, reply.status, reply.body(''))
    }
    if (req.method === 'POST' && url.pathname === '/v1/chat/completions') return chatCompletions(request, res)
    if (req.method === 'POST' && url.pathname === '/v1/images/generations') return imageGenerations(request, res)
    sendJson(res, 404, { error: { message: `Invalid URL (${req.method} ${url.pathname})`, type: 'invalid_request_error', param: null, code: null } })
  }))

  return Object.assign(script, { baseURL: `http://127.0.0.1:${port}/v1`, apiKey, close })
}
