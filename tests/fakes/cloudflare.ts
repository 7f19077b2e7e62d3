import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { CLOUDFLARE_502_PAGE, createFaults, type FaultControl, type RouteName } from './cloudflare/faults'
import { signJwt, verifyJwt } from './cloudflare/jwt'
import { handleAccountRoute, handleAssetRoute } from './cloudflare/routes'
import { createState, type FakeState } from './cloudflare/state'
import { fail, type FakeContext, type Reply } from './cloudflare/envelope'

export type { Fault, RandomFaultKind, RandomFaults, RouteName } from './cloudflare/faults'
export type { FakeDeployment, FakeProject, FakeState } from './cloudflare/state'

/**
 * A fake Cloudflare API v4 (the Pages Direct Upload subset) on 127.0.0.1,
 * speaking the real wire format: `{success, errors, messages, result}`
 * envelopes, Bearer API tokens on account routes, upload JWTs on asset
 * routes, multipart deployment creation. Faults are queued per route.
 */

export type FakeCloudflareOptions = {
  apiToken?: string
  accountId?: string
  /** `max_file_count_allowed` in the upload JWT (Cloudflare: 20,000 on the free plan). */
  maxFileCountAllowed?: number
  /** Lifetime of an upload JWT. */
  jwtTtlSeconds?: number
  /** GETs of a deployment before its latest_stage is deploy success (or failure). */
  pollsUntilDone?: number
  /** Deployments end in deploy failure instead of success. */
  failDeployments?: boolean
  productionBranch?: string
}

export type FakeCloudflare = {
  baseURL: string
  apiToken: string
  accountId: string
  state: FakeState
  faults: FaultControl
  /** Requests seen, as "route" names in order (faulted ones included). */
  routes: () => RouteName[]
  close: () => Promise<void>
}

const JWT_SECRET = crypto.randomBytes(32).toString('hex')

