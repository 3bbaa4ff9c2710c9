// News items and their change log (operations/news.ts) on both backends, also from two stores at once.
import { expect, it } from 'vitest';

import type { NewsWrite, Store } from '../../src/store/store.js';
import { describeEachBackend } from './store-fixtures.js';

const DAY = 24 * 60 * 60_000;
const rules = { retainAfter: 0, maxPerFeed: 100 };

function write(id: string, at: number, text = `item ${id}`, feed = 'f1', dated = true): NewsWrite {
  return { id, feed, at, dated, item: JSON.stringify({ text }) };
}

/** The live items after reading every change from the start, as a process syncing would see them. */
async function liveItems(store: Store): Promise<Map<string, string>> {
  const live = new Map<string, string>();
  let after = 0;
  for (;;) {
    const { changes } = await store.newsChanges(after, 3);
    if (changes.length === 0) return live;
    for (const change of changes) {
      if (change.item === undefined) live.delete(change.id);
      else live.set(change.id, change.item);
      after = change.seq;
    }
  }
}

describeEachBackend('news items', (backend) => {
  it('adds new items, updates changed ones and leaves unchanged ones, each change once in the log', async () => {
    const store = await backend.freshLocation().open();
    const now = Date.now();
    expect(await store.putNews([write('a', now - 2000), write('b', now - 1000)], rules)).toEqual(['new', 'new']);
    const first = await store.newsChanges(0, 10);
    expect(first.changes.map((c) => c.id)).toEqual(['a', 'b']);
    const last = first.changes.at(-1)?.seq ?? 0;

    expect(await store.putNews([write('a', now - 2000), write('b', now - 1000, 'new title')], rules)).toEqual(['unchanged', 'updated']);
    const next = await store.newsChanges(last, 10);
    expect(next.changes.map((c) => [c.id, c.item])).toEqual([['b', JSON.stringify({ text: 'new title' })]]);
    expect(next.changes[0]?.at).toBe(now - 1000);
    expect(await store.newsChanges(next.changes[0]?.seq ?? 0, 10)).toEqual({ changes: [], purgedThrough: 0 });
  });

  it('replaces an item only where it is still as read: changed and removed items stay as their writer left them', async () => {
    const [store, other] = await (async () => {
      const location = backend.freshLocation();
      return Promise.all([location.open(), location.open()]);
    })();
    const now = Date.now();
    await store.putNews([write('a', now - 3000), write('b', now - 2000), write('c', now - 1000)], { retainAfter: 0, maxPerFeed: 3 });
    const read = await liveItems(store);
    const since = (await store.newsChanges(0, 10)).changes.at(-1)?.seq ?? 0;
    // Meanwhile another process updates b and the cap removes a.
    await other.putNews([write('b', now - 2000, 'b, updated'), write('d', now)], { retainAfter: 0, maxPerFeed: 3 });
    const replaced = await store.replaceNews(
      ['a', 'b', 'c'].map((id) => ({ id, expected: read.get(id)!, item: JSON.stringify({ text: `item ${id}`, matched: true }) })),
    );
    expect(replaced).toEqual([false, false, true]);
    const live = await liveItems(store);
    expect([...live.keys()].sort()).toEqual(['b', 'c', 'd']);
    expect(live.get('b')).toBe(JSON.stringify({ text: 'b, updated' }));
    expect(live.get('c')).toBe(JSON.stringify({ text: 'item c', matched: true }));
    // The replacement is a change like any other, and keeps the item's time and place under the cap.
    const changes = (await store.newsChanges(since, 10)).changes;
    expect(changes.at(-1)).toMatchObject({ id: 'c', at: now - 1000 });
    await store.putNews([write('e', now + 1000)], { retainAfter: 0, maxPerFeed: 3 });
    expect([...(await liveItems(store)).keys()].sort()).toEqual(['c', 'd', 'e']);
  });

  it('keeps the first-seen time of an undated item', async () => {
    const store = await backend.freshLocation().open();
    const now = Date.now();
    await store.putNews([write('u', now - 5000, 'x', 'f1', false)], rules);
    expect(await store.putNews([write('u', now, 'x', 'f1', false)], rules)).toEqual(['unchanged']);
    await store.putNews([write('u', now, 'changed', 'f1', false)], rules);
    const { changes } = await store.newsChanges(0, 10);
    expect(changes.map((c) => c.at)).toEqual([now - 5000]);
  });

  it('keeps the latest items of each feed up to the cap and removes the rest as changes', async () => {
    const store = await backend.freshLocation().open();
    const now = Date.now();
    const items = [1, 2, 3, 4, 5].map((n) => write(`a${n}`, now - n * 1000));
    await store.putNews([...items, write('other', now - 9000, 'x', 'f2')], { retainAfter: 0, maxPerFeed: 3 });
    expect([...(await liveItems(store)).keys()].sort()).toEqual(['a1', 'a2', 'a3', 'other']);
  });

  it('removes items older than the retention', async () => {
    const store = await backend.freshLocation().open();
    const now = Date.now();
    await store.putNews([write('old', now - 10 * DAY), write('recent', now - DAY)], rules);
    await store.putNews([write('newest', now)], { retainAfter: now - 5 * DAY, maxPerFeed: 100 });
    expect([...(await liveItems(store)).keys()].sort()).toEqual(['newest', 'recent']);
  });

  it('gives every change of two stores writing at once its own sequence number', async () => {
    const location = backend.freshLocation();
    const [a, b] = await Promise.all([location.open(), location.open()]);
    const now = Date.now();
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).putNews([write(`n${i}`, now - i)], rules)));
    const { changes } = await b.newsChanges(0, 100);
    expect(new Set(changes.map((c) => c.seq)).size).toBe(40);
    expect(changes.map((c) => c.seq)).toEqual([...changes.map((c) => c.seq)].sort((x, y) => x - y));
    expect((await liveItems(a)).size).toBe(40);
  });
});
