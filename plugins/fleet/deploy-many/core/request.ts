import type { FleetKind } from '../constants'

type ID = number | string

export type FleetRequest =
  | { kind: 'selected'; sites: ID[] }
  | { kind: 'changed' }
  | { kind: 'template'; template: ID }
  | { kind: 'footprint'; footprint: ID }

export type FleetRequestProblem = { field: string; message: string }

const isId = (value: unknown): value is ID =>
  (typeof value === 'number' && Number.isInteger(value) && value > 0) || (typeof value === 'string' && /^\S{1,64}$/.test(value))

const USAGE = 'Send {"sites": [ids]}, {"changed": true}, {"template": id} or {"footprint": id}.'

/**
 * POST /api/fleet-deployments's body: exactly one way of choosing the sites. Pure (no Payload), so every
 * malformed body gets a 400 naming the field before anything is looked up.
 */
export const parseFleetRequest = (body: unknown): { value: FleetRequest } | { problems: FleetRequestProblem[] } => {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { problems: [{ field: '', message: `The body must be a JSON object. ${USAGE}` }] }
  const data = body as Record<string, unknown>
  const given = (['sites', 'changed', 'template', 'footprint'] as const).filter((key) => data[key] !== undefined)
  if (given.length !== 1) {
    return { problems: [{ field: given.join(', '), message: `Choose the sites one way${given.length ? ` (got ${given.join(' and ')})` : ''}. ${USAGE}` }] }
  }
  const [key] = given as [keyof typeof data & string]
  const kind: FleetKind = key === 'sites' ? 'selected' : (key as FleetKind)
  if (kind === 'selected') {
    const sites = data.sites
    if (!Array.isArray(sites) || sites.length === 0) return { problems: [{ field: 'sites', message: 'sites must be a non-empty list of site ids.' }] }
    const bad = sites.findIndex((id) => !isId(id))
    if (bad !== -1) return { problems: [{ field: `sites.${bad}`, message: `sites[${bad}] is not a site id: ${JSON.stringify(sites[bad])}.` }] }
    const seen = new Set<string>()
    return { value: { kind, sites: (sites as ID[]).filter((id) => !seen.has(String(id)) && Boolean(seen.add(String(id)))) } }
  }
  if (kind === 'changed') {
    if (data.changed !== true) return { problems: [{ field: 'changed', message: 'changed must be true (deploy every site changed since its last successful deployment).' }] }
    return { value: { kind } }
  }
  const id = data[key]
  if (!isId(id)) return { problems: [{ field: key, message: `${key} must be the id of a ${key}.` }] }
  return { value: kind === 'template' ? { kind, template: id } : { kind: 'footprint', footprint: id } }
}
