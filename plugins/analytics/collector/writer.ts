import type { RawEvent } from '../core/types'

type Pending = { event: RawEvent; resolve: () => void; reject: (err: unknown) => void }

export type WriterStats = { batches: number; events: number; largestBatch: number; failedBatches: number }

/**
 * Group commit: events wait in memory only while a batch is being written,
 * then go to the database together, in one transaction. A write's promise
 * resolves only once its batch is committed, so whoever answers a request
 * after awaiting it never acknowledges an event that could still be lost.
 * Under light load a batch is one event written at once (no timer, no added
 * latency); under heavy load batches grow by themselves.
 */
export class EventWriter {
  private queue: Pending[] = []
  private inFlight = 0
  private idle: (() => void)[] = []
  private isClosed = false
  private isScheduled = false
  readonly stats: WriterStats = { batches: 0, events: 0, largestBatch: 0, failedBatches: 0 }

  constructor(
    private readonly insert: (events: RawEvent[]) => Promise<void>,
    private readonly options: {
      maxBatch: number
      concurrency: number
      /**
       * How long the first event of a batch waits for company. 0: only for the requests read in the same turn
       * of the event loop. A driver that blocks the loop while it writes (libsql on a local file) needs a few
       * milliseconds, or the next requests are never read before the next write starts.
       */
      gatherMs?: number
    },
  ) {}

  get pending(): number {
    return this.queue.length
  }

  write(event: RawEvent): Promise<void> {
    if (this.isClosed) return Promise.reject(new Error('The collector is stopping'))
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ event, resolve, reject })
      this.schedule()
    })
  }

  /**
   * Starts a batch after the requests already read in this turn of the event loop have joined the queue.
   * Without this, a driver that does its work before returning (libsql on a local file) would write the
   * first event alone every time, and each request would wait for the one before it.
   */
  private schedule(): void {
    if (this.isScheduled) return
    this.isScheduled = true
    const run = () => {
      this.isScheduled = false
      this.pump()
      this.settleIfIdle()
    }
    if (this.options.gatherMs) setTimeout(run, this.options.gatherMs)
    else setImmediate(run)
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch)
      this.inFlight++
      this.stats.batches++
      this.stats.events += batch.length
      if (batch.length > this.stats.largestBatch) this.stats.largestBatch = batch.length
      this.insert(batch.map((p) => p.event)).then(
        () => {
          for (const p of batch) p.resolve()
        },
        (err: unknown) => {
          this.stats.failedBatches++
          for (const p of batch) p.reject(err)
        },
      ).finally(() => {
        this.inFlight--
        if (this.queue.length > 0) this.schedule()
        this.settleIfIdle()
      })
    }
  }

  private settleIfIdle(): void {
    if (this.inFlight === 0 && this.queue.length === 0 && !this.isScheduled) for (const done of this.idle.splice(0)) done()
  }

  /** Resolves when every event handed in so far is committed (or failed). */
  flush(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0 && !this.isScheduled) return Promise.resolve()
    return new Promise((resolve) => this.idle.push(resolve))
  }

  /** Takes no more events and writes what it holds. */
  async close(): Promise<void> {
    this.isClosed = true
    await this.flush()
  }
}
