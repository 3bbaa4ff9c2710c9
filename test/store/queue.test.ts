// The outbox queue on both backends: idempotent enqueue, claims with leases that
// expire (so a crashed worker loses nothing), completion, release and retry timing.
import { setTimeout as sleep } from 'node:timers/promises';

import { expect, it } from 'vitest';

import { describeEachBackend, OUTLAST_SHORT_MS, SHORT_MS } from './store-fixtures.js';

interface Delivery {
  channelId: string;
  itemId: string;
}

const delivery = (n: number): Delivery => ({ channelId: `channel-${n}`, itemId: `item-${n}` });

describeEachBackend('queue', (backend) => {
  it('enqueues an id once and hands it out once', async () => {
    const store = await backend.freshLocation().open();
    expect(await store.enqueue('outbox', 'd1', delivery(1))).toBe(true);
    expect(await store.enqueue('outbox', 'd1', delivery(99))).toBe(false);
    expect(await store.pending('outbox')).toBe(1);

    const claimed = await store.claim<Delivery>('outbox', 10_000, 10);
    expect(claimed).toEqual([{ id: 'd1', item: delivery(1), attempts: 1 }]);
    expect(await store.claim('outbox', 10_000, 10)).toEqual([]);
    expect(await store.pending('outbox')).toBe(1);
  });

  it('claims the earliest due items first, up to the limit, and skips items not yet due', async () => {
    const store = await backend.freshLocation().open();
    const now = Date.now();
    await store.enqueue('outbox', 'later', delivery(3), now - 1000);
    await store.enqueue('outbox', 'earliest', delivery(1), now - 3000);
    await store.enqueue('outbox', 'middle', delivery(2), now - 2000);
    await store.enqueue('outbox', 'future', delivery(4), now + 60_000);

    const first = await store.claim<Delivery>('outbox', 10_000, 2);
    expect(first.map((c) => c.id)).toEqual(['earliest', 'middle']);
    const rest = await store.claim<Delivery>('outbox', 10_000, 10);
    expect(rest.map((c) => c.id)).toEqual(['later']);
    expect(await store.pending('outbox')).toBe(4);
  });

  it('makes an item claimable again when its lease runs out', async () => {
    const location = backend.freshLocation();
    const [crashed, survivor] = await Promise.all([location.open(), location.open()]);
    await crashed.enqueue('outbox', 'd1', delivery(1));

    expect(await crashed.claim('outbox', SHORT_MS, 10)).toHaveLength(1);
    expect(await survivor.claim('outbox', SHORT_MS, 10)).toEqual([]);
    await sleep(OUTLAST_SHORT_MS);

    const reclaimed = await survivor.claim<Delivery>('outbox', 10_000, 10);
    expect(reclaimed).toEqual([{ id: 'd1', item: delivery(1), attempts: 2 }]);
  });

  it('removes a completed item for good and keeps its id from being enqueued again', async () => {
    const store = await backend.freshLocation().open();
    await store.enqueue('outbox', 'd1', delivery(1));
    await store.enqueue('outbox', 'd2', delivery(2));
    await store.claim('outbox', SHORT_MS, 10);

    expect(await store.complete('outbox', 'd1')).toBe(true);
    expect(await store.complete('outbox', 'd1')).toBe(false);
    expect(await store.complete('outbox', 'never-enqueued')).toBe(false);
    expect(await store.pending('outbox')).toBe(1);
    expect(await store.enqueue('outbox', 'd1', delivery(1))).toBe(false);

    await sleep(OUTLAST_SHORT_MS);
    // Only the uncompleted item comes back after the lease.
    expect((await store.claim('outbox', 10_000, 10)).map((c) => c.id)).toEqual(['d2']);
  });

  it('forgets completed ids after the retention period', async () => {
    const store = await backend.freshLocation().open({ completedRetentionMs: 30 });
    await store.enqueue('outbox', 'd1', delivery(1));
    await store.complete('outbox', 'd1');
    await sleep(80);
    // Forgetting happens as part of a later completion.
    await store.enqueue('outbox', 'd2', delivery(2));
    await store.complete('outbox', 'd2');

    expect(await store.enqueue('outbox', 'd1', delivery(1))).toBe(true);
    expect(await store.enqueue('outbox', 'd2', delivery(2))).toBe(false);
  });

  it('releases a claimed item for a retry now or at a later time', async () => {
    const store = await backend.freshLocation().open();
    await store.enqueue('outbox', 'now', delivery(1));
    await store.enqueue('outbox', 'later', delivery(2));
    await store.claim('outbox', 10_000, 10);

    expect(await store.release('outbox', 'now')).toBe(true);
    expect(await store.release('outbox', 'later', Date.now() + SHORT_MS)).toBe(true);
    expect(await store.release('outbox', 'unknown')).toBe(false);

    expect(await store.claim<Delivery>('outbox', 10_000, 10)).toEqual([{ id: 'now', item: delivery(1), attempts: 2 }]);
    await sleep(OUTLAST_SHORT_MS);
    expect(await store.claim<Delivery>('outbox', 10_000, 10)).toEqual([{ id: 'later', item: delivery(2), attempts: 2 }]);

    await store.complete('outbox', 'now');
    expect(await store.release('outbox', 'now')).toBe(false);
  });

  it('hands each item to exactly one of two stores claiming at once', async () => {
    const location = backend.freshLocation();
    const [a, b] = await Promise.all([location.open(), location.open()]);
    const ids = Array.from({ length: 30 }, (_, i) => `d${i}`);
    await Promise.all(ids.map((id, i) => a.enqueue('outbox', id, delivery(i))));

    const claimedIds: string[] = [];
    for (let round = 0; round < 10; round++) {
      const batches = await Promise.all([a.claim('outbox', 10_000, 2), b.claim('outbox', 10_000, 2), a.claim('outbox', 10_000, 1)]);
      claimedIds.push(...batches.flat().map((c) => c.id));
    }

    expect(claimedIds.sort()).toEqual([...ids].sort());
  });

  it('keeps queues apart by name', async () => {
    const store = await backend.freshLocation().open();
    await store.enqueue('outbox', 'd1', delivery(1));
    await store.enqueue('retries', 'd1', delivery(2));
    expect(await store.pending('outbox')).toBe(1);
    expect(await store.pending('retries')).toBe(1);
    expect((await store.claim<Delivery>('retries', 10_000, 10))[0]?.item).toEqual(delivery(2));
    expect(await store.complete('retries', 'd1')).toBe(true);
    expect(await store.pending('outbox')).toBe(1);
  });

  it('rejects a lease or limit that makes no sense', async () => {
    const store = await backend.freshLocation().open();
    await expect(store.claim('outbox', 0, 1)).rejects.toThrow(RangeError);
    await expect(store.claim('outbox', 1000, 0)).rejects.toThrow(RangeError);
  });
});
