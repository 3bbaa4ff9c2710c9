// The one deadline race both adapters use: on time, late, and failures either side of the deadline.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { withDeadline } from '../../src/transport/deadline.js';

describe('withDeadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives the value when the promise settles in time, and clears its timer', async () => {
    const outcome = withDeadline(Promise.resolve(42), 1000);
    await expect(outcome).resolves.toEqual({ onTime: true, value: 42 });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives the pending promise when the deadline passes first', async () => {
    let finish: (value: string) => void = () => undefined;
    const slow = new Promise<string>((resolve) => (finish = resolve));
    const outcome = withDeadline(slow, 1000);
    await vi.advanceTimersByTimeAsync(1000);
    const result = await outcome;
    expect(result.onTime).toBe(false);
    if (result.onTime) return;
    finish('late answer');
    await expect(result.late).resolves.toBe('late answer');
  });

  it('rejects when the promise rejects before the deadline, and clears its timer', async () => {
    const outcome = withDeadline(Promise.reject(new Error('boom')), 1000);
    await expect(outcome).rejects.toThrow('boom');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves a rejection after the deadline to `late`, never unhandled', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      let fail: (error: Error) => void = () => undefined;
      const slow = new Promise<string>((_, reject) => (fail = reject));
      const outcome = withDeadline(slow, 10);
      await vi.advanceTimersByTimeAsync(10);
      const result = await outcome;
      expect(result.onTime).toBe(false);
      fail(new Error('too late'));
      // Nobody awaits `late`: the rejection must still count as handled.
      vi.useRealTimers();
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
      if (!result.onTime) await expect(result.late).rejects.toThrow('too late');
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
