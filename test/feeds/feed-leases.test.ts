// One poller per feed, any number of processes: pollers sharing a store (real SQLite,
// real Redis) fetch each feed once per interval, counted at a local feed server; a
// holder that dies or stops is replaced within one interval; many feeds spread out.
import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';

import { createStoreFeedStateStore } from '../../src/alerts/feed-publications.js';
import { createFeedLeases, type FeedLeases, leaseTimings } from '../../src/feeds/feed-leases.js';
import { createFeedPoller } from '../../src/feeds/feed-poller.js';
import type { Store } from '../../src/store/store.js';
import { type BackendFixture, describeEachBackend } from '../store/store-fixtures.js';
import { startTestServer, type TestServer } from './feed-test-server.js';

const INTERVAL_MS = 1500;
const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Ticker</title><link>https://ticker.example/</link>
<item><title>OVKS-Gipfel</title><link>https://ticker.example/1</link><guid>1</guid></item></channel></rss>`;

interface Fetch {
  url: string;
  /** The fetching poller (its user agent). */
  by: string;
  at: number;
}

let server: TestServer;
let fetches: Fetch[];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

let run = 0;

/** `count` feeds served by the test server under paths of their own; every fetch is recorded in `fetches`. */
function feedUrls(count: number): string[] {
  run += 1;
  fetches = [];
  return Array.from({ length: count }, (_, i) => {
    const path = `/run-${run}/feed-${i}.rss`;
    const url = server.url(path);
    server.route(path, (request, response) => {
      fetches.push({ url, by: String(request.headers['user-agent']), at: Date.now() });
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
    });
    return url;
  });
}

const timesOf = (url: string, since = 0) => fetches.filter((fetch) => fetch.url === url && fetch.at >= since).map((fetch) => fetch.at);

interface PollingProcess {
  leases: FeedLeases;
  stop(): Promise<void>;
}

/** One process's feed polling as start-feeds.ts builds it, on its own store handle. */
function pollingProcess(name: string, store: Store, feeds: readonly string[]): PollingProcess {
  const leases = createFeedLeases({ feeds, store, holder: name, ...leaseTimings(INTERVAL_MS), onAcquired: () => poller.wake() });
  const poller = createFeedPoller({
    feeds,
    intervalMs: INTERVAL_MS,
    store: createStoreFeedStateStore(store),
    gate: leases,
    userAgent: name,
    onNewItem: () => undefined,
    onError: () => undefined,
  });
  leases.start();
  poller.start();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await poller.stop();
    await leases.stop();
  };
  onTestFinished(stop);
  return { leases, stop };
}

/** Fails unless every two fetches of the feed are at least (nearly) one interval apart: one poller at a time. */
function expectOncePerInterval(url: string): void {
  const times = timesOf(url);
  for (let i = 1; i < times.length; i++)
    expect(times[i]! - times[i - 1]!, `${url} fetched twice within an interval`).toBeGreaterThan(0.9 * INTERVAL_MS);
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await sleep(20);
  }
}

describeEachBackend('feed leases', (backend: BackendFixture) => {
  it('two pollers on one store fetch each feed once per interval', async () => {
    const feeds = feedUrls(3);
    const location = backend.freshLocation();
    pollingProcess('poller-a', await location.open(), feeds);
    pollingProcess('poller-b', await location.open(), feeds);
    await sleep(4 * INTERVAL_MS + 500);
    for (const url of feeds) {
      // Due at 0, 1, 2, 3 and 4 intervals after the start; a poller may wake a second late on a busy machine.
      expect(timesOf(url).length).toBeGreaterThanOrEqual(3);
      expect(timesOf(url).length).toBeLessThanOrEqual(5);
      expectOncePerInterval(url);
    }
  });

  for (const ending of ['dies (loses its store without a word)', 'stops cleanly'] as const) {
    it(`when the holder ${ending}, the other takes the feed over within one interval`, async () => {
      const [url] = feedUrls(1) as [string];
      const location = backend.freshLocation();
      const stores = [await location.open(), await location.open()] as const;
      const pollers = [pollingProcess('poller-a', stores[0], [url]), pollingProcess('poller-b', stores[1], [url])] as const;
      // After the first poll is recorded: a holder dying before that leaves the feed due, to be fetched again.
      const states = createStoreFeedStateStore(stores[0]);
      await until(() => fetches.length === 1);
      while ((await states.getFeedState(url))?.primed !== true) await sleep(20);
      const holder = pollers.findIndex((p) => p.leases.held().includes(url));
      expect(holder).toBeGreaterThanOrEqual(0);
      const other = holder === 0 ? 'poller-b' : 'poller-a';
      const endedAt = Date.now();
      if (ending === 'stops cleanly') await pollers[holder]!.stop();
      else await stores[holder]!.close();

      await until(() => fetches.some((fetch) => fetch.by === other), 2 * INTERVAL_MS);
      const takeover = fetches.find((fetch) => fetch.by === other)!;
      // Fetched again when due (one interval after the first fetch), not a turn later and not twice;
      // half an interval of slack for a late timer on a busy machine.
      expect(takeover.at - endedAt).toBeLessThanOrEqual(1.5 * INTERVAL_MS);
      expectOncePerInterval(url);
    });
  }

  it('spreads ten feeds over two pollers, about half each', async () => {
    const feeds = feedUrls(10);
    const location = backend.freshLocation();
    const a = pollingProcess('poller-a', await location.open(), feeds);
    const b = pollingProcess('poller-b', await location.open(), feeds);
    // The first to start may take all at first; within a few renewals they share.
    await until(() => a.leases.held().length === 5 && b.leases.held().length === 5);
    const since = Date.now();
    await sleep(2 * INTERVAL_MS + 500);
    const polledBy = (name: string) => new Set(fetches.filter((fetch) => fetch.at >= since && fetch.by === name).map((fetch) => fetch.url));
    expect(polledBy('poller-a').size).toBe(5);
    expect(polledBy('poller-b').size).toBe(5);
    expect(new Set([...polledBy('poller-a'), ...polledBy('poller-b')]).size).toBe(10);
    for (const url of feeds) expectOncePerInterval(url);
  });
});
