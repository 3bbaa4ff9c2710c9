// Publishing into the outbox: the first start over a data folder alerts nothing,
// later articles alert once, the same publication twice queues one delivery, and
// feed items reach subscribers through the durable feed state.
import { expect, it } from 'vitest';

import { createArticlePublications } from '../../src/alerts/article-publications.js';
import { type Delivery, OUTBOX } from '../../src/alerts/delivery.js';
import { createStoreFeedStateStore, feedPublication, publishFeedItems } from '../../src/alerts/feed-publications.js';
import { createPublisher } from '../../src/alerts/publisher.js';
import { createSubscriptionRepository } from '../../src/alerts/subscriptions.js';
import { createFeedPoller, type NewFeedItem } from '../../src/feeds/feed-poller.js';
import { createKnowledgeBase } from '../../src/knowledge/create-knowledge-base.js';
import type { Dataset, KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { Store } from '../../src/store/store.js';
import { serve, startTestServer } from '../feeds/feed-test-server.js';
import { describeEachBackend, openFresh } from '../store/store-fixtures.js';
import { loadDataFolder, subscription } from './alert-fixtures.js';

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';
const dataset: Dataset = await loadDataFolder();
const seed = dataset.articles[0]!;

/** The data folder plus one new article, as after a moderator added it. */
function withNewArticle(id: string): KnowledgeBase {
  const article = { ...seed, id, title: { ...seed.title, de: 'Neuer Artikel zur OVKS', en: 'New article on the CSTO' }, date: '2025-01-10' };
  return createKnowledgeBase({ ...dataset, articles: [...dataset.articles, article] });
}

async function drain(store: Store): Promise<Delivery[]> {
  const claims = await store.claim<Delivery>(OUTBOX, 60_000, 100);
  for (const claim of claims) await store.complete(OUTBOX, claim.id);
  return claims.map((claim) => claim.item);
}

function setUp(store: Store, kb: { current: KnowledgeBase }) {
  const subscriptions = createSubscriptionRepository(store);
  const publisher = createPublisher({ store, subscriptions, kbProvider: () => kb.current });
  return { subscriptions, publisher, articles: createArticlePublications(store, publisher) };
}

describeEachBackend('alert publishing', (backend) => {
  it('takes a baseline on the first start and alerts only articles added later, once', async () => {
    const location = backend.freshLocation();
    const store = await location.open();
    const kb = { current: createKnowledgeBase(dataset) };
    const first = setUp(store, kb);
    await first.subscriptions.add(subscription({ guildId: GUILD, channelId: CHANNEL, topic: 'csto' }));

    expect(await first.articles.onKnowledgeReload(kb.current)).toEqual({ baseline: true, published: [] });
    expect(await store.pending(OUTBOX)).toBe(0);

    kb.current = withNewArticle('new-csto-article');
    const reload = await first.articles.onKnowledgeReload(kb.current);
    expect(reload.baseline).toBe(false);
    expect(reload.published).toEqual([
      { articleId: 'new-csto-article', result: expect.objectContaining({ status: 'queued', deliveries: 1 }) as unknown },
    ]);
    const [delivery] = await drain(store);
    expect(delivery).toMatchObject({ publicationId: 'article:new-csto-article', channelId: CHANNEL });
    expect(delivery?.body.embeds?.[0]?.title).toBe('New article on the CSTO');

    // A restart over the same store: no new baseline, nothing published again.
    const restarted = setUp(await location.open(), kb);
    expect(await restarted.articles.onKnowledgeReload(kb.current)).toEqual({
      baseline: false,
      published: [
        { articleId: seed.id, result: { status: 'seen-before' } },
        { articleId: 'new-csto-article', result: { status: 'seen-before' } },
      ],
    });
    expect(await store.pending(OUTBOX)).toBe(0);
  });

  it('queues one delivery for the same publication published twice, even concurrently', async () => {
    const store = await openFresh(backend);
    const { subscriptions, publisher } = setUp(store, { current: createKnowledgeBase(dataset) });
    const sub = subscription({ guildId: GUILD, channelId: CHANNEL, topic: 'nato', language: 'de' });
    await subscriptions.add(sub);
    const item = feedPublication({
      feedUrl: 'https://news.example/feed',
      feedTitle: 'News',
      item: { id: 'guid:42', keys: ['guid:42'], version: 'v1', title: 'Nordatlantikpakt tagt', summary: '' },
    });
    const results = await Promise.all([publisher.publish(item), publisher.publish(item)]);
    expect(results.map((r) => r.status).sort()).toEqual(['queued', 'seen-before']);
    expect(await publisher.publish(item)).toEqual({ status: 'seen-before' });
    const deliveries = await drain(store);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.subscriptionId).toBe(sub.id);
    expect(deliveries[0]?.body.embeds?.[0]?.fields?.[0]?.value).toBe('NATO');
  });

  it('publishes feed items matched by their text, escaped', async () => {
    const store = await openFresh(backend);
    const { subscriptions, publisher } = setUp(store, { current: createKnowledgeBase(dataset) });
    await subscriptions.add(subscription({ guildId: GUILD, channelId: CHANNEL, topic: 'armenia' }));
    const onNewItem = (newItem: NewFeedItem) => publisher.publish(feedPublication(newItem));
    const feedUrl = 'https://news.example/feed';
    const armenia = await onNewItem({
      feedUrl,
      feedTitle: 'News',
      item: { id: 'guid:1', keys: ['guid:1'], version: 'v1', title: 'Jerewan: Armenien prüft Austritt', summary: '[mehr](https://x.example)' },
    });
    const other = await onNewItem({
      feedUrl,
      feedTitle: 'News',
      item: { id: 'guid:2', keys: ['guid:2'], version: 'v1', title: 'Wetterbericht', summary: '' },
    });
    expect(armenia).toMatchObject({ status: 'queued', deliveries: 1, topics: ['armenia'] });
    expect(other).toMatchObject({ status: 'queued', deliveries: 0, topics: [] });
    const [delivery] = await drain(store);
    expect(delivery?.body.embeds?.[0]?.description).toBe('\\[mehr\\]\\(https://x.example\\)');
  });

  it('bridges the feed poller: primes silently, publishes a new item once, and remembers across a restart', async () => {
    const location = backend.freshLocation();
    const store = await location.open();
    const { subscriptions, publisher } = setUp(store, { current: createKnowledgeBase(dataset) });
    await subscriptions.add(subscription({ guildId: GUILD, channelId: CHANNEL, topic: 'csto' }));
    const server = await startTestServer();
    const rss = (titles: string[]) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Ost</title>${titles
        .map((title, i) => `<item><title>${title}</title><guid>ost-${i}</guid><link>https://news.example/${i}</link></item>`)
        .join('')}</channel></rss>`;
    let clock = Date.now();
    const poll = async (feedStore: Store) => {
      const poller = createFeedPoller({
        feeds: [server.url('/feed.xml')],
        intervalMs: 60_000,
        store: createStoreFeedStateStore(feedStore),
        userAgent: 'lagebild-test',
        onNewItem: publishFeedItems(publisher),
        onError: (error) => {
          throw error.error;
        },
        now: () => clock,
      });
      clock += 120_000;
      await poller.pollDue();
    };
    try {
      server.route('/feed.xml', serve(rss(['OVKS-Gipfel abgesagt']), 'application/rss+xml'));
      await poll(store);
      expect(await store.pending(OUTBOX)).toBe(0);
      server.route('/feed.xml', serve(rss(['OVKS-Gipfel abgesagt', 'CSTO troops leave Armenia']), 'application/rss+xml'));
      await poll(store);
      const deliveries = await drain(store);
      expect(deliveries.map((d) => d.body.embeds?.[0]?.title)).toEqual(['CSTO troops leave Armenia']);
      await poll(await location.open());
      expect(await store.pending(OUTBOX)).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('keeps feed state durably, and marks an item seen for exactly one of two pollers', async () => {
    const location = backend.freshLocation();
    const [one, two] = [createStoreFeedStateStore(await location.open()), createStoreFeedStateStore(await location.open())];
    const url = 'https://news.example/feed.xml';
    expect(await one.getFeedState(url)).toBeUndefined();
    await one.setFeedState(url, { etag: '"v1"', failures: 0, nextPollAt: 1_700_000_000_000, primed: true });
    expect(await two.getFeedState(url)).toEqual({ etag: '"v1"', failures: 0, nextPollAt: 1_700_000_000_000, primed: true });
    const record = { id: 'guid:7', version: 'v1', at: 1_700_000_000_000 };
    const claims = await Promise.all([one.claim(url, 'guid:7', record), two.claim(url, 'guid:7', record), one.claim(url, 'guid:7', record)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await two.recall(url, 'guid:7')).toEqual(record);
    expect(await two.claim('https://other.example/feed.xml', 'guid:7', record)).toBe(true);
    await one.remember(url, 'link://news.example/7', { ...record, version: 'v2' });
    expect(await two.recall(url, 'link://news.example/7')).toEqual({ ...record, version: 'v2' });
    expect(await two.recall('https://other.example/feed.xml', 'link://news.example/7')).toBeUndefined();
  });
});
