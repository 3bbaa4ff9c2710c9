// News feeds in alerts. The poller reports each new item once; its id within the
// feed becomes part of the publication id, so the same item from the same feed is
// one publication however often it is seen. The poller's state lives in our store,
// so a restart neither re-primes every feed nor misses what was published meanwhile.
import type { FeedState, FeedStateStore, NewFeedItem } from '../feeds/feed-poller.js';
import type { Store } from '../store/store.js';
import { feedKey, feedPublicationId, type Publication } from './publication.js';
import type { Publisher } from './publisher.js';

const STATES = 'feed-state';
const SEEN = 'feed-seen';
/** Long past any item's stay in a feed; should one outlive it, the publication id still stops a second alert. */
const DEFAULT_SEEN_TTL_MS = 180 * 24 * 60 * 60_000;

export function feedPublication({ feedUrl, item }: NewFeedItem): Publication {
  return {
    id: feedPublicationId(feedUrl, item.id),
    title: item.title,
    summary: item.summary,
    ...(item.link ? { link: item.link } : {}),
    ...(item.published ? { published: item.published } : {}),
    source: { kind: 'feed', feedUrl },
    declaredTopics: [],
  };
}

/** The poller's `onNewItem`: publishes the item; a failure rejects, and the poller reports it. */
export function publishFeedItems(publisher: Publisher): (newItem: NewFeedItem) => Promise<void> {
  return async (newItem) => {
    await publisher.publish(feedPublication(newItem));
  };
}

/** The poller's state. "Seen" is a set-if-absent per item: two pollers sharing a Redis store cannot both emit the same item. */
export function createStoreFeedStateStore(store: Store, seenTtlMs = DEFAULT_SEEN_TTL_MS): FeedStateStore {
  const states = store.namespace<FeedState>(STATES);
  return {
    getFeedState: (url) => states.get(url),
    setFeedState: (url, state) => states.set(url, state),
    markSeen: (url, itemId) => store.setIfAbsent(SEEN, `${feedKey(url)}:${itemId}`, true, seenTtlMs),
    markSeenMany: (url, itemIds) =>
      store.setManyIfAbsent(
        SEEN,
        itemIds.map((itemId) => `${feedKey(url)}:${itemId}`),
        true,
        seenTtlMs,
      ),
  };
}
