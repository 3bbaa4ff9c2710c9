// The crash-safety scenario, run once per store backend: 300 subscriptions, one
// article matching them all, and the bot killed with SIGKILL at random moments
// of the fan-out and started again each time. In the end every alert exists
// exactly once in the stand-in.
//
// The stand-in answers at once, so a latency proxy holds each post's answer for a
// while after the message was created: a kill then leaves sends posted but not
// confirmed. Their leases run out (LAGEBILD_DELIVERY_LEASE_SECONDS, short here)
// and the next process sends them again with the
// same nonce, which makes Discord (and the stand-in) return the message it
// already posted.
import { join } from 'node:path';

import { expect } from 'vitest';

import { type LocalDiscord, startLocalDiscord } from '../../local-discord/index.js';
import { deliveryNonce } from '../../src/alerts/alert-message.js';
import { deliveryId, OUTBOX } from '../../src/alerts/delivery.js';
import { articlePublicationId } from '../../src/alerts/publication.js';
import { PUBLISHED } from '../../src/alerts/publisher.js';
import { createSubscriptionRepository, newSubscriptionId, type Subscription } from '../../src/alerts/subscriptions.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { startLatencyProxy } from '../support/latency-proxy.js';
import {
  alertsIn,
  type BotProcess,
  copyData,
  deliveryLog,
  guilds,
  type NewArticle,
  postableChannels,
  publishArticle,
  startGatewayBot,
  tempWorkDir,
  TEST_TOKEN,
} from './harness.js';

/** Every one of them is among the article's topics and entities. */
const TOPICS = ['csto', 'csto-cohesion', 'armenia', 'russia', 'collective-defence'];
const GUILDS = 15;
const CHANNELS_PER_GUILD = 4;
const SUBSCRIPTIONS = GUILDS * CHANNELS_PER_GUILD * TOPICS.length;
const KILLS = 3;
/** How long the proxy holds a post's answer: about 25 sends a second at the worker's concurrency of 4. */
const ANSWER_DELAY_MS = 150;
/** The delivery lease the bot runs with here, which a SIGKILLed process's claims wait out. */
const LEASE_MS = 5_000;

const ARTICLE: NewArticle = {
  id: 'e2e-2025-03-05-csto-summit',
  title: { en: 'CSTO summit ends without Armenia and a joint statement', de: 'OVKS-Gipfel endet ohne Armenien und ohne gemeinsame Erklärung' },
  topics: ['csto-cohesion', 'collective-defence'],
  entities: ['csto', 'armenia', 'russia'],
  point: { en: 'Russia could not hold the alliance together.', de: 'Russland konnte das Bündnis nicht zusammenhalten.' },
};

export interface CrashScenario {
  /** LAGEBILD_STORE for the bot; the test opens the same store to seed and inspect it. */
  storeUrl(workDir: string): string;
  /** Clears what the scenario leaves behind outside the work folder (a Redis database). */
  clean?(): Promise<void>;
}

/** `count` distinct random whole numbers from min to max, ascending. */
function randomPoints(count: number, min: number, max: number): number[] {
  const points = new Set<number>();
  while (points.size < count) points.add(min + Math.floor(Math.random() * (max - min + 1)));
  return [...points].sort((a, b) => a - b);
}

async function seedSubscriptions(store: Store, discord: LocalDiscord): Promise<Subscription[]> {
  const repository = createSubscriptionRepository(store);
  const seeded: Subscription[] = [];
  for (const guild of guilds(discord)) {
    for (const channel of postableChannels(guild).slice(0, CHANNELS_PER_GUILD)) {
      for (const topic of TOPICS) {
        const subscription: Subscription = {
          id: newSubscriptionId(),
          guildId: guild.id,
          channelId: channel.id,
          topic,
          language: seeded.length % 2 === 0 ? 'en' : 'de',
          createdBy: '80351110224678912',
          createdAt: new Date().toISOString(),
        };
        const result = await repository.add(subscription);
        if (result.status !== 'added') throw new Error(`seeding a subscription failed: ${result.status}`);
        seeded.push(subscription);
      }
    }
  }
  return seeded;
}

