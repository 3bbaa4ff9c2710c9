// The feed poller's state in our store, so a restart neither re-primes every feed
// nor misses what was published meanwhile. "Seen" is a set-if-absent per item:
// two pollers sharing a Redis store cannot both emit the same item.
import type { FeedState, FeedStateStore } from '../feeds/feed-poller.js';
import type { Store } from '../store/store.js';
import { feedKey } from './publication.js';

const STATES = 'feed-state';
const SEEN = 'feed-seen';
/** Long past any item's stay in a feed; should one outlive it, the publication id still stops a second alert. */
const DEFAULT_SEEN_TTL_MS = 180 * 24 * 60 * 60_000;

export function createStoreFeedStateStore(store: Store, seenTtlMs = DEFAULT_SEEN_TTL_MS): FeedStateStore {
  const states = store.namespace<FeedState>(STATES);
  return {
    getFeedState: (url) => states.get(url),
    setFeedState: (url, state) => states.set(url, state),
    markSeen: (url, itemId) => store.setIfAbsent(SEEN, `${feedKey(url)}:${itemId}`, true, seenTtlMs),
  };
}
