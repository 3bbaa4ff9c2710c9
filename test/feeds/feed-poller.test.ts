import { createHash } from 'node:crypto';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { FeedError } from '../../src/feeds/feed-error.js';
import type { FeedPollerOptions, FeedPollError, FeedStateStore, NewFeedItem, Timers } from '../../src/feeds/feed-poller.js';
import { createFeedPoller } from '../../src/feeds/feed-poller.js';
import { createMemoryFeedStateStore } from '../support/memory-feed-state.js';
import type { TestServer } from './feed-test-server.js';
import { fixture, serve, startTestServer } from './feed-test-server.js';

interface Story {
  guid: string;
  title: string;
  date: string;
}

const HOUR = 60 * 60 * 1000;
const intervalMs = 15 * 60 * 1000;

function rss(stories: Story[]): string {
  const items = stories
    .map(
      (story) => `<item><title>${story.title}</title><link>/artikel/${story.guid}</link>
<guid isPermaLink="false">${story.guid}</guid><pubDate>${story.date}</pubDate>
<description>Meldung zu ${story.title}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>OVKS-Ticker</title>
<link>https://ticker.example.de/</link><description>Test</description>${items}</channel></rss>`;
}

const csto: Story = { guid: 'ovks-1', title: 'Armenien friert OVKS-Beteiligung ein', date: 'Fri, 23 Feb 2024 10:00:00 +0100' };
const nato: Story = { guid: 'nato-2', title: 'NATO summit in Washington ends', date: 'Thu, 11 Jul 2024 21:00:00 +0200' };
const osce: Story = { guid: 'osze-3', title: 'OSZE-Budget erneut blockiert', date: 'Mon, 15 Jul 2024 09:00:00 +0200' };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

let now: number;
let store: FeedStateStore;
let emitted: NewFeedItem[];
let errors: FeedPollError[];

beforeEach(() => {
  now = Date.UTC(2024, 6, 15, 12);
  store = createMemoryFeedStateStore();
  emitted = [];
  errors = [];
});

function poller(feeds: string[], overrides: Partial<FeedPollerOptions> = {}) {
  return createFeedPoller({
    feeds,
    intervalMs,
    store,
    userAgent: 'lagebild-test',
    onNewItem: (item) => {
      emitted.push(item);
    },
    onError: (error) => errors.push(error),
    now: () => now,
    random: () => 0.5,
    fetchLimits: { timeoutMs: 2000 },
    ...overrides,
  });
}

/** Serves whatever `stories` holds at request time, with an ETag per version, honouring If-None-Match. */
function liveFeed(path: string, stories: () => Story[]): void {
  server.route(path, (request, response) => {
    const body = rss(stories());
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body);
  });
}

