/**
 * Every name the admin shows is one a person wrote (issue 15, item 5): Payload makes a label from a field's
 * name when none is given ("redirect404ToHome" -> "Redirect404 To Home", "useWww" -> "Use Www"), and
 * shows string options as their raw codes. This walks the whole built config (collections, blocks, what every
 * plugin added) and names each place that still relies on that, or breaks the admin's sentence case.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import configPromise from '@payload-config'
import type { Block, Field, SanitizedConfig } from 'payload'
import { formatLabels, toWords } from 'payload/shared'
import { describe, expect, it } from 'vitest'

import { pageBlocks } from '@/blocks'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/** Acronyms written as Payload's generator writes them ("Url", "Ai"): never right in a label. */
const GENERATED_ACRONYM = /\b(Ai|Api|Css|Cta|Faq|Html|Id|Js|Lsi|Ms|Php|Seo|Url|Usd|Utm|Www)\b/
/** Capitalised words that may stand inside a sentence-case label besides acronyms. */
const PROPER_NOUNS = new Set(['Cloudflare', 'Pages', 'OpenAI', 'Anthropic', 'JavaScript', 'Liquid', 'Hero', 'Word', 'Excel', 'PowerPoint', 'WebP', 'WebM', 'Ogg'])

/** Why a label is not one to show, or null when it is fine. */
const labelProblem = (label: string): string | null => {
  if (GENERATED_ACRONYM.test(label)) return 'an acronym written as a word'
  if (/[a-z]{2,}\d|\d[A-Z]/.test(label)) return 'digits glued to a word'
  const [, ...rest] = label.split(/\s+/)
  const titled = rest.map((word) => word.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '')).find((word) => /^\p{Lu}/u.test(word) && !/^[\p{Lu}\d]+s?$/u.test(word) && !PROPER_NOUNS.has(word))
  return titled ? `"${titled}" capitalised inside a sentence-case label` : null
}

const englishOf = (label: unknown): string | null => {
  if (typeof label === 'string') return label
  if (label && typeof label === 'object' && typeof (label as Record<string, unknown>).en === 'string') return (label as Record<string, string>).en
  return null // a function: a translation Payload or a plugin provides
}

type Finding = { where: string; problem: string }

const isHidden = (field: Field): boolean => Boolean(('hidden' in field && field.hidden) || (field.admin && 'hidden' in field.admin && field.admin.hidden))

const checkFields = (fields: Field[], where: string, findings: Finding[]): void => {
  for (const field of fields) {
    if (isHidden(field)) continue
    const name = 'name' in field ? field.name : undefined
    const here = name ? `${where}.${name}` : where
    // blockName is Payload's own (the optional name in a block's header)
    if (name && field.type !== 'ui' && !name.startsWith('_') && name !== 'blockName') {
      const label = englishOf('label' in field ? field.label : undefined)
      if (label !== null && label !== '') {
        // the generator's own label passes only when it is one plain word ("Heading" for heading)
        if (label === toWords(name) && !/^\p{Lu}\p{Ll}+$/u.test(label)) findings.push({ where: here, problem: `label "${label}" is generated from the name` })
        const problem = labelProblem(label)
        if (problem) findings.push({ where: here, problem: `label "${label}": ${problem}` })
      }
    }
    if ((field.type === 'select' || field.type === 'radio') && !(field.admin && 'components' in field.admin && field.admin.components?.Field)) {
      for (const option of field.options) {
        if (typeof option === 'string') {
          findings.push({ where: here, problem: `option "${option}" has no label (the admin shows the raw value)` })
          continue
        }
        const label = englishOf(option.label)
        if (label === null) continue
        if (/^\p{Ll}/u.test(label)) findings.push({ where: here, problem: `option label "${label}" starts in lower case` })
        const problem = labelProblem(label)
        if (problem) findings.push({ where: here, problem: `option label "${label}": ${problem}` })
      }
    }
    if (field.type === 'array' && name) {
      const singular = englishOf(field.labels?.singular)
      if (singular !== null && singular === formatLabels(name).singular && /\s/.test(singular)) {
        findings.push({ where: here, problem: `row label "${singular}" ("Add ${singular}") is generated from the name` })
      }
    }
    if (field.type === 'tabs') {
      for (const tab of field.tabs) checkFields(tab.fields, 'name' in tab && tab.name ? `${here}.${tab.name}` : `${here}[${englishOf(tab.label) ?? 'tab'}]`, findings)
    } else if (field.type === 'blocks') {
      for (const block of field.blocks) checkBlock(block, `${here}`, findings)
    } else if ('fields' in field && Array.isArray(field.fields)) {
      checkFields(field.fields, here, findings)
    }
  }
}

