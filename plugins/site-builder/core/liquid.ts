import { LiquidError, type Liquid } from 'liquidjs'

import { createSandboxedEngine } from '../../../lib/liquid'

import { SafeHtml, escapeHtml } from './safe'
import { BuildError } from './types'

export type Limits = { parseLimit: number; renderLimit: number; memoryLimit: number; outputBytes: number }

export const DEFAULT_LIMITS: Limits = {
  parseLimit: 1_000_000, // characters of template source per parse
  renderLimit: 2_000, // ms of render time per template render
  memoryLimit: 32 * 1024 * 1024, // LiquidJS's count of string/array allocations
  outputBytes: 4 * 1024 * 1024, // largest page
}

/** Escapes everything except HTML the builder produced itself. */
const escapeOutput = (value: unknown): string => {
  if (value instanceof SafeHtml) return value.html
  if (Array.isArray(value)) return escapeHtml(value.join(''))
  return escapeHtml(value)
}

/**
 * One engine per template (core/build.ts keeps a few, by their sources), from the sandboxed factory every Liquid in Panel
 * shares: templates (sections, partials) are registered in memory; nothing
 * is ever read from disk, so `{% include '/etc/passwd' %}` resolves to
 * "not found".
 */
export const createEngine = ({ partials, limits }: { partials: Record<string, string>; limits: Limits }): Liquid =>
  createSandboxedEngine({ partials, limits, outputEscape: escapeOutput, strictVariables: false })

/** Turns LiquidJS's errors into one a template author can act on: which part, which line, what went wrong. */
export const templateError = (part: string, err: unknown): BuildError => {
  if (err instanceof BuildError) return err
  if (err instanceof LiquidError) {
    const line = (err as LiquidError & { token?: { getPosition?: () => [number, number] } }).token?.getPosition?.()[0]
    const reason = err.message
      .split(', line:')[0]
      .replace(/^(\w+Error: )/, '')
      .replace(/^ENOENT: Failed to lookup "([^"]*)".*$/, 'there is no partial named "$1" (partials come from the template\'s sections and block partials, never from files)')
    const limit = /limit exceeded/i.test(err.message) ? ' (the template is too slow or too large; check for loops that never end)' : ''
    return new BuildError(`Template ${part}${line ? ` line ${line}` : ''}: ${reason}${limit}`, { part, line })
  }
  return new BuildError(`Template ${part}: ${err instanceof Error ? err.message : String(err)}`, { part })
}

export const parseOrThrow = (engine: Liquid, part: string, source: string) => {
  try {
    return engine.parse(source)
  } catch (err) {
    throw templateError(part, err)
  }
}

export const renderOrThrow = (
  engine: Liquid,
  part: string,
  template: ReturnType<Liquid['parse']>,
  context: Record<string, unknown>,
  limits: Limits,
): string => {
  let out: string
  try {
    out = engine.renderSync(template, context) as string
  } catch (err) {
    throw templateError(part, err)
  }
  return checkOutputSize(part, out, limits)
}

const size = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`

/** The page size limit, for one rendered part or a whole page assembled from parts. */
export const checkOutputSize = (part: string, out: string, limits: Limits): string => {
  if (out.length > limits.outputBytes) {
    throw new BuildError(
      `Template ${part}: the output is ${size(out.length)}, over the ${size(limits.outputBytes)} limit for one page (check for loops that repeat content)`,
      { part },
    )
  }
  return out
}

/** For the template save hook: every Liquid part parses, or the first error names the part and line. */
export const checkTemplateSyntax = (parts: { part: string; source: string | null | undefined }[]): BuildError | null => {
  const engine = createEngine({ partials: {}, limits: DEFAULT_LIMITS })
  for (const { part, source } of parts) {
    if (!source) continue
    try {
      engine.parse(source)
    } catch (err) {
      return templateError(part, err)
    }
  }
  return null
}
