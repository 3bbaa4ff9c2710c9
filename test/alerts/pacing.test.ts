// Alert sends paced by the shared REST budget against the stand-in's enforced global
// limit: two workers on one store (as two processes), with latency that shifts and
// bunches when Discord sees each post, send a burst of alerts without a single 429,
// no second of arrivals holds more than the budget leaves to alerts, and together
// they still use nearly all of it.
import { afterEach, beforeEach, expect, it } from 'vitest';

import { busiestSecond, type LocalDiscord, startLocalDiscord } from '../../local-discord/index.js';
import { createAlertsService } from '../../src/alerts/alerts-service.js';
import { OUTBOX } from '../../src/alerts/delivery.js';
import type { Publication } from '../../src/alerts/publication.js';
import { postableChannels } from '../e2e-alerts/harness.js';
import { sqliteBackend } from '../store/store-fixtures.js';
import { type LatencyProxy, startLatencyProxy } from '../support/latency-proxy.js';
import { capturingLogger, deliveryPorts, loadKb, subscription, waitFor } from './alert-fixtures.js';

const TOKEN = 'pacing-test-token';
const GLOBAL_PER_SECOND = 10;
/** The budget leaves one turn a second to interactive requests. */
const SENDS_PER_SECOND = GLOBAL_PER_SECOND - 1;
const CHANNELS = 5;
const ITEMS = 8;
const DELIVERIES = CHANNELS * ITEMS;
/** Each post waits up to this long before the stand-in sees it, and again before its answer returns. */
const MAX_LATENCY_MS = 120;

const kb = await loadKb();

let discord: LocalDiscord;
let proxy: LatencyProxy;
beforeEach(async () => {
  // Route buckets out of the way (generous), so only the global limit is in play.
  discord = await startLocalDiscord({
    token: TOKEN,
    guilds: { guilds: 1, channels: 10 },
    rateLimits: { globalPerSecond: GLOBAL_PER_SECOND, routeLimit: 1_000, routeWindowMs: 1_000 },
  });
  // Random latency both ways, so posts reach the stand-in out of step with when the worker sent them.
  const jitter = () => Math.random() * MAX_LATENCY_MS;
  proxy = await startLatencyProxy(discord, { requestDelay: jitter, answerDelay: jitter });
});
afterEach(async () => {
  await proxy.close();
  await discord.close();
});

function feedItem(n: number): Publication {
  return {
    id: `feed:pacing:${n}`,
    title: `CSTO briefing ${n}`,
    summary: 'Kurzmeldung',
    link: `https://news.example/${n}`,
    source: { kind: 'feed', feedUrl: 'https://news.example/feed' },
    declaredTopics: [],
  };
}

it('sends a burst of alerts just under the global limit, each once and without a 429', async () => {
  const [guild] = discord.world.guilds.values();
  if (!guild) throw new Error('no guild');
  const channels = postableChannels(guild).slice(0, CHANNELS);
  expect(channels).toHaveLength(CHANNELS);

  const location = sqliteBackend.freshLocation();
  const stores = [await location.open(), await location.open()];
  const { logger } = capturingLogger();
  const services = stores.map((store) =>
    createAlertsService({
      store,
      ...deliveryPorts(proxy.apiUrl, TOKEN, { store, perSecond: GLOBAL_PER_SECOND }),
      kbProvider: () => kb,
      logger,
      applicationId: discord.applicationId,
      // More slots than turns, so the budget and not the concurrency sets the pace.
      delivery: { concurrency: 2 * SENDS_PER_SECOND, pollIntervalMs: 20, leaseMs: 10_000, retry: { baseMs: 40, maxMs: 200 } },
    }),
  );
  const [service] = services;
  if (!service) throw new Error('no service');
  for (const channel of channels) {
    expect((await service.subscriptions.add(subscription({ guildId: guild.id, channelId: channel.id, topic: 'csto' }))).status).toBe('added');
  }
  // All queued before the workers start, so they meet the whole burst at once.
  for (let n = 1; n <= ITEMS; n += 1) expect(await service.publish(feedItem(n))).toMatchObject({ status: 'queued', deliveries: CHANNELS });
  for (const each of services) each.startDelivery();
  await waitFor(async () => (await stores[0]!.pending(OUTBOX)) === 0, 14_000, 'the outbox to drain');
  await Promise.all(services.map((each) => each.stop()));

  const posts = discord.requests.filter((r) => r.method === 'POST' && /^\/api\/v10\/channels\/\d+\/messages$/.test(r.path));
  expect(posts.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
  expect(discord.requests.filter((r) => r.status === 429)).toEqual([]);
  expect(discord.violations).toEqual([]);
  // Each alert exactly once: every (channel, item) pair, none twice.
  const posted = discord.messages.map((m) => `${m.channel_id} ${m.embeds[0]?.title}`).sort();
  const expected = channels.flatMap((c) => Array.from({ length: ITEMS }, (_, i) => `${c.id} ${feedItem(i + 1).title}`)).sort();
  expect(posted).toEqual(expected);

  expect(proxy.arrivals).toHaveLength(DELIVERIES);
  // The guarantee itself, measured on the sliding second (stricter than the stand-in's fixed one)…
  expect(busiestSecond(proxy.arrivals)).toBe(SENDS_PER_SECOND);
  // …which alone forces the burst to span this long…
  const span = Math.max(...proxy.arrivals) - Math.min(...proxy.arrivals);
  const rounds = Math.floor((DELIVERIES - 1) / SENDS_PER_SECOND);
  expect(span).toBeGreaterThanOrEqual(rounds * 1000);
  // …and a place comes back 1 s after its answer, so each round costs at most a second plus
  // both latencies; the rest is slack for a loaded machine, well short of another round.
  expect(span).toBeLessThanOrEqual(rounds * (1000 + 2 * MAX_LATENCY_MS) + 1_500);
}, 20_000);
