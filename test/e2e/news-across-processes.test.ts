// News items in HTTP mode, with two real bot processes sharing one Redis store: the one
// that polls the feed (served by a local HTTP server) stores a new item, and both answer
// it in /news, /country and /search — the other one within 10 seconds, without polling.

import { type APIInteraction, Locale } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { InteractionKeys, LocalDiscord } from '../../local-discord/index.js';
import { generateInteractionKeys, startLocalDiscord } from '../../local-discord/index.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import { serve, startTestServer, type TestServer } from '../feeds/feed-test-server.js';
import { deleteKeys, redisReachable } from '../support/redis-keys.js';
import { askHttpBot } from './ask-http-bot.js';
import { type BotProcess, startHttpBot, tempWorkDir, TEST_TOKEN } from './bot-process.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `lagebild-e2e-news-${process.pid}`;

const title = 'Armenien und die OVKS: Gespräche in Eriwan';

function rss(): string {
  const date = new Date(Date.now() - 60 * 60_000).toUTCString();
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kaukasus-Ticker</title><language>de</language>
<item><title>${title}</title><link>https://ticker.example.org/1</link><guid>t-1</guid><pubDate>${date}</pubDate><description>Die Delegationen treffen sich am Montag.</description></item>
</channel></rss>`;
}

describe.skipIf(!(await redisReachable(REDIS_URL)))('news items shared by two HTTP processes on Redis', () => {
  let discord: LocalDiscord;
  let server: TestServer;
  let keys: InteractionKeys;
  const bots: { bot: BotProcess; port: number }[] = [];
  const work = [tempWorkDir('e2e-news-a'), tempWorkDir('e2e-news-b')];

  const ask = (port: number, interaction: APIInteraction): Promise<string> => askHttpBot(port, interaction, keys.privateKey);
  const command = (name: string, options: Record<string, string> = {}) =>
    chatInputInteraction({ ...discord.guildPlace(), locale: Locale.German }, { name, options });

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    server = await startTestServer();
    server.route('/kaukasus.rss', serve(rss(), 'application/rss+xml; charset=utf-8'));
    keys = generateInteractionKeys();
    const shared = { LAGEBILD_STORE: REDIS_URL, LAGEBILD_REDIS_PREFIX: PREFIX };
    // The second process does not poll: what it answers comes from the store.
    bots.push(await startHttpBot(discord, work[1]!.path, keys.publicKeyHex, shared));
    bots.push(
      await startHttpBot(discord, work[0]!.path, keys.publicKeyHex, {
        ...shared,
        LAGEBILD_FEEDS: server.url('/kaukasus.rss'),
        LAGEBILD_FEED_INTERVAL_SECONDS: '60',
      }),
    );
  }, 60_000);

  afterAll(async () => {
    for (const { bot } of bots) bot.kill();
    await server.close();
    await discord.close();
    for (const dir of work) dir.remove();
    await deleteKeys(REDIS_URL, `${PREFIX}:*`);
  });

  it('the polling process answers the item in /news, /country and /search', async () => {
    const poller = bots[1]!;
    await expect.poll(async () => ask(poller.port, command('news')), { timeout: 15_000 }).toContain(title);
    expect(await ask(poller.port, command('country', { name: 'armenia' }))).toContain(title);
    expect(await ask(poller.port, command('search', { query: 'Eriwan' }))).toContain(title);
  });

  it('the other process answers it within 10 seconds, from the shared store', async () => {
    const other = bots[0]!;
    await expect.poll(async () => ask(other.port, command('news', { topic: 'armenia' })), { timeout: 10_000, interval: 500 }).toContain(title);
    expect(await ask(other.port, command('country', { name: 'armenia' }))).toContain(title);
  });
});
