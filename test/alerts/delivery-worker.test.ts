// The delivery worker against a fake poster (the port alerts get instead of REST):
// what it does with each kind of refusal, without a Discord stand-in in between.
import { DiscordAPIError, RateLimitError } from '@discordjs/rest';
import { RESTJSONErrorCodes } from 'discord-api-types/v10';
import { expect, it } from 'vitest';

import { type Delivery, deliveryId, OUTBOX } from '../../src/alerts/delivery.js';
import { createDeliveryWorker } from '../../src/alerts/delivery-worker.js';
import { failedDeliveries, type FailedDelivery } from '../../src/alerts/failed-deliveries.js';
import { createSubscriptionRepository, type PauseReason, type Subscription } from '../../src/alerts/subscriptions.js';
import type { PostMessage } from '../../src/discord/post-message.js';
import { openFresh, sqliteBackend } from '../store/store-fixtures.js';
import { capturingLogger, type LogLine, subscription, waitFor } from './alert-fixtures.js';

const GUILD = '1200000000000000001';
const CHANNEL = '1400000000000000001';
const request = { body: undefined, files: undefined };
const apiError = (status: number, code: number) =>
  new DiscordAPIError({ code, message: 'refused' }, code, status, 'POST', `https://discord.test/api/v10/channels/${CHANNEL}/messages`, request);

interface Run {
  lines: LogLine[];
  failed: FailedDelivery[];
  posts: number[];
  paused: { subscription: Subscription; reason: PauseReason }[];
  sub: Subscription;
}

/** One subscription, one queued delivery, and a worker posting through `post` (it gets the 1-based attempt). */
async function run(post: (attempt: number) => void): Promise<Run> {
  const store = await openFresh(sqliteBackend);
  const subscriptions = createSubscriptionRepository(store);
  const sub = subscription({ guildId: GUILD, channelId: CHANNEL, topic: 'csto' });
  await subscriptions.add(sub);
  const id = deliveryId('feed:test:1', sub.id);
  const delivery: Delivery = { publicationId: 'feed:test:1', subscriptionId: sub.id, guildId: GUILD, channelId: CHANNEL, body: { content: 'x' } };
  await store.enqueue(OUTBOX, id, delivery);
  const { logger, lines } = capturingLogger();
  const posts: number[] = [];
  const paused: Run['paused'] = [];
  const postMessage: PostMessage = async () => {
    posts.push(performance.now());
    await Promise.resolve();
    post(posts.length);
  };
  const worker = createDeliveryWorker({
    store,
    postMessage,
    subscriptions,
    logger,
    onPaused: (s, reason) => {
      paused.push({ subscription: s, reason });
    },
    pollIntervalMs: 10,
    retry: { baseMs: 40, maxMs: 100, maxAttempts: 3 },
  });
  worker.start();
  await waitFor(async () => (await store.pending(OUTBOX)) === 0, 5_000, 'the outbox to drain');
  await worker.stop();
  return { lines, failed: await failedDeliveries(store), posts, paused, sub };
}

it('keeps a delivery Discord refuses as malformed as failed, after one try, and logs its shape but not its text', async () => {
  const { lines, failed, posts, paused } = await run(() => {
    throw apiError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType);
  });
  expect(posts).toHaveLength(1);
  expect(paused).toEqual([]);
  const line = lines.find((l) => l.msg === 'alert refused by Discord; kept as failed');
  expect(line).toMatchObject({ attempt: 1, status: 400, code: 50035, shape: { content: 1 } });
  expect(JSON.stringify(line)).not.toContain('"x"');
  expect(failed).toMatchObject([
    { attempts: 1, status: 400, code: 50035, reason: 'refused', delivery: { channelId: CHANNEL, body: { content: 'x' } } },
  ]);
});

it('gives up after the last attempt of a send that keeps failing, and keeps it as failed', async () => {
  const { lines, failed, posts } = await run(() => {
    throw new Error('connect ECONNREFUSED');
  });
  expect(posts).toHaveLength(3);
  expect(lines.filter((l) => l.msg === 'alert not sent; will retry').map((l) => [l.attempt, l.status])).toEqual([
    [1, 'error'],
    [2, 'error'],
  ]);
  expect(lines.find((l) => l.msg === 'alert failed 3 times; given up and kept as failed')).toMatchObject({ attempt: 3 });
  expect(failed).toMatchObject([{ attempts: 3, status: 'error', reason: 'connect ECONNREFUSED' }]);
});

it('waits out a rate limit REST handed back before trying again', async () => {
  const { posts, lines } = await run((attempt) => {
    if (attempt === 1) {
      throw new RateLimitError({
        timeToReset: 400,
        limit: 5,
        method: 'POST',
        hash: 'h',
        url: `https://discord.test/api/v10/channels/${CHANNEL}/messages`,
        route: '/channels/:id/messages',
        majorParameter: CHANNEL,
        global: false,
        retryAfter: 400,
        sublimitTimeout: 0,
        scope: 'user',
      });
    }
  });
  expect(posts).toHaveLength(2);
  const [first = 0, second = 0] = posts;
  // Far beyond the 40 ms backoff: Discord's wait wins.
  expect(second - first).toBeGreaterThanOrEqual(380);
  expect(lines.filter((l) => 'status' in l).map((l) => l.status)).toEqual([429, 200]);
});

it('pauses the channel on Missing Permissions and tells the moderators once', async () => {
  const { posts, paused, sub } = await run(() => {
    throw apiError(403, RESTJSONErrorCodes.MissingPermissions);
  });
  expect(posts).toHaveLength(1);
  expect(paused).toHaveLength(1);
  expect(paused[0]).toMatchObject({
    reason: 'missing-permissions',
    subscription: { id: sub.id, paused: { reason: 'missing-permissions', code: 50013 } },
  });
});
