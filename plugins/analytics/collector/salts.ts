import { addDays, dayStart, newSalt, utcDay } from '../core/visitor'
import type { Store } from '../store/types'

/**
 * Today's salt, kept in the database so every collector behind a load
 * balancer hashes alike. When the day changes the new salt is made (the first
 * collector to ask stores it) and salts older than yesterday are deleted:
 * yesterday's stays for continuity, nothing older can re-identify anyone.
 */
export class SaltKeeper {
  private current: { day: string; salt: Promise<string> } | null = null
  /** The salt of a day once it is known, with the day's bounds (ms): no date formatting per event. */
  private ready: { from: number; to: number; salt: string } | null = null

  constructor(private readonly store: Store) {}

  /** The salt for `at` (ms) without waiting, when it is already known. */
  known(at: number): string | null {
    const ready = this.ready
    return ready !== null && at >= ready.from && at < ready.to ? ready.salt : null
  }

  saltFor(now: Date): Promise<string> {
    const day = utcDay(now)
    if (this.current?.day === day) return this.current.salt
    const salt = (async () => {
      const value = await this.store.saltFor(day, newSalt())
      await this.store.deleteSaltsBefore(addDays(day, -1))
      const from = dayStart(day).getTime()
      if (this.current?.day === day) this.ready = { from, to: from + 86_400_000, salt: value }
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
