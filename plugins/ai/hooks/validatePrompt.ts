import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import { checkPromptTemplate } from '../core/render'

/**
 * Refuses to save a prompt whose template does not parse or uses a tag that
 * loads another template ({% include %}, {% render %}, {% layout %}): in a
 * prompt those could only mean a file on the server. The renderer refuses
 * them too, for prompts stored before this check existed.
 */
export const validatePrompt =
  (): CollectionBeforeChangeHook =>
  ({ data, req }) => {
    const template = data?.template
    const problem = typeof template === 'string' ? checkPromptTemplate(template) : null
    if (problem) throw new ValidationError({ collection: 'prompts', errors: [{ path: 'template', message: problem }], req }, req.t)
    return data
  }
