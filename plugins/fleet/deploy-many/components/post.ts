import { errorMessage } from '@/plugins/publisher/components/status'

/** POSTs a fleet deployment request; the new record's id, or the server's message. */
export const postFleet = async (url: string, body?: unknown): Promise<{ id: number | string } | { error: string }> => {
  try {
    const res = await fetch(url, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) return { error: await errorMessage(res, `Could not queue the deployments (HTTP ${res.status}).`) }
    const { doc } = (await res.json()) as { doc: { id: number | string } }
    return { id: doc.id }
  } catch {
    return { error: 'Could not reach the server to deploy. Check your connection and try again.' }
  }
}
