// Feed items stored as news items by one process are answered by another after its next
// sync (both backends); an updated item replaces its record; bad records are skipped.
import { beforeAll, expect, it } from 'vitest';

import { itemIdentity } from '../../src/feeds/item-identity.js';
import type { FeedItem } from '../../src/feeds/parse-feed.js';
import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { storeNews } from '../../src/news/news-ingest.js';
import { createNewsSync } from '../../src/news/news-sync.js';
import { loadDataFolder } from '../alerts/alert-fixtures.js';
import { describeEachBackend } from '../store/store-fixtures.js';

const DAY = 24 * 60 * 60_000;
const settings = { retentionMs: 180 * DAY, maxPerFeed: 100 };
const feed = { url: 'https://news.example.org/feed.xml', title: 'Example News', language: undefined };

function feedItem(title: string, summary: string, published: string, guid = title): FeedItem {
  const { id, keys, version } = itemIdentity({ guid, title, summary, date: published });
  return { id, keys, version, title, summary, published, link: `https://news.example.org/${encodeURIComponent(guid)}` };
}

function quietLog() {
  const warnings: string[] = [];
  return { warnings, warn: (_fields: object, message: string) => warnings.push(message), info: () => undefined };
}

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = createKnowledgeBase(await loadDataFolder());
});

describeEachBackend('news items across processes', (backend) => {
  it('an item one process stores is in the other process index after its next sync, with what it names', async () => {
    const location = backend.freshLocation();
    const [writer, reader] = await Promise.all([location.open(), location.open()]);
    const readerSync = createNewsSync(reader, quietLog());
    await readerSync.refresh();
    const now = Date.now();
    const recent = new Date(now - DAY).toISOString();
    const outcomes = await storeNews(
      writer,
      kb,
      feed,
      [
        feedItem('Armenien friert die Beteiligung an der OVKS ein', '', recent),
        feedItem('Kremlin says the summit will go ahead', 'Putin will attend.', recent, 'b'),
      ],
      settings,
      now,
    );
    expect(outcomes.map((stored) => stored.outcome)).toEqual(['new', 'new']);

    const index = await readerSync.refresh();
    const armenia = index.older('armenia', undefined, 5);
    expect(armenia.map((e) => e.item.title)).toEqual(['Armenien friert die Beteiligung an der OVKS ein']);
    expect(armenia[0]?.item).toMatchObject({ language: 'de', source: { title: 'Example News', host: 'news.example.org' } });
    expect(armenia[0]?.item.entities).toEqual(expect.arrayContaining(['armenia', 'csto']) as unknown);
    expect(index.older('vladimir-putin', undefined, 5)[0]?.item.language).toBe('en');
  });

  it('an updated item replaces its record; an item past the retention is not kept', async () => {
    const store = await backend.freshLocation().open();
    const sync = createNewsSync(store, quietLog());
    const now = Date.now();
    const date = new Date(now - DAY).toISOString();
    await storeNews(store, kb, feed, [feedItem('NATO meets', 'first', date, 'g1')], settings, now);
    const updated = await storeNews(
      store,
      kb,
      feed,
      [feedItem('NATO meets in Vilnius', 'second', date, 'g1'), feedItem('Old', '', new Date(now - 400 * DAY).toISOString(), 'g2')],
      settings,
      now,
    );
    expect(updated.map((stored) => stored.outcome)).toEqual(['updated', 'expired']);
    const index = await sync.refresh();
    expect(index.older(undefined, undefined, 10).map((e) => e.item.title)).toEqual(['NATO meets in Vilnius']);
  });

  it('an item dated ahead of its reading is placed as of its first reading; a date years ahead is not kept as its date', async () => {
    const store = await backend.freshLocation().open();
    const sync = createNewsSync(store, quietLog());
    const now = Date.now();
    const HOUR = 60 * 60_000;
    const items = [
      feedItem('Armenia: a date in the year 2100', '', new Date(Date.UTC(2100, 0, 1)).toISOString(), 'far'),
      feedItem('Armenia: dated two hours ahead', '', new Date(now + 2 * HOUR).toISOString(), 'near'),
      feedItem('Armenia: dated an hour ago', '', new Date(now - HOUR).toISOString(), 'past'),
    ];
    const stored = await storeNews(store, kb, feed, items, settings, now);
    expect(stored.map((one) => one.item.published)).toEqual([undefined, items[1]!.published, items[2]!.published]);
    // Read again later: the items ahead keep the time they were first read, so they neither head the list nor outlive the retention.
    await storeNews(store, kb, feed, items, settings, now + HOUR / 2);
    const listed = (await sync.refresh()).older('armenia', undefined, 5);
    expect(Object.fromEntries(listed.map((entry) => [entry.item.title, entry.at]))).toEqual({
      'Armenia: a date in the year 2100': now,
      'Armenia: dated two hours ahead': now,
      'Armenia: dated an hour ago': now - HOUR,
    });
    expect(listed.at(-1)?.item.title).toBe('Armenia: dated an hour ago');
    // Past the retention as of the first reading, they are gone.
    await storeNews(store, kb, feed, [], settings, now + settings.retentionMs + HOUR);
    await storeNews(
      store,
      kb,
      feed,
      [feedItem('Armenia: later', '', new Date(now + settings.retentionMs).toISOString(), 'later')],
      settings,
      now + settings.retentionMs + HOUR,
    );
    expect((await sync.refresh()).older('armenia', undefined, 5).map((entry) => entry.item.title)).toEqual(['Armenia: later']);
  });

  it('skips a malformed stored item with a log line and answers from the rest', async () => {
    const store = await backend.freshLocation().open();
    const log = quietLog();
    const sync = createNewsSync(store, log);
    const now = Date.now();
    await store.putNews([{ id: 'bad', feed: 'f', at: now, dated: true, item: '{"title": 42}' }], { retainAfter: 0, maxPerFeed: 10 });
    await storeNews(store, kb, feed, [feedItem('NATO meets', '', new Date(now).toISOString())], settings, now);
    const index = await sync.refresh();
    expect(index.size).toBe(1);
    expect(log.warnings).toEqual(['stored news item is malformed; skipped']);
  });
});
