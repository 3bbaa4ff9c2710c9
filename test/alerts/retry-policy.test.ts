// After a failed send: retry with backoff (a rate limit's own wait respected) until
// the attempts run out, pause on a channel refusal, drop a request Discord refuses.
import { describe, expect, it } from 'vitest';

import { DEFAULT_RETRY_POLICY, nextStep, type RetryPolicy } from '../../src/alerts/retry-policy.js';

const policy: RetryPolicy = { baseMs: 1_000, maxMs: 10_000, maxAttempts: 5 };
const now = 1_000_000;
const half = () => 0.5;

describe('nextStep', () => {
  it('retries with a delay that doubles per attempt up to the cap (75 % of nominal with random 0.5)', () => {
    const delays = [1, 2, 3, 4].map((attempt) => {
      const next = nextStep({ refusal: { kind: 'retry', status: 502 }, attempt, policy, now, random: half });
      if (next.step !== 'retry') throw new Error(next.step);
      return next.notBefore - now;
    });
    expect(delays).toEqual([750, 1_500, 3_000, 6_000]);
    const capped = nextStep({
      refusal: { kind: 'retry', status: 502 },
      attempt: 4,
      policy: { ...policy, maxMs: 2_000, maxAttempts: 9 },
      now,
      random: half,
    });
    expect(capped).toEqual({ step: 'retry', notBefore: now + 1_500 });
  });

  it('waits at least as long as Discord asked', () => {
    expect(nextStep({ refusal: { kind: 'retry', status: 429, afterMs: 30_000 }, attempt: 1, policy, now, random: half })).toEqual({
      step: 'retry',
      notBefore: now + 30_000,
    });
    expect(nextStep({ refusal: { kind: 'retry', status: 429, afterMs: 10 }, attempt: 1, policy, now, random: half })).toEqual({
      step: 'retry',
      notBefore: now + 750,
    });
  });

  it('gives up after the last attempt', () => {
    expect(nextStep({ refusal: { kind: 'retry', status: 'error' }, attempt: 5, policy, now }).step).toBe('give-up');
  });

  it('pauses on a channel refusal and drops any other refusal, on the first attempt', () => {
    expect(nextStep({ refusal: { kind: 'pause', status: 403, code: 50013, reason: 'missing-permissions' }, attempt: 1, policy, now })).toEqual({
      step: 'pause',
      reason: 'missing-permissions',
      code: 50013,
    });
    expect(nextStep({ refusal: { kind: 'bug', status: 400, code: 50035 }, attempt: 1, policy, now }).step).toBe('drop');
    expect(nextStep({ refusal: { kind: 'not-member', status: 404, code: 10007 }, attempt: 1, policy, now }).step).toBe('drop');
  });

  it('defaults to 5 s nominal, 15 min at most, 12 attempts', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ baseMs: 5_000, maxMs: 15 * 60_000, maxAttempts: 12 });
  });
});
