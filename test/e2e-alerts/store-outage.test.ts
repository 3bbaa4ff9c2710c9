// Store outages with the real bot process: a Redis server the test owns, hung
// (SIGSTOP: connections stay open, nothing answers) or stopped and started again,
// and an SQLite file deleted under a running bot. The bot answers /alerts in time
// with "temporarily unavailable", /healthz says 503 while the store cannot write and
// 200 once it can again (HTTP mode, and gateway mode on LAGEBILD_HEALTH_PORT), and
// articles published during the outage are alerted once the store is back, in order.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { type APIInteractionResponseCallbackData, ChannelType, InteractionResponseType, Locale } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type InteractionOutcome, type LocalChannel, type LocalDiscord, type LocalGuild, startLocalDiscord } from '../../local-discord/index.js';
import type { InteractionPlace } from '../../src/discord/interaction-payloads.js';
import { t } from '../../src/i18n/t.js';
import { alertsCommand, MANAGE_GUILD } from '../alerts-command/harness.js';
import { type BotProcess, startHttpBot } from '../e2e/bot-process.js';
import { freePort, type OwnRedis, startOwnRedis } from '../support/own-redis.js';
import { alertsIn, copyData, guilds, type NewArticle, publishArticle, startGatewayBot, subscribeIn, tempWorkDir, TEST_TOKEN } from './harness.js';

/** `GET /healthz` with the time it took; a request that gets no answer within `timeoutMs` fails. */
async function healthz(port: number, timeoutMs = 6000): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
  await response.arrayBuffer();
  return { status: response.status, ms: Date.now() - started };
}

/** Polls /healthz until it answers `status`; each answer must come within 5 s. */
async function healthBecomes(port: number, status: number, timeoutMs: number): Promise<void> {
  await expect
    .poll(
      async () => {
        const answer = await healthz(port);
        expect(answer.ms).toBeLessThan(5000);
        return answer.status;
      },
      { timeout: timeoutMs, interval: 250 },
    )
    .toBe(status);
}

function contentOf({ callback, message }: InteractionOutcome): string {
  const data =
    callback.type === InteractionResponseType.ChannelMessageWithSource ? callback.data : (message as APIInteractionResponseCallbackData | undefined);
  return data?.content ?? '';
}

const FIRST: NewArticle = {
  id: 'e2e-outage-1-csto-exercise',
  title: { en: 'CSTO plans a staff exercise', de: 'OVKS plant eine Stabsübung' },
  topics: ['csto-cohesion'],
  entities: ['csto'],
  point: { en: 'The exercise is planned for spring.', de: 'Die Übung ist für das Frühjahr geplant.' },
};

const SECOND: NewArticle = {
  id: 'e2e-outage-2-csto-exercise-held',
  title: { en: 'CSTO holds the staff exercise', de: 'OVKS hält die Stabsübung ab' },
  topics: ['csto-cohesion'],
  entities: ['csto'],
  point: { en: 'Armenia stayed away.', de: 'Armenien blieb fern.' },
};

const noRedisServer = spawnSync('redis-server', ['--version']).status !== 0;
if (noRedisServer) console.warn('Skipping "store outages": no redis-server program to start a Redis of the test\'s own');

