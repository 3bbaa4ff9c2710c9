// What happens to a delivery Discord did not take: sent again later with backoff
// (a rate limit's own wait respected) until the attempts run out; its channel
// paused when the channel refuses the bot (no retries, so no storm of invalid
// requests); dropped when Discord refuses the request itself.
import type { ChannelRefusal, Refusal } from '../discord/refusal.js';
import { backoffDelay } from '../util/backoff.js';

export interface RetryPolicy {
  /** Nominal delay before the second attempt (a random 50–100 % of it is waited); doubles with each further one. */
  baseMs: number;
  maxMs: number;
  /** Attempts (claims) after which a delivery is given up. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 5_000, maxMs: 15 * 60_000, maxAttempts: 12 };

export type NextStep =
  | { step: 'pause'; reason: ChannelRefusal; code: number }
  | { step: 'drop' }
  | { step: 'give-up' }
  /** Epoch ms before which the delivery is not claimed again. */
  | { step: 'retry'; notBefore: number };

export interface FailedAttempt {
  refusal: Refusal;
  /** The attempt that failed, 1 for the first. */
  attempt: number;
  policy: RetryPolicy;
  now: number;
  random?: () => number;
}

export function nextStep({ refusal, attempt, policy, now, random }: FailedAttempt): NextStep {
  if (refusal.kind === 'pause') return { step: 'pause', reason: refusal.reason, code: refusal.code };
  if (refusal.kind !== 'retry') return { step: 'drop' };
  if (attempt >= policy.maxAttempts) return { step: 'give-up' };
  const backoff = backoffDelay({ failures: attempt, baseMs: policy.baseMs, maxMs: policy.maxMs, random });
  return { step: 'retry', notBefore: Math.max(refusal.afterMs === undefined ? 0 : now + refusal.afterMs, now + backoff) };
}