export async function runCrashScenario(name: string, scenario: CrashScenario): Promise<void> {
  await scenario.clean?.();
  const work = tempWorkDir(`e2e-alerts-crash-${name}`);
  const discord = await startLocalDiscord({ token: TEST_TOKEN, guilds: { guilds: GUILDS, channels: 10 } });
  const proxy = await startLatencyProxy(discord, { answerDelay: () => ANSWER_DELAY_MS });
  const store = await openStore(scenario.storeUrl(work.path));
  const processes: BotProcess[] = [];
  try {
    const dataDir = copyData(work.path);
    const subscriptions = await seedSubscriptions(store, discord);
    expect(subscriptions).toHaveLength(SUBSCRIPTIONS);

    const env = {
      DISCORD_API_URL: proxy.apiUrl,
      LAGEBILD_STORE: scenario.storeUrl(work.path),
      LAGEBILD_DATA_DIR: dataDir,
      LAGEBILD_DELIVERY_LEASE_SECONDS: String(LEASE_MS / 1000),
    };
    const start = async () => {
      processes.push(await startGatewayBot(discord, work.path, env));
      return processes.at(-1)!;
    };
    let bot = await start();
    // The first start takes the folder's baseline before anything is published.
    await expect.poll(() => store.namespace(PUBLISHED).has(articlePublicationId('securnews-2024-12-27-csto')), { timeout: 15_000 }).toBe(true);
    await publishArticle(join(work.path, 'article.json'), dataDir, ARTICLE);

    const allAlerts = () => discord.messages.filter((m) => m.webhook_id === undefined);
    // Kill after these many alerts exist, spread over the first half of the fan-out.
    const killAt = randomPoints(KILLS, 10, SUBSCRIPTIONS / 2);
    for (const threshold of killAt) {
      await expect.poll(() => allAlerts().length, { timeout: 30_000, interval: 20 }).toBeGreaterThanOrEqual(threshold);
      bot.kill();
      expect(await bot.waitForExit()).toEqual({ code: null, signal: 'SIGKILL' });
      bot = await start();
    }
    const killedAt = Date.now();

    // The claims of the killed processes come back when their leases run out.
    await expect.poll(() => allAlerts().length, { timeout: LEASE_MS + 25_000, interval: 250 }).toBe(SUBSCRIPTIONS);
    await expect.poll(() => store.pending(OUTBOX), { timeout: 10_000, interval: 250 }).toBe(0);
    expect(await bot.stop()).toEqual({ code: 0, signal: null });

    // Exactly once per subscription: each channel holds one alert per subscription of its own, told apart by nonce.
    const publicationId = articlePublicationId(ARTICLE.id);
    const byChannel = new Map<string, Subscription[]>();
    for (const s of subscriptions) byChannel.set(s.channelId, [...(byChannel.get(s.channelId) ?? []), s]);
    for (const [channelId, own] of byChannel) {
      const nonces = alertsIn(discord, channelId).map((m) => m.nonce);
      expect(nonces.sort()).toEqual(own.map((s) => deliveryNonce(deliveryId(publicationId, s.id))).sort());
    }

    // What it took: the bot's own send logs over every process, and the posts the stand-in saw.
    const log = deliveryLog(processes.flatMap((p) => p.logs));
    const histogram = new Map<number, number>();
    for (const attempts of log.attempts.values()) histogram.set(attempts, (histogram.get(attempts) ?? 0) + 1);
    const posts = discord.requests.filter((r) => r.method === 'POST' && /^\/api\/v10\/channels\/\d+\/messages$/.test(r.path));
    const postsByNonce = new Map<unknown, number>();
    for (const post of posts) {
      const nonce = (post.body as { nonce?: unknown }).nonce;
      postsByNonce.set(nonce, (postsByNonce.get(nonce) ?? 0) + 1);
    }
    const repeated = [...postsByNonce].filter(([, count]) => count > 1).map(([nonce]) => nonce);
    const retriedIds = [...log.attempts].filter(([, attempts]) => attempts >= 2).map(([id]) => id);
    console.log(
      [
        `[${name}] ${SUBSCRIPTIONS} alerts, ${KILLS} SIGKILLs once ${killAt.join(', ')} alerts existed; all delivered ${Math.round((Date.now() - killedAt) / 1000)} s after the last restart`,
        `[${name}] send log lines {deliveryId, attempt, status}: ${log.sent.length} 'alert sent' (a killed process may die before its line is written), ${log.retried.length} 'will retry'`,
        `[${name}] deliveries by the attempt that succeeded: ${[...histogram]
          .sort(([a], [b]) => a - b)
          .map(([attempt, count]) => `attempt ${attempt}: ${count}`)
          .join(', ')}`,
        `[${name}] ${retriedIds.length} deliveries were claimed again after a kill; ${repeated.length} of them had reached the stand-in before it, and their nonce returned the message already posted (${posts.length} posts for ${SUBSCRIPTIONS} messages)`,
      ].join('\n'),
    );
    // Each kill interrupted sends in flight (4 at a time, each answered only after a delay): they were sent again…
    expect(retriedIds.length).toBeGreaterThan(0);
    expect(repeated.length).toBeGreaterThan(0);
    // …and only those: a nonce posted twice always belongs to a delivery claimed a second time.
    const retriedNonces = new Set(retriedIds.map(deliveryNonce));
    for (const nonce of repeated) expect(retriedNonces.has(String(nonce))).toBe(true);
    expect(discord.violations).toEqual([]);
  } finally {
    for (const bot of processes) bot.kill();
    await store.close();
    await proxy.close();
    await discord.close();
    await scenario.clean?.();
    work.remove();
  }
}
