import { describe, expect, it } from 'vitest';

import { MAX_FEED_BACKOFF_MS } from '../../src/feeds/feed-poller.js';
import { backoffDelay } from '../../src/util/backoff.js';

const baseMs = 20 * 60 * 1000;
const maxMs = 6 * 60 * 60 * 1000;

describe('backoffDelay', () => {
  it('is the base after the first failure, doubling per further one, within a 50–100 % jitter band', () => {
    for (const failures of [1, 2, 3, 4]) {
      const nominal = baseMs * 2 ** (failures - 1);
      expect(backoffDelay({ failures, baseMs, maxMs, random: () => 0 })).toBe(nominal / 2);
      expect(backoffDelay({ failures, baseMs, maxMs, random: () => 0.999999 })).toBeGreaterThan(nominal * 0.999);
    }
  });

  it('grows with every failure whatever the jitter, until the cap', () => {
    let previous = 0;
    // 20 min × 2^4 = 320 min is the last step below the cap.
    for (let failures = 1; failures <= 5; failures++) {
      const delays = Array.from({ length: 50 }, () => backoffDelay({ failures, baseMs, maxMs }));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(previous);
      previous = Math.max(...delays);
    }
    const capped = Array.from({ length: 50 }, () => backoffDelay({ failures: 1000, baseMs, maxMs }));
    expect(Math.max(...capped)).toBeLessThanOrEqual(maxMs);
    expect(Math.min(...capped)).toBeGreaterThanOrEqual(maxMs / 2);
  });

  it('spreads retries that failed together', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay({ failures: 3, baseMs, maxMs })));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('caps a failing feed at 6 hours', () => {
    expect(MAX_FEED_BACKOFF_MS).toBe(6 * 60 * 60 * 1000);
  });
});
