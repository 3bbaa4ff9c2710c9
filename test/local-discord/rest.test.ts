// The stand-in's REST side through @discordjs/rest: routes, auth, permissions, nonce
// de-duplication, validation, rate-limit headers and injected faults.
import { DiscordAPIError, HTTPError, REST } from '@discordjs/rest';
import type { APIApplicationCommand, APIChannel, APIGuildMember, APIMessage, APIUser } from 'discord-api-types/v10';
import { ChannelType, InteractionResponseType, OverwriteType, PermissionFlagsBits, Routes } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { LocalChannel, LocalDiscord } from '../../local-discord/index.js';
import { startLocalDiscord } from '../../local-discord/index.js';
import { chatInputInteraction } from '../../src/discord/interaction-payloads.js';
import { rejection } from '../support/rejection.js';

const TOKEN = 'test-token.rest';

function restFor(discord: LocalDiscord, token = TOKEN, timeout = 1_000): REST {
  return new REST({ api: discord.apiUrl, retries: 1, timeout, offset: 0 }).setToken(token);
}

describe('REST routes', () => {
  let discord: LocalDiscord;
  let rest: REST;
  let text: LocalChannel;
  let forum: LocalChannel;

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TOKEN });
    rest = restFor(discord);
    const [guild] = discord.world.guilds.values();
    const channels = guild?.channels ?? [];
    text = channels.find((c) => c.type === ChannelType.GuildText) as LocalChannel;
    forum = channels.find((c) => c.type === ChannelType.GuildForum) as LocalChannel;
  });
  afterAll(() => discord.close());
  afterEach(() => {
    discord.violations.length = 0;
  });

  it('answers who the bot is and where the gateway is', async () => {
    const me = (await rest.get(Routes.user())) as APIUser;
    expect(me).toMatchObject({ id: discord.applicationId, bot: true });
    expect(await rest.get(Routes.gatewayBot())).toMatchObject({ url: discord.gatewayUrl, shards: 1, session_start_limit: { max_concurrency: 1 } });
  });

  it('rejects a wrong token with 401 and records requests without the Authorization header', async () => {
    const error = await rejection(restFor(discord, 'wrong').get(Routes.user()));
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 401, code: 0 });
    const recorded = discord.requests.at(-1);
    expect(recorded?.status).toBe(401);
    expect(recorded?.headers).not.toHaveProperty('authorization');
    expect(recorded?.headers['user-agent']).toMatch(/DiscordBot/);
  });

  it('overwrites commands in bulk, keeping the ids of commands that stay', async () => {
    const route = Routes.applicationCommands(discord.applicationId);
    const first = (await rest.put(route, {
      body: [
        { name: 'alliance', description: 'a' },
        { name: 'expert', description: 'e' },
      ],
    })) as APIApplicationCommand[];
    expect(first.map((c) => c.name)).toEqual(['alliance', 'expert']);
    expect(first.every((c) => /^\d+$/.test(c.id) && c.application_id === discord.applicationId)).toBe(true);
    const second = (await rest.put(route, {
      body: [
        { name: 'alliance', description: 'changed' },
        { name: 'summary', description: 's' },
      ],
    })) as APIApplicationCommand[];
    expect(second[0]?.id).toBe(first[0]?.id);
    expect(second[1]?.id).not.toBe(first[1]?.id);
    expect(((await rest.get(route)) as APIApplicationCommand[]).map((c) => c.name)).toEqual(['alliance', 'summary']);
    const guildId = text.guild_id;
    expect(await rest.get(Routes.applicationGuildCommands(discord.applicationId, guildId))).toEqual([]);
  });

  it('answers a bad command definition with 400 (50035) naming the field, and records it', async () => {
    const error = await rejection(rest.put(Routes.applicationCommands(discord.applicationId), { body: [{ name: 'Alliance', description: 'a' }] }));
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({
      status: 400,
      code: 50035,
      rawError: { errors: { 0: { name: { _errors: [expect.objectContaining({ message: expect.stringMatching(/lowercase/) as unknown })] } } } },
    });
    expect(discord.violations).toEqual([expect.objectContaining({ method: 'PUT', violations: [expect.stringMatching(/^\/0\/name: /)] })]);
  });

  it('posts channel messages and serves the channel, roles and the bot member', async () => {
    const message = (await rest.post(Routes.channelMessages(text.id), { body: { content: 'Alert', allowed_mentions: { parse: [] } } })) as APIMessage;
    expect(message).toMatchObject({ channel_id: text.id, content: 'Alert', author: { id: discord.applicationId } });
    expect(discord.messages).toContainEqual(message);
    expect(await rest.get(Routes.channel(text.id))).toMatchObject({ id: text.id, type: ChannelType.GuildText });
    const member = (await rest.get(Routes.guildMember(text.guild_id, discord.applicationId))) as APIGuildMember;
    const roles = (await rest.get(Routes.guildRoles(text.guild_id))) as { id: string }[];
    expect(roles.map((r) => r.id)).toEqual(expect.arrayContaining([text.guild_id, ...member.roles]));
    expect(((await rest.get(Routes.guildChannels(text.guild_id))) as APIChannel[]).map((c) => c.id)).toContain(text.id);
  });

  it('de-duplicates a repeated nonce with enforce_nonce in the same channel', async () => {
    const body = { content: 'Once', nonce: 'alert-42', enforce_nonce: true };
    const first = (await rest.post(Routes.channelMessages(text.id), { body })) as APIMessage;
    const again = (await rest.post(Routes.channelMessages(text.id), { body })) as APIMessage;
    expect(again.id).toBe(first.id);
    expect(discord.messages.filter((m) => m.nonce === 'alert-42')).toHaveLength(1);
    const loose = { content: 'Twice', nonce: 'alert-43' };
    await rest.post(Routes.channelMessages(text.id), { body: loose });
    await rest.post(Routes.channelMessages(text.id), { body: loose });
    expect(discord.messages.filter((m) => m.nonce === 'alert-43')).toHaveLength(2);
  });

  it('refuses channels the bot may not post in with the codes Discord uses', async () => {
    const everyone = text.guild_id;
    const botRole = discord.world.guilds.get(text.guild_id)?.roles.find((r) => r.tags?.bot_id === discord.applicationId)?.id ?? '';
    const overwrite = (id: string, allow: bigint, deny: bigint) => ({ id, type: OverwriteType.Role, allow: String(allow), deny: String(deny) });
    const setOverwrites = (overwrites: ReturnType<typeof overwrite>[]) => {
      if ('permission_overwrites' in text) text.permission_overwrites = overwrites;
    };
    const post = () => rest.post(Routes.channelMessages(text.id), { body: { content: 'x' } });

    setOverwrites([overwrite(botRole, 0n, PermissionFlagsBits.SendMessages)]);
    expect(await rejection(post())).toMatchObject({ status: 403, code: 50013 });
    setOverwrites([overwrite(everyone, 0n, PermissionFlagsBits.ViewChannel)]);
    expect(await rejection(post())).toMatchObject({ status: 403, code: 50001 });
    // A role's allow beats @everyone's deny.
    setOverwrites([overwrite(everyone, 0n, PermissionFlagsBits.ViewChannel), overwrite(botRole, PermissionFlagsBits.ViewChannel, 0n)]);
    await expect(post()).resolves.toMatchObject({ content: 'x' });
    setOverwrites([]);
    expect(await rejection(rest.post(Routes.channelMessages(forum.id), { body: { content: 'x' } }))).toMatchObject({ status: 400, code: 50008 });
    expect(await rejection(rest.post(Routes.channelMessages('1'), { body: { content: 'x' } }))).toMatchObject({ status: 404, code: 10003 });
  });

  it('takes interaction callbacks without auth, then follow-ups and the @original message', async () => {
    const payload = chatInputInteraction(discord.guildPlace(), { name: 'summary' });
    const outcome = discord.expectInteraction(payload);
    const callback = { type: InteractionResponseType.DeferredChannelMessageWithSource };
    await rest.post(Routes.interactionCallback(payload.id, payload.token), { body: callback, auth: false });
    const again = await rejection(rest.post(Routes.interactionCallback(payload.id, payload.token), { body: callback, auth: false }));
    expect(again).toMatchObject({ status: 400, code: 40060 });
    const followUp = (await rest.post(Routes.webhook(discord.applicationId, payload.token), {
      body: { content: 'Follow-up' },
      query: new URLSearchParams({ wait: 'true' }),
      auth: false,
    })) as APIMessage;
    expect(followUp).toMatchObject({ content: 'Follow-up', webhook_id: discord.applicationId });
    expect(await outcome).toEqual({ callback, message: { content: 'Follow-up' } });
    const original = Routes.webhookMessage(discord.applicationId, payload.token, '@original');
    expect(await rest.patch(original, { body: { content: 'Edited' }, auth: false })).toMatchObject({ content: 'Edited' });
    expect(await rest.get(original, { auth: false })).toMatchObject({ content: 'Edited' });
    await rest.delete(original, { auth: false });
    expect(await rejection(rest.get(original, { auth: false }))).toMatchObject({ status: 404, code: 10008 });
    expect(await rejection(rest.post(Routes.interactionCallback('1', 'unknown'), { body: callback, auth: false }))).toMatchObject({
      status: 404,
      code: 10062,
    });
  });

  it('sends rate-limit headers on every response', async () => {
    const response = await fetch(`${discord.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${TOKEN}` } });
    for (const header of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-reset-after', 'x-ratelimit-bucket']) {
      expect(response.headers.get(header), header).toMatch(/\S/);
    }
    const missing = await fetch(`${discord.apiUrl}/v10/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-ratelimit-bucket')).toMatch(/\S/);
  });
});

describe('injected faults', () => {
  let discord: LocalDiscord;
  let channelRoute: `/channels/${string}`;

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TOKEN });
    const [guild] = discord.world.guilds.values();
    channelRoute = Routes.channel(guild?.channels[0]?.id ?? '');
  });
  afterAll(() => discord.close());

  const statusesFor = (path: string) => discord.requests.filter((r) => r.path.endsWith(path)).map((r) => r.status);

  it.each(['user', 'global'] as const)('makes @discordjs/rest wait out a %s 429 and retry once', async (scope) => {
    discord.requests.length = 0;
    discord.inject({ path: channelRoute, kind: 'rate-limit', scope, retryAfter: 1 });
    const started = Date.now();
    await restFor(discord).get(channelRoute);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(statusesFor(channelRoute)).toEqual([429, 200]);
  });

  it.each([
    ['missing-access', 403, 50001],
    ['missing-permissions', 403, 50013],
    ['unknown-channel', 404, 10003],
    ['unauthorized', 401, 0],
  ] as const)('surfaces %s as DiscordAPIError with its code', async (kind, status, code) => {
    discord.inject({ path: channelRoute, kind });
    const error = await rejection(restFor(discord).get(channelRoute));
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status, code });
  });

  it.each([500, 502] as const)('retries a %d and then throws HTTPError', async (status) => {
    discord.requests.length = 0;
    discord.inject({ path: channelRoute, kind: 'server-error', status, times: 2 });
    const error = await rejection(restFor(discord).get(channelRoute));
    expect(error).toBeInstanceOf(HTTPError);
    expect(error).toMatchObject({ status });
    expect(statusesFor(channelRoute)).toEqual([status, status]);
  });

  it('recovers when a 500 clears before the retries run out', async () => {
    discord.inject({ path: channelRoute, kind: 'server-error' });
    await expect(restFor(discord).get(channelRoute)).resolves.toMatchObject({ type: ChannelType.GuildText });
  });

  it('lets a request time out (and be retried) when the connection hangs', async () => {
    discord.inject({ path: channelRoute, kind: 'hang', times: 2 });
    await expect(restFor(discord, TOKEN, 200).get(channelRoute)).rejects.toThrow(/aborted/i);
    expect(discord.requests.slice(-2).map((r) => r.status)).toEqual([0, 0]);
  });

  it('lets a request fail when the connection drops', async () => {
    discord.inject({ path: channelRoute, kind: 'drop' });
    await expect(restFor(discord).get(channelRoute)).rejects.toThrow(/closed/);
    expect(discord.requests.at(-1)).toMatchObject({ status: 0 });
  });

  it('only hits the matching method and path, the given number of times', async () => {
    discord.inject({ path: /\/messages$/, method: 'POST', kind: 'missing-permissions', times: 1 });
    await expect(restFor(discord).get(channelRoute)).resolves.toBeDefined();
  });
});

describe('enforced rate limits', () => {
  let discord: LocalDiscord;

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TOKEN, rateLimits: { routeLimit: 2, routeWindowMs: 300, globalPerSecond: 20 } });
  });
  afterAll(() => discord.close());

  it('lets @discordjs/rest pace itself from the headers without hitting 429', async () => {
    const rest = restFor(discord);
    const [guild] = discord.world.guilds.values();
    const channel = guild?.channels[0]?.id ?? '';
    const started = Date.now();
    await Promise.all(Array.from({ length: 5 }, (_, i) => rest.post(Routes.channelMessages(channel), { body: { content: `m${i}` } })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(discord.requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it('answers a burst over the global limit with global 429s carrying Retry-After', async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, () => fetch(`${discord.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${TOKEN}` } })),
    );
    const scopes = responses.filter((r) => r.status === 429).map((r) => r.headers.get('x-ratelimit-scope'));
    // The route's bucket (2 per window) runs out first, then the global limit of 20.
    expect(scopes).toContain('user');
    const first = responses.find((r) => r.headers.get('x-ratelimit-scope') === 'global');
    expect(first?.status).toBe(429);
    expect(first?.headers.get('x-ratelimit-global')).toBe('true');
    expect(Number(first?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await first?.json()).toMatchObject({ global: true, retry_after: expect.any(Number) as unknown });
  });
});

describe('the global limit over any one second, invalid requests, exempt interaction tokens', () => {
  const GLOBAL = 4;
  let discord: LocalDiscord;
  const me = () => fetch(`${discord.apiUrl}/v10/users/@me`, { headers: { authorization: `Bot ${TOKEN}` } });

  beforeAll(async () => {
    discord = await startLocalDiscord({ token: TOKEN, rateLimits: { routeLimit: 100, routeWindowMs: 1_000, globalPerSecond: GLOBAL } });
  });
  afterAll(() => discord.close());

  it('counts the second from each request, not in fixed seconds', async () => {
    // One now, the rest of the limit but one 600 ms later, one more 450 ms after that: a fixed second
    // starting with the first would have ended and let the next one through; the sliding one refuses it.
    expect((await me()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 600));
    for (let i = 0; i < GLOBAL - 1; i += 1) expect((await me()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await me()).status).toBe(200);
    const refused = await me();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-global')).toBe('true');
    // It frees when the second after the later ones ends, about 0.55 s on.
    expect(Number(refused.headers.get('x-ratelimit-reset-after'))).toBeLessThanOrEqual(0.6);
    // The refused request arrived too: the busiest second is what reached Discord.
    expect(discord.stats()).toMatchObject({ busiestSecond: GLOBAL + 1, rateLimited: 1, invalidRequests: 1 });
  });

  it('exempts requests with an interaction token and counts 401 and 403 as invalid', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    for (let i = 0; i < GLOBAL; i += 1) expect((await me()).status).toBe(200);
    // A follow-up of an unknown interaction: refused as unknown (404), not rate limited.
    const followUp = await fetch(`${discord.apiUrl}/v10/webhooks/${discord.applicationId}/no-such-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'x' }),
    });
    expect(followUp.status).not.toBe(429);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const before = discord.stats().invalidRequests;
    expect((await fetch(`${discord.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot wrong' } })).status).toBe(401);
    const [guild] = discord.world.guilds.values();
    discord.inject({ path: `/guilds/${guild?.id ?? ''}/roles`, kind: 'missing-access' });
    expect((await fetch(`${discord.apiUrl}/v10/guilds/${guild?.id ?? ''}/roles`, { headers: { authorization: `Bot ${TOKEN}` } })).status).toBe(403);
    expect(discord.stats().invalidRequests).toBe(before + 2);
  });
});
