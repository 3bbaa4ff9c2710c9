// A feed that keeps failing is asked less and less often (kinder to a broken
// server, quieter logs), and jitter keeps many feeds that failed together —
// say after a network outage — from retrying in lockstep.

export interface BackoffOptions {
  /** The normal poll interval: the delay after a success. */
  baseMs: number;
  /** Ceiling for the delay however often the feed failed; 6 hours by default. */
  maxMs?: number;
  /** Uniform in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

export const DEFAULT_MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

/**
 * Milliseconds until the next poll after `failures` consecutive failures
 * (0 = the last poll succeeded: the plain interval, without jitter).
 * Otherwise base × 2^failures, capped, of which a random 50–100 % is used
 * ("equal jitter": spread out, yet never shorter than half the nominal delay,
 * so the delay still grows with every failure until the cap).
 */
export function backoffDelay(failures: number, options: BackoffOptions): number {
  const { baseMs, maxMs = DEFAULT_MAX_BACKOFF_MS, random = Math.random } = options;
  if (failures <= 0) return baseMs;
  const nominal = Math.min(maxMs, baseMs * 2 ** Math.min(failures, 52));
  return Math.round(nominal / 2 + (nominal / 2) * random());
}
