/**
 * Preload (`node --require tests/fakes/offline-guard.cjs ...`) for third-party
 * CLIs run by tests (wrangler): refuses every connection and DNS lookup that
 * is not to this machine, and reports each attempt on stderr as
 * `[offline-guard] blocked <what>`, so a test can assert that nothing tried
 * to reach the internet (telemetry, update checks, error reports).
 */
'use strict'

const dns = require('node:dns')
const net = require('node:net')

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0'])
const isLocal = (host) => host === undefined || host === null || host === '' || LOCAL_HOSTS.has(String(host)) || String(host).startsWith('127.')

const report = (what) => {
  process.stderr.write(`[offline-guard] blocked ${what}\n`)
}

const refuse = (host) => {
  const error = new Error(`offline-guard: connections to ${host} are not allowed in tests`)
  error.code = 'ECONNREFUSED'
  return error
}

// every TCP/TLS connection (undici, http, https, net) ends in Socket#connect
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function guardedConnect(...args) {
  let options = args[0]
  if (Array.isArray(options)) options = options[0]
  let host
  let path
  if (options && typeof options === 'object') {
    host = options.host ?? options.hostname
    path = options.path
  } else if (typeof options === 'number' || (typeof options === 'string' && /^\d+$/.test(options))) {
    host = typeof args[1] === 'string' ? args[1] : undefined
  } else if (typeof options === 'string') {
    path = options // a unix socket
  }
  if (!path && !isLocal(host)) {
    report(`connect to ${host}`)
    process.nextTick(() => this.destroy(refuse(host)))
    return this
  }
  return connect.apply(this, args)
}

const guardLookup = (original) =>
  function guardedLookup(hostname, ...rest) {
    if (isLocal(hostname)) return original.call(this, hostname, ...rest)
    report(`dns lookup of ${hostname}`)
    const callback = rest.find((arg) => typeof arg === 'function')
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname })
    if (callback) process.nextTick(() => callback(error))
    return undefined
  }
dns.lookup = guardLookup(dns.lookup)
const promisesLookup = dns.promises.lookup
dns.promises.lookup = async (hostname, ...rest) => {
  if (isLocal(hostname)) return promisesLookup(hostname, ...rest)
  report(`dns lookup of ${hostname}`)
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname })
}
