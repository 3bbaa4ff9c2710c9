// `lagebild feed ingest URL|FILE [--json] [--data DIR]`: reads one feed now, exactly as
// the bot's poller does, into the bot's store (LAGEBILD_STORE): the same item identity and
// seen items, the same priming (the first sight of a feed records its items and alerts
// nothing; later, new items are queued as alerts, which a running bot sends), the same
// cap on alerts per read, and every item stored as a news item. It takes no poller lease:
// the store's claims keep a running poller and this from alerting an item twice.
import { createStoreFeedStateStore, publishFeedItems } from '../alerts/feed-publications.js';
import { createPublisher } from '../alerts/publisher.js';
import { createSubscriptionRepository } from '../alerts/subscriptions.js';
import type { StoreSettings } from '../config/config.js';
import { IDENTITY_SCHEME } from '../feeds/item-identity.js';
import type { ParsedFeed } from '../feeds/parse-feed.js';
import { sightItems } from '../feeds/seen-items.js';
import type { KnowledgeBase } from '../knowledge/knowledge-base.js';
import { newsSettingsOf, storeNews } from '../news/news-ingest.js';
import type { Store } from '../store/store.js';

const DAY_MS = 24 * 60 * 60_000;

export interface IngestedItem {
  id: string;
  title: string;
  link: string | null;
  published: string | null;
  topics: string[];
  /** Not seen before (in this feed, by any of its keys). */
  new: boolean;
  /** Kept as a news item (false: older than the news retention). */
  stored: boolean;
}

export interface IngestResult {
  items: IngestedItem[];
  /** The feed was seen for the first time: its items were recorded without alerting. */
  primed: boolean;
  /** How many alerts were published (queued for subscribers, if any). */
  alerted: number;
  /** Items left out for having nothing to show. */
  skipped: number;
}

export async function ingestFeed(store: Store, kb: KnowledgeBase, settings: StoreSettings, feedUrl: string, feed: ParsedFeed): Promise<IngestResult> {
  const horizonMs = settings.feeds.seenHorizonDays * DAY_MS;
  const states = createStoreFeedStateStore(store, horizonMs);
  const now = Date.now();
  const state = await states.getFeedState(feedUrl);
  const sightings = await sightItems(feedUrl, feed.items, states, now);
  const source = { url: feedUrl, title: feed.title, language: feed.language, link: feed.link };
  const stored = await storeNews(store, kb, source, feed.items, newsSettingsOf(settings.news), now);
  // Primed under the current identity scheme, as the poller requires before it alerts.
  const primed = state?.primed === true && state.identityScheme === IDENTITY_SCHEME;
  let alerted = 0;
  if (primed) {
    const publish = publishFeedItems(createPublisher({ store, subscriptions: createSubscriptionRepository(store), kbProvider: () => kb }), horizonMs);
    const fresh = sightings.filter((sighting) => sighting.status === 'new').slice(0, settings.feeds.maxAlertsPerPoll);
    // Oldest first, as the poller keeps a channel in reading order.
    for (const { item } of fresh.reverse()) {
      await publish({ feedUrl, feedTitle: feed.title, item });
      alerted += 1;
    }
  } else {
    // The poller keeps its own schedule and validators; this only marks the feed as read.
    await states.setFeedState(feedUrl, { failures: 0, nextPollAt: state?.nextPollAt ?? 0, ...state, primed: true, identityScheme: IDENTITY_SCHEME });
  }
  // sightItems and storeNews both answer per item, in the feed's order.
  const items = sightings.map(({ item, status }, i) => {
    const { item: news, outcome } = stored[i]!;
    return {
      id: news.id,
      title: item.title,
      link: item.link ?? null,
      published: news.published ?? null,
      topics: [...news.entities, ...news.topics].sort(),
      new: status === 'new',
      stored: outcome !== 'expired',
    };
  });
  return { items, primed: !primed, alerted, skipped: feed.skipped ?? 0 };
}
