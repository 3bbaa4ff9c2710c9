// The first read of the stored news in a worker (news-preload.ts), adopted by a
// process's news sync, gives the index a read on this thread gives (both backends):
// the same items in the same order, the same lists per entity, malformed items
// skipped with a log line; later changes come with the next refresh. Workers run
// compiled JavaScript only, so this test loads the build in dist/ (`npm test` builds first).
import { beforeAll, expect, it, onTestFinished } from 'vitest';

import { itemIdentity } from '../../src/feeds/item-identity.js';
import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { NewsIndex } from '../../src/knowledge/news-index.js';
import { storeNews } from '../../src/news/news-ingest.js';
import type * as preloadModule from '../../src/news/news-preload.js';
import * as source from '../../src/news/news-sync.js';
import { openStore } from '../../src/store/open-store.js';
import type { StoreTarget } from '../../src/store/store-url.js';
import { loadDataFolder } from '../alerts/alert-fixtures.js';
import { describeBackend, REDIS_URL, redisBackend, sqliteBackend, uniqueRedisPrefix, uniqueSqlitePath } from '../store/store-fixtures.js';
import { assertBuilt, importBuilt } from '../support/built-modules.js';

const DAY = 24 * 60 * 60_000;
const feed = { url: 'https://news.example.org/feed.xml', title: 'Example News', language: undefined };

let kb: KnowledgeBase;
let compiled: { preload: typeof preloadModule; sync: typeof source };
beforeAll(async () => {
  const at = (name: string) => `src/news/${name}`;
  assertBuilt(['news-preload', 'news-preload-worker', 'news-sync', 'news-changes'].map(at));
  compiled = {
    preload: await importBuilt<typeof preloadModule>(at('news-preload')),
    sync: await importBuilt<typeof source>(at('news-sync')),
  };
  kb = createKnowledgeBase(await loadDataFolder());
});

function quietLog() {
  const warnings: string[] = [];
  return { warnings, warn: (_fields: object, message: string) => warnings.push(message), info: () => undefined };
}

function feedItem(title: string, published: string, guid = title) {
  const summary = 'Two sentences of summary. Nothing more.';
  const { id, keys, version } = itemIdentity({ guid, title, summary, date: published });
  return { id, keys, version, title, summary, published, link: `https://news.example.org/${encodeURIComponent(guid)}` };
}

/** What an index answers, as plain data: every list it keeps for these ids, and its stamps. */
function answers(index: NewsIndex, about: readonly string[]) {
  return {
    size: index.size,
    version: index.version,
    all: index.older(undefined, undefined, 100).map((entry) => ({ at: entry.at, key: entry.key, about: entry.about, item: entry.item })),
    lists: about.map((id) => ({ id, items: index.older(id, undefined, 100).map((entry) => entry.item.id), stamp: index.stamp(id) })),
  };
}

for (const backend of [sqliteBackend, redisBackend]) {
  describeBackend(backend, 'news read ahead in a worker', () => {
    it('gives the index a read here gives; later changes come with the next refresh', async () => {
      const prefix = uniqueRedisPrefix();
      const target: StoreTarget = backend.name === 'sqlite' ? { kind: 'sqlite', path: uniqueSqlitePath() } : { kind: 'redis', url: REDIS_URL };
      const store = await openStore(target, { keyPrefix: prefix });
      onTestFinished(() => store.close());
      const now = Date.now();
      const day = (n: number) => new Date(now - n * DAY).toISOString();
      const settings = { retentionMs: 180 * DAY, maxPerFeed: 100 };
      await storeNews(
        store,
        kb,
        feed,
        [
          feedItem('Armenien friert die Beteiligung an der OVKS ein', day(3)),
          feedItem('Kremlin says the CSTO summit will go ahead', day(1)),
          feedItem('Weather in Yerevan', day(2)),
          feedItem('NATO and the CSTO meet', day(1), 'same time, other key'),
        ],
        settings,
        now,
      );
      await store.putNews(
        [
          { id: 'bad', feed: 'f', at: now, dated: true, item: '{"title": 42}' },
          // Written by another version, with a field this one does not know: kept as its fields.
          {
            id: 'f:older',
            feed: 'f',
            at: now - DAY,
            dated: true,
            item: JSON.stringify({
              id: 'f:older',
              title: 'Older shape',
              summary: '',
              source: { title: 'F', host: 'f.example' },
              language: 'en',
              entities: ['armenia'],
              topics: [],
              extra: 1,
            }),
          },
        ],
        { retainAfter: 0, maxPerFeed: 10 },
      );
      const hereLog = quietLog();
      const here = await source.createNewsSync(store, hereLog).refresh();

      const preload = compiled.preload.preloadNews({ target, keyPrefix: prefix });
      const result = await preload?.result;
      if (!result?.ok) throw new Error(`no preload: ${result?.error ?? 'no worker'}`);
      const log = quietLog();
      const sync = compiled.sync.createNewsSync(store, log);
      expect(sync.adopt(result.news)).toBe(true);
      const about = ['armenia', 'csto', 'russia', 'nato'];
      const adopted = answers(sync.current(), about);
      expect(adopted.size).toBe(5);
      expect(adopted.lists.find((list) => list.id === 'armenia')?.items).toContain('f:older');
      expect(adopted).toEqual(answers(here, about));
      expect(log.warnings).toEqual(['stored news item is malformed; skipped']);
      expect(log.warnings).toEqual(hereLog.warnings);

      await storeNews(store, kb, feed, [feedItem('Armenia and NATO talk', day(0))], settings, now);
      const next = await sync.refresh();
      expect(next.older('armenia', undefined, 1)[0]?.item.title).toBe('Armenia and NATO talk');
      expect(sync.adopt(result.news)).toBe(false);
    });
  });
}

it('says why when the worker cannot read the store, and reads nothing ahead from a store only this process sees', async () => {
  // A port nothing listens on: the connection is refused at once.
  const result = await compiled.preload.preloadNews({ target: { kind: 'redis', url: 'redis://127.0.0.1:9' } })?.result;
  expect(result?.ok).toBe(false);
  expect(result?.ok === false && result.error).toMatch(/\w/);
  expect(compiled.preload.preloadNews({ target: { kind: 'sqlite', path: ':memory:' } })).toBeUndefined();
});
