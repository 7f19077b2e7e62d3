import type { PillStyle } from '@payloadcms/ui/elements/Pill'

export const RUNNING = new Set(['queued', 'building', 'uploading'])

export const PILL_STYLES: Record<string, PillStyle> = {
  queued: 'light-gray',
  building: 'warning',
  uploading: 'warning',
  success: 'success',
  failed: 'error',
  cancelled: 'light',
}

export const statusLabel = (status: string): string => status[0].toUpperCase() + status.slice(1)

/** The `errors[0].message` of a Payload error response, or a fallback. */
export const errorMessage = async (res: Response, fallback: string): Promise<string> => {
  const body = (await res.json().catch(() => null)) as { errors?: { message?: string }[]; message?: string } | null
  return body?.errors?.[0]?.message ?? body?.message ?? fallback
}
