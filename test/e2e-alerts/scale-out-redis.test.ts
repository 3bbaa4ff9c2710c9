// Scaling out on Redis: three bot processes (two HTTP workers and a gateway process)
// share one Redis server the test owns (append-only, as the README asks) and fan one
// article out to 2,000 channels, while the gateway process is SIGKILLed and started
// again and the Redis server is restarted once. Every channel gets its alert exactly
// once, and the stand-in, which enforces Discord's limits, saw no one-second window
// with more than 50 requests and answered no 429.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, it } from 'vitest';

import { generateInteractionKeys, startLocalDiscord } from '../../local-discord/index.js';
import { deliveryNonce } from '../../src/alerts/alert-message.js';
import { deliveryId, OUTBOX } from '../../src/alerts/delivery.js';
import { articlePublicationId } from '../../src/alerts/publication.js';
import { PUBLISHED } from '../../src/alerts/publisher.js';
import { createSubscriptionRepository, newSubscriptionId, type Subscription } from '../../src/alerts/subscriptions.js';
import { openStore } from '../../src/store/open-store.js';
import { startHttpBot } from '../e2e/bot-process.js';
import { describeBackend, redisBackend } from '../store/store-fixtures.js';
import { type OwnRedis, startOwnRedis } from '../support/own-redis.js';
import {
  alertsIn,
  type BotProcess,
  copyData,
  guilds,
  type NewArticle,
  postableChannels,
  publishArticle,
  startGatewayBot,
  tempWorkDir,
  TEST_TOKEN,
} from './harness.js';

const CHANNELS = 2_000;
/** The stand-in's generated guilds have six text or announcement channels of ten. */
const GUILDS = Math.ceil(CHANNELS / 6);
const DISCORD_PER_SECOND = 50;
const LEASE_MS = 5_000;

const ARTICLE: NewArticle = {
  id: 'e2e-2025-04-01-csto-scale-out',
  title: { en: 'CSTO members meet without Armenia again', de: 'OVKS-Mitglieder tagen erneut ohne Armenien' },
  topics: ['csto-cohesion'],
  entities: ['csto', 'armenia'],
  point: { en: 'Armenia stayed away once more.', de: 'Armenien blieb erneut fern.' },
};

describeBackend(redisBackend, 'scaling out on one Redis', () => {
  it('fans out to 2,000 channels from three processes within Discord’s budget, exactly once, through a SIGKILL and a Redis restart', async () => {
    const work = tempWorkDir('e2e-scale-out');
    const redisDir = mkdtempSync(join(tmpdir(), 'lagebild-scale-out-redis-'));
    const redis: OwnRedis = await startOwnRedis(redisDir, { appendOnly: true });
    const discord = await startLocalDiscord({ token: TEST_TOKEN, guilds: { guilds: GUILDS, channels: 10 } });
    const store = await openStore(redis.url);
    const processes: BotProcess[] = [];
    try {
      const channels = guilds(discord)
        .flatMap((guild) => postableChannels(guild).map((channel) => ({ guildId: guild.id, channelId: channel.id })))
        .slice(0, CHANNELS);
      expect(channels).toHaveLength(CHANNELS);
      const repository = createSubscriptionRepository(store);
      const subscriptions: Subscription[] = [];
      for (const [n, { guildId, channelId }] of channels.entries()) {
        const subscription: Subscription = {
          id: newSubscriptionId(),
          guildId,
          channelId,
          topic: 'csto',
          language: n % 2 === 0 ? 'en' : 'de',
          createdBy: '80351110224678912',
          createdAt: new Date().toISOString(),
        };
        expect((await repository.add(subscription)).status).toBe('added');
        subscriptions.push(subscription);
      }

      const dataDir = copyData(work.path);
      const env = { LAGEBILD_STORE: redis.url, LAGEBILD_DATA_DIR: dataDir, LAGEBILD_DELIVERY_LEASE_SECONDS: String(LEASE_MS / 1000) };
      const { publicKeyHex } = generateInteractionKeys();
      const http = await startHttpBot(discord, work.path, publicKeyHex, { ...env, LAGEBILD_HTTP_WORKERS: '2' });
      processes.push(http.bot);
      let gateway = await startGatewayBot(discord, work.path, env);
      processes.push(gateway);
      // The first start takes the folder's baseline before anything is published.
      await expect.poll(() => store.namespace(PUBLISHED).has(articlePublicationId('securnews-2024-12-27-csto')), { timeout: 15_000 }).toBe(true);
      await publishArticle(join(work.path, 'article.json'), dataDir, ARTICLE);

      const alerts = () => discord.messages.filter((m) => m.webhook_id === undefined).length;
      await expect.poll(alerts, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(300);
      gateway.kill();
      expect(await gateway.waitForExit()).toEqual({ code: null, signal: 'SIGKILL' });
      gateway = await startGatewayBot(discord, work.path, env);
      processes.push(gateway);

      await expect.poll(alerts, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(900);
      // Saved on shutdown, read back on start: the turns of the last second included.
      await redis.stop();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await redis.start();

      await expect.poll(alerts, { timeout: 90_000, interval: 250 }).toBe(CHANNELS);
      await expect.poll(() => store.pending(OUTBOX), { timeout: 15_000, interval: 250 }).toBe(0);

      const publicationId = articlePublicationId(ARTICLE.id);
      for (const subscription of subscriptions) {
        expect(alertsIn(discord, subscription.channelId).map((m) => m.nonce)).toEqual([deliveryNonce(deliveryId(publicationId, subscription.id))]);
      }
      const stats = discord.stats();
      const posts = discord.requests.filter((r) => r.method === 'POST' && r.route === '/channels/{channel_id}/messages').length;
      console.log(`[scale-out] ${CHANNELS} alerts in ${posts} posts; busiest second ${stats.busiestSecond} requests; ${stats.rateLimited} × 429`);
      expect(stats.busiestSecond).toBeLessThanOrEqual(DISCORD_PER_SECOND);
      expect(stats.rateLimited).toBe(0);
      expect(stats.invalidRequests).toBe(0);
      expect(discord.violations).toEqual([]);
    } finally {
      for (const bot of processes) bot.kill();
      await store.close().catch(() => undefined);
      await discord.close();
      await redis.kill();
      rmSync(redisDir, { recursive: true, force: true });
      work.remove();
    }
  }, 240_000);
});
