import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'

/** The W3C Nu Html Checker (the `vnu-jar` package), run on Debian's Java 17 (`apt-get install -y openjdk-17-jre-headless`). */
const VNU_JAR = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar')

type VnuMessage = { type: string; subType?: string; url?: string; lastLine?: number; firstColumn?: number; message: string; extract?: string }

/**
 * Checks many HTML documents with one Java process (starting Java per page costs seconds each): they are written
 * under a temporary folder by name (a name not ending in .html/.htm gets `.html` added, so `reviews.php` is checked
 * too), checked together, and every error comes back as `name:line:column message`. Empty when all are valid.
 */
export const vnuErrors = async (documents: Map<string, string>): Promise<string[]> => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'panel-vnu-'))
  try {
    const names = new Map<string, string>()
    for (const [name, html] of documents) {
      const file = path.join(dir, /\.html?$/.test(name) ? name : `${name}.html`)
      if (!file.startsWith(dir + path.sep)) throw new Error(`vnuErrors: "${name}" is outside the folder`)
      await fs.mkdir(path.dirname(file), { recursive: true })
      await fs.writeFile(file, html)
      names.set(file, name)
    }
    const args = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xss8m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', '--stdout', '--exit-zero-always', dir]
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile('java', args, { maxBuffer: 64 * 1024 * 1024 }, (err, out, stderr) => {
        if (err) {
          const hint = (err as NodeJS.ErrnoException).code === 'ENOENT' ? ' (no `java` on PATH: apt-get install -y openjdk-17-jre-headless)' : ''
          reject(new Error(`vnu failed${hint}: ${err.message}\n${stderr}`))
        } else resolve(out)
      }),
    )
    const { messages } = JSON.parse(stdout) as { messages: VnuMessage[] }
    return messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal')
      .map((m) => {
        const file = m.url ? decodeURIComponent(new URL(m.url).pathname) : ''
        return `${names.get(file) ?? file}:${m.lastLine ?? 0}:${m.firstColumn ?? 0} ${m.message}${m.extract ? ` [${m.extract.trim()}]` : ''}`
      })
      .sort()
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}
