// Leases and presence (operations/leases.ts) on both backends, with two stores on one
// location standing for two processes.
import { setTimeout as sleep } from 'node:timers/promises';

import { expect, it } from 'vitest';

import { describeEachBackend, OUTLAST_SHORT_MS, SHORT_MS } from './store-fixtures.js';

describeEachBackend('leases', (backend) => {
  it('gives a lease to one holder at a time and lets the holder renew it', async () => {
    const location = backend.freshLocation();
    const [a, b] = await Promise.all([location.open(), location.open()]);
    expect(await a.acquireLease('feed:https://example.org/rss', 'a', 60_000)).toBe(true);
    expect(await b.acquireLease('feed:https://example.org/rss', 'b', 60_000)).toBe(false);
    expect(await a.acquireLease('feed:https://example.org/rss', 'a', 60_000)).toBe(true);
    expect(await b.acquireLease('feed:https://example.org/other', 'b', 60_000)).toBe(true);
  });

  it('hands exactly one of many concurrent contenders the lease', async () => {
    const location = backend.freshLocation();
    const [a, b] = await Promise.all([location.open(), location.open()]);
    const holders = Array.from({ length: 20 }, (_, i) => `holder-${i}`);
    const won = await Promise.all(holders.map((holder, i) => (i % 2 === 0 ? a : b).acquireLease('contended', holder, 60_000)));
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it('lets another holder take a lease that ran out without renewal', async () => {
    const location = backend.freshLocation();
    const [a, b] = await Promise.all([location.open(), location.open()]);
    expect(await a.acquireLease('work', 'a', SHORT_MS)).toBe(true);
    expect(await b.acquireLease('work', 'b', SHORT_MS)).toBe(false);
    await sleep(OUTLAST_SHORT_MS);
    expect(await b.acquireLease('work', 'b', 60_000)).toBe(true);
    expect(await a.acquireLease('work', 'a', 60_000)).toBe(false);
  });

  it('releases only the holder’s own lease, and a released lease is free at once', async () => {
    const location = backend.freshLocation();
    const [a, b] = await Promise.all([location.open(), location.open()]);
    await a.acquireLease('work', 'a', 60_000);
    expect(await b.releaseLease('work', 'b')).toBe(false);
    expect(await b.acquireLease('work', 'b', 60_000)).toBe(false);
    expect(await a.releaseLease('work', 'a')).toBe(true);
    expect(await b.acquireLease('work', 'b', 60_000)).toBe(true);
  });

  it('counts the live members of a group: announced, not yet expired, not withdrawn', async () => {
    const location = backend.freshLocation();
    const [a, b] = await Promise.all([location.open(), location.open()]);
    expect(await a.announcePresence('feed-pollers', 'a', 60_000)).toBe(1);
    expect(await b.announcePresence('feed-pollers', 'b', SHORT_MS)).toBe(2);
    expect(await a.announcePresence('feed-pollers', 'a', 60_000)).toBe(2);
    expect(await a.announcePresence('other-group', 'a', 60_000)).toBe(1);
    await sleep(OUTLAST_SHORT_MS);
    expect(await a.announcePresence('feed-pollers', 'a', 60_000)).toBe(1);
    await b.announcePresence('feed-pollers', 'b', 60_000);
    await b.withdrawPresence('feed-pollers', 'b');
    expect(await a.announcePresence('feed-pollers', 'a', 60_000)).toBe(1);
  });

  it('keeps leases and presence out of every namespace', async () => {
    const store = await backend.freshLocation().open();
    await store.acquireLease('work', 'a', 60_000);
    await store.announcePresence('group', 'a', 60_000);
    expect(await store.namespace('lease').has('work')).toBe(false);
    expect(await store.namespace('presence').has('a')).toBe(false);
  });
});