describe('feed poller', () => {
  it('records the first successful poll without emitting, then emits only new items, oldest first', async () => {
    let stories = [csto];
    liveFeed('/live-1.rss', () => stories);
    const feeds = poller([server.url('/live-1.rss')]);

    await feeds.pollDue();
    expect(emitted).toEqual([]);
    expect(errors).toEqual([]);

    stories = [osce, nato, csto];
    now += intervalMs;
    await feeds.pollDue();
    expect(emitted.map((entry) => entry.item.title)).toEqual([nato.title, osce.title]);
    expect(emitted[0]).toMatchObject({
      feedUrl: server.url('/live-1.rss'),
      feedTitle: 'OVKS-Ticker',
      item: { id: 'guid:nato-2', link: server.url('/artikel/nato-2'), published: '2024-07-11T19:00:00.000Z' },
    });
  });

  it('hands every sighted item to onSighted, priming poll included, and goes on alerting when that fails', async () => {
    let stories = [csto];
    liveFeed('/sighted.rss', () => stories);
    const sighted: { title: string; statuses: string[] }[] = [];
    let fail = false;
    const feeds = poller([server.url('/sighted.rss')], {
      onSighted: (feed, sightings) => {
        if (fail) throw new Error('store unavailable');
        sighted.push({ title: feed.title, statuses: sightings.map((s) => `${s.status}:${s.item.title}`) });
      },
    });
    await feeds.pollDue();
    expect(sighted).toEqual([{ title: 'OVKS-Ticker', statuses: [`new:${csto.title}`] }]);

    stories = [{ ...csto, title: 'Armenien friert OVKS-Beteiligung vorerst ein' }, nato];
    now += intervalMs;
    fail = true;
    await feeds.pollDue();
    expect(emitted.map((entry) => entry.item.title)).toEqual([nato.title]);
    expect(errors.map((error) => (error.error as Error).message)).toEqual(['store unavailable']);
  });

  it('never emits an item again, even when its date and title change', async () => {
    let stories = [csto];
    liveFeed('/live-2.rss', () => stories);
    const feeds = poller([server.url('/live-2.rss')]);
    await feeds.pollDue();
    stories = [nato, csto];
    now += intervalMs;
    await feeds.pollDue();
    expect(emitted).toHaveLength(1);

    stories = [{ ...nato, title: `${nato.title} (updated)`, date: 'Fri, 12 Jul 2024 08:00:00 +0200' }, csto];
    now += intervalMs;
    await feeds.pollDue();
    expect(emitted).toHaveLength(1);
  });

  it('uses conditional GET: sends the stored ETag and emits nothing on 304', async () => {
    liveFeed('/live-3.rss', () => [nato, csto]);
    const url = server.url('/live-3.rss');
    const feeds = poller([url]);
    await feeds.pollDue();
    const firstEtag = (await store.getFeedState(url))?.etag;
    expect(firstEtag).toMatch(/^"/);

    now += intervalMs;
    await feeds.pollDue();
    const second = server.requests.filter((request) => request.path === '/live-3.rss')[1]!;
    expect(second.headers['if-none-match']).toBe(firstEtag);
    expect(emitted).toEqual([]);
    expect(await store.getFeedState(url)).toMatchObject({ failures: 0, nextPollAt: now + intervalMs, etag: firstEtag });
  });

  it('does not fetch a feed before it is due', async () => {
    liveFeed('/live-4.rss', () => [csto]);
    const feeds = poller([server.url('/live-4.rss')]);
    const nextDue = await feeds.pollDue();
    expect(nextDue).toBe(now + intervalMs);
    const count = () => server.requests.filter((request) => request.path === '/live-4.rss').length;
    expect(count()).toBe(1);
    now += intervalMs - 1;
    await feeds.pollDue();
    expect(count()).toBe(1);
  });

  it('keeps polling the other feeds when one is broken, and reports each failure', async () => {
    let stories = [csto];
    liveFeed('/good.rss', () => stories);
    server.route('/server-error.rss', (_request, response) => response.writeHead(500).end());
    server.route('/html.rss', serve(fixture('html-page.html'), 'text/html'));
    server.route('/truncated.rss', serve(fixture('truncated.xml'), 'application/rss+xml'));
    const feeds = poller([server.url('/server-error.rss'), server.url('/html.rss'), server.url('/good.rss'), server.url('/truncated.rss')]);
    await feeds.pollDue();
    stories = [nato, csto];
    now += 4 * HOUR; // past every backoff so far
    await feeds.pollDue();

    expect(emitted.map((entry) => entry.item.title)).toEqual([nato.title]);
    const kinds = errors.map((error) => [new URL(error.feedUrl).pathname, (error.error as FeedError).kind]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['/server-error.rss', 'http-status'],
        ['/html.rss', 'not-a-feed'],
        ['/truncated.rss', 'parse'],
      ]),
    );
    expect(errors).toHaveLength(6);
    expect(errors.every((error) => error.error instanceof FeedError)).toBe(true);
  });

  it('backs off further on every failure and resets after a success', async () => {
    let healthy = false;
    server.route('/flaky.rss', (_request, response) => {
      if (healthy) response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([csto]));
      else response.writeHead(503).end();
    });
    const url = server.url('/flaky.rss');
    const feeds = poller([url]);

    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      await feeds.pollDue();
      const state = (await store.getFeedState(url))!;
      expect(state.failures).toBe(attempt);
      delays.push(state.nextPollAt - now);
      now = state.nextPollAt;
    }
    expect(errors.map((error) => error.failures)).toEqual([1, 2, 3, 4]);
    for (let index = 1; index < delays.length; index++) expect(delays[index]).toBeGreaterThan(delays[index - 1]!);
    expect(delays[0]).toBeGreaterThan(intervalMs);
    // Nominally 2, 4, 8, 16 intervals; `random` 0.5 takes 75 % of each.
    expect(delays).toEqual([1.5, 3, 6, 12].map((n) => n * intervalMs));

    healthy = true;
    await feeds.pollDue();
    expect(await store.getFeedState(url)).toMatchObject({ failures: 0, nextPollAt: now + intervalMs, primed: true });
  });

  it('reports a failing onNewItem without losing the other items', async () => {
    let stories = [csto];
    liveFeed('/live-5.rss', () => stories);
    const feeds = poller([server.url('/live-5.rss')], {
      onNewItem: (item) => {
        if (item.item.id === 'guid:nato-2') throw new Error('Discord is down');
        emitted.push(item);
      },
    });
    await feeds.pollDue();
    stories = [osce, nato, csto];
    now += intervalMs;
    await feeds.pollDue();
    expect(emitted.map((entry) => entry.item.id)).toEqual(['guid:osze-3']);
    expect(errors).toHaveLength(1);
    expect((errors[0]!.error as Error).message).toBe('Discord is down');
  });

  it('emits at most maxAlertsPerPoll new items per poll (the newest, oldest first), records the rest, and says so once', async () => {
    let stories = [csto];
    liveFeed('/burst.rss', () => stories);
    const capped: unknown[] = [];
    const feeds = poller([server.url('/burst.rss')], { maxAlertsPerPoll: 2, onCapped: (info) => capped.push(info) });
    await feeds.pollDue();
    stories = [{ guid: 'neu-4', title: 'Neue Lage in Minsk', date: 'Tue, 16 Jul 2024 09:00:00 +0200' }, osce, nato, csto];
    now += intervalMs;
    await feeds.pollDue();
    expect(emitted.map((entry) => entry.item.title)).toEqual([osce.title, 'Neue Lage in Minsk']);
    expect(capped).toEqual([{ feedUrl: server.url('/burst.rss'), newItems: 3, emitted: 2 }]);
    now += intervalMs;
    await feeds.pollDue();
    expect(emitted).toHaveLength(2);
    expect(capped).toHaveLength(1);
  });

  it('reports a changed title as an update, not as a new item, also under a new guid', async () => {
    let stories = [csto];
    liveFeed('/edited.rss', () => stories);
    const updated: NewFeedItem[] = [];
    const feeds = poller([server.url('/edited.rss')], { onItemUpdated: (item) => updated.push(item) });
    await feeds.pollDue();
    stories = [{ ...csto, title: `${csto.title} (aktualisiert)` }];
    now += intervalMs;
    await feeds.pollDue();
    expect(emitted).toEqual([]);
    expect(updated.map((entry) => entry.item.title)).toEqual([`${csto.title} (aktualisiert)`]);
  });

  it('re-primes a feed recorded under an older identity scheme: records its items again without emitting, from a full download', async () => {
    liveFeed('/upgraded.rss', () => [nato, csto]);
    const url = server.url('/upgraded.rss');
    // As the code before identity scheme 2 left it: primed, validators, no scheme, its seen items under other keys.
    await store.setFeedState(url, { failures: 0, nextPollAt: now, primed: true, etag: '"old"' });
    const reprimed: string[] = [];
    const feeds = poller([url], { onReprime: (feedUrl) => reprimed.push(feedUrl) });
    await feeds.pollDue();
    expect(emitted).toEqual([]);
    expect(reprimed).toEqual([url]);
    const request = server.requests.filter((r) => r.path === '/upgraded.rss')[0]!;
    expect(request.headers['if-none-match']).toBeUndefined();
    expect(await store.getFeedState(url)).toMatchObject({ primed: true, identityScheme: 2 });

    liveFeed('/upgraded.rss', () => [osce, nato, csto]);
    now += intervalMs;
    await feeds.pollDue();
    expect(emitted.map((entry) => entry.item.title)).toEqual([osce.title]);
    expect(reprimed).toHaveLength(1);
  });

  it('start() polls at once, sleeps until the next feed is due, and stop() ends the loop', async () => {
    liveFeed('/live-6.rss', () => [csto]);
    const scheduled: { callback: () => void; ms: number }[] = [];
    let cleared = 0;
    const timers: Timers = {
      setTimeout: (callback, ms) => scheduled.push({ callback, ms }),
      clearTimeout: () => {
        cleared++;
      },
    };
    const feeds = poller([server.url('/live-6.rss')], { timers });
    const count = () => server.requests.filter((request) => request.path === '/live-6.rss').length;

    feeds.start();
    await expect.poll(() => scheduled.length).toBe(1);
    expect(count()).toBe(1);
    expect(scheduled[0]!.ms).toBe(intervalMs);

    now += intervalMs;
    scheduled[0]!.callback();
    await expect.poll(() => scheduled.length).toBe(2);
    expect(count()).toBe(2);

    await feeds.stop();
    expect(cleared).toBe(1);
  });
  it('sleeps exactly until a feed due soon, and a second when asked to poll again at once', async () => {
    const url = server.url('/live-7.rss');
    liveFeed('/live-7.rss', () => [csto]);
    await store.setFeedState(url, { failures: 0, nextPollAt: now + 300, primed: true, identityScheme: 2 });
    const scheduled: number[] = [];
    const timers: Timers = { setTimeout: (_callback, ms) => scheduled.push(ms), clearTimeout: () => undefined };
    const feeds = poller([url], { timers });

    feeds.start();
    // A wake() while the round runs asks for another right after it: due "now", so the one-second floor.
    feeds.wake();
    await expect.poll(() => scheduled.length).toBe(1);
    expect(scheduled[0]).toBe(1000);
    await feeds.stop();

    const again = poller([url], { timers });
    again.start();
    await expect.poll(() => scheduled.length).toBe(2);
    // Not yet due: no fetch, and the timer is set for the 300 ms left, not rounded up to a second.
    expect(scheduled[1]).toBe(300);
    expect(server.requests.filter((request) => request.path === '/live-7.rss')).toHaveLength(0);
    await again.stop();
  });
});

describe('a big feed', () => {
  const many = (count: number, from = 0): Story[] =>
    Array.from({ length: count }, (_, i) => ({ guid: `item-${from + i}`, title: `Meldung ${from + i}`, date: 'Mon, 15 Jul 2024 09:00:00 +0200' }));

  it('records items in batches, emits each new one once and oldest first, and lets other work run in between', async () => {
    let stories = many(500);
    liveFeed('/big.xml', () => stories);
    // The per-poll cap is tested on its own; here every new item counts.
    const feed = poller([server.url('/big.xml')], { maxAlertsPerPoll: 1000 });
    let priming = 0;
    const primingTicker = setInterval(() => priming++, 0);
    await feed.pollDue();
    clearInterval(primingTicker);
    expect(emitted).toEqual([]);
    expect(priming).toBeGreaterThan(0);

    // 250 new items on top (newest first, as feeds list them), one of them listed twice.
    const added = many(250, 500).reverse();
    stories = [...added.slice(0, 1), ...added, ...stories];
    now += intervalMs;
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    await feed.pollDue();
    clearInterval(ticker);
    expect(emitted.map((item) => item.item.id)).toEqual(many(250, 500).map((story) => `guid:${story.guid}`));
    expect(turns).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
