// Feed state kept in memory, for tests of the poller. The bot itself needs a
// durable FeedStateStore, or every restart would re-prime every feed and miss
// what was published while it was down.
import type { FeedState, FeedStateStore } from '../../src/feeds/feed-poller.js';

export function createMemoryFeedStateStore(): FeedStateStore {
  const states = new Map<string, FeedState>();
  const seen = new Map<string, Set<string>>();
  const markSeen = async (url: string, itemId: string): Promise<boolean> => {
    let ids = seen.get(url);
    if (ids === undefined) seen.set(url, (ids = new Set()));
    if (ids.has(itemId)) return false;
    ids.add(itemId);
    return true;
  };
  return {
    async getFeedState(url) {
      const state = states.get(url);
      return state === undefined ? undefined : { ...state };
    },
    async setFeedState(url, state) {
      states.set(url, { ...state });
    },
    markSeen,
    async markSeenMany(url, itemIds) {
      if (new Set(itemIds).size !== itemIds.length) throw new TypeError('item ids must be distinct');
      const results: boolean[] = [];
      for (const itemId of itemIds) results.push(await markSeen(url, itemId));
      return results;
    },
  };
}
