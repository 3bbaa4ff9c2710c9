import { describe, expect, it } from 'vitest';

import { backoffDelay, DEFAULT_MAX_BACKOFF_MS } from '../../src/feeds/backoff.js';

const baseMs = 10 * 60 * 1000;

describe('backoffDelay', () => {
  it('is the plain interval after a success', () => {
    expect(backoffDelay(0, { baseMs, random: () => 0.99 })).toBe(baseMs);
  });

  it('doubles per failure within a 50–100 % jitter band', () => {
    for (const failures of [1, 2, 3, 4]) {
      const nominal = baseMs * 2 ** failures;
      expect(backoffDelay(failures, { baseMs, random: () => 0 })).toBe(nominal / 2);
      expect(backoffDelay(failures, { baseMs, random: () => 0.999999 })).toBeGreaterThan(nominal * 0.999);
    }
  });

  it('grows with every failure whatever the jitter, until the 6 h cap', () => {
    let previous = 0;
    // 10 min × 2^5 = 320 min is the last step below the cap.
    for (let failures = 1; failures <= 5; failures++) {
      const delays = Array.from({ length: 50 }, () => backoffDelay(failures, { baseMs }));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(previous);
      previous = Math.max(...delays);
    }
    const capped = Array.from({ length: 50 }, () => backoffDelay(1000, { baseMs }));
    expect(Math.max(...capped)).toBeLessThanOrEqual(DEFAULT_MAX_BACKOFF_MS);
    expect(Math.min(...capped)).toBeGreaterThanOrEqual(DEFAULT_MAX_BACKOFF_MS / 2);
    expect(DEFAULT_MAX_BACKOFF_MS).toBe(6 * 60 * 60 * 1000);
  });

  it('spreads feeds that failed together', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(3, { baseMs })));
    expect(delays.size).toBeGreaterThan(10);
  });
});
