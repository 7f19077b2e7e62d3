/**
 * Reads a V8 .cpuprofile of a Panel child and says where the build's time
 * went, by the first matching frame anywhere on each sample's stack (so
 * escaping called by Liquid counts as Liquid, sha256 called by hashOf as
 * hashing). Only samples between the first one inside the fingerprint or
 * core/build.ts and the last one inside the file writer count, GC and idle included.
 */
type CallFrame = { functionName: string; url: string; lineNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] }
export type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const CATEGORIES: { name: string; test: (f: CallFrame) => boolean }[] = [
  { name: 'garbage collection', test: (f) => f.functionName === '(garbage collector)' },
  { name: 'fingerprint: minify each page (minifyHtml)', test: (f) => f.url.includes('plugins/fingerprint/core/minifyHtml') },
  { name: 'fingerprint: other (template renaming, rich text classes, icons)', test: (f) => f.url.includes('plugins/fingerprint/') },
  { name: 'rich text → HTML (Lexical converter)', test: (f) => /richtext-lexical|\/lexical\//.test(f.url) || (f.functionName === 'richText' && f.url.endsWith('core/resolve.ts')) },
  { name: 'hashing (stableStringify + sha256 per page)', test: (f) => f.url.endsWith('core/hash.ts') },
  { name: 'Liquid render (block partials, menus, layout, escaping)', test: (f) => /liquidjs/.test(f.url) || f.url.endsWith('core/liquid.ts') },
  { name: 'head (meta tags, JSON-LD)', test: (f) => f.url.endsWith('core/head.ts') },
  { name: 'block views (images, links)', test: (f) => f.url.endsWith('core/resolve.ts') || f.url.endsWith('core/blocks.ts') },
  { name: 'reading page content (NDJSON chunks, JSON.parse)', test: (f) => f.functionName === 'pageReader' || f.functionName === 'nextLine' || (f.url.endsWith('bench/build/pipeline.ts') && f.functionName === '') },
  { name: 'writing files (mkdir, writeFile)', test: (f) => f.url.endsWith('bench/build/write.ts') || /^node:(fs|internal\/fs)/.test(f.url) },
  { name: 'build.ts own code (page contexts, nav/pages lists, sorting)', test: (f) => f.url.endsWith('core/build.ts') },
  { name: 'idle / waiting on I/O', test: (f) => f.functionName === '(idle)' || f.functionName === '(program)' },
]

export const summarizeProfile = (profile: CpuProfile, run?: { buildMs: number; writeMs: number }): string => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const stackOf = (id: number): CallFrame[] => {
    const frames: CallFrame[] = []
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) frames.push(byId.get(cur)!.callFrame)
    return frames
  }
  // (tsx leaves most functions anonymous: files, not names, tell where a frame is)
  const inBuild = (frames: CallFrame[]) =>
    frames.some((f) => f.url.endsWith('core/build.ts') || f.url.includes('plugins/fingerprint/') || f.url.endsWith('bench/build/write.ts'))

  const stacks = profile.samples.map(stackOf)
  let first = stacks.findIndex(inBuild)
  let last = stacks.length - 1 - [...stacks].reverse().findIndex(inBuild)
  if (first === -1) {
    first = 0
    last = stacks.length - 1
  }
  const totals = new Map<string, number>()
  const leaves = new Map<string, number>()
  let total = 0
  for (let i = first; i <= last; i++) {
    const dt = profile.timeDeltas[i] ?? 0
    const frames = stacks[i]
    const category = CATEGORIES.find((c) => frames.some(c.test))?.name ?? 'other (V8 builtins, runtime)'
    totals.set(category, (totals.get(category) ?? 0) + dt)
    const leaf = frames[0]
    const key = `${leaf.functionName || '(anonymous)'} ${leaf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/work\/main\//, '')}:${leaf.lineNumber + 1}`
    leaves.set(key, (leaves.get(key) ?? 0) + dt)
    total += dt
  }
  const lines: string[] = []
  lines.push(`  profiled span ${(total / 1e6).toFixed(2)} s${run ? ` (that run: build ${(run.buildMs / 1000).toFixed(2)} s + write ${(run.writeMs / 1000).toFixed(2)} s; profiling slows it down)` : ''}`)
  for (const [name, us] of [...totals].sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${(us / 1e6).toFixed(2).padStart(6)} s ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`)
  }
  lines.push('  hottest functions (self time):')
  for (const [name, us] of [...leaves].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    lines.push(`  ${(us / 1e6).toFixed(2).padStart(6)} s ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`)
  }
  return lines.join('\n')
}
