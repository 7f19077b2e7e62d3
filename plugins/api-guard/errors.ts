import type { AfterErrorHook } from 'payload'

type Known = { status: number; message: string }

const INVALID_JSON: Known = {
  status: 400,
  message:
    'Part of the request is not valid JSON. Send filters as where[field][operator]=value (or as valid JSON), ' +
    'and in multipart/form-data the "_payload" part as a JSON object.',
}

const VALUE_DOES_NOT_FIT: Known = {
  status: 400,
  message:
    'A value in the request does not fit its field: text where a number, an id or a date is expected. ' +
    'Check the values in where[...] and the ids you sent.',
}

const NUL_IN_TEXT: Known = {
  status: 400,
  message: 'Text in the request contains a NUL character (\\u0000), which cannot be stored: remove it and send it again.',
}

/** PostgreSQL's data exceptions (class 22: invalid text for an integer, a bad date, a NUL in text) and libsql's refusals of NaN or undefined. */
const isValueError = (cause: unknown): boolean => {
  if (!cause || typeof cause !== 'object') return false
  const { code, message } = cause as { code?: unknown; message?: unknown }
  if (typeof code === 'string' && code.startsWith('22')) return true
  return typeof message === 'string' && /can be passed as argument|cannot be passed as argument/.test(message)
}

/**
 * Errors Payload lets through as a 500 "Something went wrong." although the
 * request, not the server, was at fault: its own JSON.parse of `where`,
 * `data` or `_payload`, and the database refusing a value of the wrong type
 * (a filter's, or text with a NUL). Everything else keeps Payload's answer.
 */
export const knownClientError = (error: unknown): Known | null => {
  if (error instanceof SyntaxError) return INVALID_JSON
  const { name, message, cause } = (error ?? {}) as { name?: string; message?: string; cause?: unknown }
  if (!(name === 'DrizzleQueryError' || message?.startsWith('Failed query:')) || !isValueError(cause)) return null
  return (cause as { code?: unknown }).code === '22021' ? NUL_IN_TEXT : VALUE_DOES_NOT_FIT
}

/** What Payload's REST formatter answers when it cannot read an error's message (it goes by the error's `name`). */
const GENERIC_MESSAGES = new Set(['An unknown error occurred.', 'Something went wrong.'])

/** Payload's rule (isErrorPublic): said to be public, or a status below 500 not said to be private. */
const publicMessage = (error: unknown): string | null => {
  const { isPublic, status, message } = (error ?? {}) as { isPublic?: unknown; status?: unknown; message?: unknown }
  const isPublicError = isPublic === true || (isPublic !== false && typeof status === 'number' && status < 500)
  return isPublicError && typeof message === 'string' && message !== '' ? message : null
}

/**
 * The one place where errors become answers that say what to fix, over REST
 * and GraphQL: the client errors above become 4xx, and a public error (a
 * refusal we threw with its reason) never reaches the client as a generic
 * message, whatever shape it arrived in.
 */
export const explainClientErrors: AfterErrorHook = ({ error, graphqlResult, result }) => {
  const original = error instanceof Error && 'originalError' in error && error.originalError ? error.originalError : error
  const known = knownClientError(original)
  if (known) {
    if (graphqlResult) return { graphqlResult: { ...graphqlResult, message: known.message, extensions: { ...graphqlResult.extensions, statusCode: known.status } } }
    return { response: { errors: [{ message: known.message }] }, status: known.status }
  }
  const message = publicMessage(original)
  const first = result?.errors?.[0]
  if (!graphqlResult && message && result?.errors?.length === 1 && first && GENERIC_MESSAGES.has(first.message ?? '')) {
    return { response: { ...result, errors: [{ ...first, message }] } }
  }
}
