// Feed item identity with the real bot process (issue 9): a feed whose guids and
// link query strings (tracking parameters) change on every fetch must not alert its
// items again; an edited item is an update, not news; a genuinely new item alerts
// once; a burst of new items alerts only up to the per-poll cap (default 10) and the
// log says so once; and a store written before the identity scheme changed is
// re-primed silently on the first poll after the upgrade.
//
// As in feed-alerts.test.ts, the bot is stopped and restarted with the feed's due
// time moved to now, instead of waiting out the minimum interval of 60 seconds.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type LocalChannel, type LocalDiscord, startLocalDiscord } from '../../local-discord/index.js';
import { createStoreFeedStateStore } from '../../src/alerts/feed-publications.js';
import type { FeedStateStore } from '../../src/feeds/feed-poller.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { serve, startTestServer, type TestServer } from '../feeds/feed-test-server.js';
import { tearDown } from '../support/teardown.js';
import { FeedBot, feedPolled, makeDue } from './feed-bot.js';
import { UPGRADE_FEED_PATH, UPGRADE_FEED_PORT, upgradeFeed } from './feed-upgrade-fixture.js';
import { alertsIn, type BotProcess, guilds, startGatewayBot, subscribe, tempWorkDir, TEST_TOKEN } from './harness.js';

interface Story {
  slug: string;
  title: string;
  summary: string;
  date: string;
}

const RSS = 'application/rss+xml; charset=utf-8';
const CAP_LOG = 'feed had more new items than one poll may alert; the rest were recorded without alerting';

/**
 * The feed as fetch number `fetch` serves it: every guid and the tracking parameters
 * of every link change from one fetch to the next; the article itself does not.
 */
