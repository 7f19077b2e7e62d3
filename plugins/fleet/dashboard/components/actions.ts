/**
 * The dashboard's bulk actions, each a call (or one call per site) to an endpoint that already exists, so
 * every rule of that endpoint (access, budgets, rate limits, the trash) applies unchanged. Browser code.
 */

export type ActionResult = { ok: { id: number; domain: string }[]; failed: { id: number; domain: string; reason: string }[] }
type Target = { id: number; domain: string }

const reasonOf = async (res: Response): Promise<string> => {
  try {
    const body = (await res.json()) as { errors?: { message?: string }[]; message?: string }
    return body.errors?.[0]?.message ?? body.message ?? `HTTP ${res.status}`
  } catch {
    return `HTTP ${res.status}`
  }
}

/** One POST per site, a few at a time; each site's answer is reported on its own. */
const perSite = async (sites: Target[], call: (site: Target) => Promise<Response>, concurrency = 3): Promise<ActionResult> => {
  const result: ActionResult = { ok: [], failed: [] }
  let next = 0
  const worker = async () => {
    while (next < sites.length) {
      const site = sites[next++]!
      try {
        const res = await call(site)
        if (res.ok) result.ok.push(site)
        else result.failed.push({ ...site, reason: await reasonOf(res) })
      } catch {
        result.failed.push({ ...site, reason: 'the server could not be reached' })
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, sites.length) }, worker))
  return result
}

const post = (url: string, body?: unknown) =>
  fetch(url, {
    method: 'POST',
    credentials: 'include',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

/**
 * Deploy the selected sites as one fleet deployment (`POST /api/fleet-deployments {sites}`: one record with
 * per-site progress and "retry failed", the global deploy limit, all or nothing: an editor naming a site that is
 * not theirs, or a site in the trash, queues none). The answer's `watch` is the progress view.
 */
export const deploySites = async (api: string, admin: string, sites: Target[]): Promise<ActionResult & { watch?: string }> => {
  try {
    const res = await post(`${api}/fleet-deployments`, { sites: sites.map((s) => s.id) })
    if (!res.ok) {
      const reason = await reasonOf(res)
      return { ok: [], failed: sites.map((s) => ({ ...s, reason })) }
    }
    const body = (await res.json().catch(() => ({}))) as { doc?: { id?: number } }
    return { ok: sites, failed: [], ...(body.doc?.id !== undefined && { watch: `${admin}/collections/fleet-deployments/${body.doc.id}` }) }
  } catch {
    return { ok: [], failed: sites.map((s) => ({ ...s, reason: 'the server could not be reached' })) }
  }
}

/** Queue the AI bulk generation of each selected site (`POST /api/ai/bulk {scope: "site"}`, an ai-batches record each). */
export const generateForSites = (api: string, sites: Target[]): Promise<ActionResult> =>
  perSite(sites, (site) => post(`${api}/ai/bulk`, { scope: 'site', site: site.id }), 1)

/** Add or remove one tag on the selected sites, all or nothing (`POST /api/fleet/tags`). */
export const tagSites = async (api: string, sites: Target[], change: { add?: string[]; remove?: string[] }): Promise<ActionResult> => {
  try {
    const res = await post(`${api}/fleet/tags`, { sites: sites.map((s) => s.id), ...change })
    if (res.ok) return { ok: sites, failed: [] }
    const reason = await reasonOf(res)
    return { ok: [], failed: sites.map((s) => ({ ...s, reason })) }
  } catch {
    return { ok: [], failed: sites.map((s) => ({ ...s, reason: 'the server could not be reached' })) }
  }
}
