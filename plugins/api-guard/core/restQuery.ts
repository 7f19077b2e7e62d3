import { QUERY_LIMITS, type QueryLimits } from './limits'

/** A join field of the collection being read: its path and the limit Payload uses when none is asked for. */
export type JoinSpec = { path: string; defaultLimit: number }

export type RestQueryInput = {
  /** The query string as Payload parsed it (strings and nested objects). */
  query: Record<string, unknown>
  /** The collection's plural label, for messages. */
  label: string
  /** A read of many documents (GET /api/pages, /api/pages/versions): `limit` and `pagination` apply. */
  isListRead: boolean
  /** A bulk write (PATCH or DELETE with `where`): how many documents it touches is up to `where`. */
  isBulkWrite: boolean
  joins: JoinSpec[]
  /** Payload's `defaultDepth` (2 unless configured). */
  defaultDepth: number
  limits?: QueryLimits
}

/** Payload reads 10 documents when a list read names no limit. */
const DEFAULT_LIMIT = 10

type Parsed = { value?: number; problem?: string }

const wholeNumber = (raw: unknown, name: string, range: string): Parsed => {
  if (raw === undefined || raw === '') return {}
  const n = typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : Number.NaN
  if (!Number.isInteger(n)) return { problem: `${name} must be a whole number from ${range}, not ${JSON.stringify(raw)}` }
  return { value: n }
}

const isFalse = (value: unknown): boolean => value === false || value === 'false'
const isTrue = (value: unknown): boolean => value === true || value === 'true'

/** Whether `select` leaves a join in: an include-list must name it, an exclude-list must not drop it. */
const isSelected = (select: unknown, path: string): boolean => {
  if (!select || typeof select !== 'object') return true
  const values = Object.values(select as Record<string, unknown>)
  const isIncludeList = values.some((v) => isTrue(v) || (v !== null && typeof v === 'object'))
  let node: unknown = select
  for (const segment of path.split('.')) {
    if (!node || typeof node !== 'object') return !isIncludeList
    node = (node as Record<string, unknown>)[segment]
    if (node === undefined) return !isIncludeList
    if (isFalse(node)) return false
    if (isTrue(node)) return true
  }
  return true
}

/**
 * The first limit a REST request goes past, as a sentence that says which
 * limit and what to ask for instead; null when the request is within them.
 * Pure: the caller answers 400 with the sentence.
 */
export const restQueryProblem = (input: RestQueryInput): string | null => {
  const limits = input.limits ?? QUERY_LIMITS
  const { query, label } = input

  const depth = wholeNumber(query.depth, 'depth', `0 to ${limits.maxDepth}`)
  if (depth.problem) return depth.problem
  if (depth.value !== undefined && (depth.value < 0 || depth.value > limits.maxDepth)) {
    return `depth=${depth.value} is over the limit: depth may be 0 to ${limits.maxDepth}. Ask for less depth and fetch what you need below it in a second request.`
  }
  const effectiveDepth = depth.value ?? input.defaultDepth

  let top = 1
  if (input.isListRead) {
    const maxLimit = effectiveDepth === 0 ? limits.maxLimitAtDepthZero : limits.maxLimit
    if (isFalse(query.pagination)) {
      return `pagination=false (every ${label} document at once) is not available over the API: page through them with limit (at most ${maxLimit}) and page.`
    }
    const limit = wholeNumber(query.limit, 'limit', `1 to ${maxLimit}`)
    if (limit.problem) return limit.problem
    if (limit.value === 0) {
      return `limit=0 (no limit) is not available over the API: ask for at most ${maxLimit} ${label} at a time and page through the rest with page.`
    }
    if (limit.value !== undefined && (limit.value < 0 || limit.value > maxLimit)) {
      const atDepth = effectiveDepth === 0 ? '' : ` (${limits.maxLimitAtDepthZero} with depth=0)`
      return `limit=${limit.value} is over the limit: ask for 1 to ${maxLimit}${atDepth} ${label} at a time and page through the rest with page.`
    }
    top = limit.value ?? DEFAULT_LIMIT
  }

  // Payload has parsed the query in place by now: numbers are numbers, joins[name] is false or { limit, ... }
  // (a bare joins=false is not understood over REST in 3.90: every join is still read)
  const joinParams = query.joins
  const asked = joinParams && typeof joinParams === 'object' ? (joinParams as Record<string, unknown>) : {}
  for (const [path, param] of Object.entries(asked)) {
    if (isFalse(param) || !param || typeof param !== 'object') continue
    const limit = wholeNumber((param as Record<string, unknown>).limit, `joins[${path}][limit]`, `1 to ${limits.maxJoinLimit}`)
    if (limit.problem) return limit.problem
    if (limit.value === 0) {
      return `joins[${path}][limit]=0 (every joined document) is not available over the API: ask for at most ${limits.maxJoinLimit} and page through the rest with joins[${path}][page].`
    }
    if (limit.value !== undefined && (limit.value < 0 || limit.value > limits.maxJoinLimit)) {
      return `joins[${path}][limit]=${limit.value} is over the limit: a join may return 1 to ${limits.maxJoinLimit} documents; page through the rest with joins[${path}][page].`
    }
  }

  // joined documents are read in full from depth 1 on (at depth 0 they are ids)
  if (input.isBulkWrite || effectiveDepth === 0) return null
  const joined = input.joins
    .filter((join) => !isFalse(asked[join.path]) && isSelected(query.select, join.path))
    .map((join) => {
      const param = asked[join.path] as Record<string, unknown> | undefined
      const limit = wholeNumber(param?.limit, '', '').value
      return { path: join.path, limit: limit ?? join.defaultLimit }
    })
    .filter((join) => join.limit > 0)
  const perDocument = joined.reduce((sum, join) => sum + join.limit, 0)
  const documents = top * (1 + perDocument)
  if (documents <= limits.maxDocuments) return null
  const parts = joined.map((join) => `${join.path} ${join.limit}`).join(', ')
  const example = joined[0]?.path ?? 'name'
  return (
    `This request could read ${documents} documents (${top} ${label} × (1 + ${perDocument} joined: ${parts})); ` +
    `the most one request may read is ${limits.maxDocuments}. Ask for fewer: a smaller limit, a smaller joins[${example}][limit], ` +
    `joins[${example}]=false to leave a join out, or depth=0 to get joined documents as ids.`
  )
}
