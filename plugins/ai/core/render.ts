import { Liquid } from 'liquidjs'

import { AiError } from './types'

/**
 * Prompt templates are Liquid, strict: an unknown variable or filter is an
 * error naming it, never silently empty text sent to a paid model.
 */
const engine = new Liquid({
  strictVariables: true,
  strictFilters: true,
  ownPropertyOnly: true,
  cache: 200,
  renderLimit: 1_000,
  parseLimit: 100_000,
  memoryLimit: 10_000_000,
})

export type PromptVariables = Record<string, unknown>

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
    throw new AiError('bad_prompt', `Prompt "${name}": ${message.split(', line:')[0]}`)
  }
}
