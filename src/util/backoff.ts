// How long to wait after repeated failures, for everything that retries on its
// own schedule (feeds, alert deliveries): exponentially longer per failure, so a
// broken server is asked less and less often, with jitter, so many retries that
// failed together (say after a network outage) do not come back in lockstep.

export interface Backoff {
  /** Consecutive failures so far; 1 after the first. */
  failures: number;
  /** The nominal delay after the first failure; it doubles with each further one. */
  baseMs: number;
  /** Ceiling for the nominal delay however often it failed. */
  maxMs: number;
  /** Uniform in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

/**
 * Milliseconds to wait: base × 2^(failures − 1), capped at `maxMs`, of which a
 * random 50–100 % is used ("equal jitter": spread out, yet never shorter than
 * half the nominal delay, so the delay still grows with every failure until the cap).
 */
export function backoffDelay({ failures, baseMs, maxMs, random = Math.random }: Backoff): number {
  const nominal = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(failures, 1) - 1, 52));
  return Math.round(nominal / 2 + (nominal / 2) * random());
}
