// Alerts through the local Discord stand-in: delivered once, retried on 429 and 5xx,
// paused on 403/404 with a notice to the moderators, and repeated with the same nonce
// when the confirmation was lost.
import { afterEach, beforeEach, expect, it } from 'vitest';

import { type LocalDiscord, startLocalDiscord } from '../../local-discord/index.js';
import { type AlertsService, createAlertsService } from '../../src/alerts/alerts-service.js';
import { OUTBOX } from '../../src/alerts/delivery.js';
import type { Publication } from '../../src/alerts/publication.js';
import type { Subscription } from '../../src/alerts/subscriptions.js';
import { t } from '../../src/i18n/t.js';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import type { Store } from '../../src/store/store.js';
import { describeEachBackend, openFresh } from '../store/store-fixtures.js';
import { capturingLogger, deliveryPorts, loadKb, type LogLine, subscription, waitFor } from './alert-fixtures.js';

const TOKEN = 'alerts-test-token';
const kb: KnowledgeBase = await loadKb();

let discord: LocalDiscord;
beforeEach(async () => {
  discord = await startLocalDiscord({ token: TOKEN });
});
afterEach(async () => {
  await discord.close();
});

let feedItems = 0;
function feedItem(title: string): Publication {
  feedItems += 1;
  return {
    id: `feed:test:${feedItems}`,
    title,
    summary: 'Kurzmeldung',
    link: 'https://news.example/a',
    source: { kind: 'feed', feedUrl: 'https://news.example/feed' },
    declaredTopics: [],
  };
}

function place() {
  const [guild] = discord.world.guilds.values();
  if (!guild) throw new Error('no guild');
  const [general, alerts] = guild.channels;
  return { guild, general: general!.id, alerts: alerts!.id };
}

interface Harness {
  service: AlertsService;
  store: Store;
  lines: LogLine[];
}

function startService(store: Store, options: { concurrency?: number; leaseMs?: number } = {}): Harness {
  const { logger, lines } = capturingLogger();
  const service = createAlertsService({
    store,
    ...deliveryPorts(discord.apiUrl, TOKEN),
    kbProvider: () => kb,
    logger,
    applicationId: discord.applicationId,
    delivery: { pollIntervalMs: 20, leaseMs: options.leaseMs ?? 5_000, concurrency: options.concurrency ?? 4, retry: { baseMs: 40, maxMs: 200 } },
  });
  service.startDelivery();
  return { service, store, lines };
}

const postsTo = (channelId: string) => discord.requests.filter((r) => r.method === 'POST' && r.path === `/api/v10/channels/${channelId}/messages`);
const attemptsOf = (lines: LogLine[], deliveryId: string) =>
  lines.filter((l) => l.deliveryId === deliveryId && 'status' in l).map((l) => ({ attempt: l.attempt, status: l.status }));

async function add(service: AlertsService, sub: Subscription): Promise<Subscription> {
  expect((await service.subscriptions.add(sub)).status).toBe('added');
  return sub;
}

