// Polls the operator's feeds and reports items it has not seen before.
//
// Rules that keep a channel from being flooded or spammed:
// - the first successful poll of a feed only records what is there (a new
//   feed's back catalogue is not news), and so does the first poll of a feed
//   recorded under another identity scheme (item-identity.ts: after an upgrade
//   that changed how items are recognised, nothing would be recognised);
// - an item is recognised by any of its identity keys (seen-items.ts); one seen
//   before is never emitted again, whatever happens to its guid, link query, date
//   or title later (a changed title or summary is an update, `onItemUpdated`);
// - a new item is claimed in the store before it is emitted, so it never emits
//   twice. The consequence: if `onNewItem` fails, that item is not offered again —
//   delivery retries belong to whatever `onNewItem` hands the item to;
// - one poll of a feed emits at most `maxAlertsPerPoll` new items (the newest);
//   the rest are recorded as seen, and `onCapped` says so once;
// - a big feed (tens of thousands of items) never holds the event loop for
//   long: it can be decoded and parsed off the main thread (`read`), and its items are
//   sighted in batches (seen-items.ts), other work running in between;
// - one feed's failure is reported and backed off, never thrown at the others.

import { backoffDelay } from '../util/backoff.js';
import { decodeFeed } from './decode-feed.js';
import type { FeedGate } from './feed-leases.js';
import type { FetchFeedOptions } from './fetch-feed.js';
import { fetchFeed } from './fetch-feed.js';
import { IDENTITY_SCHEME } from './item-identity.js';
import type { FeedItem, ParsedFeed, ParseFeedOptions } from './parse-feed.js';
import { parseFeed } from './parse-feed.js';
import { type SeenItems, type Sighting, sightItems } from './seen-items.js';

export interface FeedState {
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** Consecutive failed polls; 0 after a success. */
  failures: number;
  /** Epoch milliseconds. */
  nextPollAt: number;
  /** Whether a successful poll has recorded the feed's items yet. */
  primed: boolean;
  /** The identity scheme (item-identity.ts) its items were recorded under; absent before scheme 2. */
  identityScheme?: number | undefined;
}

