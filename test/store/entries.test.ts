// The atomic operations on key-value entries (operations/entries.ts swapEntry) the alert
// system relies on, on both backends, under contention from two stores on the same
// state (as two bot processes would be).
import { setTimeout as sleep } from 'node:timers/promises';

import { expect, it } from 'vitest';

import { describeEachBackend, OUTLAST_SHORT_MS, SHORT_MS } from './store-fixtures.js';

describeEachBackend('setIfAbsent', (backend) => {
  it('lets exactly one of many concurrent claims win, across two stores', async () => {
    const location = backend.freshLocation();
    const [a, b] = await Promise.all([location.open(), location.open()]);
    const attempts = Array.from({ length: 40 }, (_, i) => ({ store: i % 2 === 0 ? a : b, claimant: `worker-${i}` }));

    const results = await Promise.all(attempts.map(({ store, claimant }) => store.setIfAbsent('claims', 'item-1', claimant)));

    const winners = attempts.filter((_, i) => results[i]);
    expect(winners).toHaveLength(1);
    // The winner's value is what both stores read back.
    expect(await a.namespace<string>('claims').get('item-1')).toBe(winners[0]?.claimant);
    expect(await b.namespace<string>('claims').get('item-1')).toBe(winners[0]?.claimant);
  });

  it('does not overwrite a value set through the namespace', async () => {
    const location = backend.freshLocation();
    const store = await location.open();
    await store.namespace<string>('seen').set('item-1', 'first');
    expect(await store.setIfAbsent('seen', 'item-1', 'second')).toBe(false);
    expect(await store.namespace<string>('seen').get('item-1')).toBe('first');
  });

  it('can be won again once the ttl has passed', async () => {
    const store = await backend.freshLocation().open();
    expect(await store.setIfAbsent('seen', 'item-1', 'a', SHORT_MS)).toBe(true);
    expect(await store.setIfAbsent('seen', 'item-1', 'b', SHORT_MS)).toBe(false);
    await sleep(OUTLAST_SHORT_MS);
    expect(await store.setIfAbsent('seen', 'item-1', 'c', SHORT_MS)).toBe(true);
    expect(await store.namespace<string>('seen').get('item-1')).toBe('c');
  });
});

describeEachBackend('update', (backend) => {
  it('loses none of 100 concurrent appends from two stores', async () => {
    const location = backend.freshLocation();
    const [a, b] = await Promise.all([location.open(), location.open()]);
    const ids = Array.from({ length: 100 }, (_, i) => `channel-${i}`);

    await Promise.all(
      ids.map((id, i) =>
        (i % 2 === 0 ? a : b).update<string[], undefined>('subscriptions', 'csto', (list = []) => ({ value: [...list, id], result: undefined })),
      ),
    );

    const stored = await a.namespace<string[]>('subscriptions').get('csto');
    expect(stored).toHaveLength(100);
    expect(new Set(stored)).toEqual(new Set(ids));
  });

  it('reads what the namespace wrote, writes the value, resolves the result, and deletes on undefined', async () => {
    const store = await backend.freshLocation().open();
    const counters = store.namespace<number>('counters');
    await counters.set('alerts', 41);
    const increment = (n = 0) => ({ value: n + 1, result: `was ${n}` });

    expect(await store.update<number, string>('counters', 'alerts', increment)).toBe('was 41');
    expect(await counters.get('alerts')).toBe(42);
    expect(await store.update<number, string>('counters', 'fresh', increment)).toBe('was 0');
    expect(await counters.get('fresh')).toBe(1);

    expect(await store.update<number, number | undefined>('counters', 'alerts', (n) => ({ value: undefined, result: n }))).toBe(42);
    expect(await counters.has('alerts')).toBe(false);
  });

  it("resolves the result of the function's last run, when a concurrent writer made it run again", async () => {
    const location = backend.freshLocation();
    const [a, b] = await Promise.all([location.open(), location.open()]);
    // Each increment resolves the value it saw; together they saw every value once.
    const seen = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).update<number, number>('counters', 'n', (n = 0) => ({ value: n + 1, result: n }))),
    );
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(await a.namespace<number>('counters').get('n')).toBe(20);
  });

  it('leaves the value alone when the function throws', async () => {
    const store = await backend.freshLocation().open();
    await store.namespace<string>('settings').set('mode', 'on');
    await expect(
      store.update<string, undefined>('settings', 'mode', () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await store.namespace<string>('settings').get('mode')).toBe('on');
  });

  it('writes with a ttl when asked and treats an expired value as absent', async () => {
    const store = await backend.freshLocation().open();
    await store.update<number, undefined>('seen', 'k', () => ({ value: 7, result: undefined }), { ttlMs: SHORT_MS });
    expect(await store.namespace<number>('seen').get('k')).toBe(7);
    await sleep(OUTLAST_SHORT_MS);
    expect(await store.update<number, number | undefined>('seen', 'k', (n) => ({ value: 1, result: n }))).toBeUndefined();
  });
});
