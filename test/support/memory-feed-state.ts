// Feed state kept in memory, for tests of the poller. The bot itself needs a
// durable FeedStateStore, or every restart would re-prime every feed and miss
// what was published while it was down. Seen items never expire here.
import type { FeedState, FeedStateStore } from '../../src/feeds/feed-poller.js';
import type { SeenRecord } from '../../src/feeds/seen-items.js';

export function createMemoryFeedStateStore(): FeedStateStore {
  const states = new Map<string, FeedState>();
  const seen = new Map<string, SeenRecord>();
  const entry = (url: string, key: string) => `${url}\n${key}`;
  return {
    getFeedState(url) {
      const state = states.get(url);
      return Promise.resolve(state === undefined ? undefined : { ...state });
    },
    setFeedState(url, state) {
      states.set(url, { ...state });
      return Promise.resolve();
    },
    recall(url, key) {
      const record = seen.get(entry(url, key));
      return Promise.resolve(record === undefined ? undefined : { ...record });
    },
    claim(url, key, record) {
      if (seen.has(entry(url, key))) return Promise.resolve(false);
      seen.set(entry(url, key), { ...record });
      return Promise.resolve(true);
    },
    remember(url, key, record) {
      seen.set(entry(url, key), { ...record });
      return Promise.resolve();
    },
  };
}
