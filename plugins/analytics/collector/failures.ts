type Log = (level: 'info' | 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void

/**
 * While the database is down every event fails the same way: one line when
 * failures start, one every `reportEveryMs` with the count while they go on,
 * and one when a request succeeds again, instead of a line per refused event.
 */
export class FailureLog {
  private since: number | null = null
  private lastReport = 0
  private refused = 0
  private refusedSinceReport = 0

  constructor(
    private readonly log: Log,
    private readonly options: { now?: () => number; reportEveryMs?: number } = {},
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now()
  }

  get isFailing(): boolean {
    return this.since !== null
  }

  failed(err: unknown, what: string): void {
    const now = this.now()
    this.refused++
    this.refusedSinceReport++
    if (this.since === null) {
      this.since = now
      this.lastReport = now
      this.refusedSinceReport = 0
      this.log('error', `Collector: ${what} failed; events are being refused until the database answers again (reported once, then every minute)`, { err: String(err) })
      return
    }
    if (now - this.lastReport >= (this.options.reportEveryMs ?? 60_000)) {
      this.log('error', `Collector: still failing after ${Math.round((now - this.since) / 1000)} s; ${this.refusedSinceReport} more events refused, ${this.refused} in all`, { err: String(err) })
      this.lastReport = now
      this.refusedSinceReport = 0
    }
  }

  succeeded(): void {
    if (this.since === null) return
    this.log('info', `Collector: the database answers again after ${Math.round((this.now() - this.since) / 1000)} s; ${this.refused} events were refused meanwhile`, { refused: this.refused })
    this.since = null
    this.refused = 0
    this.refusedSinceReport = 0
  }
}
