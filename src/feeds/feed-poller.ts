// Polls the operator's feeds and reports items it has not seen before.
//
// Rules that keep a channel from being flooded or spammed:
// - the first successful poll of a feed only records what is there (a new
//   feed's back catalogue is not news);
// - an item id is claimed through `markSeenMany` before it is emitted, so an item
//   never emits twice, whatever happens to its date or title later. The
//   consequence: if `onNewItem` fails, that item is not offered again —
//   delivery retries belong to whatever `onNewItem` hands the item to;
// - a big feed (tens of thousands of items) never holds the event loop for
//   long: it can be decoded and parsed off the main thread (`read`), and its items are
//   marked seen in batches (`markSeenMany`), other work running in between;
// - one feed's failure is reported and backed off, never thrown at the others.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

import { backoffDelay } from '../util/backoff.js';
import { decodeFeed } from './decode-feed.js';
import type { FetchFeedOptions } from './fetch-feed.js';
import { fetchFeed } from './fetch-feed.js';
import type { FeedItem, ParsedFeed, ParseFeedOptions } from './parse-feed.js';
import { parseFeed } from './parse-feed.js';

export interface FeedState {
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** Consecutive failed polls; 0 after a success. */
  failures: number;
  /** Epoch milliseconds. */
  nextPollAt: number;
  /** Whether a successful poll has recorded the feed's items yet. */
  primed: boolean;
}

/** Durable per-feed state; the seen-set must be atomic (set-if-absent) if two pollers could share it. */
export interface FeedStateStore {
  getFeedState(url: string): Promise<FeedState | undefined>;
  setFeedState(url: string, state: FeedState): Promise<void>;
  /** Records the item; true if it had not been seen before. */
  markSeen(url: string, itemId: string): Promise<boolean>;
  /**
   * Records the items (distinct ids), as markSeen each, in order; true for each not seen
   * before. Written in batches that leave the event loop free in between.
   */
  markSeenMany(url: string, itemIds: readonly string[]): Promise<boolean[]>;
}

/** A fetched feed's bytes to items (decodeFeed, then parseFeed); may run elsewhere (parse-in-worker.ts) so a big feed does not block this thread. */
export type ReadFeedStep = (bytes: Uint8Array, contentType: string | undefined, options: ParseFeedOptions) => ParsedFeed | Promise<ParsedFeed>;

/** The read step on this thread. */
export const readFeedHere: ReadFeedStep = (bytes, contentType, parseOptions) => parseFeed(decodeFeed(bytes, contentType).text, parseOptions);

export interface NewFeedItem {
  feedUrl: string;
  feedTitle: string;
  item: FeedItem;
}