describeEachBackend('alert delivery', (backend) => {
  it('posts the alert once, pinging only the chosen role', async () => {
    const { guild, alerts } = place();
    const role = guild.roles[2]!.id;
    const { service, store, lines } = startService(await openFresh(backend));
    const sub = await add(service, subscription({ guildId: guild.id, channelId: alerts, topic: 'csto', roleId: role }));
    const result = await service.publish(feedItem('Armenien friert OVKS-Beteiligung ein'));
    expect(result).toMatchObject({ status: 'queued', deliveries: 1 });
    await waitFor(async () => (await store.pending(OUTBOX)) === 0, 10_000, 'the outbox to drain');
    await service.stop();

    const posted = discord.messages.filter((m) => m.channel_id === alerts);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.content).toBe(`<@&${role}>`);
    expect(posted[0]?.embeds[0]?.title).toBe('Armenien friert OVKS-Beteiligung ein');
    const [request] = postsTo(alerts);
    expect((request?.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({ parse: [], roles: [role] });
    expect(discord.violations).toEqual([]);
    expect(attemptsOf(lines, `feed:test:${feedItems}|${sub.id}`)).toEqual([{ attempt: 1, status: 200 }]);
  });

  it('retries a 429 and 5xx answers and delivers once', async () => {
    const { guild, alerts } = place();
    const { service, store, lines } = startService(await openFresh(backend));
    const sub = await add(service, subscription({ guildId: guild.id, channelId: alerts, topic: 'csto' }));
    const path = `/channels/${alerts}/messages`;
    discord.inject({ kind: 'rate-limit', path, retryAfter: 0.2 });
    discord.inject({ kind: 'server-error', status: 502, path, times: 2 });
    await service.publish(feedItem('CSTO exercise in Kazakhstan'));
    await waitFor(async () => (await store.pending(OUTBOX)) === 0, 15_000, 'the outbox to drain');
    await service.stop();

    expect(discord.messages.filter((m) => m.channel_id === alerts)).toHaveLength(1);
    expect(postsTo(alerts).map((r) => r.status)).toEqual([429, 502, 502, 200]);
    expect(attemptsOf(lines, `feed:test:${feedItems}|${sub.id}`)).toEqual([
      { attempt: 1, status: 502 },
      { attempt: 2, status: 502 },
      { attempt: 3, status: 200 },
    ]);
  });

  it('pauses the channel on 403, sends nothing more to it and tells the moderators once', async () => {
    const { guild, general, alerts } = place();
    const { service, store, lines } = startService(await openFresh(backend), { concurrency: 1 });
    const csto = await add(service, subscription({ guildId: guild.id, channelId: alerts, topic: 'csto', language: 'de' }));
    const armenia = await add(service, subscription({ guildId: guild.id, channelId: alerts, topic: 'armenia' }));
    discord.inject({ kind: 'missing-permissions', path: `/channels/${alerts}/messages`, times: 100 });
    expect(await service.publish(feedItem('Armenien friert OVKS-Beteiligung ein'))).toMatchObject({ deliveries: 2 });
    await waitFor(async () => (await store.pending(OUTBOX)) === 0, 10_000, 'the outbox to drain');
    expect(await service.publish(feedItem('OVKS: nächster Gipfel'))).toMatchObject({ status: 'queued', deliveries: 0 });
    await waitFor(() => discord.messages.some((m) => m.channel_id === general), 5_000, 'the notice');
    await service.stop();

    expect(postsTo(alerts)).toHaveLength(1);
    for (const id of [csto.id, armenia.id]) {
      expect((await service.subscriptions.get(guild.id, id))?.paused).toMatchObject({ reason: 'missing-permissions', code: 50013 });
    }
    const notices = discord.messages.filter((m) => m.channel_id === general);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.content).toContain(`<#${alerts}>`);
    expect(notices[0]?.content).toMatch(/pausiert|paused/);
    expect(lines.filter((l) => l.status === 'skipped')).toHaveLength(1);
    expect(discord.violations).toEqual([]);
  });

  it('pauses a subscription whose channel is gone (404) and tells the moderators', async () => {
    const { guild, general } = place();
    const { service, store } = startService(await openFresh(backend));
    const gone = '399999999999999999';
    const sub = await add(service, subscription({ guildId: guild.id, channelId: gone, topic: 'nato' }));
    await service.publish(feedItem('NATO summit'));
    await waitFor(async () => (await store.pending(OUTBOX)) === 0, 10_000, 'the outbox to drain');
    await waitFor(() => discord.messages.some((m) => m.channel_id === general), 5_000, 'the notice');
    await service.stop();

    expect((await service.subscriptions.get(guild.id, sub.id))?.paused).toMatchObject({ reason: 'unknown-channel', code: 10003 });
    expect(postsTo(gone)).toHaveLength(1);
    expect(discord.messages.find((m) => m.channel_id === general)?.content).toContain(t('en', 'alerts.fix.unknown-channel'));
  });

  it('repeats a send whose confirmation was lost with the same nonce, and Discord posts it once', async () => {
    const { guild, alerts } = place();
    const real = await openFresh(backend);
    let lost = false;
    // The first `complete` fails, as if the process died right after Discord answered.
    const store = new Proxy(real, {
      get(target, property) {
        if (property === 'complete' && !lost) {
          lost = true;
          return () => Promise.reject(new Error('crashed before recording the delivery'));
        }
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value.bind(target) as unknown) : value;
      },
    });
    const { service, lines } = startService(store, { leaseMs: 300 });
    const sub = await add(service, subscription({ guildId: guild.id, channelId: alerts, topic: 'csto' }));
    await service.publish(feedItem('OVKS tagt'));
    await waitFor(async () => (await real.pending(OUTBOX)) === 0, 10_000, 'the outbox to drain');
    await service.stop();

    const posts = postsTo(alerts);
    expect(posts).toHaveLength(2);
    const nonces = posts.map((r) => (r.body as { nonce: string }).nonce);
    expect(nonces[0]).toBe(nonces[1]);
    expect(discord.messages.filter((m) => m.channel_id === alerts)).toHaveLength(1);
    expect(attemptsOf(lines, `feed:test:${feedItems}|${sub.id}`)).toEqual([
      { attempt: 1, status: 200 },
      { attempt: 2, status: 200 },
    ]);
  });

  it('finishes the send in flight when stopped', async () => {
    const { guild, alerts } = place();
    const { service, store } = startService(await openFresh(backend));
    await add(service, subscription({ guildId: guild.id, channelId: alerts, topic: 'csto' }));
    await service.publish(feedItem('OVKS'));
    await waitFor(() => postsTo(alerts).length > 0, 5_000, 'the send to start');
    await service.stop();
    expect(discord.messages.filter((m) => m.channel_id === alerts)).toHaveLength(1);
    expect(await store.pending(OUTBOX)).toBe(0);
  });
});
