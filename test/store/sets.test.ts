// String sets (operations/sets.ts) on both backends, also under contention from two stores.
import { expect, it } from 'vitest';

import { describeEachBackend } from './store-fixtures.js';

describeEachBackend('sets', (backend) => {
  it('adds, lists in order, and removes members', async () => {
    const store = await backend.freshLocation().open();
    expect(await store.addToSet('topic-index', 'csto', 'channel-b')).toBe(true);
    expect(await store.addToSet('topic-index', 'csto', 'channel-a')).toBe(true);
    expect(await store.addToSet('topic-index', 'csto', 'channel-b')).toBe(false);
    expect(await store.addToSet('topic-index', 'nato', 'channel-c')).toBe(true);
    expect(await store.addToSet('other-index', 'csto', 'channel-z')).toBe(true);

    expect(await store.setMembers('topic-index', 'csto')).toEqual(['channel-a', 'channel-b']);
    expect(await store.setMembers('topic-index', 'nato')).toEqual(['channel-c']);
    expect(await store.setMembers('topic-index', 'unknown')).toEqual([]);

    expect(await store.removeFromSet('topic-index', 'csto', 'channel-a')).toBe(true);
    expect(await store.removeFromSet('topic-index', 'csto', 'channel-a')).toBe(false);
    expect(await store.setMembers('topic-index', 'csto')).toEqual(['channel-b']);
  });

  it('keeps every member added concurrently from two stores', async () => {
    const location = backend.freshLocation();
    const [a, b] = await Promise.all([location.open(), location.open()]);
    const members = Array.from({ length: 60 }, (_, i) => `channel-${String(i).padStart(2, '0')}`);

    await Promise.all(members.map((m, i) => (i % 2 === 0 ? a : b).addToSet('topic-index', 'csto', m)));

    expect(await b.setMembers('topic-index', 'csto')).toEqual(members);
  });
});
