/**
 * The body of POST /api/sites/:id/clone, checked before anything is made. Pure: the domain's format and
 * uniqueness are the sites collection's own checks (the new site is created through it).
 */
export type ID = number | string

export type CloneRequest = {
  domain: string
  brandName: string
  /** Another template for the clone; the source's when absent. */
  template?: ID
  /** Another footprint (`null`: none); the source's when absent. */
  footprint?: ID | null
  /** Copy every page as a draft and queue an AI bulk run that rewrites them, so the clone publishes no duplicate text. */
  rewriteWithAi: boolean
}

export type CloneRequestProblem = { field: string; message: string }

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value)

/** An id as posted (a number, a numeric string, or `{ id }`); `absent` when left out, `bad` when unreadable. */
const readId = (value: unknown): { id: ID | null } | 'absent' | 'bad' => {
  if (value === undefined || value === '') return 'absent'
  if (value === null) return { id: null }
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? { id: value } : 'bad'
  if (typeof value === 'string') return /^\d+$/.test(value.trim()) ? { id: Number(value.trim()) } : value.trim() ? { id: value.trim() } : 'bad'
  if (isRecord(value) && 'id' in value) return readId(value.id)
  return 'bad'
}

/** The request, or every problem with it (a field name and what to do about it). */
export const parseCloneRequest = (body: unknown): { value: CloneRequest } | { problems: CloneRequestProblem[] } => {
  if (!isRecord(body)) return { problems: [{ field: 'body', message: 'Send a JSON object: {"domain": "new-site.com", "brandName": "New Brand"}.' }] }
  const problems: CloneRequestProblem[] = []
  const domain = typeof body.domain === 'string' ? body.domain.trim() : ''
  if (!domain) problems.push({ field: 'domain', message: 'Enter the domain of the new site, e.g. new-site.com: a clone needs a domain of its own.' })
  const brandName = typeof body.brandName === 'string' ? body.brandName.trim() : ''
  if (!brandName) problems.push({ field: 'brandName', message: 'Enter the brand name of the new site: a clone needs a brand of its own.' })
  else if (brandName.length > 120) problems.push({ field: 'brandName', message: 'A brand name is at most 120 characters long.' })
  const template = readId(body.template)
  if (template === 'bad' || (template !== 'absent' && template.id === null)) problems.push({ field: 'template', message: 'Give the id of a template, or leave "template" out to keep the source site\'s.' })
  const footprint = readId(body.footprint)
  if (footprint === 'bad') problems.push({ field: 'footprint', message: 'Give the id of a footprint, null for none, or leave "footprint" out to keep the source site\'s.' })
  const rewrite = body.rewriteWithAi
  if (rewrite !== undefined && rewrite !== null && typeof rewrite !== 'boolean') problems.push({ field: 'rewriteWithAi', message: '"rewriteWithAi" is true or false.' })
  if (problems.length > 0) return { problems }
  return {
    value: {
      domain,
      brandName,
      ...(typeof template === 'object' && template.id !== null ? { template: template.id } : {}),
      ...(typeof footprint === 'object' ? { footprint: footprint.id } : {}),
      rewriteWithAi: rewrite === true,
    },
  }
}
