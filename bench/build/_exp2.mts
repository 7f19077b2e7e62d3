import { generateSite } from './generate'
import { buildSite } from '../../plugins/site-builder/core/build'
import { loadDefaultPartials } from '../../plugins/site-builder/partials'
const { snapshot } = generateSite(Number(process.argv[2]))
const partials = loadDefaultPartials()
const mode = process.argv[3]
;(globalThis as any).gc?.()
const base = process.memoryUsage()
const t = performance.now()
const r = buildSite(snapshot, mode === 'nolimits' ? { partials, limits: { renderLimit: Infinity, memoryLimit: Infinity, parseLimit: Infinity } } : { partials })
const ms = performance.now() - t
const after = process.memoryUsage()
;(globalThis as any).gc?.()
const kept = process.memoryUsage()
console.log(mode, ms.toFixed(0), 'ms', 'rss base', (base.rss/2**20).toFixed(0), 'heapUsed base', (base.heapUsed/2**20).toFixed(0), 'peak rss', (process.resourceUsage().maxRSS/1024).toFixed(0), 'heap after gc', (kept.heapUsed/2**20).toFixed(0), r.stats.files)
