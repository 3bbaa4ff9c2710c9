// Stored news follows the data: an item read before the data named something is about it
// once the data does (and no longer once it stops), on both backends, for every process.
import { beforeAll, describe, expect, it } from 'vitest';

import { itemIdentity } from '../../src/feeds/item-identity.js';
import type { FeedItem } from '../../src/feeds/parse-feed.js';
import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import type { Dataset, KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { storeNews } from '../../src/news/news-ingest.js';
import { createNewsRematch, vocabularyFingerprint } from '../../src/news/news-rematch.js';
import { createNewsSync } from '../../src/news/news-sync.js';
import type { Store } from '../../src/store/store.js';
import { loadDataFolder } from '../alerts/alert-fixtures.js';
import { describeEachBackend } from '../store/store-fixtures.js';

const DAY = 24 * 60 * 60_000;
const settings = { retentionMs: 180 * DAY, maxPerFeed: 100 };
const feed = { url: 'https://news.example.org/feed.xml', title: 'Example News', language: 'de' };
const PERSON = 'nikol-pashinyan';
/** Names the person only by the surname, which the data has as an alias. */
const HEADLINE = 'Paschinjan kündigt Referendum über die Verfassung an';

function feedItem(title: string, published: string): FeedItem {
  const { id, keys, version } = itemIdentity({ guid: title, title, summary: '', date: published });
  return { id, keys, version, title, summary: '', published, link: `https://news.example.org/${encodeURIComponent(title)}` };
}

const quiet = { warn: () => undefined, info: () => undefined };

let withAlias: KnowledgeBase;
let withoutAlias: KnowledgeBase;
beforeAll(async () => {
  const dataset = await loadDataFolder();
  withAlias = createKnowledgeBase(dataset);
  // The same data before a curator added the surname as an alias.
  const earlier: Dataset = {
    ...dataset,
    entities: dataset.entities.map((entity) => (entity.id === PERSON ? { ...entity, aliases: [] } : entity)),
  };
  withoutAlias = createKnowledgeBase(earlier);
});

/** A process's news sync and rematch over `store`, serving `kb()`. */
function processOn(store: Store, kb: () => KnowledgeBase, holder: string, retryMs?: number) {
  const news = createNewsSync(store, quiet);
  const rematch = createNewsRematch({ store, news, log: quiet, holder, current: kb, ...(retryMs === undefined ? {} : { retryMs }) });
  return { news, rematch };
}

describe('vocabulary fingerprint', () => {
  it('changes with a name the matcher reads and with nothing else', async () => {
    expect(vocabularyFingerprint(withAlias)).not.toBe(vocabularyFingerprint(withoutAlias));
    expect(vocabularyFingerprint(createKnowledgeBase(await loadDataFolder()))).toBe(vocabularyFingerprint(withAlias));
  });
});

describeEachBackend('stored news matched again when the data changes', (backend) => {
  it('an item read before the data knew a name is about it after the reload, in every process; a second run writes nothing', async () => {
    const location = backend.freshLocation();
    const [storeA, storeB] = await Promise.all([location.open(), location.open()]);
    let served = withoutAlias;
    const a = processOn(storeA, () => served, 'a');
    const b = processOn(storeB, () => served, 'b');
    const now = Date.now();
    await storeNews(storeA, served, feed, [feedItem(HEADLINE, new Date(now - DAY).toISOString())], settings, now);
    expect((await b.news.refresh()).older(PERSON, undefined, 5)).toEqual([]);
    // The first start over this store records what the stored items were matched with.
    expect(await a.rematch.run(served)).toEqual({ checked: 1, changed: 0 });

    served = withAlias;
    expect(await a.rematch.run(served)).toEqual({ checked: 1, changed: 1 });
    const seen = (await b.news.refresh()).older(PERSON, undefined, 5);
    expect(seen.map((entry) => entry.item.title)).toEqual([HEADLINE]);
    expect(seen[0]?.item.entities).toContain(PERSON);
    // The other process reloads the same data: the stored matches are already its own.
    expect(await b.rematch.run(served)).toBeUndefined();

    served = withoutAlias;
    expect(await b.rematch.run(served)).toEqual({ checked: 1, changed: 1 });
    expect((await a.news.refresh()).older(PERSON, undefined, 5)).toEqual([]);
  });

  it('a run for data already replaced stops; the run for the data in service does the work', async () => {
    const store = await backend.freshLocation().open();
    let served = withoutAlias;
    const process = processOn(store, () => served, 'p');
    const now = Date.now();
    await storeNews(store, served, feed, [feedItem(HEADLINE, new Date(now - DAY).toISOString())], settings, now);
    const stale = withoutAlias;
    served = withAlias;
    expect(await process.rematch.run(stale)).toBeUndefined();
    expect(await process.rematch.run(served)).toEqual({ checked: 1, changed: 1 });
  });

  it('an item an older build stored in another shape (fields in another order, one more field) is matched again too', async () => {
    const store = await backend.freshLocation().open();
    let served = withoutAlias;
    const process = processOn(store, () => served, 'p');
    expect(await process.rematch.run(served)).toEqual({ checked: 0, changed: 0 });
    const published = new Date(Date.now() - DAY).toISOString();
    const id = 'https://older.example.org/feed.xml#older-shape';
    const older = {
      topics: [],
      entities: [],
      language: 'de',
      source: { host: 'older.example.org', title: 'Older build' },
      published,
      title: HEADLINE,
      summary: '',
      id,
      fetchedBy: 'an earlier version',
    };
    await store.putNews([{ id, feed: 'https://older.example.org/feed.xml', at: Date.parse(published), dated: true, item: JSON.stringify(older) }], {
      retainAfter: 0,
      maxPerFeed: 100,
    });
    served = withAlias;
    expect(await process.rematch.run(served)).toEqual({ checked: 1, changed: 1 });
    const [entry] = (await process.news.refresh()).older(PERSON, undefined, 5);
    expect(entry?.item).toMatchObject({ id, title: HEADLINE, published, entities: [PERSON] });
  });

  it('while another process holds the work it waits, and does it itself if that process stops before finishing', async () => {
    const store = await backend.freshLocation().open();
    let served = withoutAlias;
    const process = processOn(store, () => served, 'p', 50);
    const now = Date.now();
    await storeNews(store, served, feed, [feedItem(HEADLINE, new Date(now - DAY).toISOString())], settings, now);
    // A process that took the work and then stopped (its lease still runs).
    expect(await store.acquireLease('news:rematch', 'gone', 60_000)).toBe(true);
    served = withAlias;
    expect(await process.rematch.run(served)).toBeUndefined();
    expect((await process.news.refresh()).older(PERSON, undefined, 5)).toEqual([]);
    await store.releaseLease('news:rematch', 'gone');
    await expect.poll(async () => (await process.news.refresh()).older(PERSON, undefined, 5).length, { timeout: 5000, interval: 50 }).toBe(1);
  });
});
