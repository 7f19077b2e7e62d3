import { Liquid, Tag, type TagToken, type TopLevelToken } from 'liquidjs'

/**
 * The one way Panel makes a Liquid engine: site templates, block partials and
 * AI prompts all render through here. No Payload, no disk.
 *
 * - No file system: the engine's fs is an in-memory map (LiquidJS's MapFS
 *   over `partials`), so a name such as `'../.env'` or `'/etc/passwd'` can
 *   only ever resolve to a partial the caller handed in. Without `partials`
 *   the tags that load another template are refused when a template is parsed.
 * - Own properties only: `{{ page.constructor }}` is nothing, not a function.
 * - Limits on template size (parse), render time and allocations (memory).
 */

export type EngineLimits = {
  /** Characters of template source per parse. */
  parseLimit: number
  /** Milliseconds of render time per render. */
  renderLimit: number
  /** LiquidJS's count of string and array allocations per render. */
  memoryLimit: number
}

/** The tags that load another template by name: the only ones that could reach a file. */
export const PARTIAL_TAGS = ['include', 'render', 'layout'] as const

export type SandboxOptions = {
  /** Templates the partial tags may load, by name. Without it, those tags are refused. */
  partials?: Record<string, string>
  limits: EngineLimits
  /** Applied to every `{{ output }}` (HTML escaping for pages); none for plain text. */
  outputEscape?: (value: unknown) => string
  /** An unknown variable is an error instead of empty text. */
  strictVariables?: boolean
}

export class PartialTagError extends Error {
  constructor(readonly tag: string) {
    super(`{% ${tag} %} is not allowed here: it loads another template or file, and this text cannot read files or other templates`)
    this.name = 'PartialTagError'
  }
}

const refusedTag = (name: string) =>
  class RefusedTag extends Tag {
    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
      super(token, remainTokens, liquid)
      // thrown while parsing, so a template using it never renders, wherever the tag sits (if, for, {% liquid %})
      throw new PartialTagError(name)
    }

    render(): never {
      throw new PartialTagError(name)
    }
  }

export const createSandboxedEngine = ({ partials, limits, outputEscape, strictVariables = false }: SandboxOptions): Liquid => {
  const engine = new Liquid({
    // always a map, never the disk: LiquidJS reads files from the working directory when `templates` is absent
    templates: partials ?? {},
    ...(outputEscape ? { outputEscape } : {}),
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables,
    jekyllInclude: false,
    relativeReference: false,
    extname: '',
    cache: true,
    parseLimit: limits.parseLimit,
    renderLimit: limits.renderLimit,
    memoryLimit: limits.memoryLimit,
    greedy: false,
  })
  if (!partials) for (const name of PARTIAL_TAGS) engine.registerTag(name, refusedTag(name))
  return engine
}
