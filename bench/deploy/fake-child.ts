/**
 * The fake Cloudflare API in a process of its own, so that its work (parsing
 * 40 MiB upload bodies, checking hashes) competes with neither our publisher
 * nor wrangler for the benchmark's event loop. Driven over IPC:
 *   { cmd: 'reset', project }  -> empty asset store, one empty project
 *   { cmd: 'stats' }           -> uploads so far (keys, raw bytes, calls)
 *   { cmd: 'deployments' }     -> each deployment's manifest size and sha256
 * Prints nothing; sends { ready, baseURL, apiToken, accountId } first.
 */
import { createHash } from 'node:crypto'

import { startFakeCloudflare } from '../../tests/fakes/cloudflare'
import { makeProject } from '../../tests/fakes/cloudflare/state'

const fake = await startFakeCloudflare({ pollsUntilDone: 1 })
const send = (message: unknown) => process.send?.(message)

const rawBytes = (base64: string): number => Math.floor((base64.length * 3) / 4) - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0)

process.on('message', (message: { cmd: string; project?: string }) => {
  const { state } = fake
  if (message.cmd === 'reset') {
    state.assets.clear()
    state.upserted.clear()
    state.deployments.clear()
    state.projects.clear()
    state.calls.length = 0
    state.uploadedKeys.length = 0
    state.verified.clear()
    state.projects.set(message.project!, makeProject(message.project!, 'main'))
    send({ cmd: 'reset' })
  } else if (message.cmd === 'stats') {
    const uploads = state.calls.filter((call) => call.route === 'upload')
    send({
      cmd: 'stats',
      uploadedKeys: state.uploadedKeys.length,
      uploadedBytes: state.uploadedKeys.reduce((sum, key) => sum + rawBytes(state.assets.get(key)?.base64 ?? ''), 0),
      uploadCalls: uploads.length,
      calls: state.calls.length,
      cpuMs: (({ user, system }) => (user + system) / 1000)(process.cpuUsage()),
    })
  } else if (message.cmd === 'deployments') {
    send({
      cmd: 'deployments',
      list: [...state.deployments.values()].map((d) => {
        const sorted = Object.fromEntries(Object.keys(d.manifest).sort().map((key) => [key, d.manifest[key]]))
        return { id: d.id, files: Object.keys(d.manifest).length, sha: createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16) }
      }),
    })
  } else if (message.cmd === 'close') {
    void fake.close().then(() => process.exit(0))
  }
})

// the benchmark ended (or crashed): do not outlive it
process.on('disconnect', () => process.exit(0))

send({ ready: true, baseURL: fake.baseURL, apiToken: fake.apiToken, accountId: fake.accountId })