export async function startFakeCloudflare(input: FakeCloudflareOptions = {}): Promise<FakeCloudflare> {
  const options: Required<FakeCloudflareOptions> = {
    apiToken: input.apiToken ?? 'test-api-token',
    accountId: input.accountId ?? '023e105f4ecef8ad9ca31a8372d0c353',
    maxFileCountAllowed: input.maxFileCountAllowed ?? 20_000,
    jwtTtlSeconds: input.jwtTtlSeconds ?? 300,
    pollsUntilDone: input.pollsUntilDone ?? 2,
    failDeployments: input.failDeployments ?? false,
    productionBranch: input.productionBranch ?? 'main',
  }
  const state = createState()
  const faults = createFaults()

  const context: FakeContext = {
    options,
    state,
    issueToken: (projectName) => {
      const iat = Math.floor(Date.now() / 1000)
      const jti = crypto.randomUUID()
      state.tokensIssued += 1
      state.issuedTokenIds.add(jti)
      return signJwt(
        {
          iss: 'fake-cloudflare-pages',
          sub: projectName,
          account_id: options.accountId,
          max_file_count_allowed: options.maxFileCountAllowed,
          iat,
          exp: iat + options.jwtTtlSeconds,
          jti,
        },
        JWT_SECRET,
      )
    },
    checkJwt: (req) => {
      const token = bearer(req)
      const payload = token ? verifyJwt(token, JWT_SECRET) : undefined
      if (!payload) return { ok: false, reply: fail(401, 8000013, 'Authorization failed: invalid upload token') }
      if (payload.exp * 1000 <= Date.now() || state.expiredTokenIds.has(payload.jti)) {
        return { ok: false, reply: fail(401, 8000013, 'Authorization failed: the upload token has expired') }
      }
      return { ok: true }
    },
    deploymentFails: () => options.failDeployments || faults.takeDeploymentFailure(),
    uploadDone: () => {
      if (faults.uploadDone()) for (const id of state.issuedTokenIds) state.expiredTokenIds.add(id)
    },
  }

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, fail(500, 10001, `fake cloudflare crashed: ${String(err)}`))
    })
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const path = url.pathname.replace(/^\/client\/v4/, '')
    const method = req.method ?? 'GET'
    const route = routeOf(method, path)
    if (!route) {
      await readBody(req)
      return send(res, fail(404, 7003, 'Could not route to ' + path + ', perhaps your object identifier is invalid?'))
    }

    const fault = faults.take(route)
    if (fault && fault.kind !== 'dropAfter') {
      state.calls.push({ route, method, path, status: fault.kind === 'drop' ? 0 : statusOf(fault), fault: fault.kind })
      if (fault.kind === 'drop') {
        req.socket.destroy()
        return
      }
      await readBody(req)
      if (fault.kind === 'html5xx' || fault.kind === 'html200') {
        res.writeHead(fault.kind === 'html200' ? 200 : (fault.status ?? 502), { 'content-type': 'text/html; charset=UTF-8', 'cf-ray': '8e1c2f3a4b5c6d7e-AMS' })
        res.end(CLOUDFLARE_502_PAGE)
        return
      }
      if (fault.kind === 'rateLimit') {
        const reply = fail(429, 971, 'Please wait and consider throttling your request speed')
        return send(res, { ...reply, headers: { 'retry-after': String(fault.retryAfterSeconds) } })
      }
      if (fault.kind === 'transient') {
        return send(
          res,
          fail(fault.status ?? 500, 8000000, 'An unknown error occured. Contact your account team or Cloudflare support.'),
        )
      }
      if (fault.kind === 'expireToken') {
        // the token this request carries lapses now, for this and every later request
        const token = bearer(req)
        const payload = token ? verifyJwt(token, JWT_SECRET) : undefined
        if (payload) state.expiredTokenIds.add(payload.jti)
        return send(res, fail(401, 8000013, 'Authorization failed: the upload token has expired'))
      }
      return send(res, fail(fault.status, fault.code, fault.message))
    }

    const body = await readBody(req)
    let reply: Reply
    const hashes: string[] = []
    if (path.startsWith('/pages/assets/')) {
      reply = await handleAssetRoute({ context, route, req, body, hashes })
    } else if (bearer(req) !== options.apiToken) {
      reply = fail(401, 10000, 'Authentication error')
    } else if (!path.startsWith(`/accounts/${options.accountId}/`)) {
      reply = fail(403, 10000, 'Authentication error')
    } else {
      reply = await handleAccountRoute({ context, route, path, req, body })
    }
    if (fault?.kind === 'dropAfter') {
      // done on the server, but the client never hears of it
      state.calls.push({ route, method, path, status: 0, fault: fault.kind, ...(hashes.length ? { hashes } : {}) })
      req.socket.destroy()
      return
    }
    state.calls.push({ route, method, path, status: reply.status, ...(hashes.length ? { hashes } : {}) })
    send(res, reply)
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    baseURL: `http://127.0.0.1:${port}/client/v4`,
    apiToken: options.apiToken,
    accountId: options.accountId,
    state,
    faults: faults.control,
    routes: () => state.calls.map((call) => call.route as RouteName),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const ROUTES: [string, RegExp, RouteName][] = [
  ['GET', /^\/accounts\/[^/]+\/pages\/projects$/, 'listProjects'],
  ['POST', /^\/accounts\/[^/]+\/pages\/projects$/, 'createProject'],
  ['GET', /^\/accounts\/[^/]+\/pages\/projects\/[^/]+$/, 'getProject'],
  ['POST', /^\/accounts\/[^/]+\/pages\/projects\/[^/]+\/domains$/, 'attachDomain'],
  ['GET', /^\/accounts\/[^/]+\/pages\/projects\/[^/]+\/upload-token$/, 'uploadToken'],
  ['POST', /^\/pages\/assets\/check-missing$/, 'checkMissing'],
  ['POST', /^\/pages\/assets\/upload$/, 'upload'],
  ['POST', /^\/pages\/assets\/upsert-hashes$/, 'upsertHashes'],
  ['POST', /^\/accounts\/[^/]+\/pages\/projects\/[^/]+\/deployments$/, 'createDeployment'],
  ['GET', /^\/accounts\/[^/]+\/pages\/projects\/[^/]+\/deployments\/[^/]+$/, 'getDeployment'],
  ['POST', /^\/accounts\/[^/]+\/pages\/projects\/[^/]+\/deployments\/[^/]+\/rollback$/, 'rollback'],
]

function routeOf(method: string, path: string): RouteName | undefined {
  return ROUTES.find(([m, pattern]) => m === method && pattern.test(path))?.[2]
}

function statusOf(fault: Exclude<import('./cloudflare/faults').Fault, { kind: 'drop' | 'dropAfter' }>): number {
  if (fault.kind === 'html5xx') return fault.status ?? 502
  if (fault.kind === 'html200') return 200
  if (fault.kind === 'rateLimit') return 429
  if (fault.kind === 'transient') return fault.status ?? 500
  if (fault.kind === 'expireToken') return 401
  return fault.status
}

function bearer(req: http.IncomingMessage): string | undefined {
  const header = req.headers.authorization
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send(res: http.ServerResponse, reply: Reply) {
  const text = JSON.stringify(reply.body)
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  })
  res.end(text)
}
