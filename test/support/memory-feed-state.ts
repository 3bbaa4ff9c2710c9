// Feed state kept in memory, for tests of the poller. The bot itself needs a
// durable FeedStateStore, or every restart would re-prime every feed and miss
// what was published while it was down.
import type { FeedState, FeedStateStore } from '../../src/feeds/feed-poller.js';

export function createMemoryFeedStateStore(): FeedStateStore {
  const states = new Map<string, FeedState>();
  const seen = new Map<string, Set<string>>();
  return {
    getFeedState(url) {
      const state = states.get(url);
      return Promise.resolve(state === undefined ? undefined : { ...state });
    },
    setFeedState(url, state) {
      states.set(url, { ...state });
      return Promise.resolve();
    },
    markSeen(url, itemId) {
      let ids = seen.get(url);
      if (ids === undefined) seen.set(url, (ids = new Set()));
      if (ids.has(itemId)) return Promise.resolve(false);
      ids.add(itemId);
      return Promise.resolve(true);
    },
  };
}
