import { addDays, newSalt, utcDay } from '../core/visitor'
import type { Store } from '../store/types'

/**
 * Today's salt, kept in the database so every collector behind a load
 * balancer hashes alike. When the day changes the new salt is made (the first
 * collector to ask stores it) and salts older than yesterday are deleted:
 * yesterday's stays for continuity, nothing older can re-identify anyone.
 */
export class SaltKeeper {
  private current: { day: string; salt: Promise<string> } | null = null

  constructor(private readonly store: Store) {}

  saltFor(now: Date): Promise<string> {
    const day = utcDay(now)
    if (this.current?.day === day) return this.current.salt
    const salt = (async () => {
      const value = await this.store.saltFor(day, newSalt())
      await this.store.deleteSaltsBefore(addDays(day, -1))
      return value
    })()
    this.current = { day, salt }
    // a failed lookup is not cached: the next request tries again
    salt.catch(() => {
      if (this.current?.salt === salt) this.current = null
    })
    return salt
  }
}
