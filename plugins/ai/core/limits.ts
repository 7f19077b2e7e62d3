/**
 * In-process limits. They hold per server process: behind a load balancer
 * each instance counts on its own (the budget, kept in the database, does not;
 * nor does the per-user rate limit when REDIS_URL is set: lib/rateLimit.ts).
 */

/** At most `size` holders at once; the rest wait in order. */
export class Semaphore {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(private size: number) {}

  resize(size: number): void {
    this.size = Math.max(1, size)
    while (this.active < this.size && this.waiting.length) {
      this.active++
      this.waiting.shift()!()
    }
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.size) this.active++
    else await new Promise<void>((resolve) => this.waiting.push(resolve))
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }

  get inUse(): number {
    return this.active
  }
}

/** Sliding window: `limit` hits per `windowMs` per key. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a hit and returns 0, or returns the seconds to wait (and records nothing). */
  take(key: string, now = Date.now()): number {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs)
    if (recent.length >= this.limit) {
      this.hits.set(key, recent)
      return Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000))
    }
    recent.push(now)
    this.hits.set(key, recent)
    return 0
  }

  reset(key?: string): void {
    if (key === undefined) this.hits.clear()
    else this.hits.delete(key)
  }
}

/** The first instant of the calendar month (UTC) that contains `date`. */
export const monthStart = (date = new Date()): Date => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1))
