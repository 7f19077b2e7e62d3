import fs from 'node:fs'
import path from 'node:path'

import type { OutputFile } from '../../plugins/site-builder/core/types'

export type Writer = { write: (rel: string, file: OutputFile) => void; bytes: number; files: number; ms: number }

/**
 * mkdir -p each folder once, then writeFile, one file at a time as the build
 * hands it over. Synchronous on purpose: on this machine (tmpfs and virtio disk
 * alike) small files are written faster one after another than through
 * libuv's thread pool with writes in flight. `ms` is the time spent writing.
 */
export const createWriter = (root: string): Writer => {
  const made = new Set<string>()
  const writer: Writer = {
    bytes: 0,
    files: 0,
    ms: 0,
    write: (rel, file) => {
      const t0 = performance.now()
      const target = path.join(root, rel)
      const dir = path.dirname(target)
      if (!made.has(dir)) {
        // a page's folder is usually one level below one already made: a plain mkdir is a single syscall
        try {
          fs.mkdirSync(dir)
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code
          if (code === 'ENOENT') fs.mkdirSync(dir, { recursive: true })
          else if (code !== 'EEXIST') throw err
        }
        made.add(dir)
      }
      fs.writeFileSync(target, file.body)
      writer.bytes += typeof file.body === 'string' ? Buffer.byteLength(file.body) : file.body.byteLength
      writer.files++
      writer.ms += performance.now() - t0
    },
  }
  return writer
}