describe.skipIf(noRedisServer)('store outages: the real bot process', () => {
  const work = tempWorkDir('e2e-store-outage');
  let discord: LocalDiscord;
  let redis: OwnRedis;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    redis = await startOwnRedis(work.path);
  });

  afterEach(async () => {
    bot?.kill();
    bot = undefined;
    redis.wakeUp();
    if (!redis.running) await redis.start();
  });

  afterAll(async () => {
    bot?.kill();
    // Each step even when beforeAll failed half-way.
    await Promise.resolve()
      .then(() => redis.kill())
      .catch(() => undefined);
    await Promise.resolve()
      .then(() => discord.close())
      .catch(() => undefined);
    work.remove();
  });

  const moderator = (): InteractionPlace => {
    const place = discord.guildPlace();
    if (place.guild === undefined) throw new Error('the stand-in has no guild');
    return { ...place, locale: Locale.EnglishUS, guild: { ...place.guild, memberPermissions: MANAGE_GUILD } };
  };

  /** /healthz on `port` says 200; 503 within 5 s once Redis is down, 200 within 15 s once it is back; the same with Redis hung. */
  const healthFollowsRedis = async (port: number) => {
    await healthBecomes(port, 200, 5000);

    await redis.stop();
    await healthBecomes(port, 503, 5000);
    await redis.start();
    await healthBecomes(port, 200, 15_000);

    redis.hang();
    await healthBecomes(port, 503, 5000);
    redis.wakeUp();
    await healthBecomes(port, 200, 15_000);
  };

  it('answers /alerts list with "temporarily unavailable" within 3 s while Redis hangs or is down, and normally in between', async () => {
    bot = await startGatewayBot(discord, work.path, { LAGEBILD_STORE: redis.url });
    redis.hang();
    const started = Date.now();
    const outcome = await discord.sendInteraction(alertsCommand(moderator(), 'list'), 5000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(contentOf(outcome)).toBe(t('en', 'error.storeUnavailable'));

    redis.wakeUp();
    const after = await discord.sendInteraction(alertsCommand(moderator(), 'list'), 5000);
    expect(contentOf(after)).toBe(t('en', 'alerts.list.empty'));

    // Down rather than hung: refused at once, the same answer.
    await redis.stop();
    const down = Date.now();
    const whileDown = await discord.sendInteraction(alertsCommand(moderator(), 'list'), 5000);
    expect(Date.now() - down).toBeLessThan(3000);
    expect(contentOf(whileDown)).toBe(t('en', 'error.storeUnavailable'));
  }, 30_000);

  it('gateway mode: /healthz on LAGEBILD_HEALTH_PORT says 503 within 5 s while Redis is down or hung, 200 once it is back', async () => {
    const port = await freePort();
    bot = await startGatewayBot(discord, work.path, { LAGEBILD_STORE: redis.url, LAGEBILD_HEALTH_PORT: String(port) });
    await healthFollowsRedis(port);
  }, 90_000);

  it('HTTP mode: /healthz says 503 within 5 s while Redis is down or hung, 200 once it is back', async () => {
    const started = await startHttpBot(discord, work.path, 'a'.repeat(64), { LAGEBILD_STORE: redis.url });
    bot = started.bot;
    const { port } = started;
    await healthFollowsRedis(port);

    // A hung store does not hold up shutdown either.
    redis.hang();
    expect(await bot.stop(10_000)).toEqual({ code: 0, signal: null });
  }, 90_000);

  it('HTTP mode with SQLite: /healthz says 503 within 5 s once the database file is deleted under the running bot', async () => {
    const storePath = join(work.path, 'deleted.sqlite');
    const started = await startHttpBot(discord, work.path, 'a'.repeat(64), { LAGEBILD_STORE: `sqlite:${storePath}` });
    bot = started.bot;
    const { port } = started;
    await healthBecomes(port, 200, 5000);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${storePath}${suffix}`, { force: true });
    await healthBecomes(port, 503, 5000);
  }, 60_000);

  it('alerts articles published while Redis was down once it is back, in publication order', async () => {
    const dataDir = copyData(work.path);
    const [guild] = guilds(discord) as [LocalGuild];
    const channel = guild.channels.find((c) => c.type === ChannelType.GuildText) as LocalChannel;
    await subscribeIn(redis.url, {
      id: 'outage1',
      guildId: guild.id,
      channelId: channel.id,
      topic: 'csto',
      language: 'en',
    });
    bot = await startGatewayBot(discord, work.path, { LAGEBILD_STORE: redis.url, LAGEBILD_DATA_DIR: dataDir });
    await bot.waitForLog('knowledge base loaded');
    const before = alertsIn(discord, channel.id).length;

    await redis.stop();
    for (const spec of [FIRST, SECOND]) {
      const from = bot.logs.length;
      await publishArticle(join(work.path, `${spec.id}.json`), dataDir, spec);
      await bot.waitForLog('knowledge base loaded', { from });
    }
    // Nothing can be recorded meanwhile; no further data change follows.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(alertsIn(discord, channel.id)).toHaveLength(before);

    await redis.start();
    await expect.poll(() => alertsIn(discord, channel.id).length, { timeout: 30_000, interval: 200 }).toBe(before + 2);
    expect(
      alertsIn(discord, channel.id)
        .slice(before)
        .map((m) => m.embeds[0]?.title),
    ).toEqual([FIRST.title.en, SECOND.title.en]);
  }, 90_000);
});