export interface FeedPollError {
  feedUrl: string;
  error: unknown;
  /** Consecutive failures of this feed so far (0 when emitting an item failed, not the poll). */
  failures: number;
  /** When the feed will be tried again (epoch ms). */
  retryAt: number;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface FeedPollerOptions {
  feeds: readonly string[];
  intervalMs: number;
  store: FeedStateStore;
  onNewItem(item: NewFeedItem): Promise<void> | void;
  onError(error: FeedPollError): void;
  userAgent: string;
  /** Limits for each request (timeoutMs, maxBytes, maxRedirects). */
  fetchLimits?: Pick<FetchFeedOptions, 'timeoutMs' | 'maxBytes' | 'maxRedirects'>;
  /** How a fetched feed becomes items; on this thread by default. */
  read?: ReadFeedStep;
  now?: () => number;
  timers?: Timers;
  random?: () => number;
}

export interface FeedPoller {
  /** Polls every feed that is due; resolves when done. Returns when the next feed is due (epoch ms). */
  pollDue(): Promise<number>;
  /** Polls now and then whenever a feed is due, until stop(). */
  start(): void;
  /** Stops scheduling and waits for a poll in progress. */
  stop(): Promise<void>;
}

/** Items marked seen, then emitted, at a time: what a crash between the two can cost is one such batch. */
const SEEN_BATCH = 100;
/** Feeds fetched at the same time. */
const CONCURRENCY = 4;
/** However often a feed failed, it is still asked four times a day. */
export const MAX_FEED_BACKOFF_MS = 6 * 60 * 60 * 1000;

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createFeedPoller(options: FeedPollerOptions): FeedPoller {
  const { feeds, intervalMs, store, now = Date.now, timers = realTimers, read = readFeedHere } = options;
  let running: Promise<number> | undefined;
  let timer: unknown;
  let stopped = true;

  async function pollOne(url: string): Promise<number> {
    let state: FeedState = { failures: 0, nextPollAt: 0, primed: false };
    try {
      state = (await store.getFeedState(url)) ?? state;
      if (state.nextPollAt > now()) return state.nextPollAt;
      state = await fetchAndEmit(url, state);
    } catch (error) {
      const failures = state.failures + 1;
      // After one failure the feed waits one to two intervals; each further one doubles that.
      const retryAt = now() + backoffDelay({ failures, baseMs: 2 * intervalMs, maxMs: MAX_FEED_BACKOFF_MS, random: options.random });
      state = { ...state, failures, nextPollAt: retryAt };
      options.onError({ feedUrl: url, error, failures, retryAt });
    }
    try {
      await store.setFeedState(url, state);
    } catch (error) {
      options.onError({ feedUrl: url, error, failures: state.failures, retryAt: state.nextPollAt });
    }
    return state.nextPollAt;
  }

  async function fetchAndEmit(url: string, state: FeedState): Promise<FeedState> {
    const response = await fetchFeed(url, {
      ...options.fetchLimits,
      etag: state.etag,
      lastModified: state.lastModified,
      userAgent: options.userAgent,
    });
    const success = { ...state, failures: 0, nextPollAt: now() + intervalMs };
    if (response.status === 'not-modified') return success;

    const feed = await read(response.bytes, response.contentType, { baseUrl: response.finalUrl, maxChars: options.fetchLimits?.maxBytes });
    // Feeds list the newest first; emitting oldest first keeps a channel in reading order.
    // An id that comes twice is the same item: its first appearance (oldest first) counts.
    const items: FeedItem[] = [];
    const ids = new Set<string>();
    for (const item of [...feed.items].reverse()) {
      if (ids.has(item.id)) continue;
      ids.add(item.id);
      items.push(item);
    }
    for (let start = 0; start < items.length; start += SEEN_BATCH) {
      // Whatever else waits (an interaction, a health check) runs between batches.
      if (start > 0) await yieldToEventLoop();
      const batch = items.slice(start, start + SEEN_BATCH);
      const isNew = await store.markSeenMany(
        url,
        batch.map((item) => item.id),
      );
      if (!state.primed) continue;
      for (const [i, item] of batch.entries()) {
        if (isNew[i] === true) await emit({ feedUrl: url, feedTitle: feed.title, item }, success.nextPollAt);
      }
    }
    // Validators are kept only now: a feed that failed to parse must be downloaded again.
    return { ...success, primed: true, etag: response.etag, lastModified: response.lastModified };
  }

  async function emit(newItem: NewFeedItem, retryAt: number): Promise<void> {
    try {
      await options.onNewItem(newItem);
    } catch (error) {
      options.onError({ feedUrl: newItem.feedUrl, error, failures: 0, retryAt });
    }
  }

  async function pollRound(): Promise<number> {
    const queue = [...new Set(feeds)];
    let nextDue = now() + intervalMs;
    const worker = async () => {
      for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
        nextDue = Math.min(nextDue, await pollOne(url));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
    return nextDue;
  }

  function pollDue(): Promise<number> {
    running ??= pollRound().finally(() => {
      running = undefined;
    });
    return running;
  }

  /** Polls, then sleeps until the next feed is due. Only a throwing onError can make a round reject. */
  function tick(): void {
    void pollDue()
      .catch(() => now() + intervalMs)
      .then(schedule);
  }

  function schedule(nextDue: number): void {
    if (stopped) return;
    // At least a second apart, so a feed due "now" cannot spin the loop.
    timer = timers.setTimeout(tick, Math.max(1000, nextDue - now()));
  }

  return {
    pollDue,
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      timers.clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
