// The identify throttle shared through the store: two processes' throttlers (two store
// handles on one SQLite file or Redis prefix) let one IDENTIFY per bucket and window through.
import { expect, it } from 'vitest';

import { sharedIdentifyThrottler } from '../../src/gateway/identify-throttle.js';
import { describeEachBackend } from '../store/store-fixtures.js';

const WINDOW_MS = 400;

describeEachBackend('identify throttle', (backend) => {
  it('spaces IDENTIFYs of one bucket a window apart across processes, and lets other buckets through at once', async () => {
    const location = backend.freshLocation();
    const [a, b] = [
      sharedIdentifyThrottler(await location.open(), 2, { windowMs: WINDOW_MS, retryMs: 20 }),
      sharedIdentifyThrottler(await location.open(), 2, { windowMs: WINDOW_MS, retryMs: 20 }),
    ];
    const signal = new AbortController().signal;
    const started = Date.now();
    const timeOf = async (throttler: typeof a, shard: number) => {
      await throttler.waitForIdentify(shard, signal);
      return Date.now() - started;
    };
    // Shards 0 and 2 share bucket 0 (0 % 2, 2 % 2), shard 1 has bucket 1 to itself.
    const [zero, two, one] = await Promise.all([timeOf(a, 0), timeOf(b, 2), timeOf(b, 1)]);
    expect(Math.abs(two - zero)).toBeGreaterThanOrEqual(WINDOW_MS - 50);
    expect(one).toBeLessThan(WINDOW_MS / 2);
  });

  it('stops waiting when the shard is aborted', async () => {
    const location = backend.freshLocation();
    const store = await location.open();
    const throttler = sharedIdentifyThrottler(store, 1, { windowMs: 60_000, retryMs: 20 });
    await throttler.waitForIdentify(0, new AbortController().signal);
    const abort = new AbortController();
    const waiting = throttler.waitForIdentify(0, abort.signal);
    abort.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
  });
});