/** Durable per-feed state and the seen items; `claim` must be atomic (set-if-absent) if two pollers could share it. */
export interface FeedStateStore extends SeenItems {
  getFeedState(url: string): Promise<FeedState | undefined>;
  setFeedState(url: string, state: FeedState): Promise<void>;
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

/** One poll found more new items than it may emit. */
export interface FeedCapped {
  feedUrl: string;
  newItems: number;
  /** How many were emitted (the newest): `maxAlertsPerPoll`. */
  emitted: number;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A fetched feed as the poller read it: what its items belong to (title, language, site, items left out). */
export type ReadFeed = Omit<ParsedFeed, 'items'> & { url: string };

export interface FeedPollerOptions {
  feeds: readonly string[];
  intervalMs: number;
  store: FeedStateStore;
  onNewItem(item: NewFeedItem): Promise<void> | void;
  onError(error: FeedPollError): void;
  /** A known item came back with another title or summary (never emitted as new). */
  onItemUpdated?(item: NewFeedItem): void;
  /**
   * Every item of every fetch, sighted (new, updated or unchanged), priming fetches too:
   * news items are kept from these. A failure is reported (onError) and alerts go on.
   */
  onSighted?(feed: ReadFeed, sightings: readonly Sighting[]): Promise<void> | void;
  /** At most this many new items of one feed are emitted per poll (default 10); the rest are recorded. */
  maxAlertsPerPoll?: number;
  /** Called once for a poll that found more new items than `maxAlertsPerPoll`. */
  onCapped?(capped: FeedCapped): void;
  /** Called when a feed recorded under an older identity scheme is recorded again without emitting. */
  onReprime?(feedUrl: string): void;
  userAgent: string;
  /** Limits for each request (timeoutMs, maxBytes, maxRedirects) and where it may go (allowPrivate, lookup: feed-target.ts). */
  fetchLimits?: Pick<FetchFeedOptions, 'timeoutMs' | 'maxBytes' | 'maxRedirects' | 'allowPrivate' | 'lookup'>;
  /** How a fetched feed becomes items; on this thread by default. */
  read?: ReadFeedStep;
  /**
   * Which feeds this process may poll (feed-leases.ts), when several processes share the
   * store: a feed is polled only while its lease is held. Without it, every feed is polled.
   */
  gate?: FeedGate;
  now?: () => number;
  timers?: Timers;
  random?: () => number;
}

export interface FeedPoller {
  /** Polls every feed that is due; resolves when done. Returns when the next feed is due (epoch ms). */
  pollDue(): Promise<number>;
  /** Polls now and then whenever a feed is due, until stop(). */
  start(): void;
  /** Polls what is due soon (after the round in progress), e.g. feeds whose lease was just taken. */
  wake(): void;
  /** Stops scheduling and waits for a poll in progress. */
  stop(): Promise<void>;
}

/** Feeds fetched at the same time. */
const CONCURRENCY = 4;
export const DEFAULT_MAX_ALERTS_PER_POLL = 10;
/** However often a feed failed, it is still asked four times a day. */
export const MAX_FEED_BACKOFF_MS = 6 * 60 * 60 * 1000;

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createFeedPoller(options: FeedPollerOptions): FeedPoller {
  const {
    feeds,
    intervalMs,
    store,
    now = Date.now,
    timers = realTimers,
    maxAlertsPerPoll = DEFAULT_MAX_ALERTS_PER_POLL,
    read = readFeedHere,
  } = options;
  let running: Promise<number> | undefined;
  let timer: unknown;
  let stopped = true;
  /** A wake() came while a round ran: poll again right after it. */
  let again = false;

  async function pollOne(url: string): Promise<number> {
    let state: FeedState = { failures: 0, nextPollAt: 0, primed: false };
    try {
      state = (await store.getFeedState(url)) ?? state;
      if (state.nextPollAt > now()) return state.nextPollAt;
      if (state.primed && state.identityScheme !== IDENTITY_SCHEME) {
        // Its items were recorded under other keys: record them again, silently, from a full download.
        options.onReprime?.(url);
        state = { ...state, primed: false, etag: undefined, lastModified: undefined };
      }
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
    const sightings = await sightItems(url, feed.items, store, now());
    try {
      await options.onSighted?.({ url, title: feed.title, language: feed.language, link: feed.link, skipped: feed.skipped }, sightings);
    } catch (error) {
      options.onError({ feedUrl: url, error, failures: 0, retryAt: success.nextPollAt });
    }
    if (state.primed) {
      const found = (item: FeedItem): NewFeedItem => ({ feedUrl: url, feedTitle: feed.title, item });
      for (const sighting of sightings) if (sighting.status === 'updated') options.onItemUpdated?.(found(sighting.item));
      // Feeds list the newest first: the newest are emitted, oldest first to keep a channel in reading order.
      const fresh = sightings.filter((sighting) => sighting.status === 'new');
      if (fresh.length > maxAlertsPerPoll) options.onCapped?.({ feedUrl: url, newItems: fresh.length, emitted: maxAlertsPerPoll });
      for (const { item } of fresh.slice(0, maxAlertsPerPoll).reverse()) await emit(found(item), success.nextPollAt);
    }
    // Validators are kept only now: a feed that failed to parse must be downloaded again.
    return { ...success, primed: true, identityScheme: IDENTITY_SCHEME, etag: response.etag, lastModified: response.lastModified };
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
        const polled = options.gate === undefined ? await pollOne(url) : await options.gate.whileHeld(url, () => pollOne(url));
        if (polled !== undefined) nextDue = Math.min(nextDue, polled);
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
    const due = again ? now() : nextDue;
    again = false;
    // One timer at a time: a wake() may have ticked while this round was ending.
    if (timer !== undefined) timers.clearTimeout(timer);
    // Until the next feed is due; a second when one is due already, so it cannot spin the loop.
    const wait = due - now();
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        tick();
      },
      wait > 0 ? wait : 1000,
    );
  }

  return {
    pollDue,
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    wake() {
      if (stopped) return;
      if (running !== undefined) {
        again = true;
        return;
      }
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      tick();
    },
    async stop() {
      stopped = true;
      timers.clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
