// One Eleventy 3 build, in its own process (plain Node, no TypeScript loader in the way).
// Usage (cwd = the bench's temp dir): node bench/build/eleventy-child.mjs <input dir> <output dir> <data.json>
// Prints one JSON line: { ms, cpuMs, peakMB, files }.
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'

const [input, output, dataFile] = process.argv.slice(2)
const { default: Eleventy } = await import('@11ty/eleventy')
const { default: markdownIt } = await import('markdown-it')

const data = JSON.parse(fs.readFileSync(dataFile, 'utf8'))
const md = markdownIt({ html: true })

const cpu0 = process.cpuUsage()
const started = performance.now()
const elev = new Eleventy(input, output, {
  quietMode: true,
  config(eleventyConfig) {
    for (const [key, value] of Object.entries(data)) eleventyConfig.addGlobalData(key, value)
    // the current page in the menu, as Panel's builder sets `current`
    eleventyConfig.addGlobalData('eleventyComputed', {
      navigation: (d) => (d.nav_items ?? []).map((n) => ({ ...n, current: n.url === d.pg?.url })),
      footer_navigation: (d) => d.nav_items ?? [],
    })
    eleventyConfig.addFilter('markdown', (s) => md.render(String(s ?? '')))
    eleventyConfig.addPassthroughCopy(`${input}/assets`)
    // Panel's engine trims whitespace the same way (greedy: false)
    eleventyConfig.setLiquidOptions({ greedy: false })
  },
})
await elev.write()
const ms = performance.now() - started
const cpu = process.cpuUsage(cpu0)

let files = 0
const count = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) e.isDirectory() ? count(`${dir}/${e.name}`) : files++
}
count(output)
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, peakMB: process.resourceUsage().maxRSS / 1024, files })}\n`)
