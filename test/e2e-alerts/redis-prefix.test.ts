// Issue 9, LAGEBILD_REDIS_PREFIX, with the real bot process on a real Redis: two
// deployments with different prefixes share one server without seeing each other's
// subscriptions, every key a bot writes lives under its prefix, and a bot without
// the setting reads a keyspace written under the prefix every earlier version used.
// (The store-level guarantee for every operation, queues included, is in
// test/store/prefixes.test.ts.)
import { randomUUID } from 'node:crypto';

import { ChannelType, Locale } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LocalChannel, type LocalDiscord, type LocalGuild, startLocalDiscord } from '../../local-discord/index.js';
import { createSubscriptionRepository } from '../../src/alerts/subscriptions.js';
import type { InteractionPlace } from '../../src/discord/interaction-payloads.js';
import { openStore } from '../../src/store/open-store.js';
import { alertsCommand, MANAGE_GUILD, opt, resolvedChannel } from '../alerts-command/harness.js';
import { deleteKeys, keysOf, redisReachable } from '../support/redis-keys.js';
import { type BotProcess, guilds, startGatewayBot, subscribeIn, tempWorkDir, TEST_TOKEN } from './harness.js';

/** A database of its own on the test Redis, so the "every key under the prefix" check sees only this test's keys. */
const REDIS_URL = 'redis://127.0.0.1:6379/13';
const run = randomUUID().slice(0, 8);
const PREFIX_A = `e2e-a-${run}`;
const PREFIX_B = `e2e-b-${run}`;
const DEFAULT_PREFIX = 'lagebild';

describe.skipIf(!(await redisReachable(REDIS_URL)))('LAGEBILD_REDIS_PREFIX: deployments sharing one Redis server', () => {
  const work = tempWorkDir('e2e-redis-prefix');
  let discord: LocalDiscord;
  let guild: LocalGuild;
  let channel: LocalChannel;
  let bot: BotProcess | undefined;
  let keysBefore: string[];

  const moderator = (): InteractionPlace => {
    const place = discord.guildPlace();
    return { ...place, locale: Locale.EnglishUS, guild: { ...(place.guild as NonNullable<typeof place.guild>), memberPermissions: MANAGE_GUILD } };
  };
  const startBot = async (prefix: string | undefined) => {
    bot = await startGatewayBot(discord, work.path, {
      LAGEBILD_STORE: REDIS_URL,
      ...(prefix === undefined ? {} : { LAGEBILD_REDIS_PREFIX: prefix }),
    });
  };
  const stopBot = async () => {
    expect(await bot?.stop()).toEqual({ code: 0, signal: null });
    bot = undefined;
  };
  const listReply = async () => JSON.stringify(await discord.sendInteraction(alertsCommand(moderator(), 'list', [])));

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TEST_TOKEN });
    [guild] = guilds(discord) as [LocalGuild];
    channel = guild.channels.find((c) => c.type === ChannelType.GuildText) as LocalChannel;
    await deleteKeys(REDIS_URL, `${DEFAULT_PREFIX}:*`);
    keysBefore = await keysOf(REDIS_URL);
  });

  afterAll(async () => {
    bot?.kill();
    await discord.close();
    for (const prefix of [PREFIX_A, PREFIX_B, DEFAULT_PREFIX]) await deleteKeys(REDIS_URL, `${prefix}:*`);
    work.remove();
  });

  it('keeps every key a bot writes under its prefix', async () => {
    await startBot(PREFIX_A);
    const add = await discord.sendInteraction(
      alertsCommand(moderator(), 'add', [opt.string('topic', 'csto'), opt.channel('channel', channel.id)], resolvedChannel(channel)),
    );
    expect(JSON.stringify(add)).toContain(`will be posted in <#${channel.id}>`);
    expect(await listReply()).not.toContain('This server has no alerts yet');
    await stopBot();

    const written = (await keysOf(REDIS_URL)).filter((key) => !keysBefore.includes(key));
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((key) => !key.startsWith(`${PREFIX_A}:`))).toEqual([]);
    const store = await openStore(REDIS_URL, { keyPrefix: PREFIX_A });
    try {
      expect((await createSubscriptionRepository(store).list(guild.id)).map((s) => s.topic)).toEqual(['csto']);
    } finally {
      await store.close();
    }
  });

  it('does not show one deployment the subscriptions of another', async () => {
    await startBot(PREFIX_B);
    expect(await listReply()).toContain('This server has no alerts yet');
    await stopBot();
    expect(
      (await keysOf(REDIS_URL)).filter((key) => !keysBefore.includes(key) && !key.startsWith(`${PREFIX_A}:`) && !key.startsWith(`${PREFIX_B}:`)),
    ).toEqual([]);
  });

  it('reads a keyspace under the default prefix "lagebild" when the setting is not given', async () => {
    await subscribeIn(REDIS_URL, {
      id: 'olddep1',
      guildId: guild.id,
      channelId: channel.id,
      topic: 'nato',
      language: 'en',
    });
    expect((await keysOf(REDIS_URL, `${DEFAULT_PREFIX}:*`)).length).toBeGreaterThan(0);
    await startBot(undefined);
    const list = await listReply();
    expect(list).not.toContain('This server has no alerts yet');
    expect(list).toContain('olddep1');
    await stopBot();
  });
});
