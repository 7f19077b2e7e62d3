/**
 * The server's "now" for decisions that depend on elapsed time (is a worker
 * dead, is a job stale). Production reads the system clock; tests move this
 * clock forward instead of sleeping, so no test depends on the machine's speed.
 * Only what compares stored timestamps with now reads it: timestamps that are
 * written stay real.
 */
let offsetMs = 0

/** Now, in ms since the epoch. */
export const now = (): number => Date.now() + offsetMs

/** Moves the clock forward (tests only): what is older than `ms` from now looks `ms` older. */
export const advanceClock = (ms: number): void => {
  offsetMs += ms
}

/** Back to the system clock. */
export const resetClock = (): void => {
  offsetMs = 0
}