function rss(stories: readonly Story[], fetch: number): string {
  const items = stories.map(
    (story) =>
      `<item><title>${story.title}</title>` +
      `<link>https://Ost.Example.org/artikel/${story.slug}.html?utm_source=rss&amp;utm_campaign=c${fetch}&amp;fbclid=IwAR${fetch}x#top</link>` +
      `<guid isPermaLink="false">urn:ost:${story.slug}:${fetch}</guid><pubDate>${story.date}</pubDate>` +
      `<description>${story.summary}</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Ost-Ticker</title><link>https://ost.example.org/</link><description>Test</description>${items.join('')}</channel></rss>`;
}

const story = (slug: string, title: string, day = 1): Story => ({
  slug,
  title,
  summary: `Bericht zu ${title}.`,
  date: `Mon, ${String(day).padStart(2, '0')} Dec 2025 08:00:00 +0100`,
});

const OLD: [Story, Story] = [story('gipfel', 'OVKS-Gipfel in Minsk vertagt'), story('manoever', 'OVKS-Manöver in Tadschikistan beendet', 2)];

async function subscribeToCsto(store: Store, discord: LocalDiscord): Promise<LocalChannel> {
  const guild = present(guilds(discord)[0], 'a guild');
  const channel = present(guild.channels[0], 'a channel');
  await subscribe(store, {
    id: 'identitysub1',
    guildId: guild.id,
    channelId: channel.id,
    topic: 'csto',
    language: 'de',
  });
  return channel;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** The value, or a failed test saying what was missing. */
function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing`);
  return value;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('feed item identity with the real bot', () => {
  const work = tempWorkDir('e2e-feed-identity');
  let discord: LocalDiscord;
  let server: TestServer;
  let store: Store;
  let feedState: FeedStateStore;
  let channel: LocalChannel;
  let feedUrl: string;
  let stories: Story[] = OLD;

  const fetches = () => server.requests.filter((r) => r.path === '/ticker.rss').length;
  const poller = new FeedBot(() => ({ discord, workDir: work.path, feed: { state: feedState, url: feedUrl, fetches } }));

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    server = await startTestServer();
    feedUrl = server.url('/ticker.rss');
    let fetch = 0;
    // A fresh body on every request, and no validators: every poll downloads and parses.
    server.route('/ticker.rss', (_request, response) => {
      fetch += 1;
      response.writeHead(200, { 'content-type': RSS }).end(rss(stories, fetch));
    });
    store = await openStore({ kind: 'sqlite', path: join(work.path, 'lagebild.sqlite') });
    feedState = createStoreFeedStateStore(store);
    channel = await subscribeToCsto(store, discord);
  });

  afterEach(() => {
    expect(discord.violations).toEqual([]);
  });

  afterAll(() => tearDown(poller.bot, [store, server, discord], work));

  it('records the feed on the first poll without alerting', async () => {
    await poller.start();
    await expect.poll(async () => (await feedState.getFeedState(feedUrl))?.primed, { timeout: 10_000 }).toBe(true);
    await pause(1000);
    expect(alertsIn(discord, channel.id)).toEqual([]);
  });

  it('does not alert again when every guid and the tracking parameters of every link changed', async () => {
    stories = [...OLD].reverse();
    await poller.restartWithFeedDue();
    await pause(1000);
    expect(alertsIn(discord, channel.id)).toEqual([]);
  });

  it('treats a changed title and summary as an update: no alert', async () => {
    const [gipfel, manoever] = OLD;
    stories = [{ ...gipfel, title: 'OVKS-Gipfel in Minsk auf Januar vertagt', summary: 'Neuer Termin steht fest.' }, manoever];
    await poller.restartWithFeedDue();
    await pause(1000);
    expect(alertsIn(discord, channel.id)).toEqual([]);
  });

  it('alerts a genuinely new item once', async () => {
    const fresh = story('uebung', 'Kasachstan lädt zur OVKS-Übung ein', 3);
    stories = [fresh, ...stories];
    await poller.restartWithFeedDue();
    await expect.poll(() => alertsIn(discord, channel.id).length, { timeout: 10_000 }).toBe(1);
    expect(alertsIn(discord, channel.id)[0]?.embeds[0]?.title).toBe(fresh.title);
    expect(alertsIn(discord, channel.id)[0]?.embeds[0]?.url).toBe(
      'https://ost.example.org/artikel/uebung.html?utm_source=rss&utm_campaign=c4&fbclid=IwAR4x#top',
    );
    await poller.restartWithFeedDue();
    await pause(1000);
    expect(alertsIn(discord, channel.id)).toHaveLength(1);
  });

  it('alerts at most 10 of 50 new items in one poll, and logs that once', async () => {
    const burst = Array.from({ length: 50 }, (_, i) => story(`welle-${i}`, `OVKS-Meldung ${i} aus der Nachrichtenwelle`, 4));
    stories = [...burst, ...stories];
    await poller.restartWithFeedDue();
    await expect.poll(() => alertsIn(discord, channel.id).length, { timeout: 20_000 }).toBe(11);
    await pause(2000);
    expect(alertsIn(discord, channel.id)).toHaveLength(11);
    // The newest ten (the feed lists the newest first); several sends run at once, so in any order.
    const titles = alertsIn(discord, channel.id)
      .slice(1)
      .map((message) => message.embeds[0]?.title);
    expect(titles.sort()).toEqual(
      burst
        .slice(0, 10)
        .map((s) => s.title)
        .sort(),
    );
    const lines = poller.running.findLogs(CAP_LOG);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ feed: feedUrl, newItems: 50, alerted: 10, recordedOnly: 40 });
    // Those 40 are seen: the next poll alerts none of them.
    await poller.restartWithFeedDue();
    await pause(1000);
    expect(alertsIn(discord, channel.id)).toHaveLength(11);
    expect(poller.running.findLogs(CAP_LOG)).toEqual([]);
  });
});

describe('the first poll after an upgrade of the identity scheme', () => {
  const work = tempWorkDir('e2e-feed-upgrade');
  let discord: LocalDiscord;
  let server: TestServer;
  let store: Store;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    server = await startTestServer(UPGRADE_FEED_PORT);
    server.route(UPGRADE_FEED_PATH, serve(upgradeFeed(), RSS));
    copyFileSync(new URL('../fixtures/feed-upgrade/v1-primed.sqlite', import.meta.url), join(work.path, 'lagebild.sqlite'));
    store = await openStore({ kind: 'sqlite', path: join(work.path, 'lagebild.sqlite') });
  });

  afterAll(() => tearDown(bot, [store, server, discord], work));

  it('re-primes a feed recorded by the previous scheme silently: no alert storm', async () => {
    const channel = await subscribeToCsto(store, discord);
    const feedUrl = server.url(UPGRADE_FEED_PATH);
    const feedState = createStoreFeedStateStore(store);
    expect(await feedState.getFeedState(feedUrl)).toMatchObject({ primed: true });
    // Due now, as if the interval had passed since the fixture was made: the bot polls it as it starts.
    await makeDue(feedState, feedUrl);
    bot = await startGatewayBot(discord, work.path, { LAGEBILD_FEEDS: feedUrl, LAGEBILD_FEED_INTERVAL_SECONDS: '60' });
    await expect.poll(() => server.requests.length, { timeout: 10_000 }).toBe(1);
    await feedPolled(feedState, feedUrl);
    await pause(2000);
    expect(alertsIn(discord, channel.id)).toEqual([]);
    expect(bot.findLogs('feed items are recognised differently since an upgrade; recording them again without alerting')).toHaveLength(1);
    expect(discord.violations).toEqual([]);
  });
});

describe('the per-poll cap and the seen-items horizon as settings', () => {
  const work = tempWorkDir('e2e-feed-horizon');
  let discord: LocalDiscord;
  let server: TestServer;
  let bot: BotProcess | undefined;
  let stories: Story[] = OLD;

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    server = await startTestServer();
    server.route('/horizon.rss', (_request, response) => response.writeHead(200, { 'content-type': RSS }).end(rss(stories, 1)));
  });

  afterAll(() => tearDown(bot, [server, discord], work));

  it('alerts at most LAGEBILD_FEED_MAX_ALERTS_PER_POLL items, and forgets seen items after LAGEBILD_SEEN_HORIZON_DAYS', async () => {
    const path = join(work.path, 'lagebild.sqlite');
    const store = await openStore({ kind: 'sqlite', path });
    const feedUrl = server.url('/horizon.rss');
    const feedState = createStoreFeedStateStore(store);
    let primedAt = 0;
    const env = {
      LAGEBILD_FEEDS: feedUrl,
      LAGEBILD_FEED_INTERVAL_SECONDS: '60',
      LAGEBILD_FEED_MAX_ALERTS_PER_POLL: '3',
      LAGEBILD_SEEN_HORIZON_DAYS: '2',
    };
    try {
      const channel = await subscribeToCsto(store, discord);
      primedAt = Date.now();
      bot = await startGatewayBot(discord, work.path, env);
      await expect.poll(async () => (await feedState.getFeedState(feedUrl))?.primed, { timeout: 10_000 }).toBe(true);
      expect(await bot.stop()).toEqual({ code: 0, signal: null });

      stories = [...Array.from({ length: 5 }, (_, i) => story(`neu-${i}`, `OVKS-Nachricht ${i}`, 5)), ...OLD];
      await makeDue(feedState, feedUrl);
      bot = await startGatewayBot(discord, work.path, env);
      await expect.poll(() => alertsIn(discord, channel.id).length, { timeout: 10_000 }).toBe(3);
      await pause(1000);
      expect(alertsIn(discord, channel.id)).toHaveLength(3);
      expect(bot.findLogs(CAP_LOG)).toEqual([expect.objectContaining({ newItems: 5, alerted: 3, recordedOnly: 2 })]);
      expect(await bot.stop()).toEqual({ code: 0, signal: null });
    } finally {
      await store.close();
    }

    // Every record of a seen item, and every feed publication, expires two days after it was written.
    const db = new Database(path, { readonly: true });
    try {
      const expiries = (sql: string) =>
        db
          .prepare<[], { expires_at: number | null }>(sql)
          .all()
          .map((row) => row.expires_at);
      const seen = expiries("SELECT expires_at FROM kv WHERE ns = 'feed-items'");
      const feedPublications = expiries("SELECT expires_at FROM kv WHERE ns = 'published' AND key LIKE 'feed:%'");
      // Seven items with a guid, a link, a title and date, and a content key each.
      expect(seen).toHaveLength(7 * 4);
      expect(feedPublications).toHaveLength(3);
      for (const expiresAt of [...seen, ...feedPublications]) {
        expect(expiresAt).toBeGreaterThanOrEqual(primedAt + 2 * DAY_MS);
        expect(expiresAt).toBeLessThanOrEqual(Date.now() + 2 * DAY_MS);
      }
    } finally {
      db.close();
    }
  });
});
