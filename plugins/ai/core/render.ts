import { createSandboxedEngine, PartialTagError, type EngineLimits } from '../../../lib/liquid'
import { AiError } from './types'

export const PROMPT_LIMITS: EngineLimits = {
  parseLimit: 100_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
}

/**
 * Prompt templates are Liquid, strict: an unknown variable or filter is an
 * error naming it, never silently empty text sent to a paid model. They
 * render in the same sandbox as site templates, with no partials at all: a
 * prompt cannot include, render or lay itself out in a file (such as
 * `.env`), only use the variables it is given. Plain text: no HTML escaping.
 */
const engine = createSandboxedEngine({ limits: PROMPT_LIMITS, strictVariables: true })

export type PromptVariables = Record<string, unknown>

const reason = (err: unknown): string => {
  const cause = (err as { originalError?: unknown }).originalError
  if (err instanceof PartialTagError || cause instanceof PartialTagError) {
    const tag = (err instanceof PartialTagError ? err : (cause as PartialTagError)).tag
    return `{% ${tag} %} is not allowed: prompts cannot read files or other templates. Write the text into the prompt itself and use its variables`
  }
  return ((err as Error).message ?? String(err)).split(', line:')[0]
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`)

/** Why a prompt template cannot be saved (it does not parse, or it uses a tag that loads files), or null. */
export const checkPromptTemplate = (template: string): string | null => {
  try {
    engine.parse(template)
    return null
  } catch (err) {
    const line = (err as { token?: { getPosition?: () => [number, number] } }).token?.getPosition?.()[0]
    return sentence(`Prompt template${line ? ` line ${line}` : ''}: ${reason(err)}`)
  }
}

export const renderPrompt = ({ template, variables, name }: { template: string; variables: PromptVariables; name: string }): string => {
  try {
    return engine.parseAndRenderSync(template, variables).trim()
  } catch (err) {
    const message = (err as Error).message ?? String(err)
    const undefinedVariable = /undefined variable: ([\w.[\]'"]+)/.exec(message)
    if (undefinedVariable) {
      const known = Object.keys(variables).sort().join(', ')
      throw new AiError('bad_prompt', `Prompt "${name}": unknown variable {{ ${undefinedVariable[1]} }}. Known variables: ${known}.`)
    }
    const undefinedFilter = /undefined filter: (\w+)/.exec(message)
    if (undefinedFilter) throw new AiError('bad_prompt', `Prompt "${name}": unknown filter "${undefinedFilter[1]}".`)
    throw new AiError('bad_prompt', sentence(`Prompt "${name}": ${reason(err)}`))
  }
}
