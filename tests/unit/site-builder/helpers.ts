import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { JSDOM } from 'jsdom'

import { buildSite, type BuildSiteOptions } from '../../../plugins/site-builder/core/build'
import { BuildError, type BuildResult, type SiteSnapshot } from '../../../plugins/site-builder/core/types'
import { loadDefaultPartials } from '../../../plugins/site-builder/partials'
import { makeSnapshot } from '../../fixtures/snapshot'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export const partials = loadDefaultPartials(root)

export const build = (snapshot: SiteSnapshot = makeSnapshot(), options: Partial<BuildSiteOptions> = {}): BuildResult =>
  buildSite(snapshot, { partials, ...options })

/** The text of one output file; fails the test when the build did not make it. */
export const fileText = (result: BuildResult, filePath: string): string => {
  const file = result.files.get(filePath)
  if (!file) throw new Error(`the build made no "${filePath}"; it made: ${[...result.files.keys()].join(', ')}`)
  return typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body)
}

/** Parsed with a real HTML parser (jsdom, parse5 underneath); scripts are never run. */
export const parseHtml = (html: string): Document => new JSDOM(html).window.document

export const pageDocument = (result: BuildResult, filePath: string): Document => parseHtml(fileText(result, filePath))

export const htmlFiles = (result: BuildResult): string[] => [...result.files.keys()].filter((p) => /\.(html|php|htm)$/.test(p))

/** The block section rendered for block `index` (1-based) of a page. */
export const blockSection = (doc: Document, index: number): HTMLElement => {
  const section = doc.getElementById(`block-${index}`)
  if (!section) throw new Error(`no block-${index} on the page`)
  return section
}

/** The JSON-LD objects of a page, parsed (a parse error fails the test). */
export const jsonLd = (doc: Document): Array<Record<string, unknown>> =>
  [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent ?? ''))

/** Runs `fn`, which must throw a BuildError, and returns it. */
export const buildError = (fn: () => unknown): BuildError => {
  try {
    fn()
  } catch (err) {
    if (err instanceof BuildError) return err
    throw new Error(`expected a BuildError, got ${String(err)}`)
  }
  throw new Error('expected a BuildError, but the build succeeded')
}

export const attr = (el: Element | null, name: string): string | null => el?.getAttribute(name) ?? null