const checkBlock = (block: Block, where: string, findings: Finding[]): void => {
  const here = `${where}<${block.slug}>`
  const singular = englishOf(block.labels?.singular)
  if (singular === null) findings.push({ where: here, problem: 'the block has no label' })
  else {
    if (singular === formatLabels(block.slug).singular && !/^\p{Lu}\p{Ll}+$/u.test(singular)) findings.push({ where: here, problem: `block label "${singular}" is generated from the slug` })
    const problem = labelProblem(singular)
    if (problem) findings.push({ where: here, problem: `block label "${singular}": ${problem}` })
  }
  checkFields(block.fields, here, findings)
}

/** Payload's own collections (payload-jobs, payload-preferences, …) are Payload's to name. */
const ours = (config: SanitizedConfig) => config.collections.filter((c) => !c.slug.startsWith('payload-'))

describe('admin labels (issue 15.5)', () => {
  it('no field, option, row, block or collection shows a label generated from its code name', async () => {
    const config = await configPromise
    const findings: Finding[] = []
    for (const collection of ours(config)) {
      const plural = englishOf(collection.labels?.plural)
      if (plural !== null) {
        if (plural === formatLabels(collection.slug).plural && /\s/.test(plural)) findings.push({ where: collection.slug, problem: `collection label "${plural}" is generated from the slug` })
        const problem = labelProblem(plural)
        if (problem) findings.push({ where: collection.slug, problem: `collection label "${plural}": ${problem}` })
      }
      checkFields(collection.fields, collection.slug, findings)
    }
    for (const global of config.globals) checkFields(global.fields, `global ${global.slug}`, findings)
    expect(findings.map((f) => `${f.where}: ${f.problem}`)).toEqual([])
    // the walk saw the fields the issue named
    const sites = config.collections.find((c) => c.slug === 'sites')!
    expect(JSON.stringify(sites.fields)).toContain('"name":"redirect404ToHome"')
  })

  it('catches what it is meant to catch', () => {
    expect(labelProblem('Redirect404 To Home')).not.toBeNull()
    expect(labelProblem('Use Www')).not.toBeNull()
    expect(labelProblem('Url Style')).not.toBeNull()
    expect(labelProblem('Ai Monthly Token Budget')).not.toBeNull()
    expect(labelProblem('Brand Name')).not.toBeNull()
    expect(labelProblem('AI monthly token budget')).toBeNull()
    expect(labelProblem('Cloudflare Pages project')).toBeNull()
    expect(labelProblem('Page heading (h1)')).toBeNull()
    const findings: Finding[] = []
    checkFields([{ name: 'useWww', type: 'checkbox', label: toWords('useWww') }, { name: 'size', type: 'select', options: ['wide'] }], 'x', findings)
    expect(findings).toHaveLength(3)
  })

  it('every block in the picker has its own thumbnail served by the app, with its description as alt text', () => {
    const urls = new Set<string>()
    for (const block of pageBlocks) {
      const thumbnail = block.admin?.images?.thumbnail
      expect(thumbnail, block.slug).toBeTypeOf('object')
      if (typeof thumbnail !== 'object') continue
      expect(thumbnail.url, block.slug).toMatch(/^\/[^/]/)
      expect(thumbnail.alt?.length ?? 0, block.slug).toBeGreaterThan(20)
      // Next serves public/ at the site's root; the picture says in words what its alt says
      const svg = fs.readFileSync(path.join(ROOT, 'public', thumbnail.url), 'utf8')
      expect(svg, block.slug).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
      expect(svg, block.slug).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg")/)
      expect(/<title[^>]*>([^<]*)<\/title>/.exec(svg)?.[1], block.slug).toBe(thumbnail.alt)
      expect([...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]).join(' '), block.slug).toBe(thumbnail.alt)
      urls.add(thumbnail.url)
    }
    expect(urls.size).toBe(pageBlocks.length)
  })
})
