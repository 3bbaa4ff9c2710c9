// News feeds in alerts. The poller reports each new item once; its id within the
// feed becomes part of the publication id, so the same item from the same feed is
// one publication however often it is seen. The poller's state lives in our store,
// so a restart neither re-primes every feed nor misses what was published meanwhile.
// Seen items and feed publications are forgotten after the seen-items horizon
// (LAGEBILD_SEEN_HORIZON_DAYS) unless the item is seen again, so the store does not grow forever.
import type { FeedState, FeedStateStore, NewFeedItem } from '../feeds/feed-poller.js';
import type { SeenRecord } from '../feeds/seen-items.js';
import type { Store } from '../store/store.js';
import { feedKey, feedPublicationId, type Publication } from './publication.js';
import type { Publisher } from './publisher.js';

const STATES = 'feed-state';
/**
 * One entry per identity key of an item (item-identity.ts), holding its SeenRecord.
 * Identity scheme 1 kept `true` per item id in `feed-seen`; nothing reads those any
 * more, and they expire within 180 days of being written.
 */
const SEEN = 'feed-items';
const DAY_MS = 24 * 60 * 60_000;
/** The default of LAGEBILD_SEEN_HORIZON_DAYS. */
export const DEFAULT_SEEN_HORIZON_MS = 400 * DAY_MS;

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

/**
 * The poller's `onNewItem`: publishes the item; a failure rejects, and the poller reports it.
 * The publication is remembered for `horizonMs`, as long as the seen item itself.
 */
export function publishFeedItems(publisher: Publisher, horizonMs = DEFAULT_SEEN_HORIZON_MS): (newItem: NewFeedItem) => Promise<void> {
  return async (newItem) => {
    await publisher.publish(feedPublication(newItem), { forgetAfterMs: horizonMs });
  };
}

/**
 * The poller's state. A new item is claimed by set-if-absent: two pollers sharing a
 * Redis store cannot both emit it. Seen items expire `horizonMs` after they were last
 * recorded; the poller records an item again when it is seen and its record is older
 * than a quarter of that (at most a day).
 */
export function createStoreFeedStateStore(store: Store, horizonMs = DEFAULT_SEEN_HORIZON_MS): FeedStateStore {
  const states = store.namespace<FeedState>(STATES);
  const seen = store.namespace<SeenRecord>(SEEN);
  const entry = (url: string, key: string) => `${feedKey(url)}:${key}`;
  return {
    getFeedState: (url) => states.get(url),
    setFeedState: (url, state) => states.set(url, state),
    recall: (url, key) => seen.get(entry(url, key)),
    claim: (url, key, record) => store.setIfAbsent(SEEN, entry(url, key), record, horizonMs),
    remember: (url, key, record) => seen.set(entry(url, key), record, horizonMs),
    refreshAfterMs: Math.min(DAY_MS, horizonMs / 4),
  };
}
