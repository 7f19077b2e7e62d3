import { createHash, randomBytes } from 'node:crypto'

/** The UTC day of a moment, YYYY-MM-DD: salts rotate and rollups cut on it. */
export const utcDay = (at: Date | number): string => new Date(at).toISOString().slice(0, 10)

export const addDays = (day: string, days: number): string => utcDay(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000)

export const dayStart = (day: string): Date => new Date(`${day}T00:00:00.000Z`)

export const newSalt = (): string => randomBytes(24).toString('base64url')

/**
 * A visitor without a cookie: the same person on the same site on the same
 * day gets the same id; with the salt deleted the id cannot be traced back to
 * an IP address, and another site or day gives an unrelated id.
 */
export const visitorIdOf = ({ salt, siteId, ip, userAgent }: { salt: string; siteId: number; ip: string; userAgent: string }): string =>
  createHash('sha256').update(`${salt}\n${siteId}\n${ip}\n${userAgent}`).digest('base64url').slice(0, 22)
