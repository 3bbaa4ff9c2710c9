// News feeds the operator configured, polled into the alerts outbox: each feed by one
// process at a time, however many share the store (feeds/feed-leases.ts).
import { createFeedLeases, leaseTimings } from '../feeds/feed-leases.js';
import { createFeedPoller } from '../feeds/feed-poller.js';
import { readFeedInWorker } from '../feeds/parse-in-worker.js';
import { newsSettingsOf, storeNews } from '../news/news-ingest.js';
import type { AppContext, Stop } from './context.js';
import { LEASE_HOLDER } from './lease-holder.js';

const USER_AGENT = 'Lagebild (self-hosted Discord bot; feed reader)';

/** Polls `feeds` (app/feed-list.ts, read before start-up) into the outbox; nothing when there are none. */
export function startFeeds(ctx: AppContext, feeds: readonly string[]): Stop {
  if (feeds.length === 0) return () => Promise.resolve();
  const intervalMs = ctx.config.feeds.intervalSeconds * 1000;
  const leases = createFeedLeases({
    feeds,
    store: ctx.store,
    holder: LEASE_HOLDER,
    ...leaseTimings(intervalMs),
    onAcquired: (taken) => {
      ctx.logger.info({ feeds: taken.length }, 'took over polling of news feeds');
      poller.wake();
    },
    onError: (error) => ctx.logger.warn({ err: error }, 'feed leases could not be renewed; retrying'),
  });
  const poller = createFeedPoller({
    feeds,
    intervalMs,
    gate: leases,
    store: ctx.alerts.feedState,
    onNewItem: (item) => ctx.alerts.onFeedItem(item),
    // Every item read becomes a news item, before its alert goes out; this process answers from it at once.
    onSighted: async (feed, sightings) => {
      if (feed.skipped !== undefined)
        ctx.logger.warn({ feed: feed.url, items: feed.skipped }, 'feed items with no title, summary or link were left out');
      const items = sightings.map((sighting) => sighting.item);
      await storeNews(ctx.store, ctx.knowledge.current(), feed, items, newsSettingsOf(ctx.config.news));
      await ctx.news.refresh();
    },
    onError: (error) =>
      ctx.logger.warn(
        { feed: error.feedUrl, err: error.error, failures: error.failures, retryAt: new Date(error.retryAt).toISOString() },
        'feed could not be read; retrying later',
      ),
    maxAlertsPerPoll: ctx.config.feeds.maxAlertsPerPoll,
    onCapped: ({ feedUrl, newItems, emitted }) =>
      ctx.logger.warn(
        { feed: feedUrl, newItems, alerted: emitted, recordedOnly: newItems - emitted },
        'feed had more new items than one poll may alert; the rest were recorded without alerting',
      ),
    onReprime: (feedUrl) =>
      ctx.logger.info({ feed: feedUrl }, 'feed items are recognised differently since an upgrade; recording them again without alerting'),
    onItemUpdated: ({ feedUrl, item }) => ctx.logger.debug({ feed: feedUrl, item: item.id }, 'feed item updated; not alerted again'),
    userAgent: USER_AGENT,
    fetchLimits: { allowPrivate: ctx.config.feeds.allowPrivate },
    // A big feed parses for seconds; off the main thread, interactions are answered meanwhile.
    read: readFeedInWorker,
  });
  leases.start();
  poller.start();
  ctx.logger.info({ feeds: feeds.length }, 'polling news feeds');
  return async () => {
    await poller.stop();
    await leases.stop();
  };
}
