// News items in HTTP mode, with two real bot processes sharing one Redis store: the one
// that polls the feed (served by a local HTTP server) first records what the feed holds,
// then stores a new item, and both answer it in /news, /country and /search — the other
// one within 10 seconds of its being stored, without polling. The poller is restarted with
// the feed due rather than waiting out the 60-second interval (e2e-alerts/feed-bot.ts).

import { type APIInteraction, Locale } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { InteractionKeys, LocalDiscord } from '../../local-discord/index.js';
import { generateInteractionKeys, startLocalDiscord } from '../../local-discord/index.js';
import { createStoreFeedStateStore } from '../../src/alerts/feed-publications.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { type PolledFeed, restartWithFeedDue } from '../e2e-alerts/feed-bot.js';
import { serve, startTestServer, type TestServer } from '../feeds/feed-test-server.js';
import { deleteKeys, redisReachable } from '../support/redis-keys.js';
import { askHttpBot } from './ask-http-bot.js';
import { type BotProcess, startHttpBot, tempWorkDir, TEST_TOKEN } from './bot-process.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `lagebild-e2e-news-${process.pid}`;

const first = 'Kasachstan lädt zur OVKS-Übung ein';
const title = 'Armenien und die OVKS: Gespräche in Eriwan';

function rss(items: { guid: string; title: string }[]): string {
  const date = new Date(Date.now() - 60 * 60_000).toUTCString();
  const entries = items.map(
    (item) =>
      `<item><title>${item.title}</title><link>https://ticker.example.org/${item.guid}</link><guid>${item.guid}</guid><pubDate>${date}</pubDate><description>Die Delegationen treffen sich am Montag.</description></item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kaukasus-Ticker</title><language>de</language>${entries.join('')}</channel></rss>`;
}

describe.skipIf(!(await redisReachable(REDIS_URL)))('news items shared by two HTTP processes on Redis', () => {
  let discord: LocalDiscord;
  let server: TestServer;
  let keys: InteractionKeys;
  // Set in beforeAll, which may fail before it gets there.
  let store: Store | undefined;
  let feed: PolledFeed;
  const bots: { bot: BotProcess; port: number }[] = [];
  const work = [tempWorkDir('e2e-news-a'), tempWorkDir('e2e-news-b')];
  const shared = { LAGEBILD_STORE: REDIS_URL, LAGEBILD_REDIS_PREFIX: PREFIX };
  const startPoller = async () => {
    bots[1] = await startHttpBot(discord, work[0]!.path, keys.publicKeyHex, {
      ...shared,
      LAGEBILD_FEEDS: feed.url,
      LAGEBILD_FEED_INTERVAL_SECONDS: '60',
    });
  };

  const ask = (port: number, interaction: APIInteraction): Promise<string> => askHttpBot(port, interaction, keys.privateKey);
  const command = (name: string, options: Record<string, string> = {}) =>
    chatInputInteraction({ ...discord.guildPlace(), locale: Locale.German }, { name, options });

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    server = await startTestServer();
    server.route('/kaukasus.rss', serve(rss([{ guid: 't-1', title: first }]), 'application/rss+xml; charset=utf-8'));
    keys = generateInteractionKeys();
    const opened = await openStore(REDIS_URL, { keyPrefix: PREFIX });
    store = opened;
    const url = server.url('/kaukasus.rss');
    feed = { state: createStoreFeedStateStore(opened), url, fetches: () => server.requests.filter((r) => r.path === '/kaukasus.rss').length };
    // The second process does not poll: what it answers comes from the store.
    bots[0] = await startHttpBot(discord, work[1]!.path, keys.publicKeyHex, shared);
    await startPoller();
  }, 60_000);

  afterAll(async () => {
    for (const { bot } of bots) bot.kill();
    await store?.close();
    await server.close();
    await discord.close();
    for (const dir of work) dir.remove();
    await deleteKeys(REDIS_URL, `${PREFIX}:*`);
  });

  it('the first poll records what the feed holds, as news items too', async () => {
    await expect.poll(async () => (await feed.state.getFeedState(feed.url))?.primed, { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => ask(bots[1]!.port, command('news')), { timeout: 10_000 }).toContain(first);
  });

  it('a new item is answered by the polling process in /news, /country and /search', async () => {
    server.route(
      '/kaukasus.rss',
      serve(
        rss([
          { guid: 't-2', title },
          { guid: 't-1', title: first },
        ]),
        'application/rss+xml; charset=utf-8',
      ),
    );
    await restartWithFeedDue(bots[1]!.bot, feed, startPoller);
    const poller = bots[1]!;
    await expect.poll(async () => ask(poller.port, command('news')), { timeout: 10_000 }).toContain(title);
    expect(await ask(poller.port, command('country', { name: 'armenia' }))).toContain(title);
    expect(await ask(poller.port, command('search', { query: 'Eriwan' }))).toContain(title);
  });

  it('the other process answers it within 10 seconds of its being stored, from the shared store', async () => {
    // The poll that stored it has finished (restartWithFeedDue waited for that): the 10 seconds start no later than now.
    const other = bots[0]!;
    await expect.poll(async () => ask(other.port, command('news', { topic: 'armenia' })), { timeout: 10_000, interval: 500 }).toContain(title);
    expect(await ask(other.port, command('country', { name: 'armenia' }))).toContain(title);
    expect(await ask(other.port, command('search', { query: 'Eriwan' }))).toContain(title);
  });
});
