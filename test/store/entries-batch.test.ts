// The batched form of setIfAbsent (operations/entries-batch.ts swapEntries), on both
// backends: the same answer as one setIfAbsent per key, also under contention from a
// second store on the same state, and the event loop free between batches.
import { setImmediate as yieldToEventLoop, setTimeout as sleep } from 'node:timers/promises';

import { expect, it } from 'vitest';

import { BATCH_SIZE } from '../../src/store/backed-store.js';
import { describeEachBackend, OUTLAST_SHORT_MS, SHORT_MS } from './store-fixtures.js';

const keysFrom = (from: number, count: number) => Array.from({ length: count }, (_, i) => `item-${from + i}`);

describeEachBackend('setManyIfAbsent', (backend) => {
  it('answers per key as setIfAbsent would, in the order of the keys, over several batches', async () => {
    const store = await backend.freshLocation().open();
    await store.namespace<string>('seen').set('item-3', 'earlier');
    expect(await store.setIfAbsent('seen', 'item-700', 'earlier')).toBe(true);

    const keys = keysFrom(0, 2 * BATCH_SIZE + 10);
    const results = await store.setManyIfAbsent('seen', keys, 'now');

    expect(results).toEqual(keys.map((key) => key !== 'item-3' && key !== 'item-700'));
    expect(await store.namespace<string>('seen').get('item-3')).toBe('earlier');
    expect(await store.namespace<string>('seen').get('item-0')).toBe('now');
    expect(await store.namespace<string>('seen').get(`item-${keys.length - 1}`)).toBe('now');
    // A second time, nothing is new.
    expect(await store.setManyIfAbsent('seen', keys, 'again')).toEqual(keys.map(() => false));
    expect(await store.setIfAbsent('seen', 'item-1', 'single')).toBe(false);
  });

  it('lets exactly one of two stores win each key when both write overlapping batches at once', async () => {
    const location = backend.freshLocation();
    const [a, b] = await Promise.all([location.open(), location.open()]);
    const keys = keysFrom(0, BATCH_SIZE + 50);
    const fromA = keys.filter((_, i) => i % 3 !== 2);
    const fromB = keys.filter((_, i) => i % 3 !== 0).reverse();

    const [wonA, wonB] = await Promise.all([a.setManyIfAbsent('claims', fromA, 'a'), b.setManyIfAbsent('claims', fromB, 'b')]);

    const winners = new Map<string, string[]>();
    fromA.forEach((key, i) => wonA[i] && winners.set(key, [...(winners.get(key) ?? []), 'a']));
    fromB.forEach((key, i) => wonB[i] && winners.set(key, [...(winners.get(key) ?? []), 'b']));
    for (const key of keys) {
      const won = winners.get(key) ?? [];
      expect(won, key).toHaveLength(1);
      expect(await a.namespace<string>('claims').get(key)).toBe(won[0]);
    }
  });

  it('can be won again once the ttl has passed', async () => {
    const store = await backend.freshLocation().open();
    expect(await store.setManyIfAbsent('seen', ['x', 'y'], true, SHORT_MS)).toEqual([true, true]);
    expect(await store.setManyIfAbsent('seen', ['x', 'y', 'z'], true, SHORT_MS)).toEqual([false, false, true]);
    await sleep(OUTLAST_SHORT_MS);
    expect(await store.setManyIfAbsent('seen', ['x', 'y'], true, SHORT_MS)).toEqual([true, true]);
  });

  it('lets other work run between batches', async () => {
    const store = await backend.freshLocation().open();
    let turns = 0;
    const ticking = { on: true };
    const ticker = (async () => {
      while (ticking.on) {
        await yieldToEventLoop();
        turns++;
      }
    })();
    await store.setManyIfAbsent('seen', keysFrom(0, 4 * BATCH_SIZE), true);
    ticking.on = false;
    await ticker;
    expect(turns).toBeGreaterThanOrEqual(3);
  });

  it('refuses an empty key, repeated keys and undefined before writing anything', async () => {
    const store = await backend.freshLocation().open();
    await expect(store.setManyIfAbsent('seen', ['a', ''], true)).rejects.toThrow(TypeError);
    await expect(store.setManyIfAbsent('seen', ['a', 'a'], true)).rejects.toThrow(TypeError);
    await expect(store.setManyIfAbsent('seen', ['a'], undefined)).rejects.toThrow(TypeError);
    expect(await store.namespace('seen').has('a')).toBe(false);
    expect(await store.setManyIfAbsent('seen', [], true)).toEqual([]);
  });
});
